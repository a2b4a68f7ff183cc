import { expect, loginAs, test } from "./fixtures";

/**
 * The executive forecast's salary-derived figures (Δ zero-cash days, the
 * "with the hiring plan" series) reach only those who may see every salary behind them.
 */
test.describe("executive forecast and salaries", () => {
  test("a viewer gets neither Δ days nor the with-plan series, in the page or its loader data", async ({ page }) => {
    await loginAs(page, "viewer");
    await page.goto("/dashboards/executive");
    await expect(page.getByText(/forecast with the hiring plan is hidden/).first()).toBeAttached();
    // the requisitions are listed, but without the cost and Δ columns (hidden as columns, not cell by cell)
    expect(await page.locator(".impact-table tbody tr").count()).toBeGreaterThan(0);
    await expect(page.locator(".impact-table thead th", { hasText: /Monthly cost|Δ zero-cash/ })).toHaveCount(0);
    await expect(page.locator(".impact-table tbody", { hasText: /days|no zero cash/ })).toHaveCount(0);
    // the loader data the browser received (decoded from the page's turbo-stream)
    const data = await page.evaluate(() => {
      const ctx = (window as unknown as { __remixContext: { state: { loaderData: Record<string, unknown> } } }).__remixContext;
      return ctx.state.loaderData["routes/dashboards.executive"] as {
        finance: {
          forecast: {
            requisitionImpacts: { deltaDays: number | null; monthlyCostCents: number | null }[];
            months: { cashWithHiringCents: number | null; spendWithHiringCents: number | null }[];
            zeroCashDateWith: string | null;
          };
        };
      };
    });
    const f = data.finance.forecast;
    expect(f.requisitionImpacts.length).toBeGreaterThan(0);
    expect(f.requisitionImpacts.every((r) => r.deltaDays === null && r.monthlyCostCents === null)).toBe(true);
    expect(f.months.length).toBeGreaterThan(0);
    expect(f.months.every((m) => m.cashWithHiringCents === null && m.spendWithHiringCents === null)).toBe(true);
    expect(f.zeroCashDateWith).toBeNull();
  });

  test("the CEO sees both forecasts and the Δ days", async ({ page }) => {
    await loginAs(page, "ceo");
    await page.goto("/dashboards/executive");
    await expect(page.locator(".chart__title", { hasText: "Cash: actual, then forecast with and without the hiring plan" })).toBeVisible();
    await expect(page.getByText(/forecast with the hiring plan is hidden/)).toHaveCount(0);
    await expect(page.locator(".impact-table tbody tr td:last-child", { hasText: /days|no zero cash/ }).first()).toBeVisible();
  });
});
