/**
 * The key forms in real Chromium with JavaScript turned off: what the browser itself posts (captured
 * from the request: an unticked checkbox is absent, empty fields are "", hidden intents as rendered)
 * and what the app does with it (the redirect, the page after it, the stored state on reload).
 * The integration table (tests/integration/forms-browser-posts.test.ts) covers every form; this spec
 * checks, in a real browser, the ones issue 9 found broken and the ones people use most.
 */
import type { Page, Request } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

test.use({ javaScriptEnabled: false });

/** Clicks a submit button and returns the POST the browser sent (body decoded) and its response status. */
async function submitted(page: Page, click: () => Promise<void>): Promise<{ body: URLSearchParams; status: number; request: Request }> {
  const requestPromise = page.waitForRequest((r) => r.method() === "POST");
  await click();
  const request = await requestPromise;
  const response = await request.response();
  await page.waitForLoadState("domcontentloaded");
  return { body: new URLSearchParams(request.postData() ?? ""), status: response?.status() ?? 0, request };
}

/** The form on the page that carries a hidden intent. */
const formWithIntent = (page: Page, intent: string) =>
  page.locator("form").filter({ has: page.locator(`input[type="hidden"][name="intent"][value="${intent}"]`) });

test("scripts are really off: the check-in form is not enhanced (no fetcher marker) and forms post as documents", async ({ page }) => {
  await loginAs(page, "lead", "/okrs/mine");
  expect(await page.locator('input[name="_via"]').count()).toBe(0);
  await expect(page.getByRole("heading", { level: 1, name: "My key results" })).toBeVisible();
});

test("the CTO declares an incident without ticking 'No deployment caused it': created, cause inferred", async ({ page }) => {
  const title = `No-JS incident ${Date.now()}`;
  await loginAs(page, "cto", "/delivery/incidents/new");
  await page.getByLabel("Service").selectOption({ label: "api-gateway" });
  await page.getByLabel("Title").fill(title);
  await expect(page.getByLabel("No deployment caused it")).not.toBeChecked();
  const { body, status } = await submitted(page, () => page.getByRole("button", { name: "Declare incident" }).click());
  expect(body.has("noCause")).toBe(false);
  expect(body.get("resolvedAt")).toBe("");
  expect(body.get("severity")).toBe("SEV3");
  expect(status).toBe(302);
  await expect(page).toHaveURL(/\/delivery\/incidents\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("incident-cause")).not.toContainText("No deployment caused it");
});

test("the CEO deactivates a user by unticking 'active'; the user can no longer sign in", async ({ page, browser }) => {
  const email = `nojs.${Date.now()}@innovatech.test`;
  const password = "a-long-enough-password";
  await loginAs(page, "ceo", "/settings");
  await page.locator("#u-email").fill(email);
  await page.locator("#u-name").fill("No JS User");
  await page.locator("#u-password").fill(password);
  const created = await submitted(page, () => page.getByRole("button", { name: "Add user" }).click());
  expect(created.body.get("intent")).toBe("create-user");
  expect(created.body.get("teamId")).toBe("");
  await expect(page.getByText(`User ${email} created.`)).toBeVisible();

  const box = page.getByLabel(`${email} is active`);
  await expect(box).toBeChecked();
  await box.uncheck();
  const row = page.getByRole("row").filter({ has: box });
  const { body, status } = await submitted(page, () => row.getByRole("button", { name: "Save" }).click());
  expect(body.get("intent")).toBe("update-user");
  expect(body.has("active")).toBe(false);
  expect(status).toBe(200);
  await expect(page.getByText("User updated.")).toBeVisible();
  await page.goto("/settings");
  await expect(page.getByLabel(`${email} is active`)).not.toBeChecked();

  const other = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await other.newPage();
  await p2.goto("/login");
  await p2.getByLabel("Email").fill(email);
  await p2.getByLabel("Password").fill(password);
  await p2.getByRole("button", { name: "Sign in" }).click();
  await expect(p2.getByText("Wrong email or password.")).toBeVisible();
  await other.close();
});

