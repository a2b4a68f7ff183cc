/** Webhook signatures (a bad one: 401, nothing written but the log row) and routing to services. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { githubSignature } from "~/lib/webhooks/signatures.server";
import { createWebhookSource, deleteWebhookSource, getWebhookSource, listWebhookDeliveries, setWebhookSecret } from "~/models/webhooks.server";
import { loader as webhookLoader } from "~/routes/api.v1.webhooks.$sourceId";
import { seal } from "~/utils/secret-box.server";
import { GH_SECRET, PD_SECRET, T0, alertmanager, enc, fixture, ghDeployment, github, gitlab, pagerduty, pdEvent, post } from "../../helpers/webhook-requests";
import { SOURCE_BASE, dataCounts, src, t, userId, webhookWorld } from "../../helpers/webhooks";

webhookWorld();

describe("signatures: a bad one gets 401 and writes nothing but the log row", () => {
  it("GitHub: wrong secret, missing header, body changed after signing", async () => {
    const before = dataCounts(t.db);
    const payload = ghDeployment(1, "success", T0);
    let r = await github(src.gh, "deployment_status", payload, { secret: "not-the-secret" });
    expect(r.status).toBe(401);
    expect(r.json.reason).toMatch(/X-Hub-Signature-256 does not match/);
    r = await github(src.gh, "deployment_status", payload, { signature: null });
    expect(r.status).toBe(401);
    expect(r.json.reason).toMatch(/no X-Hub-Signature-256 header/);
    const body = JSON.stringify(payload);
    const sig = githubSignature(GH_SECRET, enc(body));
    r = await post(src.gh, body.replace('"success"', '"failure"'), {
      "Content-Type": "application/json",
      "X-GitHub-Event": "deployment_status",
      "X-Hub-Signature-256": sig,
    });
    expect(r.status).toBe(401);
    expect(dataCounts(t.db)).toEqual(before);
    const rows = listWebhookDeliveries(t.db, src.gh).rows;
    expect(rows).toHaveLength(3);
    expect(rows.every((x) => x.outcome === "refused" && !x.verified && x.httpStatus === 401 && x.reason!.startsWith("bad signature"))).toBe(true);
  });

  it("GitLab token, Alertmanager bearer and PagerDuty signature: wrong ones are 401", async () => {
    const before = dataCounts(t.db);
    expect((await gitlab(src.gl, "Push Hook", fixture("gitlab/push.json"), "wrong-token")).status).toBe(401);
    expect((await gitlab(src.gl, "Push Hook", fixture("gitlab/push.json"), null)).json.reason).toMatch(/no X-Gitlab-Token header/);
    expect((await alertmanager(src.am, fixture("alertmanager/firing.json"), "wrong")).status).toBe(401);
    expect((await alertmanager(src.am, fixture("alertmanager/firing.json"), null)).status).toBe(401);
    expect((await pagerduty(src.pd, fixture("pagerduty/incident.triggered.json"), ["old-secret-xxxxxxxxxx"])).status).toBe(401);
    expect((await pagerduty(src.pd, fixture("pagerduty/incident.triggered.json"), [])).status).toBe(401);
    expect(dataCounts(t.db)).toEqual(before);
  });

  it("PagerDuty: any of several v1 signatures (a rotation in progress) is enough", async () => {
    const r = await pagerduty(src.pd, pdEvent("incident.triggered", "PX1", T0, T0), ["old-secret-xxxxxxxxxx", PD_SECRET]);
    expect(r.status).toBe(201);
  });

  it("a source with no secret yet, or a secret sealed under another SESSION_SECRET, refuses with that reason", async () => {
    const pd2 = createWebhookSource(t.db, userId, { ...SOURCE_BASE, kind: "pagerduty", name: "PD 2", defaultServiceId: null, mappings: [] }).id;
    expect(getWebhookSource(t.db, pd2)!.secretHint).toBeNull();
    let r = await pagerduty(pd2, fixture("pagerduty/incident.triggered.json"));
    expect(r.status).toBe(401);
    expect(r.json.reason).toMatch(/no secret yet/);
    t.db.run(sql`UPDATE webhook_sources SET secret_box = ${seal(GH_SECRET, "another-session-secret-xxxxxxxxxxxxxxx")} WHERE id = ${src.gh}`);
    expect(getWebhookSource(t.db, src.gh)!.secretUnreadable).toBe(true);
    r = await github(src.gh, "ping", fixture("github/ping.json"));
    expect(r.status).toBe(401);
    expect(r.json.reason).toMatch(/SESSION_SECRET changed/);
  });

  it("the secret is stored sealed, never in plain text, and rotation makes the old one fail", async () => {
    const box = t.db.get<{ b: string }>(sql`SELECT secret_box AS b FROM webhook_sources WHERE id = ${src.gh}`)!.b;
    expect(box).not.toContain(GH_SECRET);
    const { secret } = setWebhookSecret(t.db, userId, src.gh)!;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect((await github(src.gh, "ping", fixture("github/ping.json"))).status).toBe(401);
    expect((await github(src.gh, "ping", fixture("github/ping.json"), { secret })).status).toBe(200);
    const audit = t.db.all<{ action: string; after: string | null }>(sql`SELECT action, after FROM audit_log WHERE entity_type = 'webhook_source'`);
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "create", "create", "rotate_secret"]);
    expect(audit.every((a) => !(a.after ?? "").includes(secret) && !(a.after ?? "").includes(GH_SECRET))).toBe(true);
  });
});

describe("routing", () => {
  it("an unknown source is a 404, a GET a 405, a deleted source's URL a 404", async () => {
    expect((await github(9999, "ping", fixture("github/ping.json"))).status).toBe(404);
    expect((await post("abc", "{}", {})).status).toBe(404);
    const res = await webhookLoader({
      request: new Request(`http://localhost/api/v1/webhooks/${src.gh}`),
      params: { sourceId: String(src.gh) },
      context: {},
    } as never);
    expect(res.status).toBe(405);
    deleteWebhookSource(t.db, userId, src.gh);
    expect((await github(src.gh, "ping", fixture("github/ping.json"))).status).toBe(404);
  });
});
