import type { Page } from "@playwright/test";
import { expect, fillByLabel, loginAs, postFromPage, test } from "./fixtures";

/** M, the latest closed month, as the executive dashboard's "as of" selector shows it. */
async function latestClosedMonth(page: Page): Promise<string> {
  await page.goto("/dashboards/executive");
  return page.locator("#as-of").inputValue();
}

test.describe("finance", () => {
  test("the CEO changes one month's actual on /budgets and sees the runway change", async ({ page }) => {
    await loginAs(page, "ceo");
    const M = await latestClosedMonth(page);
    const runway = page.getByRole("article", { name: "Runway", exact: true }).locator(".tile__value");
    const before = await runway.innerText();
    expect(before).toMatch(/months|not burning/);

    await page.goto("/budgets");
    const cell = page.locator(`td[data-category="Salaries"][data-month="${M}"]`);
    await cell.getByRole("link", { name: /^Edit/ }).click();
    const actual = page.getByLabel(/^Actual/);
    await expect(actual).toBeVisible();
    const old = Number(await actual.inputValue());
    await actual.fill(String(Math.round(old + 400000)));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel(/^Actual/)).toHaveCount(0);
    await expect(cell.locator(".bgrid__var")).toHaveText(/\+\d/);

    await page.goto("/dashboards/executive");
    await expect(runway).not.toHaveText(before);
    // the tile keeps its formula and window on keyboard focus
    await page.getByRole("button", { name: "How Runway is computed" }).focus();
    await expect(page.getByText(/Cash at the end of M ÷ average net burn/).first()).toBeVisible();
  });

  test("a bad CSV row is reported and nothing is imported", async ({ page }) => {
    await loginAs(page, "ceo");
    await page.goto("/budgets?from=2031-01&to=2031-12");
    await expect(page.getByText("No budget lines in these months")).toBeVisible();
    await page.locator("#budget-file").setInputFiles({
      name: "budget.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("month,category,planned,actual\n2031-01,Salaries,1000,900\n2031-02,Unicorns,10,\n2031-03,Marketing,12.345,1\n"),
    });
    await page.getByRole("button", { name: "Import" }).click();
    const errors = page.getByRole("alert");
    await expect(errors).toContainText("Nothing was imported");
    await expect(errors.getByRole("row", { name: /3 category unknown category "Unicorns"/ })).toBeVisible();
    await expect(errors.getByRole("row", { name: /4 planned/ })).toBeVisible();
    await page.goto("/budgets?from=2031-01&to=2031-12");
    await expect(page.getByText("No budget lines in these months")).toBeVisible();
  });

  test("the CTO edits an IT line, has no edit control on Salaries, and is refused (403) if forced", async ({ page }) => {
    await loginAs(page, "cto");
    const M = await latestClosedMonth(page);
    await page.goto("/budgets");
    await expect(page.getByText("You may edit the IT categories (marked IT) only.").first()).toBeVisible();
    const salaries = page.locator(`tr:has(td[data-category="Salaries"])`);
    await expect(salaries.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    const security = page.locator(`td[data-category="Security"][data-month="${M}"]`);
    await security.getByRole("link", { name: /^Edit/ }).click();
    await page.getByLabel(/^Planned/).fill("2345.67");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(security.locator(".bgrid__planned")).toContainText("2.3");

    const salariesId = await salaries.getAttribute("data-category-id");
    const res = await postFromPage(page, "/budgets", {
      form: { intent: "save-line", categoryId: String(salariesId), month: M, planned: "1", actual: "1" },
    });
    expect(res.status()).toBe(403);
  });

  test("an 'as of' month before the first closed month says so and links back to the latest", async ({ page }) => {
    await loginAs(page, "viewer");
    await page.goto("/dashboards/executive?asOf=2001-01");
    await expect(page.getByRole("heading", { name: /No closed month on or before/ })).toBeVisible();
    await page.getByRole("link", { name: "Show the latest closed month" }).click();
    await expect(page.getByRole("article", { name: "Runway", exact: true })).toBeVisible();
  });

  test("a viewer reads the executive dashboard and the budgets without any edit control", async ({ page }) => {
    await loginAs(page, "viewer");
    await page.goto("/dashboards/executive");
    for (const name of ["Cash", "Average net burn", "Runway", "Default alive", "Burn multiple", "MRR", "CAC", "LTV", "Headcount vs plan"]) {
      await expect(page.getByRole("article", { name, exact: true })).toBeVisible();
    }
    await expect(page.locator(".chart__title", { hasText: /Cash: actual, then forecast/ })).toBeVisible();
    // a viewer sees no salary: the cost and Δ columns are not there at all (not a column of "hidden")
    await expect(page.locator(".impact-table tbody tr").first()).toBeVisible();
    await expect(page.locator(".impact-table thead th", { hasText: /Monthly cost|Δ zero-cash/ })).toHaveCount(0);
    await expect(page.locator(".impact-table", { hasText: "hidden" })).toHaveCount(0);
    await page.goto("/budgets");
    await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
  });

  test("the CEO records a month's snapshot with the form: errors next to fields, input kept", async ({ page }) => {
    await loginAs(page, "ceo");
    await page.goto("/finance/snapshots");
    // an old month, so M (the latest closed month) does not move for the other tests
    await page.locator('#snapshot-form input[name="month"]').fill("2019-12");
    await fillByLabel(page, {
      "Cash at month end (€)": "12 000,50",
      "Revenue collected (€)": "abc",
      "MRR (€)": "900",
      "Customers at month end": "3",
      "New customers": "1",
      "Churned customers": "0",
    });
    await page.getByRole("button", { name: "Save snapshot" }).click();
    await expect(page.getByText(/revenue must be an amount/)).toBeVisible();
    await expect(page.getByLabel("Cash at month end (€)")).toHaveValue("12 000,50");
    await page.getByLabel("Revenue collected (€)").fill("800");
    await page.getByRole("button", { name: "Save snapshot" }).click();
    await expect(page.getByRole("status")).toContainText("Snapshot of 2019-12 saved.");
    await page.goto("/finance/snapshots?q=2019-12");
    await expect(page.getByRole("row", { name: /2019/ })).toContainText("12,000.50");

    const csv = await page.request.get("/finance/snapshots.csv");
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("2019-12,12000.50,800.00,900.00,3,1,0,0.00");
  });

  test("the CTO cannot edit snapshots (no form; 403 if forced)", async ({ page }) => {
    await loginAs(page, "cto");
    await page.goto("/finance/snapshots");
    await expect(page.getByText("Only the CEO records and edits finance snapshots.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save snapshot" })).toHaveCount(0);
    const res = await postFromPage(page, "/finance/snapshots", {
      form: { intent: "save-snapshot", month: "2019-11", cash: "1", revenue: "1", mrr: "1", customers: "1", newCustomers: "0", churnedCustomers: "0" },
    });
    expect(res.status()).toBe(403);
    const csv = await page.request.get("/budgets.csv?from=2026-01&to=2026-12");
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split("\r\n")[0]).toContain("month,category,planned,actual");
  });
});
