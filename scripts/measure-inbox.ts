/**
 * What the inbox's counts cost on each page view (docs/decisions/022-weekly-inbox.md), on this machine:
 *   npx tsx scripts/measure-inbox.ts [--scale 20] [--runs 300]
 * Seeds the demo into a temporary file, then adds `--scale` times its OKR, risk, requisition, audit and
 * webhook rows (owned by the demo users), prints each count query's plan (EXPLAIN QUERY PLAN) and the
 * mean time of getInboxCounts() per user (what the root loader runs on every page view).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { getInboxCounts, inboxCountQuery } from "~/dashboards/inbox.server";
import { INBOX_KINDS } from "~/lib/inbox";
import type { SessionUser } from "~/models/users.server";
import { openDb } from "../db/client";
import { seedDemo } from "../seeds/demo";

const { values } = parseArgs({ options: { scale: { type: "string", default: "20" }, runs: { type: "string", default: "300" } } });
const scale = Number(values.scale);
const runs = Number(values.runs);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-measure-"));
const db = openDb(path.join(dir, "measure.db"), { synchronous: "NORMAL" });
await seedDemo(db);
const raw = db.$client;
const n = (table: string) => (raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

if (scale > 1) {
  const copies = scale - 1;
  raw.exec("BEGIN");
  // more objectives and key results in the open cycle, each with weekly check-ins
  raw.exec(`
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${copies})
    INSERT INTO objectives (cycle_id, title, owner_user_id, team_id, created_at, updated_at)
    SELECT o.cycle_id, o.title || ' #' || c.i, o.owner_user_id, o.team_id, o.created_at, o.updated_at FROM objectives o, c`);
  raw.exec(`
    INSERT INTO key_results (objective_id, title, kind, start_value, target_value, current_value, unit, weight, owner_user_id, created_at, updated_at)
    SELECT o.id, 'KR of ' || o.title, 'number', 0, 100, 10, NULL, 1, o.owner_user_id, o.created_at, o.updated_at
    FROM objectives o, (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) WHERE o.title LIKE '% #%'`);
  raw.exec(`
    WITH RECURSIVE w(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM w WHERE k < 12)
    INSERT INTO check_ins (key_result_id, value, confidence, author_user_id, created_at, updated_at)
    SELECT k.id, 10, 7, k.owner_user_id, k.created_at + w.k * 7 * 86400000, k.created_at + w.k * 7 * 86400000
    FROM key_results k, w WHERE k.title LIKE 'KR of %'`);
  raw.exec(`
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${copies})
    INSERT INTO risks (title, category, inherent_likelihood, inherent_impact, residual_likelihood, residual_impact, owner_user_id, treatment, status, next_review_date, created_at, updated_at)
    SELECT r.title || ' #' || c.i, r.category, r.inherent_likelihood, r.inherent_impact, r.residual_likelihood, r.residual_impact, r.owner_user_id, r.treatment,
      r.status, r.next_review_date, r.created_at, r.updated_at FROM risks r, c WHERE r.raised_by_rule_id IS NULL`);
  raw.exec(`
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${copies})
    INSERT INTO requisitions (title, team_id, profile, priority, target_start_month, annual_salary_cents, source, status, status_changed_at, created_at, updated_at)
    SELECT q.title || ' #' || c.i, q.team_id, q.profile, q.priority, q.target_start_month, q.annual_salary_cents, q.source, q.status, q.status_changed_at, q.created_at, q.updated_at
    FROM requisitions q, c`);
  // a larger audit trail
  raw.exec(`
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${copies * 5000})
    INSERT INTO audit_log (at, action, entity_type, entity_id, created_at, updated_at)
    SELECT 1700000000000 + c.i * 60000, 'update', 'key_result', CAST(c.i % 500 AS TEXT), 1700000000000, 1700000000000 FROM c`);
  // webhook sources, each with a full delivery log (half of them failing now)
  raw.exec(`
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${copies})
    INSERT INTO webhook_sources (kind, name, created_at, updated_at) SELECT 'github', 'source ' || c.i, 0, 0 FROM c`);
  raw.exec(`
    WITH RECURSIVE d(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM d WHERE k < 200)
    INSERT INTO webhook_deliveries (source_id, received_at, event, outcome, verified, http_status, created_at, updated_at)
    SELECT s.id, ${Date.now()} - (200 - d.k) * 3600000, 'push',
      CASE WHEN s.id % 2 = 0 AND d.k > 190 THEN 'refused' ELSE 'created' END, 1, 200, 0, 0 FROM webhook_sources s, d`);
  raw.exec("COMMIT");
  raw.exec("ANALYZE");
}

console.log(
  `rows: key_results ${n("key_results")}, check_ins ${n("check_ins")}, risks ${n("risks")}, requisitions ${n("requisitions")}, audit_log ${n("audit_log")}, webhook_deliveries ${n("webhook_deliveries")}`,
);
const users = raw
  .prepare("SELECT u.id, u.email, u.name, u.role, u.team_id AS teamId, t.name AS teamName FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.id")
  .all() as SessionUser[];
const dialect = (db as unknown as { dialect: { sqlToQuery: (q: unknown) => { sql: string; params: unknown[] } } }).dialect;
for (const kind of INBOX_KINDS) {
  const q = dialect.sqlToQuery(inboxCountQuery(db, users[0], kind));
  const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
  console.log(`${kind.padEnd(13)} ${plan.join(" | ")}`);
}
for (const kind of INBOX_KINDS) {
  const q = dialect.sqlToQuery(inboxCountQuery(db, users[0], kind));
  const stmt = raw.prepare(q.sql);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) stmt.get(...q.params);
  console.log(`${kind.padEnd(13)} ${((performance.now() - t0) / runs).toFixed(2)} ms (${users[0].email})`);
}
for (const user of users) {
  getInboxCounts(db, user); // warm the statement cache
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) getInboxCounts(db, user);
  const ms = (performance.now() - t0) / runs;
  console.log(`${user.email.padEnd(32)} ${user.role.padEnd(7)} total ${String(getInboxCounts(db, user).total).padStart(4)}  ${ms.toFixed(2)} ms per page view`);
}
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });
