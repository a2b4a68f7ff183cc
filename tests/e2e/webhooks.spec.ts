import crypto from "node:crypto";
import fs from "node:fs";
import { expect, loginAs, test } from "./fixtures";

const FIXTURES = new URL("../fixtures/webhooks/", import.meta.url);
const fixture = (name: string): any => JSON.parse(fs.readFileSync(new URL(name, FIXTURES), "utf8"));
const sign = (secret: string, body: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;

test("a CTO adds a GitHub source in the UI; a replayed push and deployment show on the CTO dashboard", async ({ page }) => {
  test.setTimeout(120_000); // several pages and six deliveries
  await loginAs(page, "cto", "/delivery/services");
  await page.goto("/delivery/services");
  const service = `hooks-demo-${Date.now() % 100000}`;
  const addService = page.locator("form", { has: page.getByRole("button", { name: "Add a service" }) });
  await addService.getByRole("textbox", { name: /^Name/ }).fill(service);
  await page.getByRole("button", { name: "Add a service" }).click();
  await expect(page.getByText(`Service ${service} added.`)).toBeVisible();

  await page.goto("/settings/webhooks");
  await expect(page.getByRole("heading", { name: "Webhook sources", level: 1 })).toBeVisible();
  await page.getByLabel(/^Tool/).selectOption("github");
  await page.getByRole("textbox", { name: /^Name/ }).fill(`GitHub — ${service}`);
  await page.getByLabel("Service mapping").fill(`innovatech/${service} = ${service}`);
  await page.getByRole("button", { name: "Add a source" }).click();
  const url = (await page.getByTestId("new-source-url").innerText()).trim();
  const secret = (await page.getByTestId("new-source-secret").innerText()).trim();
  expect(url).toMatch(/\/api\/v1\/webhooks\/\d+$/);
  expect(secret).toMatch(/^whsec_/);

  // what GitHub would send: the documented payloads, for this repository, now
  const now = Date.now();
  const push = fixture("github/push.json");
  push.ref = "refs/heads/main";
  push.repository.full_name = `innovatech/${service}`;
  push.repository.default_branch = "main";
  const sha = crypto.randomBytes(20).toString("hex");
  push.commits = [{ ...push.commits[0], id: sha, timestamp: new Date(now - 3 * 3_600_000).toISOString() }];
  const status = fixture("github/deployment_status.success.json");
  status.repository.full_name = `innovatech/${service}`;
  status.deployment.id = now;
  status.deployment.sha = sha;
  status.deployment.created_at = new Date(now - 3_660_000).toISOString();
  status.deployment_status.created_at = new Date(now - 3_600_000).toISOString();
  const send = async (event: string, payload: unknown, key = secret) => {
    const body = JSON.stringify(payload);
    return page.request.post(url, {
      data: body,
      headers: { "Content-Type": "application/json", "X-GitHub-Event": event, "X-Hub-Signature-256": sign(key, body) },
    });
  };
  expect((await send("ping", fixture("github/ping.json"))).status()).toBe(200);
  expect((await send("deployment_status", status, "not-the-secret")).status()).toBe(401);
  expect((await send("push", push)).status()).toBe(201);
  const created = await send("deployment_status", status);
  expect(created.status()).toBe(201);
  expect((await created.json()).summary).toContain("1 commit from pushes");

  // the source's page logs each delivery with its outcome
  await page.getByRole("link", { name: `Open “GitHub — ${service}”` }).click();
  const log = page.getByTestId("delivery-log");
  await expect(log.locator("tbody tr")).toHaveCount(4);
  await expect(log.locator("tbody tr").first()).toContainText("deployment_status (success)");
  await expect(log.locator("tbody tr").first()).toContainText("created");
  await expect(log).toContainText("bad signature");

  // the CTO dashboard counts it, with its lead time
  await page.goto(`/dashboards/cto?service=${service}`);
  const tile = (name: string) => page.locator("article.tile", { has: page.getByRole("heading", { name }) });
  await expect(tile("Deployment frequency").locator(".tile__footnote")).toContainText("1 deployment ");
  await expect(tile("Lead time for changes").locator(".tile__value")).not.toHaveText("no data");
});

test("a viewer cannot open the webhook sources", async ({ page }) => {
  await loginAs(page, "viewer");
  const res = await page.goto("/settings/webhooks");
  expect(res?.status()).toBe(403);
});
