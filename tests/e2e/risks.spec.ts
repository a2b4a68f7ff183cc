import { test, expect, loginAs } from "./fixtures";

test("a lead proposes a risk and the CEO accepts it", async ({ page, browser }) => {
  const title = `Vendor lock-in on the vector DB ${Date.now()}`;
  await loginAs(page, "lead", "/risks");
  await page.getByRole("link", { name: "Propose a risk" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Propose a risk" })).toBeVisible();
  // no status field for a lead: a proposal is always "proposed"
  await expect(page.getByLabel("Status")).toHaveCount(0);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Category").selectOption("technical");
  await page.locator("#inherentLikelihood").selectOption("4");
  await page.locator("#inherentImpact").selectOption("4");
  await page.locator("#residualLikelihood").selectOption("3");
  await page.locator("#residualImpact").selectOption("3");
  await page.getByRole("button", { name: "Propose risk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("risk-status")).toHaveText("Proposed");
  // a lead cannot accept
  await expect(page.getByRole("button", { name: "Accept proposal" })).toHaveCount(0);
  const url = page.url();

  const ceoContext = await browser.newContext();
  const ceo = await ceoContext.newPage();
  await loginAs(ceo, "ceo", "/risks?status=proposed");
  await ceo.getByRole("link", { name: title }).click();
  await expect(ceo.getByTestId("risk-status")).toHaveText("Proposed");
  await ceo.getByRole("button", { name: "Accept proposal" }).click();
  await expect(ceo.getByTestId("risk-status")).toHaveText("Open");
  await expect(ceo.getByRole("status")).toContainText("Status set to open");
  // and the change is in the audit trail
  await ceo.getByRole("link", { name: "Its changes in the audit trail" }).click();
  await expect(ceo.getByRole("cell", { name: "accept", exact: true })).toBeVisible();
  await expect(ceo.getByRole("cell", { name: "propose", exact: true })).toBeVisible();
  await ceoContext.close();

  await page.goto(url);
  await expect(page.getByTestId("risk-status")).toHaveText("Open");
});

test("a heat-map cell lists exactly its risks, and is reachable by keyboard", async ({ page }) => {
  await loginAs(page, "viewer", "/risks");
  const cell = page.getByTestId("heat-inherent-5-5");
  const count = Number((await cell.textContent())?.trim() || "0");
  expect(count).toBeGreaterThan(0);
  await cell.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/kind=inherent/);
  await expect(page).toHaveURL(/l=5/);
  await expect(page).toHaveURL(/i=5/);
  await expect(page.getByText("Showing the inherent cell likelihood 5 × impact 5.")).toBeVisible();
  const rows = page.locator("#register tbody tr");
  await expect(rows).toHaveCount(count);
  // every listed risk is inherent critical 25 (5 × 5)
  // (cells: title is a row header, then category, residual, inherent…)
  for (let i = 0; i < count; i++) await expect(rows.nth(i).locator("td").nth(2)).toContainText(/Critical.*score 25/);
  await expect(cell).toHaveAttribute("aria-current", "true");

  // a residual cell with the level filter kept in the URL
  await page.getByRole("link", { name: "Show all cells" }).click();
  await expect(page).not.toHaveURL(/kind=/);
  await expect(rows).not.toHaveCount(count);
});

test("filters live in the URL and the CSV export follows them", async ({ page }) => {
  await loginAs(page, "ceo", "/risks");
  await page.getByLabel("Category").selectOption("technical");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/category=technical/);
  // the filtered page has rendered (its export link follows the filter) before the rows are counted
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /category=technical/);
  await expect(page.locator("main")).not.toHaveAttribute("aria-busy", "true");
  const rows = page.locator("#register tbody tr");
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText("Technical");
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain("category=technical");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text.trim().split(/\r?\n/)).toHaveLength(n + 1);
});
