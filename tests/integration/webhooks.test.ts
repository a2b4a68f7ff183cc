/**
 * Webhook sources end to end through the route module (`action` with real Requests) on a migrated
 * temp database: the vendors' documented payloads (tests/fixtures/webhooks/) replayed with valid and
 * invalid signatures; the DORA figures they produce equal those of the same events posted through
 * /api/v1/deployments and /api/v1/incidents; the delivery log (reasons, bounds); no 5xx and nothing
 * written for bad signatures and malformed payloads.
 */
import fs from "node:fs";
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import { githubSignature, pagerDutySignature } from "~/lib/webhooks/signatures.server";
import frDelivery from "~/locales/fr/delivery.json";
import { doraApiBody, getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { createApiToken } from "~/models/tokens.server";
import {
  createWebhookSource,
  deleteWebhookSource,
  getWebhookSource,
  listWebhookDeliveries,
  setWebhookSecret,
  updateWebhookSource,
  WEBHOOK_LOG_KEEP,
  WEBHOOK_LOG_KEEP_UNVERIFIED,
} from "~/models/webhooks.server";
import { action as deploymentsAction } from "~/routes/api.v1.deployments";
import { action as incidentsAction } from "~/routes/api.v1.incidents";
import { action as webhookAction, loader as webhookLoader } from "~/routes/api.v1.webhooks.$sourceId";
import type { Db } from "~/utils/db.server";
import { seal } from "~/utils/secret-box.server";
import { insertService, insertUser } from "../../seeds/builders";
import { createTestDb, freshDbPerTest } from "../helpers/db";

const FIXTURES = new URL("../fixtures/webhooks/", import.meta.url);
const fixture = (name: string): any => JSON.parse(fs.readFileSync(new URL(name, FIXTURES), "utf8"));

const H = 3_600_000;
const DAY = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
/** Scenario times: recent (plausible for the API), on whole minutes */
const T0 = Math.floor((Date.now() - 20 * DAY) / 60_000) * 60_000;

const GH_SECRET = "gh-secret-0123456789abcdef";
const GL_SECRET = "gl-token-0123456789abcdef";
const AM_SECRET = "am-bearer-0123456789abcdef";
const PD_SECRET = "pd-signing-0123456789abcdef";

function count(db: Db, table: string, where = "1 = 1"): number {
  return db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))!.n;
}

/** Rows of the data a delivery may write (not the log). */
function dataCounts(db: Db) {
  return {
    deployments: count(db, "deployments"),
    commits: count(db, "deployment_commits"),
    incidents: count(db, "incidents"),
    pushed: count(db, "webhook_commits"),
    services: count(db, "services"),
  };
}

async function call(handler: (a: ActionFunctionArgs) => Promise<Response>, request: Request, sourceId: number | string) {
  const res = await handler({ request, params: { sourceId: String(sourceId) }, context: { clientIp: null } } as ActionFunctionArgs);
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json };
}

function post(sourceId: number | string, body: string | Uint8Array, headers: Record<string, string>) {
  return call(webhookAction, new Request(`http://localhost/api/v1/webhooks/${sourceId}`, { method: "POST", headers, body: body as BodyInit }), sourceId);
}

const enc = (s: string) => new TextEncoder().encode(s);

function github(sourceId: number, event: string, payload: unknown, opts: { secret?: string; signature?: string | null; delivery?: string } = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-GitHub-Event": event,
    "X-GitHub-Delivery": opts.delivery ?? crypto.randomUUID(),
  };
  const sig = opts.signature === undefined ? githubSignature(opts.secret ?? GH_SECRET, enc(body)) : opts.signature;
  if (sig !== null) headers["X-Hub-Signature-256"] = sig;
  return post(sourceId, body, headers);
}

function gitlab(sourceId: number, event: string, payload: unknown, token: string | null = GL_SECRET) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Gitlab-Event": event, "X-Gitlab-Event-UUID": crypto.randomUUID() };
  if (token !== null) headers["X-Gitlab-Token"] = token;
  return post(sourceId, typeof payload === "string" ? payload : JSON.stringify(payload), headers);
}

function alertmanager(sourceId: number, payload: unknown, token: string | null = AM_SECRET) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return post(sourceId, typeof payload === "string" ? payload : JSON.stringify(payload), headers);
}

