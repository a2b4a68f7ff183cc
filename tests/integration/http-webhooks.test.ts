/**
 * Webhook deliveries through the production HTTP stack (server/app.js: compression, same-origin rule,
 * body limits) to the built app: the signature is checked on the bytes as they arrive over HTTP, a
 * sender's cross-site POST is not refused by the origin rule, a too-large body is a 413 and writes
 * nothing, and the secret shown once is the one that works.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createWebhookSource } from "~/models/webhooks.server";
import { insertService, insertUser } from "../../seeds/builders";
import { appPerFile } from "../helpers/http-app";

const fixture = (name: string): any => JSON.parse(fs.readFileSync(new URL(`../fixtures/webhooks/${name}`, import.meta.url), "utf8"));

const t = appPerFile();
let sourceId: number;
let secret: string;

beforeAll(async () => {
  const user = insertUser(t.db, { role: "cto", email: "cto@example.test" });
  const service = insertService(t.db, { name: "api-gateway" });
  ({ id: sourceId, secret } = createWebhookSource(t.db, user.id, {
    kind: "github",
    name: "GitHub",
    productionEnvironment: "production",
    serviceLabel: "service",
    defaultServiceId: null,
    mappings: [{ matchValue: "Codertocat/Hello-World", serviceId: service.id }],
  }) as { id: number; secret: string });
});

function deliver(event: string, body: string, signature: string | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-GitHub-Event": event, "User-Agent": "GitHub-Hookshot/044aadd", ...extra };
  if (signature !== null) headers["X-Hub-Signature-256"] = signature;
  return fetch(`${t.server.url}/api/v1/webhooks/${sourceId}`, { method: "POST", headers, body });
}
const sign = (body: string, key = secret) => `sha256=${crypto.createHmac("sha256", key).update(body).digest("hex")}`;
const deployments = () => t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM deployments`)!.n;

describe("webhooks over HTTP", () => {
  it("a signed GitHub deployment_status (the documented payload, as bytes with non-ASCII text) is created; the same bytes with a wrong secret are 401", async () => {
    const payload = fixture("github/deployment_status.success.json");
    payload.deployment_status.description = "Déployé ✓ — prod";
    const body = JSON.stringify(payload, null, 2);
    let res = await deliver("deployment_status", body, sign(body, "wrong-secret-xxxxxxxx"), { Origin: "https://github.com" });
    expect(res.status).toBe(401);
    expect(deployments()).toBe(0);
    res = await deliver("deployment_status", body, sign(body), { Origin: "https://github.com" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcome: "created" });
    expect(deployments()).toBe(1);
  });

  it("a body over the API limit is refused (413) before anything is read or written", async () => {
    const big = JSON.stringify({ zen: "x".repeat(6 * 1024 * 1024) });
    const res = await deliver("ping", big, sign(big));
    expect(res.status).toBe(413);
    expect(deployments()).toBe(1);
  });
});
