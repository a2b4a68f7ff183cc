/** The webhook suite's world (tests/integration/webhooks/): a fresh database per test with four sources, and the check that every log text reads in French. */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect } from "vitest";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import frDelivery from "~/locales/fr/delivery.json";
import { createWebhookSource, listWebhookDeliveries, updateWebhookSource } from "~/models/webhooks.server";
import type { Db } from "~/utils/db.server";
import { insertService, insertUser } from "../../seeds/builders";
import { freshDbPerTest, type FreshDb } from "./db";
import { AM_SECRET, GH_SECRET, GL_SECRET, PD_SECRET, REPO } from "./webhook-requests";

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
