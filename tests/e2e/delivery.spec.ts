import type { APIRequestContext, Page } from "@playwright/test";
import { expect, loginAs, postFromPage, test } from "./fixtures";

/** A unique suffix so tests sharing one database never see each other's rows. */
const uid = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const HOUR = 3_600_000;

/** Creates a token through the settings page, as a CTO would, and returns its secret. */
async function createTokenInUi(page: Page, name: string): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill(name);
  // the default scopes are deployments:write and incidents:write
  await expect(page.getByLabel(/deployments:write/)).toBeChecked();
  await expect(page.getByLabel(/incidents:write/)).toBeChecked();
  await expect(page.getByLabel(/finance:read/)).toBeDisabled(); // only a CEO may grant it
  await page.getByRole("button", { name: "Create a token" }).last().click();
  const secret = page.getByTestId("new-token");
  await expect(secret).toBeVisible();
  const token = (await secret.textContent())!.trim();
  expect(token).toMatch(/^itk_/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("active");
  return token;
}

async function post(request: APIRequestContext, token: string, path: string, data: unknown) {
  return request.post(path, { headers: { Authorization: `Bearer ${token}` }, data });
}

test("a viewer cannot manage API tokens: no nav link and 403 on the page", async ({ page }) => {
  await loginAs(page, "viewer");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" })).toHaveCount(0);
  const res = await page.goto("/settings/tokens");
  expect(res?.status()).toBe(403);
  // the server refuses the write too, not only the page
  const post = await postFromPage(page, "/settings/tokens", { form: { intent: "create", name: "sneaky", scopes: "deployments:write" }, maxRedirects: 0 });
  expect(post.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
  // the viewer still reads the delivery data, without edit controls
  await page.goto("/delivery/incidents");
  await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Declare an incident" })).toHaveCount(0);
});

test("the CTO creates a token; a deployment posted with it (as curl would) shows up in the deployments table", async ({ page, request }) => {
  await loginAs(page, "cto");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" })).toBeVisible();
  const id = uid();
  const token = await createTokenInUi(page, `e2e CI ${id}`);
  // finance:read is greyed out for a CTO, and refused by the server when forced
  const forced = await postFromPage(page, "/settings/tokens", { form: { intent: "create", name: `forced ${id}`, scopes: "finance:read" } });
  expect(forced.status()).toBe(400);
  expect(await forced.text()).toContain("you may not grant finance:read");

  const service = `e2e-svc-${id}`;
  const now = Date.now();
  const body = {
    externalId: `build-${id}`,
    service,
    status: "success",
    startedAt: new Date(now - 15 * 60_000).toISOString(),
    finishedAt: new Date(now - 5 * 60_000).toISOString(),
    commits: [{ sha: "0a1b2c3d4e5f", committedAt: new Date(now - 2 * HOUR).toISOString() }],
  };
  const created = await post(request, token, "/api/v1/deployments", body);
  expect(created.status()).toBe(201);
  const again = await post(request, token, "/api/v1/deployments", body);
  expect(again.status()).toBe(200);
  const unauthorised = await request.post("/api/v1/deployments", { data: body });
  expect(unauthorised.status()).toBe(401);

  await page.goto(`/delivery/deployments?service=${service}`);
  const table = page.getByRole("table", { name: /Deployments/ });
  await expect(table.getByRole("row")).toHaveCount(2); // header + the one deployment (posted twice, stored once)
  await expect(table).toContainText(`build-${id}`);
  await expect(table).toContainText("1.9 h"); // finished − oldest commit = 1 h 55 min
  // … and on the CTO dashboard, filtered to that service: one deployment, its lead time
  await page.goto(`/dashboards/cto?service=${service}&days=30`);
  const frequency = page.locator("article.tile", { has: page.getByRole("heading", { name: "Deployment frequency" }) });
  await expect(frequency.locator(".tile__footnote")).toContainText(/^1 deployment ·/);
  const lead = page.locator("article.tile", { has: page.getByRole("heading", { name: "Lead time for changes" }) });
  await expect(lead.locator(".tile__value")).toHaveText(/^1.9 h/);
  // the token's last use is recorded
  await page.goto("/settings/tokens");
  await expect(page.getByRole("row", { name: new RegExp(`e2e CI ${id}`) })).not.toContainText("never");
});

test("the CTO overrides an inferred cause and resolves an incident with the form", async ({ page, request }) => {
  await loginAs(page, "cto");
  const id = uid();
  const token = await createTokenInUi(page, `e2e incidents ${id}`);
  const service = `e2e-inc-${id}`;
  const now = Date.now();
  const deployment = (n: number, finishedAgoHours: number) => ({
    externalId: `rel-${n}-${id}`,
    service,
    status: "success",
    finishedAt: new Date(now - finishedAgoHours * HOUR).toISOString(),
  });
  expect((await post(request, token, "/api/v1/deployments", [deployment(1, 5), deployment(2, 3)])).status()).toBe(201);
  const incident = { externalId: `INC-${id}`, service, title: `Checkout errors ${id}`, severity: "SEV2", startedAt: new Date(now - 2 * HOUR).toISOString() };
  expect((await post(request, token, "/api/v1/incidents", incident)).status()).toBe(201);

  await page.goto(`/delivery/incidents?service=${service}`);
  await page.getByRole("link", { name: `Checkout errors ${id}` }).click();
  const cause = page.getByTestId("incident-cause");
  await expect(cause).toContainText(`rel-2-${id}`);
  await expect(cause).toContainText("inferred");

  // override: the earlier release caused it
  const option = await page.locator("select[name=cause] option", { hasText: `rel-1-${id}` }).getAttribute("value");
  await page.getByLabel("Cause", { exact: true }).selectOption(option!);
  await page.getByRole("button", { name: "Save cause" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cause set." })).toBeVisible();
  await expect(cause).toContainText(`rel-1-${id}`);
  await expect(cause).toContainText("explicit");

  // resolve with the form (the field is prefilled with now)
  await page.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Incident resolved." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen incident" })).toBeVisible();

  // the list shows it resolved with its explicit cause
  await page.goto(`/delivery/incidents?service=${service}&state=resolved`);
  const row = page.getByRole("row", { name: new RegExp(`Checkout errors ${id}`) });
  await expect(row).toContainText("resolved");
  await expect(row).toContainText("explicit");
  await expect(row).toContainText(`rel-1-${id}`);
});

