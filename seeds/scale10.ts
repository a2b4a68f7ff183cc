/**
 * The demo data at 10× (npm run bench): a seeded demo database grown in place with SQL bulk inserts
 * to 10 years of monthly finance, 1,000 requisitions, 500 objectives / 3,000 key results / 50,000
 * check-ins and 1,000,000 deployments (with ~2 M commits and ~100 k incidents). Rows are copies of
 * the demo's own (same categories, teams, users, cycles, services) with deterministic variations, so
 * every page has the same shape as at demo scale, only more of it.
 *
 * Fast: one INSERT … SELECT over a recursive counter per table. For deployments, commits and
 * incidents the delivery triggers are dropped for the load and recreated after (as they were), and
 * the samples and rollups are recomputed from the raw rows in SQL (db/rollups.ts) — what the
 * triggers would have written, in a fraction of the time.
 */
import type { Database } from "better-sqlite3";
import { rebuildDeliveryDerived } from "../db/rollups";

export const SCALE10 = { financeMonths: 120, requisitions: 1_000, objectives: 500, keyResults: 3_000, checkIns: 50_000, deployments: 1_000_000 };

const DAY = 86_400_000;
const SEQ = (n: number) => `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${Math.max(0, Math.trunc(n))})`;

export function scaleDemoTenfold(client: Database, log: (line: string) => void = () => {}): void {
  const count = (table: string) => client.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const now = Date.now();
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -200000");

  client.transaction(() => {
    // 1. Finance: months before the earliest snapshot until there are 120, with the earliest's figures
    //    shrinking into the past; budget lines for every category in those months (its average).
    const missing = SCALE10.financeMonths - count("finance_snapshots");
    if (missing > 0) {
      client.exec(`
        ${SEQ(missing)}, first AS (SELECT * FROM finance_snapshots ORDER BY month LIMIT 1)
        INSERT INTO finance_snapshots (month, cash_cents, revenue_cents, mrr_cents, customers, new_customers, churned_customers, financing_cents, created_at, updated_at)
        SELECT strftime('%Y-%m', date(first.month || '-01', '-' || seq.n || ' months')),
               first.cash_cents + seq.n * 50000000, MAX(0, first.revenue_cents - seq.n * 100000), MAX(0, first.mrr_cents - seq.n * 100000),
               MAX(1, first.customers - seq.n / 3), seq.n % 3, seq.n % 5 = 0, 0, ${now}, ${now}
        FROM seq, first;
        INSERT OR IGNORE INTO budget_lines (category_id, month, planned_cents, actual_cents, created_at, updated_at)
        SELECT c.id, s.month, COALESCE(a.planned, 0), COALESCE(a.actual, 0), ${now}, ${now}
        FROM finance_snapshots s, budget_categories c
        LEFT JOIN (SELECT category_id, CAST(AVG(planned_cents) AS INTEGER) AS planned, CAST(AVG(COALESCE(actual_cents, planned_cents)) AS INTEGER) AS actual
                   FROM budget_lines GROUP BY category_id) a ON a.category_id = c.id;`);
    }
    // 2. Requisitions: copies of the demo's, numbered, until there are 1,000.
    const reqs = SCALE10.requisitions - count("requisitions");
    if (reqs > 0) {
      client.exec(`
        ${SEQ(reqs)}, src AS (SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, * FROM requisitions), n AS (SELECT COUNT(*) AS c FROM requisitions)
        INSERT INTO requisitions (title, team_id, profile, priority, target_start_month, annual_salary_cents, source, status, objective_id, proposed_by_user_id, created_at, updated_at)
        SELECT src.title || ' #' || seq.n, src.team_id, src.profile, src.priority, src.target_start_month, src.annual_salary_cents + seq.n * 10000,
               src.source, src.status, NULL, src.proposed_by_user_id, ${now}, ${now}
        FROM seq, n JOIN src ON src.k = seq.n % n.c;`);
    }
    // 3. OKRs: objectives copied across the cycles (no parent), 6 key results each until 3,000, then
    //    check-ins spread over each key result's cycle until 50,000.
    const objs = SCALE10.objectives - count("objectives");
    if (objs > 0) {
      const firstNew = (client.prepare("SELECT COALESCE(MAX(id), 0) FROM objectives").pluck().get() as number) + 1;
      client.exec(`
        ${SEQ(objs)}, src AS (SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, * FROM objectives), n AS (SELECT COUNT(*) AS c FROM objectives)
        INSERT INTO objectives (cycle_id, title, description, owner_user_id, team_id, parent_id, archived_at, closing_score, created_at, updated_at)
        SELECT src.cycle_id, src.title || ' #' || seq.n, src.description, src.owner_user_id, src.team_id, NULL, NULL, src.closing_score, ${now}, ${now}
        FROM seq, n JOIN src ON src.k = seq.n % n.c;`);
      const krs = SCALE10.keyResults - count("key_results");
      if (krs > 0) {
        client.exec(`
          ${SEQ(krs)}, o AS (SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id, owner_user_id FROM objectives WHERE id >= ${firstNew}),
          n AS (SELECT COUNT(*) AS c FROM o)
          INSERT INTO key_results (objective_id, title, kind, start_value, target_value, current_value, unit, weight, owner_user_id, created_at, updated_at)
          SELECT o.id, 'Key result ' || seq.n, 'percent', 0, 100, (seq.n * 37) % 101, '%', 1, o.owner_user_id, ${now}, ${now}
          FROM seq, n JOIN o ON o.k = seq.n % n.c;`);
      }
    }
    const checkIns = SCALE10.checkIns - count("check_ins");
    if (checkIns > 0) {
      client.exec(`
        ${SEQ(checkIns)}, kr AS (SELECT ROW_NUMBER() OVER (ORDER BY k.id) - 1 AS k, k.id, k.owner_user_id, c.start_date, c.end_date
                                  FROM key_results k JOIN objectives o ON o.id = k.objective_id JOIN cycles c ON c.id = o.cycle_id),
        n AS (SELECT COUNT(*) AS c FROM kr)
        INSERT INTO check_ins (key_result_id, value, confidence, note, author_user_id, created_at, updated_at)
        SELECT kr.id, (seq.n * 13) % 101, 1 + seq.n % 5, NULL, kr.owner_user_id,
               MIN(${now}, CAST(unixepoch(kr.start_date) AS INTEGER) * 1000 + (seq.n * 7919) % MAX(1, (unixepoch(kr.end_date) - unixepoch(kr.start_date)) * 1000)),
               ${now}
        FROM seq, n JOIN kr ON kr.k = seq.n % n.c;`);
    }
  })();
  log(
    `  finance ${count("finance_snapshots")} months, ${count("requisitions")} requisitions, ${count("objectives")} objectives, ${count("key_results")} key results, ${count("check_ins")} check-ins`,
  );

  // 4. Delivery: 1 M deployments over 5 years (80 % production, 95 % success, 4 % hotfixes),
  //    0–4 commits each, an incident for ~10 % of them (cause explicit), triggers off for the load.
  const deps = SCALE10.deployments - count("deployments");
  if (deps <= 0) return;
  const triggers = client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'delivery%'").all() as {
    name: string;
    sql: string;
  }[];
  const span = 5 * 365 * DAY;
  const end = Math.floor(now / DAY) * DAY;
  client.transaction(() => {
    for (const t of triggers) client.exec(`DROP TRIGGER ${t.name}`);
    const firstNew = (client.prepare("SELECT COALESCE(MAX(id), 0) FROM deployments").pluck().get() as number) + 1;
    client.exec(`
      ${SEQ(deps)}, svc AS (SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS k, id FROM services), n AS (SELECT COUNT(*) AS c FROM services)
      INSERT INTO deployments (service_id, external_id, environment, status, started_at, finished_at, first_commit_at, is_hotfix, is_rollback, created_at, updated_at)
      SELECT svc.id, NULL, CASE WHEN seq.n % 5 = 0 THEN 'staging' ELSE 'production' END, CASE WHEN seq.n % 20 = 7 THEN 'failure' ELSE 'success' END,
             f - 600000, f, CASE WHEN seq.n % 5 = 1 THEN f - 3600000 * (1 + seq.n % 48) END, seq.n % 25 = 3, seq.n % 50 = 11, ${now}, ${now}
      FROM (SELECT n, CAST(${end} - ${span} + (${span} * 1.0 * n / ${deps}) AS INTEGER) + ((n * 2654435761) % 3600000) AS f FROM seq) seq, n
      JOIN svc ON svc.k = seq.n % n.c;`);
    client.exec(`
      INSERT INTO deployment_commits (deployment_id, sha, committed_at)
      SELECT d.id, printf('%040x', d.id * 8 + c.i), d.finished_at - 1800000 * (1 + c.i) * (1 + d.id % 7)
      FROM deployments d JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) c ON c.i < d.id % 5
      WHERE d.id >= ${firstNew};
      INSERT INTO incidents (service_id, external_id, title, severity, started_at, resolved_at, cause_deployment_id, cause_kind, created_at, updated_at)
      SELECT d.service_id, NULL, 'Incident after deployment ' || d.id, CASE d.id % 4 WHEN 0 THEN 'SEV1' WHEN 1 THEN 'SEV2' WHEN 2 THEN 'SEV3' ELSE 'SEV4' END,
             d.finished_at + 600000, CASE WHEN d.finished_at > ${end - 2 * DAY} AND d.id % 3 = 0 THEN NULL ELSE d.finished_at + 600000 + 60000 * (5 + d.id % 240) END,
             d.id, 'explicit', ${now}, ${now}
      FROM deployments d WHERE d.id >= ${firstNew} AND d.environment = 'production' AND d.status = 'success' AND d.id % 8 = 0;`);
    rebuildDeliveryDerived(client);
    for (const t of triggers) client.exec(t.sql);
  })();
  log(`  ${count("deployments")} deployments, ${count("deployment_commits")} commits, ${count("incidents")} incidents`);
}
