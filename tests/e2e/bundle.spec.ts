import { expect, loginAs, test } from "./fixtures";

/**
 * zod is for the server (STACK.md: ~440 KB in a browser bundle). Validation that counts happens in
 * actions; this guards against a schema creeping into a route module that the browser loads.
 */
test("no page ships zod to the browser", async ({ page }) => {
  test.setTimeout(120_000); // 18 pages, each waited on until the network is idle
  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    const url = response.url();
    if (!url.endsWith(".js")) return;
    try {
      scripts.set(url, await response.text());
    } catch {
      /* navigation may discard a body */
    }
  });
  await loginAs(page, "ceo");
  const pages = [
    "/",
    "/settings",
    "/settings/tokens",
    "/settings/webhooks",
    "/dashboards/executive",
    "/dashboards/cto",
    "/dashboards/product",
    "/budgets",
    "/finance/snapshots",
    "/hiring",
    "/hiring/employees",
    "/delivery/deployments",
    "/delivery/incidents",
    "/delivery/services",
    "/okrs",
    "/okrs/mine",
    "/risks",
    "/governance",
    "/audit",
    "/teams",
    "/budgets/categories",
    "/targets",
    "/import",
    "/governance/compliance",
  ];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(500);
    await page.waitForLoadState("networkidle");
  }
  expect(scripts.size).toBeGreaterThan(3);
  const withZod = [...scripts].filter(([, body]) => body.includes("ZodError") || body.includes("$ZodType")).map(([url]) => url);
  expect(withZod).toEqual([]);
});