test("drill-down parameters filter the deployments; a bad one leaves a notice, not an error", async ({ page }) => {
  await loginAs(page, "viewer");
  const to = new Date().toISOString();
  const from = new Date(Date.now() - 30 * 24 * HOUR).toISOString();
  const res = await page.goto(`/delivery/deployments?service=api-gateway&from=${from}&to=${to}&status=success&hotfix=maybe`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: 'Ignored hotfix="maybe"' })).toBeVisible();
  await expect(page.getByLabel("Service")).toHaveValue("api-gateway");
  const csv = await page.request.get(`/delivery/deployments.csv?service=api-gateway&status=success`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback");
});

test("the CTO imports deployments from the page: a bad file is refused with every bad row, a good one is imported", async ({ page }) => {
  await loginAs(page, "cto");
  const id = uid();
  const service = `e2e-import-${id}`;
  const t = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const header = "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback";
  await page.goto("/delivery/import");
  await page.getByLabel("Deployments —").check();
  await page
    .getByLabel("…or paste the CSV here")
    .fill(
      [header, `a-${id},${service},production,success,,${t(3)},${t(5)},false,false`, `b-${id},${service},production,maybe,,yesterday,,false,false`].join("\n"),
    );
  await page.getByRole("button", { name: "Import" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("nothing was imported");
  await expect(alert.getByRole("row", { name: /status/ })).toContainText("3");
  await expect(alert.getByRole("row", { name: /finished_at/ })).toContainText("3");
  await page.goto(`/delivery/deployments?service=${service}`);
  await expect(page.getByText("No deployment matches these filters")).toBeVisible();

  await page.goto("/delivery/import");
  await page
    .getByLabel("…or paste the CSV here")
    .fill([header, `a-${id},${service},production,success,,${t(3)},${t(5)},false,false`, `b-${id},${service},,failure,,${t(2)},,true,false`].join("\n"));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 deployments: 2 created" })).toBeVisible();
  await page.getByRole("link", { name: "See the deployments" }).click();
  await page.goto(`/delivery/deployments?service=${service}`);
  await expect(page.getByRole("table", { name: /Deployments/ }).getByRole("row")).toHaveCount(3);
});
