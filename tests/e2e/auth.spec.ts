import { DEMO_PASSWORD, DEMO_USERS, expect, loginAs, test } from "./fixtures";

const ROLE_TEXT = { ceo: "CEO", cto: "CTO", lead: "Team lead", viewer: "Viewer" } as const;

test.describe("signing in", () => {
  for (const role of ["ceo", "cto", "lead", "viewer"] as const) {
    test(`the ${role} signs in and sees their role's home`, async ({ page }) => {
      await loginAs(page, role);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByTestId("role-home")).toContainText(`Signed in as ${ROLE_TEXT[role]}`);
      await expect(page.getByTestId("current-user")).toContainText(ROLE_TEXT[role]);
      await expect(page.getByRole("heading", { name: "What the tracker holds" })).toBeVisible();
    });
  }

  test("a wrong password is refused with one generic message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO_USERS.cto);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_USERS.cto);
    // an unknown email gets the very same message
    await page.getByLabel("Email").fill("nobody@innovatech.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });

  test("pages need a session and come back after sign-in", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings/);
    await page.getByLabel("Email").fill(DEMO_USERS.ceo);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });

  test("logout ends the session", async ({ page, context }) => {
    await loginAs(page, "lead");
    const before = (await context.cookies()).find((c) => c.name === "__session");
    expect(before?.httpOnly).toBe(true);
    expect(before?.sameSite).toBe("Lax");
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    // replaying the old cookie does not bring the session back: it was deleted on the server
    await context.addCookies([{ ...before!, expires: -1 }]);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("permissions and errors", () => {
  test("a page forbidden to a viewer gives 403", async ({ page }) => {
    await loginAs(page, "viewer");
    const response = await page.goto("/settings");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  });

  test("an unknown page is a real 404", async ({ page }) => {
    await loginAs(page, "viewer");
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

test.describe("theme", () => {
  test("the dark mode toggle persists across pages and visits", async ({ page }) => {
    await loginAs(page, "viewer");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("button", { name: "System theme" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(15, 20, 27)");
    await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Light theme" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    // a chosen theme wins over the system's; "system" follows it
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(246, 247, 249)");
    await page.getByRole("button", { name: "System theme" }).click();
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(15, 20, 27)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(246, 247, 249)");
  });
});
