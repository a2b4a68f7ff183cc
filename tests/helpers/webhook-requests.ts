/** Webhook requests as each vendor sends and signs them (GitHub, GitLab, Alertmanager, PagerDuty), through the route's action; payload builders copied from the fixtures (tests/fixtures/webhooks/). */
import fs from "node:fs";
import type { ActionFunctionArgs } from "@remix-run/node";
import { githubSignature, pagerDutySignature } from "~/lib/webhooks/signatures.server";
import { action as webhookAction } from "~/routes/api.v1.webhooks.$sourceId";

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
