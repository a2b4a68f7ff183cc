/** The webhook suite's set-up (tests/integration/webhooks/): a fresh database per test with four sources, requests signed as each vendor signs them, payload builders, and the check that every log text reads in French. */
import fs from "node:fs";
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect } from "vitest";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import { githubSignature, pagerDutySignature } from "~/lib/webhooks/signatures.server";
import frDelivery from "~/locales/fr/delivery.json";
import { createWebhookSource, listWebhookDeliveries, updateWebhookSource } from "~/models/webhooks.server";
import { action as webhookAction } from "~/routes/api.v1.webhooks.$sourceId";
import type { Db } from "~/utils/db.server";
import { insertService, insertUser } from "../../seeds/builders";
import { freshDbPerTest, type FreshDb } from "./db";

export const FIXTURES = new URL("../fixtures/webhooks/", import.meta.url);
export const fixture = (name: string): any => JSON.parse(fs.readFileSync(new URL(name, FIXTURES), "utf8"));

export const H = 3_600_000;
export const DAY = 24 * H;
export const iso = (ms: number) => new Date(ms).toISOString();
/** Scenario times: recent (plausible for the API), on whole minutes */
export const T0 = Math.floor((Date.now() - 20 * DAY) / 60_000) * 60_000;

export const GH_SECRET = "gh-secret-0123456789abcdef";
export const GL_SECRET = "gl-token-0123456789abcdef";
export const AM_SECRET = "am-bearer-0123456789abcdef";
export const PD_SECRET = "pd-signing-0123456789abcdef";

export function count(db: Db, table: string, where = "1 = 1"): number {
  return db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))!.n;
}

/** Rows of the data a delivery may write (not the log). */
export function dataCounts(db: Db) {
  return {
    deployments: count(db, "deployments"),
    commits: count(db, "deployment_commits"),
    incidents: count(db, "incidents"),
    pushed: count(db, "webhook_commits"),
    services: count(db, "services"),
  };
}

export async function call(handler: (a: ActionFunctionArgs) => Promise<Response>, request: Request, sourceId: number | string) {
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

export function post(sourceId: number | string, body: string | Uint8Array, headers: Record<string, string>) {
  return call(webhookAction, new Request(`http://localhost/api/v1/webhooks/${sourceId}`, { method: "POST", headers, body: body as BodyInit }), sourceId);
}

export const enc = (s: string) => new TextEncoder().encode(s);

export function github(sourceId: number, event: string, payload: unknown, opts: { secret?: string; signature?: string | null; delivery?: string } = {}) {
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

export function gitlab(sourceId: number, event: string, payload: unknown, token: string | null = GL_SECRET) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Gitlab-Event": event, "X-Gitlab-Event-UUID": crypto.randomUUID() };
  if (token !== null) headers["X-Gitlab-Token"] = token;
  return post(sourceId, typeof payload === "string" ? payload : JSON.stringify(payload), headers);
}

export function alertmanager(sourceId: number, payload: unknown, token: string | null = AM_SECRET) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return post(sourceId, typeof payload === "string" ? payload : JSON.stringify(payload), headers);
}

export function pagerduty(sourceId: number, payload: unknown, secrets: string[] = [PD_SECRET]) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { "Content-Type": "application/json", "X-Webhook-Id": crypto.randomUUID() };
  if (secrets.length) headers["X-PagerDuty-Signature"] = secrets.map((s) => pagerDutySignature(s, enc(body))).join(",");
  return post(sourceId, body, headers);
}

// -------------------------------------------------------------------------------- payload builders (copies of the fixtures)

export const REPO = "InnovaTech/api-gateway";

export function ghPush(commits: { sha: string; at: number }[], opts: { branch?: string; repo?: string } = {}) {
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

export function ghDeployment(id: number, state: string, at: number, opts: { sha?: string; env?: string; repo?: string; createdAt?: number } = {}) {
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

export function amAlert(status: "firing" | "resolved", fingerprint: string, start: number, end: number | null, labels: Record<string, string>) {
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

export function pdEvent(type: string, id: string, created: number, occurred: number, service = "Billing") {
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

export let t: FreshDb;
export let userId: number;
export let svc: { api: number; billing: number };
export let src: { gh: number; gl: number; am: number; pd: number };

/** a source's settings apart from its name, mappings and fallback service */
export const SOURCE_BASE = { productionEnvironment: "production", serviceLabel: "service" };

/** a source's name, mappings and fallback service changed (the rest as SOURCE_BASE) */
export function remap(sourceId: number, name: string, mappings: { matchValue: string; serviceId: number }[], defaultServiceId: number | null = null) {
  updateWebhookSource(t.db, userId, sourceId, { ...SOURCE_BASE, name, defaultServiceId, mappings });
}

export function setup(d: Db) {
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

/**
 * Every summary and reason a test's deliveries stored reads in French on the source's page: each
 * "; " part came from a template of lib/webhooks/log-texts.ts (a sender's payload details aside).
 */
export function expectLogReadsInFrench() {
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

export function lastLog(sourceId: number) {
  return listWebhookDeliveries(t.db, sourceId).rows[0];
}

/** Each test: a fresh migrated database with the four sources (GitHub, GitLab, Alertmanager, PagerDuty); after it, its log texts read in French. */
export function webhookWorld() {
  t = freshDbPerTest();
  beforeEach(() => {
    ({ userId, svc, src } = setup(t.db));
  });
  afterEach(() => expectLogReadsInFrench());
}
