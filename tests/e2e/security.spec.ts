import { expect, loginAs, test } from "./fixtures";

/**
 * The Content-Security-Policy in a real browser: the pages hydrate (their scripts ran) and the
 * browser reports no violation — no script blocked, no style attribute refused — on the dashboards
 * and the OKR pages, across client-side navigation and a form post. (The fixture fails a test on
 * any console error too.)
 */
test("the dashboards and OKR pages run under the CSP without a single violation", async ({ page }) => {
  test.setTimeout(120_000); // six pages with their charts
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  const hydrated = () => page.waitForFunction(() => "__remixRouter" in window);

  const first = await page.goto("/login");
  expect(first?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  await hydrated();
  await loginAs(page, "ceo");

  for (const path of ["/dashboards/executive", "/dashboards/cto", "/dashboards/product", "/okrs"]) {
    await page.goto(path);
    await hydrated();
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }

  // an objective's page, reached by client-side navigation (a .data request under the same policy)
  const objective = await page
    .locator("main a")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "").find((href) => /^\/okrs\/\d+(\?|$)/.test(href)));
  expect(objective).toBeTruthy();
  await page.locator(`main a[href="${objective}"]`).first().click();
  await expect(page).toHaveURL(/\/okrs\/\d+/);
  await expect(page.locator("main h1").first()).toBeVisible();
  expect(await violations()).toEqual([]);

  // a form post with JavaScript (the theme switch: a fetch to /resources/theme, same origin)
  await page.getByRole("button", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await violations()).toEqual([]);
});

test("a cross-origin form post is refused with 403 and the session's data is untouched", async ({ page, request, baseURL }) => {
  await loginAs(page, "ceo");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "__session")!;
  const res = await request.post(`${baseURL}/resources/theme`, {
    headers: { Origin: "http://evil.example", Cookie: `__session=${session.value}` },
    form: { theme: "dark", redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(res.headers()["set-cookie"]).toBeUndefined();
});