function pagerduty(sourceId: number, payload: unknown, secrets: string[] = [PD_SECRET]) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Webhook-Id": crypto.randomUUID() };
  if (secrets.length) headers["X-PagerDuty-Signature"] = secrets.map((s) => pagerDutySignature(s, enc(body))).join(",");
  return post(sourceId, body, headers);
}

// -------------------------------------------------------------------------------- payload builders (copies of the fixtures)

const REPO = "InnovaTech/api-gateway";

function ghPush(commits: { sha: string; at: number }[], opts: { branch?: string; repo?: string } = {}) {
  const p = fixture("github/push.json");
  p.ref = `refs/heads/${opts.branch ?? "main"}`;
  p.repository.full_name = opts.repo ?? REPO;
  p.repository.default_branch = "main";
  p.repository.master_branch = "main";
  const template = p.commits[0];
  p.commits = commits.map((c) => ({ ...template, id: c.sha, timestamp: iso(c.at), distinct: true }));
  p.head_commit = p.commits[p.commits.length - 1] ?? null;
  p.after = p.head_commit?.id ?? p.after;
  return p;
}

function ghDeployment(id: number, state: string, at: number, opts: { sha?: string; env?: string; repo?: string; createdAt?: number } = {}) {
  const p = fixture("github/deployment_status.success.json");
  p.deployment.id = id;
  p.deployment.sha = opts.sha ?? p.deployment.sha;
  p.deployment.environment = opts.env ?? "production";
  p.deployment.created_at = iso(opts.createdAt ?? at - 5 * 60_000);
  p.deployment_status.state = state;
  p.deployment_status.environment = opts.env ?? "production";
  p.deployment_status.created_at = iso(at);
  p.deployment_status.updated_at = iso(at);
  p.repository.full_name = opts.repo ?? REPO;
  return p;
}

function amAlert(status: "firing" | "resolved", fingerprint: string, start: number, end: number | null, labels: Record<string, string>) {
  const p = fixture(`alertmanager/${status}.json`);
  p.alerts = [
    {
      ...p.alerts[0],
      status,
      fingerprint,
      startsAt: iso(start),
      endsAt: end === null ? "0001-01-01T00:00:00Z" : iso(end),
      labels: { ...p.alerts[0].labels, ...labels },
    },
  ];
  p.status = status;
  return p;
}

function pdEvent(type: string, id: string, created: number, occurred: number, service = "Billing") {
  const p = fixture(type === "incident.resolved" ? "pagerduty/incident.resolved.json" : "pagerduty/incident.triggered.json");
  p.event.event_type = type;
  p.event.occurred_at = iso(occurred);
  p.event.data.id = id;
  p.event.data.created_at = iso(created);
  p.event.data.service.summary = service;
  p.event.data.priority = { ...p.event.data.priority, summary: "P2" };
  return p;
}

// -------------------------------------------------------------------------------- setup

const t = freshDbPerTest();
let userId: number;
let svc: { api: number; billing: number };
let src: { gh: number; gl: number; am: number; pd: number };

/** a source's settings apart from its name, mappings and fallback service */
const SOURCE_BASE = { productionEnvironment: "production", serviceLabel: "service" };

/** a source's name, mappings and fallback service changed (the rest as SOURCE_BASE) */
function remap(sourceId: number, name: string, mappings: { matchValue: string; serviceId: number }[], defaultServiceId: number | null = null) {
  updateWebhookSource(t.db, userId, sourceId, { ...SOURCE_BASE, name, defaultServiceId, mappings });
}

function setup(d: Db) {
  const user = insertUser(d, { role: "cto", email: `cto-${Math.random()}@x.test` });
  const api = insertService(d, { name: "api-gateway" }).id;
  const billing = insertService(d, { name: "billing" }).id;
  const base = { ...SOURCE_BASE, defaultServiceId: null };
  const gh = createWebhookSource(d, user.id, { ...base, kind: "github", name: "GitHub", mappings: [{ matchValue: REPO, serviceId: api }] }, GH_SECRET).id;
  const gl = createWebhookSource(
    d,
    user.id,
    { ...base, kind: "gitlab", name: "GitLab", mappings: [{ matchValue: "mike/diaspora", serviceId: billing }] },
    GL_SECRET,
  ).id;
  const am = createWebhookSource(
    d,
    user.id,
    { ...base, kind: "alertmanager", name: "Alertmanager", mappings: [{ matchValue: "api-gateway", serviceId: api }] },
    AM_SECRET,
  ).id;
  const pd = createWebhookSource(
    d,
    user.id,
    { ...base, kind: "pagerduty", name: "PagerDuty", mappings: [{ matchValue: "Billing", serviceId: billing }] },
    PD_SECRET,
  ).id;
  return { userId: user.id, svc: { api, billing }, src: { gh, gl, am, pd } };
}

