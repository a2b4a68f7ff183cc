import { test, expect, loginAs } from "./fixtures";

test("a gate flips from no-go to go when the CEO enters the month that meets it; the linked KR and the executive dashboard move with it", async ({ page }) => {
  test.setTimeout(120_000); // two snapshot saves and six page loads
  // The CEO re-records the latest closed month M with one more customer (M does not move, so
  // other tests keep their "as of" month), then restores it.
  await loginAs(page, "ceo", "/dashboards/executive");
  const M = await page.locator("#as-of").inputValue();
  await page.goto(`/finance/snapshots?edit=${M}`);
  const snapshot = page.locator("#snapshot-form");
  const customersField = snapshot.getByLabel("Customers at month end");
  const newField = snapshot.getByLabel("New customers");
  const customers = Number(await customersField.inputValue());
  const newCustomers = Number(await newField.inputValue());
  expect(customers).toBeGreaterThan(0);

  const name = `More customers ${Date.now()}`;
  await page.goto("/governance/gates");
  const form = page.locator("form.gate-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Due date").fill("2026-01-31"); // passed: not met means no-go
  await form.getByLabel("Metric 1", { exact: true }).selectOption("finance.customers");
  await form.getByLabel("Operator 1", { exact: true }).selectOption(">=");
  await form.getByLabel("Threshold 1", { exact: true }).fill(String(customers + 1));
  await form.getByLabel("Metric 2", { exact: true }).selectOption("finance.arr");
  await form.getByLabel("Operator 2", { exact: true }).selectOption(">=");
  await form.getByLabel("Threshold 2", { exact: true }).fill("100"); // k€
  await form.getByRole("button", { name: "Add gate" }).click();
  await expect(page.getByRole("status")).toContainText("Gate added.");
  const card = page.getByTestId("gate-card").filter({ has: page.getByRole("heading", { name }) });
  await expect(card.getByTestId("gate-verdict")).toHaveText("No-go");
  await expect(card).toContainText("≥ €100,000");
  await expect(card.getByTestId("criterion-value").first()).toHaveText(String(customers));

  const saveMonth = async (c: number, n: number) => {
    await page.goto(`/finance/snapshots?edit=${M}`);
    await customersField.fill(String(c));
    await newField.fill(String(n));
    await snapshot.getByRole("button", { name: "Save snapshot" }).click();
    await expect(page.getByText("Snapshot of")).toBeVisible();
  };
  await saveMonth(customers + 1, newCustomers + 1);
  await page.goto("/governance/gates");
  await expect(card.getByTestId("gate-verdict")).toHaveText("Go");
  await expect(card.getByTestId("criterion-value").first()).toHaveText(String(customers + 1));
  await expect(card.getByTestId("criterion-value").first()).toHaveAttribute("data-metric", "finance.customers");
  await expect(card.getByTestId("criterion-value").first()).toHaveAttribute("data-value", String(customers + 1));
  // the executive dashboard's gate panel and its Customers tile read the same catalogue figure: they moved too
  await page.goto("/dashboards/executive");
  const panelGate = page.locator(".gates-list__item").filter({ hasText: name });
  await expect(panelGate.locator('[data-metric="finance.customers"]')).toHaveAttribute("data-value", String(customers + 1));
  const execMarks = page.locator('[data-metric="finance.customers"]');
  expect(await execMarks.count()).toBeGreaterThanOrEqual(2);
  for (const mark of await execMarks.all()) await expect(mark).toHaveAttribute("data-value", String(customers + 1));
  // the key result linked to finance.customers (the company objective of the current cycle) moved to the same value
  await page.goto("/okrs");
  // (the KR links sit in the objectives' collapsed "Key results")
  const krHref = await page
    .locator('a[href^="/okrs/kr/"]', { hasText: /^Paying customers from/ })
    .first()
    .getAttribute("href");
  expect(krHref).toMatch(/^\/okrs\/kr\/\d+$/);
  await page.goto(krHref!);
  await expect(page.getByTestId("kr-linked-metric")).toContainText("finance.customers");
  await expect(page.getByTestId("kr-current-value")).toHaveAttribute("data-value", String(customers + 1));
  await expect(page.getByTestId("kr-current-value")).toHaveText(`${customers + 1} customers`);
  // its check-in form asks for confidence and a note only
  await expect(page.locator("form.checkin-form input[name=value]")).toHaveCount(0);

  // restore the month; the gate falls back to no-go
  await saveMonth(customers, newCustomers);
  await page.goto("/governance/gates");
  await expect(card.getByTestId("gate-verdict")).toHaveText("No-go");
});

test("compliance progress is shown per framework and a requirement is editable with a validated evidence link", async ({ page }) => {
  await loginAs(page, "cto", "/governance/compliance");
  await expect(page.getByRole("heading", { level: 1, name: "Compliance" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "GDPR: Done" })).toBeVisible();
  await page.getByLabel("Evidence link of Art. 37").fill("not a link");
  await page.getByRole("button", { name: "Save Art. 37" }).click();
  // the save revalidates a 45-row page: give a loaded machine time
  await expect(page.getByRole("alert")).toContainText("must be a full http(s) link", { timeout: 20_000 });
  await page.getByLabel("Evidence link of Art. 37").fill("https://drive.example.com/dpo.pdf");
  await page.getByLabel("Status of Art. 37").selectOption("done");
  await page.getByLabel("Result of Art. 37").selectOption("compliant");
  await page.getByRole("button", { name: "Save Art. 37" }).click();
  await expect(page.getByRole("status")).toContainText("Requirement saved.", { timeout: 20_000 });
  await expect(page.getByLabel("Status of Art. 37")).toHaveValue("done");
});

test("the CTO archives a framework the company no longer follows, then restores it (its requirements kept)", async ({ page }) => {
  await loginAs(page, "cto", "/governance/compliance");
  await expect(page.getByRole("progressbar", { name: "SOC 2: Done" })).toBeVisible();
  await page.getByRole("button", { name: "Archive SOC 2" }).click();
  await expect(page.getByRole("status")).toContainText("Framework SOC 2 archived: its requirements are kept.", { timeout: 20_000 });
  await expect(page.getByRole("progressbar", { name: "SOC 2: Done" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Archived frameworks" })).toBeVisible();
  await expect(page.getByText(/SOC 2 — \d+ requirements kept/)).toBeVisible();
  // the CTO dashboard's compliance panel leaves it out too
  await page.goto("/dashboards/cto");
  await expect(page.getByRole("progressbar", { name: "GDPR: Done" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "SOC 2: Done" })).toHaveCount(0);
  await page.goto("/governance/compliance");
  await page.getByRole("button", { name: "Restore SOC 2" }).click();
  await expect(page.getByRole("status")).toContainText("Framework SOC 2 restored.", { timeout: 20_000 });
  await expect(page.getByRole("progressbar", { name: "SOC 2: Done" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Archived frameworks" })).toHaveCount(0);
});

test("a viewer sees maturity history as a chart and cannot edit", async ({ page }) => {
  await loginAs(page, "viewer", "/governance/maturity");
  await expect(page.locator("figcaption").getByText("Maturity scores over time")).toBeVisible();
  await expect(page.locator(".maturity-latest__item")).toHaveCount(5);
  await expect(page.getByRole("button", { name: "Save assessment" })).toHaveCount(0);
});
