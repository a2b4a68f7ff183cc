import { test, expect, loginAs, postFromPage } from "./fixtures";

test("the CEO creates a scenario and sees it beside the base plan, on the chart and in the table", async ({ page }) => {
  await loginAs(page, "ceo", "/scenarios");
  await expect(page.getByTestId("scenario-on-track")).toContainText("On track for B — Normal growth");
  const name = `Bridge only ${Date.now()}`;
  const form = page.locator("#scenario-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Probability (%)").fill("10");
  await form.getByLabel("IT cost change (%)").fill("-20");
  await form.getByLabel("Month 1").fill("2027-03");
  await form.getByLabel("Amount 1 (€)").fill("500000");
  await form.getByRole("button", { name: "Add scenario" }).click();
  await expect(page.getByRole("status")).toContainText(`Scenario ${name} added.`);
  const table = page.getByTestId("scenario-table");
  await expect(table.locator("tr[data-scenario]").first()).toHaveAttribute("data-scenario", "Base plan (today's forecast)");
  await expect(table.locator(`tr[data-scenario="${name}"]`)).toBeVisible();
  // the chart's legend names it beside the base plan
  await expect(page.locator("figure, .chart").filter({ hasText: "Cash by scenario" }).first()).toContainText(name);
  await expect(page.locator("figure, .chart").filter({ hasText: "Cash by scenario" }).first()).toContainText("Base plan (today's forecast)");
  // its funding puts more cash in the table than the base plan a year out
  const cash = async (row: string) => Number((await table.locator(`tr[data-scenario="${row}"] td`).nth(1).innerText()).replace(/[^\d-]/g, ""));
  expect(await cash(name)).toBeGreaterThan(await cash("Base plan (today's forecast)"));
  // and it can be deleted again
  await page
    .getByTestId("scenario-card")
    .filter({ hasText: name })
    .getByRole("button", { name: /Delete/ })
    .click();
  await expect(page.getByRole("status")).toContainText("Scenario deleted.");
});

test("the CEO records a gate decision with the figures it was taken on", async ({ page }) => {
  await loginAs(page, "ceo", "/governance/gates");
  await page.getByRole("link", { name: /Decisions on European expansion|Decision: .* on European expansion/ }).click();
  await expect(page.getByRole("heading", { name: "European expansion: decisions" })).toBeVisible();
  const rationale = `Not profitable yet ${Date.now()}`;
  await page.locator('select[name="decision"]').selectOption("alternative");
  await page.getByLabel("Alternative chosen").fill("Focus on France");
  await page.locator('textarea[name="rationale"]').fill(rationale);
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByRole("status")).toContainText("Decision recorded: Alternative.");
  await expect(page.getByTestId("gate-last-decision")).toContainText("Alternative");
  await expect(page.getByTestId("gate-last-decision")).toContainText("today's figures still support it");
  const entry = page.getByTestId("gate-decisions").locator("li").filter({ hasText: rationale });
  await expect(entry).toContainText("Paying customers");
});

test("a lead moves a roadmap item to done and the key result page counts it", async ({ page }) => {
  await loginAs(page, "lead", "/roadmap");
  const item = page.locator('[data-roadmap-item="CORE-03"]').first();
  const krLink = item.locator('a[href^="/okrs/kr/"]').first();
  const href = await krLink.getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(href!);
  const before = await page.getByTestId("kr-roadmap-completion").innerText();
  const done = (t: string) => Number(/(\d+) of/.exec(t)?.[1]);
  await page.goto("/roadmap");
  await page.locator('[data-roadmap-item="CORE-03"]').first().getByLabel("Status of CORE-03").selectOption("done");
  await page.locator('[data-roadmap-item="CORE-03"]').first().getByRole("button", { name: /Move/ }).click();
  await expect(page.getByRole("status")).toContainText("CORE-03: Done.");
  await page.goto(href!);
  const after = await page.getByTestId("kr-roadmap-completion").innerText();
  expect(done(after)).toBe(done(before) + 1);
  // put it back for the other tests
  await page.goto("/roadmap");
  await page.locator('[data-roadmap-item="CORE-03"]').first().getByLabel("Status of CORE-03").selectOption("planned");
  await page.locator('[data-roadmap-item="CORE-03"]').first().getByRole("button", { name: /Move/ }).click();
  await expect(page.getByRole("status")).toContainText("CORE-03: Planned.");
  // another squad's item offers no control, and a forged post is refused
  await expect(page.locator('[data-roadmap-item="PAY-01"]').first().getByRole("button")).toHaveCount(0);
  // the squad's items are imported from a file on the /import hub; another squad's row is named and nothing is written
  await page.goto("/import");
  const hub = page.locator("#import-roadmap");
  const head = "key,title,team,quarter,sprint,status,owner_email,key_result_ids\n";
  await hub
    .getByLabel("CSV file")
    .setInputFiles({ name: "roadmap.csv", mimeType: "text/csv", buffer: Buffer.from(`${head}PAY-70,Not ours,Payments,2027-Q1,,planned,,\n`) });
  await hub.getByRole("button", { name: /Import roadmap items/ }).click();
  await expect(page.locator("body")).toContainText("you may not edit this squad's items");
  await page
    .locator("#import-roadmap")
    .getByLabel("CSV file")
    .setInputFiles({
      name: "roadmap.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${head}CORE-70,Imported from a file,Core,2027-Q1,,planned,,\n`),
    });
  await page
    .locator("#import-roadmap")
    .getByRole("button", { name: /Import roadmap items/ })
    .click();
  await expect(page.locator("#import-roadmap").getByRole("status")).toContainText("Roadmap items: imported 1 row: 1 created, 0 updated.");
});

test("a viewer reads scenarios, the plan and the roadmap without any edit control or salary", async ({ page }) => {
  await loginAs(page, "viewer", "/scenarios");
  await expect(page.getByText("Figures without any hiring plan")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add scenario|Delete/ })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(/salary/i);
  const res = await postFromPage(page, "/scenarios", { form: { intent: "delete", scenarioId: "1" } });
  expect(res.status()).toBe(403);
  await page.goto("/strategy");
  await expect(page.getByTestId("plan-table")).toBeVisible();
  // last year's cells show the figure it ended on (read from the data), this year's today's figure
  await expect(page.locator('[data-plan-metric="finance.customers"] [data-testid="plan-year-actual"]').first()).toContainText(/ended at \d+/);
  await expect(page.getByTestId("milestones")).toBeVisible();
  // the drawn timeline is decoration for screen readers (the list is what they read), and at 390 px it scrolls inside its box
  const drawing = page.getByTestId("milestone-timeline").locator("svg.timeline__svg");
  await expect(drawing).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByTestId("milestone-timeline").locator('[data-state="overdue"], [data-state="achieved"]').first()).toBeAttached();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = page.getByTestId("milestone-timeline").locator(".timeline__scroll");
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByRole("button", { name: /Set target|Add milestone/ })).toHaveCount(0);
  await page.goto("/roadmap");
  await expect(page.getByTestId("roadmap-board")).toBeVisible();
  await expect(page.getByRole("button", { name: /Move|Add item|Import/ })).toHaveCount(0);
  await page.goto("/import");
  await expect(page.locator("#import-roadmap")).toContainText("Your role cannot import these.");
  await page.goto("/dashboards/executive");
  await expect(page.getByTestId("exec-scenarios")).toContainText("On track for B — Normal growth");
});