beforeEach(() => {
  ({ userId, svc, src } = setup(t.db));
});
/**
 * Every summary and reason a test's deliveries stored reads in French on the source's page: each
 * "; " part came from a template of lib/webhooks/log-texts.ts (a sender's payload details aside).
 */
function expectLogReadsInFrench() {
  const FR = frDelivery as Record<string, string>;
  const tFr = (key: string, values: Record<string, string>) => (FR[key] ?? `⟦${key}⟧`).replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? "");
  const texts = t.db.all<{ text: string }>(
    sql`SELECT summary AS text FROM webhook_deliveries WHERE summary IS NOT NULL UNION SELECT reason FROM webhook_deliveries WHERE reason IS NOT NULL`,
  );
  for (const { text } of texts) {
    const fr = localizeLogText(text, tFr, "fr-FR")!;
    expect(fr, text).not.toContain("⟦");
    if (text.startsWith("invalid payload: ")) expect(fr, text).toMatch(/^contenu invalide : /);
    else {
      const english = text.split("; ");
      fr.split("; ").forEach((part, i) => expect(part, `"${english[i]}" in "${text}"`).not.toBe(english[i]));
    }
  }
}

afterEach(() => expectLogReadsInFrench());

function lastLog(sourceId: number) {
  return listWebhookDeliveries(t.db, sourceId).rows[0];
}

// -------------------------------------------------------------------------------- the tests

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

