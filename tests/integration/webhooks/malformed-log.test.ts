/** Malformed webhook payloads (400 with the reason, nothing written, never a 5xx) and the delivery log. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { githubSignature } from "~/lib/webhooks/signatures.server";
import { listWebhookDeliveries, WEBHOOK_LOG_KEEP, WEBHOOK_LOG_KEEP_UNVERIFIED } from "~/models/webhooks.server";
import { DAY, GH_SECRET, H, T0, alertmanager, amAlert, fixture, ghDeployment, github, gitlab, pagerduty, post } from "../../helpers/webhook-requests";
import { count, dataCounts, lastLog, src, t, webhookWorld } from "../../helpers/webhooks";

webhookWorld();

describe("malformed payloads: 400 with the reason, nothing written, never a 5xx", () => {
  it("not JSON, wrong shapes, implausible times", async () => {
    const before = dataCounts(t.db);
    let r = await github(src.gh, "deployment_status", "{not json");
    expect(r).toMatchObject({ status: 400, json: { outcome: "refused", reason: "invalid payload: the body is not JSON" } });
    const noId = ghDeployment(1, "success", T0);
    delete noId.deployment.id;
    r = await github(src.gh, "deployment_status", noId);
    expect(r.status).toBe(400);
    expect(r.json.reason).toMatch(/^invalid payload: deployment\.id/);
    r = await github(src.gh, "deployment_status", ghDeployment(2, "success", Date.now() + 10 * DAY));
    expect(r.status).toBe(400);
    expect(r.json.reason).toMatch(/^invalid payload: .*finishedAt must be between 2000-01-01 and now/);
    r = await github(src.gh, "push", { ref: "refs/heads/main" });
    expect(r.status).toBe(400);
    r = await alertmanager(src.am, { alerts: [{ status: "firing", labels: {}, startsAt: "later", fingerprint: "x" }] });
    expect(r.status).toBe(400);
    r = await alertmanager(src.am, amAlert("firing", "zz", Date.now() + 10 * DAY, null, {}));
    expect(r.status).toBe(400);
    r = await pagerduty(src.pd, { event: { event_type: "incident.triggered", data: { id: "X" } } });
    expect(r.status).toBe(400);
    r = await gitlab(src.gl, "Deployment Hook", { object_kind: "deployment" });
    expect(r.status).toBe(400);
    const bytes = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    r = await post(src.gh, bytes, { "Content-Type": "application/json", "X-GitHub-Event": "ping", "X-Hub-Signature-256": githubSignature(GH_SECRET, bytes) });
    expect(r).toMatchObject({ status: 400, json: { reason: "invalid payload: the body is not UTF-8 text" } });
    expect(dataCounts(t.db)).toEqual(before);
    expect(
      listWebhookDeliveries(t.db, src.gh, { outcome: "refused" }).rows.every(
        (x) => x.reason!.startsWith("invalid payload") || x.reason!.startsWith("bad signature"),
      ),
    ).toBe(true);
  });

  it("fuzz: random bodies and events, validly signed, for every kind — no 5xx, no data written", async () => {
    const before = dataCounts(t.db);
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['"', "{", "}", "[", "]", ":", ",", "null", "true", "1e999", "-0", '"\\u0000"', '"a"', "0001-01-01T00:00:00Z", "alerts", "event", "data"];
    const bodies: string[] = [
      "",
      "null",
      "[]",
      "{}",
      '{"alerts":null}',
      '{"event":{}}',
      '{"event":{"event_type":"incident.resolved","data":{"id":"P","type":"incident","created_at":"2026-13-01T00:00:00Z","service":{"id":"S"}}}}',
    ];
    for (let i = 0; i < 60; i++) bodies.push(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join(""));
    const everyKind = async (body: string) => {
      const statuses: number[] = [];
      for (const event of ["deployment_status", "push", "ping"]) statuses.push((await github(src.gh, event, body)).status);
      for (const event of ["Deployment Hook", "Push Hook"]) statuses.push((await gitlab(src.gl, event, body)).status);
      statuses.push((await alertmanager(src.am, body)).status);
      statuses.push((await pagerduty(src.pd, body)).status);
      return statuses;
    };
    for (const body of bodies) for (const status of await everyKind(body)) expect(status).toBeLessThan(500);
    expect(dataCounts(t.db)).toEqual(before);
    // the documented shapes with one field of the wrong type: refused or, where the field is not read (sender, receiver…), accepted — never a 5xx
    for (const name of [
      "github/deployment_status.success.json",
      "github/push.json",
      "alertmanager/firing.json",
      "pagerduty/incident.triggered.json",
      "gitlab/deployment.json",
      "gitlab/push.json",
    ]) {
      const p = fixture(name);
      for (const key of Object.keys(p)) {
        for (const status of await everyKind(JSON.stringify({ ...p, [key]: rand() > 0.5 ? 12 : { x: [] } }))) expect(status).toBeLessThan(500);
      }
    }
    expect(count(t.db, "services")).toBe(before.services);
  });
});

describe("the delivery log", () => {
  it("keeps the last 200 verified and, apart, the last 20 unverified deliveries of a source", async () => {
    for (let i = 0; i < WEBHOOK_LOG_KEEP + 5; i++) await github(src.gh, "ping", fixture("github/ping.json"), { delivery: `d-${i}` });
    for (let i = 0; i < WEBHOOK_LOG_KEEP_UNVERIFIED + 5; i++) await github(src.gh, "ping", fixture("github/ping.json"), { secret: "forged-secret-xxxxxxxx" });
    expect(count(t.db, "webhook_deliveries", `source_id = ${src.gh} AND verified = 1`)).toBe(WEBHOOK_LOG_KEEP);
    expect(count(t.db, "webhook_deliveries", `source_id = ${src.gh} AND verified = 0`)).toBe(WEBHOOK_LOG_KEEP_UNVERIFIED);
    // the newest are kept, the oldest pruned
    const ids = t.db
      .all<{ d: string }>(sql`SELECT delivery_id AS d FROM webhook_deliveries WHERE source_id = ${src.gh} AND verified = 1 ORDER BY id`)
      .map((r) => r.d);
    expect(ids[0]).toBe("d-5");
    expect(ids.at(-1)).toBe(`d-${WEBHOOK_LOG_KEEP + 4}`);
    // other sources' logs are untouched
    await alertmanager(src.am, fixture("alertmanager/firing.json"));
    expect(count(t.db, "webhook_deliveries", `source_id = ${src.am}`)).toBe(1);
    // pages of 50, filter by outcome
    const page = listWebhookDeliveries(t.db, src.gh, { outcome: "refused", page: 1 });
    expect(page.total).toBe(WEBHOOK_LOG_KEEP_UNVERIFIED);
  });

  it("a body over the size limit is 413, logged as refused before verification", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(32);
    const r = await post(src.gh, big, { "Content-Type": "application/json", "X-GitHub-Event": "push", "Content-Length": String(big.length) });
    expect(r.status).toBe(413);
    expect(lastLog(src.gh)).toMatchObject({ outcome: "refused", verified: false, httpStatus: 413, event: "push" });
  });

  it("deliveries' writes are audited as the system naming the source, never as a person", async () => {
    await github(src.gh, "deployment_status", ghDeployment(900, "success", T0));
    await alertmanager(src.am, amAlert("firing", "ab", T0 + H, null, {}));
    const rows = t.db.all<{ u: number | null; t: number | null; entity: string; after: string }>(
      sql`SELECT actor_user_id AS u, actor_token_id AS t, entity_type AS entity, after FROM audit_log WHERE entity_type IN ('deployment', 'incident')`,
    );
    expect(rows.map((r) => r.entity).sort()).toEqual(["deployment", "incident"]);
    for (const r of rows) {
      expect(r.u).toBeNull();
      expect(r.t).toBeNull();
      expect(JSON.parse(r.after)).toMatchObject({ via: "webhook" });
    }
  });
});