test("the CTO disables a metric rule by unticking 'Enabled', then enables it again", async ({ page }) => {
  await loginAs(page, "cto", "/risks/rules");
  const section = () => page.getByRole("region", { name: /^Runway below N months/ });
  await expect(section().getByLabel("Enabled")).toBeChecked();
  await section().getByLabel("Enabled").uncheck();
  const off = await submitted(page, () => section().getByRole("button", { name: "Save rule" }).click());
  expect(off.body.get("intent")).toBe("rule");
  expect(off.body.has("enabled")).toBe(false);
  expect(off.status).toBe(200);
  await expect(page.getByText("Rule “Runway below N months” saved.")).toBeVisible();
  await expect(section().getByLabel("Enabled")).not.toBeChecked();
  await expect(section().getByText("Disabled", { exact: true })).toBeVisible();

  await section().getByLabel("Enabled").check();
  const on = await submitted(page, () => section().getByRole("button", { name: "Save rule" }).click());
  expect(on.body.get("enabled")).toBe("on");
  await expect(section().getByLabel("Enabled")).toBeChecked();
  await expect(section().getByText("Disabled", { exact: true })).toHaveCount(0);
});

test("the CTO adds a risk: a refused title keeps the input, then it is created", async ({ page }) => {
  const title = `No-JS risk ${Date.now()}`;
  await loginAs(page, "cto", "/risks/new");
  await page.getByLabel("Title").fill("ab");
  await page.getByLabel("Category").selectOption("security");
  await page.getByLabel("Mitigation plan").fill("Rotate the keys\nevery quarter");
  const refused = await submitted(page, () => page.getByRole("button", { name: "Add risk" }).click());
  expect(refused.status).toBe(400);
  expect(refused.body.get("nextReviewDate")).toBe("");
  await expect(page.getByLabel("Title")).toHaveValue("ab");
  await expect(page.getByLabel("Category")).toHaveValue("security");
  await expect(page.getByLabel("Mitigation plan")).toHaveValue("Rotate the keys\nevery quarter");
  await expect(page.getByText("must be at least 3 characters")).toBeVisible();

  await page.getByLabel("Title").fill(title);
  const ok = await submitted(page, () => page.getByRole("button", { name: "Add risk" }).click());
  expect(ok.status).toBe(302);
  await expect(page).toHaveURL(/\/risks\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("risk-status")).toHaveText("Open");
});

test("a lead creates an objective and a key result, then checks in on it", async ({ page }) => {
  const stamp = Date.now();
  await loginAs(page, "lead", "/okrs");
  const newObjective = formWithIntent(page, "create-objective");
  await newObjective.getByLabel("Title").fill(`No-JS objective ${stamp}`);
  const created = await submitted(page, () => newObjective.getByRole("button", { name: "Create objective" }).click());
  expect(created.body.get("parentId")).toBe("");
  expect(created.status).toBe(302);
  await expect(page).toHaveURL(/\/okrs\/\d+$/);

  const newKr = formWithIntent(page, "create-kr");
  await newKr.getByLabel("Title").fill(`No-JS KR ${stamp}`);
  await newKr.getByLabel("Start value").fill("0");
  await newKr.getByLabel("Target value").fill("10");
  const kr = await submitted(page, () => newKr.getByRole("button", { name: "Add key result" }).click());
  expect(kr.body.get("ownerUserId")).toBe("");
  expect(kr.status).toBe(200);
  await page
    .getByRole("link", { name: `No-JS KR ${stamp}` })
    .first()
    .click();
  await expect(page).toHaveURL(/\/okrs\/kr\/\d+$/);

  const checkin = page.getByRole("form", { name: `Check in on No-JS KR ${stamp}` });
  await checkin.getByLabel("New value").fill("4");
  await checkin.getByLabel("Confidence (1–10)").fill("8");
  await checkin.getByLabel("Note").fill("Checked in without JavaScript");
  const { body, status } = await submitted(page, () => checkin.getByRole("button", { name: "Check in" }).click());
  expect(body.get("intent")).toBe("checkin");
  expect(body.has("_via")).toBe(false);
  expect(status).toBe(303);
  await expect(page).toHaveURL(/\/okrs\/kr\/\d+#kr-\d+$/);
  await expect(page.getByTestId("checkin-history")).toContainText("Checked in without JavaScript");
  await expect(page.getByTestId("kr-current-value").first()).toContainText("4");
});

test("the CTO creates a requisition (objective and source left empty)", async ({ page }) => {
  const title = `No-JS SRE ${Date.now()}`;
  await loginAs(page, "cto", "/hiring/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Team").selectOption({ label: "Platform" });
  await page.getByLabel("Annual salary (€)").fill("70 000");
  const { body, status } = await submitted(page, () => page.getByRole("button", { name: "Create requisition" }).click());
  expect(body.get("objectiveId")).toBe("");
  expect(body.get("source")).toBe("");
  expect(status).toBe(302);
  await expect(page).toHaveURL(/\/hiring\?created=\d+$/);
  await expect(page.getByText("Requisition saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});