describe("GitHub", () => {
  it("ping (the documented payload) is answered 200 and logged as ignored", async () => {
    const r = await github(src.gh, "ping", fixture("github/ping.json"), { delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ outcome: "ignored", event: "ping" });
    expect(lastLog(src.gh)).toMatchObject({ outcome: "ignored", verified: true, httpStatus: 200, deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
  });

  it("the documented deployment_status payload creates a deployment once (idempotent on the deployment id)", async () => {
    const body = fixture("github/deployment_status.success.json");
    remap(src.gh, "GitHub", [{ matchValue: "codertocat/hello-world", serviceId: svc.api }]);
    const r = await github(src.gh, "deployment_status", body);
    expect(r.status).toBe(201);
    expect(r.json.outcome).toBe("created");
    const dep = t.db.get<any>(sql`SELECT * FROM deployments`);
    expect(dep).toMatchObject({
      external_id: "github-deployment-145988746",
      status: "success",
      environment: "production",
      finished_at: Date.parse("2019-05-15T15:20:55Z"),
      started_at: Date.parse("2019-05-15T15:20:53Z"),
    });
    const again = await github(src.gh, "deployment_status", body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("already recorded") });
    expect(count(t.db, "deployments")).toBe(1);
  });

  it("pushes store commits by sha; the deployment that ships them gets the commits up to the deployed sha", async () => {
    // two pushes before the deployment, one commit pushed during it (after the deployed sha)
    expect(
      (
        await github(
          src.gh,
          "push",
          ghPush([
            { sha: "a1".padEnd(40, "0"), at: T0 - 5 * H },
            { sha: "a2".padEnd(40, "0"), at: T0 - 4 * H },
          ]),
        )
      ).status,
    ).toBe(201);
    expect((await github(src.gh, "push", ghPush([{ sha: "a3".padEnd(40, "0"), at: T0 - 2 * H }]))).status).toBe(201);
    expect((await github(src.gh, "push", ghPush([{ sha: "a4".padEnd(40, "0"), at: T0 - 10 * 60_000 }]))).status).toBe(201);
    // a push to a feature branch and a tag push are ignored (their commits reach production when merged)
    expect((await github(src.gh, "push", ghPush([{ sha: "f1".padEnd(40, "0"), at: T0 - 3 * H }], { branch: "feature/x" }))).json.outcome).toBe("ignored");
    expect((await github(src.gh, "push", fixture("github/push.tag-deleted.json"))).json.outcome).toBe("ignored");
    // statuses on the way are ignored; the success ships a1..a3 (a4 came after the deployed sha)
    expect((await github(src.gh, "deployment_status", ghDeployment(7, "in_progress", T0 - 5 * 60_000, { sha: "a3".padEnd(40, "0") }))).json.outcome).toBe(
      "ignored",
    );
    const r = await github(src.gh, "deployment_status", ghDeployment(7, "success", T0, { sha: "a3".padEnd(40, "0") }));
    expect(r.status).toBe(201);
    expect(r.json.summary).toMatch(/3 commits from pushes/);
    const shas = t.db.all<{ sha: string }>(sql`SELECT sha FROM deployment_commits ORDER BY committed_at`).map((c) => c.sha.slice(0, 2));
    expect(shas).toEqual(["a1", "a2", "a3"]);
    // the next deployment ships what is left (a4), not again a1..a3
    const r2 = await github(src.gh, "deployment_status", ghDeployment(8, "success", T0 + H, { sha: "a4".padEnd(40, "0") }));
    expect(r2.json.summary).toMatch(/1 commit from pushes/);
    expect(count(t.db, "deployment_commits")).toBe(4);
    expect(count(t.db, "webhook_commits", "deployment_id IS NULL")).toBe(0);
    // a replayed push changes nothing
    const replay = await github(src.gh, "push", ghPush([{ sha: "a3".padEnd(40, "0"), at: T0 - 2 * H }]));
    expect(replay.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("already known") });
  });

  it("a later status of the same deployment updates it: failure → success takes the waiting commits; success → failure releases them", async () => {
    await github(src.gh, "push", ghPush([{ sha: "b1".padEnd(40, "0"), at: T0 - 3 * H }]));
    let r = await github(src.gh, "deployment_status", ghDeployment(20, "error", T0, { sha: "b1".padEnd(40, "0") }));
    expect(r.status).toBe(201);
    expect(t.db.get<{ s: string }>(sql`SELECT status AS s FROM deployments`)!.s).toBe("failure");
    expect(count(t.db, "deployment_commits")).toBe(0);
    r = await github(src.gh, "deployment_status", ghDeployment(20, "success", T0 + 30 * 60_000, { sha: "b1".padEnd(40, "0") }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ outcome: "updated", summary: expect.stringContaining("failure → success, 1 commit") });
    expect(t.db.get<any>(sql`SELECT status, finished_at FROM deployments`)).toEqual({ status: "success", finished_at: T0 + 30 * 60_000 });
    expect(count(t.db, "deployment_commits")).toBe(1);
    r = await github(src.gh, "deployment_status", ghDeployment(20, "failure", T0 + H, { sha: "b1".padEnd(40, "0") }));
    expect(r.json).toMatchObject({ outcome: "updated", summary: expect.stringContaining("success → failure, 1 commit released") });
    expect(count(t.db, "deployment_commits")).toBe(0);
    expect(count(t.db, "webhook_commits", "deployment_id IS NULL")).toBe(1);
    expect(count(t.db, "deployments")).toBe(1);
    // the rollups follow the change (no successful deployment left)
    expect(getDoraMetrics(t.db, { from: T0 - DAY, to: T0 + DAY }).deploymentFrequency.count).toBe(0);
  });

  it("a deployment to another environment is ignored; an unmapped repository is refused (202) with the reason; the default service catches it", async () => {
    let r = await github(src.gh, "deployment_status", ghDeployment(30, "success", T0, { env: "staging" }));
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", reason: expect.stringContaining('environment "staging"') } });
    r = await github(src.gh, "deployment_status", ghDeployment(31, "success", T0, { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ outcome: "refused", reason: expect.stringMatching(/^unmapped service: repository \(owner\/name\) "InnovaTech\/unknown"/) });
    r = await github(src.gh, "push", ghPush([{ sha: "c1".padEnd(40, "0"), at: T0 - H }], { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(202);
    expect(count(t.db, "deployments") + count(t.db, "webhook_commits")).toBe(0);
    remap(src.gh, "GitHub", [], svc.billing);
    r = await github(src.gh, "deployment_status", ghDeployment(31, "success", T0, { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(201);
    expect(t.db.get<{ n: string }>(sql`SELECT s.name AS n FROM deployments d JOIN services s ON s.id = d.service_id`)!.n).toBe("billing");
  });

  it("an unknown event is accepted and ignored (200) so GitHub keeps the hook; a form-encoded payload is read too", async () => {
    const r = await github(src.gh, "issues", { action: "opened" });
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", reason: expect.stringContaining("event issues is not used") } });
    const form = `payload=${encodeURIComponent(JSON.stringify(fixture("github/ping.json")))}`;
    const f = await post(src.gh, form, {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-GitHub-Event": "ping",
      "X-Hub-Signature-256": githubSignature(GH_SECRET, enc(form)),
    });
    expect(f).toMatchObject({ status: 200, json: { outcome: "ignored", event: "ping" } });
  });
});

describe("GitLab", () => {
  it("the documented Push Hook stores the listed commits; the documented Deployment Hook (staging) is ignored unless staging is the production environment", async () => {
    let r = await gitlab(src.gl, "Push Hook", fixture("gitlab/push.json"));
    expect(r.status).toBe(201);
    expect(r.json.summary).toMatch(/2 commits of billing \(master\) stored.*2 more not listed/);
    r = await gitlab(src.gl, "Deployment Hook", fixture("gitlab/deployment.json"));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining('environment "staging"') });
    const gl2 = createWebhookSource(
      t.db,
      userId,
      {
        kind: "gitlab",
        name: "GitLab staging",
        productionEnvironment: "staging",
        serviceLabel: "service",
        defaultServiceId: null,
        mappings: [{ matchValue: "root/test-deployment-webhooks", serviceId: svc.billing }],
      },
      GL_SECRET,
    ).id;
    r = await gitlab(gl2, "Deployment Hook", fixture("gitlab/deployment.json"));
    expect(r.status).toBe(201);
    expect(t.db.get<any>(sql`SELECT external_id, status, finished_at FROM deployments`)).toEqual({
      external_id: "gitlab-deployment-15",
      status: "success",
      finished_at: Date.UTC(2021, 3, 28, 19, 50),
    });
  });

  it("a deployment known only by its short sha takes the pushed commits up to that commit", async () => {
    const push = fixture("gitlab/push.json");
    const shas = ["1111111aaaa", "2222222bbbb", "3333333cccc"].map((p) => p.padEnd(40, "0"));
    push.commits = shas.map((id, i) => ({ ...push.commits[0], id, timestamp: iso(T0 - (3 - i) * H) }));
    push.total_commits_count = 3;
    expect((await gitlab(src.gl, "Push Hook", push)).status).toBe(201);
    const dep = fixture("gitlab/deployment.json");
    Object.assign(dep, {
      environment: "production",
      deployment_id: 77,
      short_sha: "2222222b",
      commit_url: null,
      status_changed_at: iso(T0)
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC"),
    });
    dep.project.path_with_namespace = "mike/diaspora";
    const r = await gitlab(src.gl, "Deployment Hook", dep);
    expect(r.json.summary).toMatch(/2 commits from pushes/);
    expect(t.db.all<{ sha: string }>(sql`SELECT sha FROM deployment_commits ORDER BY sha`).map((c) => c.sha)).toEqual(shas.slice(0, 2));
  });

  it("failed then success for the same deployment_id updates it", async () => {
    const dep = fixture("gitlab/deployment.json");
    dep.environment = "production";
    dep.project.path_with_namespace = "mike/diaspora";
    dep.status = "failed";
    dep.status_changed_at = "2025-01-10 10:00:00 +0100";
    expect((await gitlab(src.gl, "Deployment Hook", dep)).status).toBe(201);
    dep.status = "running";
    expect((await gitlab(src.gl, "Deployment Hook", dep)).json.outcome).toBe("ignored");
    dep.status = "success";
    dep.status_changed_at = "2025-01-10 10:20:00 +0100";
    const r = await gitlab(src.gl, "Deployment Hook", dep);
    expect(r.json).toMatchObject({ outcome: "updated" });
    expect(t.db.get<any>(sql`SELECT status, finished_at FROM deployments`)).toEqual({ status: "success", finished_at: Date.UTC(2025, 0, 10, 9, 20) });
  });
});

describe("Alertmanager", () => {
  it("the documented firing then resolved notifications open and resolve one incident, keyed on fingerprint + start", async () => {
    let r = await alertmanager(src.am, fixture("alertmanager/firing.json"));
    expect(r.status).toBe(201);
    const inc = () => t.db.get<any>(sql`SELECT i.*, s.name AS service FROM incidents i JOIN services s ON s.id = i.service_id`);
    expect(inc()).toMatchObject({
      service: "api-gateway",
      severity: "SEV1",
      started_at: Date.UTC(2025, 10, 20, 9, 12, 5, 123),
      resolved_at: null,
      title: "HighErrorRate: 5xx ratio above 5 % for 5 minutes",
    });
    // Alertmanager repeats a firing notification (repeat_interval): nothing changes
    r = await alertmanager(src.am, fixture("alertmanager/firing.json"));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("unchanged") });
    r = await alertmanager(src.am, fixture("alertmanager/resolved.json"));
    expect(r).toMatchObject({ status: 200, json: { outcome: "updated" } });
    expect(inc().resolved_at).toBe(Date.UTC(2025, 10, 20, 9, 38, 50, 456));
    expect(count(t.db, "incidents")).toBe(1);
    // the same alert firing again later is a new incident
    r = await alertmanager(src.am, amAlert("firing", "c4a3f5b1d2e6a798", Date.UTC(2025, 10, 20, 15, 0), null, {}));
    expect(r.status).toBe(201);
    expect(count(t.db, "incidents")).toBe(2);
  });

  it("an alert whose service label matches no rule is refused (202) with the reason; mixed notifications write the mapped alerts", async () => {
    const other = amAlert("firing", "f00", T0, null, { service: "search" });
    let r = await alertmanager(src.am, other);
    expect(r.status).toBe(202);
    expect(r.json.reason).toMatch(/^unmapped service: value of the service label "search"/);
    expect(count(t.db, "incidents")).toBe(0);
    const mixed = amAlert("firing", "f01", T0, null, {});
    mixed.alerts.push({ ...other.alerts[0] });
    r = await alertmanager(src.am, mixed);
    expect(r.status).toBe(201);
    expect(r.json.reason).toMatch(/1 alert skipped, unmapped service: search/);
    expect(count(t.db, "incidents")).toBe(1);
  });
});

describe("PagerDuty", () => {
  it("triggered, acknowledged, resolved, reopened; notes are ignored", async () => {
    let r = await pagerduty(src.pd, pdEvent("incident.triggered", "PQ1", T0, T0));
    expect(r.status).toBe(201);
    r = await pagerduty(src.pd, pdEvent("incident.acknowledged", "PQ1", T0, T0 + 60_000));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("unchanged") });
    r = await pagerduty(src.pd, fixture("pagerduty/incident.annotated.json"));
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", event: "incident.annotated" } });
    r = await pagerduty(src.pd, pdEvent("incident.resolved", "PQ1", T0, T0 + 25 * 60_000));
    expect(r.json.outcome).toBe("updated");
    expect(t.db.get<any>(sql`SELECT severity, resolved_at, external_id FROM incidents`)).toEqual({
      severity: "SEV2",
      resolved_at: T0 + 25 * 60_000,
      external_id: "pagerduty-PQ1",
    });
    r = await pagerduty(src.pd, pdEvent("incident.reopened", "PQ1", T0, T0 + H));
    expect(r.json.outcome).toBe("updated");
    expect(t.db.get<any>(sql`SELECT resolved_at FROM incidents`).resolved_at).toBeNull();
  });

  it("the documented priority_updated example maps by the PagerDuty service name or id", async () => {
    remap(src.pd, "PagerDuty", [{ matchValue: "PF9KMXH", serviceId: svc.api }]);
    const r = await pagerduty(src.pd, fixture("pagerduty/incident.priority_updated.json"));
    expect(r.status).toBe(201);
    expect(t.db.get<any>(sql`SELECT severity, service_id FROM incidents`)).toEqual({ severity: "SEV1", service_id: svc.api });
  });
});

describe("the DORA figures from webhooks equal the same events sent through the JSON API", () => {
  it("deployments, commits, a failure retried, incidents from Alertmanager and PagerDuty: same five figures, overall and per service", async () => {
    const sha = (n: number) => `${n.toString(16).padStart(2, "0")}`.padEnd(40, "c");
    // --- through the webhooks
    const deliveries: Promise<{ status: number }>[] = [];
    const send = async (p: Promise<{ status: number }>) => {
      const r = await p;
      expect(r.status).toBeLessThan(300);
    };
    // day 0: two pushes, deployment 101 ships sha 2 (commits 1, 2)
    await send(
      github(
        src.gh,
        "push",
        ghPush([
          { sha: sha(1), at: T0 - 6 * H },
          { sha: sha(2), at: T0 - 3 * H },
        ]),
      ),
    );
    await send(github(src.gh, "deployment_status", ghDeployment(101, "queued", T0 - 10 * 60_000, { sha: sha(2) })));
    await send(github(src.gh, "deployment_status", ghDeployment(101, "success", T0, { sha: sha(2) })));
    // day 1: push 3, 4; deployment 102 fails, then succeeds on a retry (ships 3, 4)
    await send(github(src.gh, "push", ghPush([{ sha: sha(3), at: T0 + DAY - 5 * H }])));
    await send(github(src.gh, "push", ghPush([{ sha: sha(4), at: T0 + DAY - 2 * H }])));
    await send(github(src.gh, "deployment_status", ghDeployment(102, "failure", T0 + DAY - H, { sha: sha(4) })));
    await send(github(src.gh, "deployment_status", ghDeployment(102, "success", T0 + DAY, { sha: sha(4) })));
    // an incident after deployment 102 (inferred cause), resolved 40 min later
    await send(alertmanager(src.am, amAlert("firing", "aa01", T0 + DAY + H, null, {})));
    await send(alertmanager(src.am, amAlert("resolved", "aa01", T0 + DAY + H, T0 + DAY + H + 40 * 60_000, {})));
    // day 2: push 5; a staging deployment (ignored); deployment 103 ships 5; a failed one (104)
    await send(github(src.gh, "push", ghPush([{ sha: sha(5), at: T0 + 2 * DAY - 90 * 60_000 }])));
    await send(github(src.gh, "deployment_status", ghDeployment(110, "success", T0 + 2 * DAY - H, { env: "staging", sha: sha(5) })));
    await send(github(src.gh, "deployment_status", ghDeployment(103, "success", T0 + 2 * DAY, { sha: sha(5) })));
    await send(github(src.gh, "deployment_status", ghDeployment(104, "failure", T0 + 2 * DAY + H, { sha: sha(5) })));
    // billing: a GitLab deployment and a PagerDuty incident before it (no cause), still open
    const gl = fixture("gitlab/deployment.json");
    Object.assign(gl, {
      environment: "production",
      deployment_id: 501,
      status_changed_at: iso(T0 + 3 * DAY)
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC"),
    });
    gl.project.path_with_namespace = "mike/diaspora";
    const glPush = fixture("gitlab/push.json");
    glPush.commits = glPush.commits.map((c: any, i: number) => ({ ...c, id: sha(200 + i), timestamp: iso(T0 + 3 * DAY - (i + 1) * H) }));
    await send(gitlab(src.gl, "Push Hook", glPush));
    await send(gitlab(src.gl, "Deployment Hook", gl));
    await send(pagerduty(src.pd, pdEvent("incident.triggered", "PB1", T0 + 2 * DAY, T0 + 2 * DAY)));
    await Promise.all(deliveries);

    // --- the same events through the JSON API, on a second database
    const api = createTestDb();
    try {
      const apiDb = api.db;
      insertService(apiDb, { name: "api-gateway" });
      insertService(apiDb, { name: "billing" });
      const { token } = createApiToken(apiDb, { name: "ci", scopes: ["deployments:write", "incidents:write"], createdByUserId: null }, null);
      const apiPost = async (handler: typeof deploymentsAction, path: string, body: unknown) => {
        const res = await handler({
          request: new Request(`http://localhost${path}`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          }),
          params: {},
          context: {},
        } as ActionFunctionArgs);
        expect(res.status).toBeLessThan(300);
      };
      const commit = (n: number, at: number) => ({ sha: sha(n), committedAt: iso(at) });
      await apiPost(deploymentsAction, "/api/v1/deployments", [
        {
          externalId: "github-deployment-101",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 - 5 * 60_000),
          finishedAt: iso(T0),
          commits: [commit(1, T0 - 6 * H), commit(2, T0 - 3 * H)],
        },
        {
          externalId: "github-deployment-102",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 + DAY - 5 * 60_000),
          finishedAt: iso(T0 + DAY),
          commits: [commit(3, T0 + DAY - 5 * H), commit(4, T0 + DAY - 2 * H)],
        },
        {
          externalId: "github-deployment-103",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 + 2 * DAY - 5 * 60_000),
          finishedAt: iso(T0 + 2 * DAY),
          commits: [commit(5, T0 + 2 * DAY - 90 * 60_000)],
        },
        {
          externalId: "github-deployment-104",
          service: "api-gateway",
          status: "failure",
          startedAt: iso(T0 + 2 * DAY + H - 5 * 60_000),
          finishedAt: iso(T0 + 2 * DAY + H),
        },
        {
          externalId: "gitlab-deployment-501",
          service: "billing",
          status: "success",
          finishedAt: iso(T0 + 3 * DAY),
          commits: [commit(200, T0 + 3 * DAY - H), commit(201, T0 + 3 * DAY - 2 * H)],
        },
      ]);
      await apiPost(incidentsAction, "/api/v1/incidents", [
        {
          externalId: `alertmanager-aa01-${T0 + DAY + H}`,
          service: "api-gateway",
          title: "HighErrorRate: 5xx ratio above 5 % for 5 minutes",
          severity: "SEV1",
          startedAt: iso(T0 + DAY + H),
          resolvedAt: iso(T0 + DAY + H + 40 * 60_000),
        },
        { externalId: "pagerduty-PB1", service: "billing", title: "A little bump in the road", severity: "SEV2", startedAt: iso(T0 + 2 * DAY) },
      ]);

      const window = { from: T0 - 7 * DAY, to: T0 + 7 * DAY };
      const viaHooks = doraApiBody(getDoraMetrics(t.db, window));
      const viaApi = doraApiBody(getDoraMetrics(apiDb, window));
      expect(viaHooks).toEqual(viaApi);
      // and the figures are the ones this scenario means (so the equality is not of two empty sets)
      expect(viaHooks.deploymentFrequency.count).toBe(4);
      expect(viaHooks.changeFailureRate).toMatchObject({ failed: 1, total: 4 });
      expect(viaHooks.timeToRestore.medianHours).toBeCloseTo(40 / 60, 6);
      // lead times: 6, 3, 5, 2, 1.5, 1, 2 h → median 2 h
      expect(viaHooks.leadTime.medianHours).toBeCloseTo(2, 6);
      for (const [name, id] of [
        ["api-gateway", svc.api],
        ["billing", svc.billing],
      ] as const) {
        const apiId = apiDb.get<{ id: number }>(sql`SELECT id FROM services WHERE name = ${name}`)!.id;
        expect(doraApiBody(getDoraMetrics(t.db, window, { serviceId: id }))).toEqual(doraApiBody(getDoraMetrics(apiDb, window, { serviceId: apiId })));
      }
      // the same rows behind them: deployments with their commits, incidents with their causes
      const rows = (d: Db) => ({
        deployments: d.all(
          sql`SELECT d.external_id, s.name, d.environment, d.status, d.finished_at, (SELECT group_concat(c.sha || '@' || c.committed_at) FROM (SELECT * FROM deployment_commits c WHERE c.deployment_id = d.id ORDER BY c.sha) c) AS commits FROM deployments d JOIN services s ON s.id = d.service_id ORDER BY d.external_id`,
        ),
        incidents: d.all(
          sql`SELECT i.external_id, s.name, i.title, i.severity, i.started_at, i.resolved_at, i.cause_kind, cd.external_id AS cause FROM incidents i JOIN services s ON s.id = i.service_id LEFT JOIN deployments cd ON cd.id = i.cause_deployment_id ORDER BY i.external_id`,
        ),
      });
      expect(rows(t.db)).toEqual(rows(apiDb));
    } finally {
      globalThis.__trackerDb = t.db;
      api.cleanup();
      globalThis.__trackerDb = t.db;
    }
  });
});

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
