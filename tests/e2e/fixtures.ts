import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "innovatech-demo";
export const DEMO_USERS = {
  ceo: "ceo@innovatech.test",
  cto: "cto@innovatech.test",
  lead: "lead@innovatech.test",
  viewer: "viewer@innovatech.test",
} as const;
export type DemoRole = keyof typeof DEMO_USERS;

/** Signs in through the login form, as a person does. */
export async function loginAs(page: Page, role: DemoRole, redirectTo = "/") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel("Email").fill(DEMO_USERS[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Types each value into the field its label names, in this order, as a person does. */
export async function fillByLabel(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label).fill(value);
}

/**
 * A request forced past the interface (a hidden control, a refused role), sent as the page itself
 * would send it: from the page's origin (server/app.js refuses state-changing requests from any
 * other origin with 403, which would make a permission test pass for the wrong reason).
 */
export async function postFromPage(page: Page, path: string, options: NonNullable<Parameters<Page["request"]["post"]>[1]> = {}) {
  const res = await page.request.post(path, { ...options, headers: { ...options.headers, Origin: new URL(page.url()).origin } });
  expect(await res.text(), "refused by the origin rule, not by the route").not.toContain("Cross-origin request refused");
  return res;
}

/** Every test fails on a console error or an uncaught page error (except those a test expects). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const text = msg.text();
        // A 4xx document response is logged by the browser; tests that expect one assert the status themselves.
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
        errors.push(`${page.url()}: ${text}`);
      });
      page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
