/**
 * The delivery rollups (db/schema/delivery_metrics.ts, docs/decisions/402) checked against, and
 * rebuilt from, the raw rows — in SQL, whatever the size.
 * - `rollupDifferences`: which derived table differs from its recomputation (none = exact); used by
 *   the bench after ingest and by the tests beside their own per-row comparison.
 * - `rebuildDeliveryDerived`: recomputes every derived table from scratch, as migrations 0003/0012
 *   backfilled them (the bench's bulk-loaded scale data).
 */
import type { Database } from "better-sqlite3";

const DAY = (col: string) => `${col} - ((${col} % 86400000) + 86400000) % 86400000`;
const BUCKET = (col: string) => `CAST(ln(${col}) * 5 AS INTEGER)`;

/** Recomputations from raw rows, each paired with the derived rows it must equal (zero rows left by decrements aside). */
const CHECKS: Record<string, [stored: string, recomputed: string]> = {
  delivery_daily: [
    "SELECT day, service_id, deployments, rework, failed FROM delivery_daily WHERE deployments <> 0 OR rework <> 0 OR failed <> 0",
    `SELECT ${DAY("d.finished_at")} AS day, d.service_id, COUNT(*) AS deployments, SUM(d.is_hotfix OR d.is_rollback) AS rework,
            SUM(EXISTS (SELECT 1 FROM incidents i WHERE i.cause_deployment_id = d.id AND i.cause_kind IN ('explicit', 'inferred'))) AS failed
     FROM deployments d WHERE d.environment = 'production' AND d.status = 'success' GROUP BY 1, 2`,
  ],
  delivery_lead_samples: [
    "SELECT deployment_id, commit_id, service_id, finished_at, lead_ms FROM delivery_lead_samples",
    `SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
     WHERE d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
     UNION ALL
     SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at FROM deployments d
     WHERE d.environment = 'production' AND d.status = 'success' AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
       AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id)`,
  ],
  delivery_lead_daily: [
    "SELECT day, bucket, samples FROM delivery_lead_daily WHERE samples <> 0",
    `SELECT ${DAY("finished_at")}, ${BUCKET("lead_ms")}, COUNT(*) FROM delivery_lead_samples GROUP BY 1, 2`,
  ],
  delivery_lead_service_daily: [
    "SELECT service_id, day, bucket, samples FROM delivery_lead_service_daily WHERE samples <> 0",
    `SELECT service_id, ${DAY("finished_at")}, ${BUCKET("lead_ms")}, COUNT(*) FROM delivery_lead_samples GROUP BY 1, 2, 3`,
  ],
  caused_incidents: [
    "SELECT id, caused_incidents FROM deployments WHERE caused_incidents <> 0",
    `SELECT cause_deployment_id, COUNT(*) FROM incidents WHERE cause_deployment_id IS NOT NULL AND cause_kind IN ('explicit', 'inferred') GROUP BY 1`,
  ],
};

/** The derived tables whose rows differ from their recomputation (both directions, EXCEPT in SQL); [] when exact. */
export function rollupDifferences(client: Database): string[] {
  const out: string[] = [];
  for (const [name, [stored, recomputed]] of Object.entries(CHECKS)) {
    const [a, b] = [`SELECT * FROM (${stored})`, `SELECT * FROM (${recomputed})`];
    const diff = client.prepare(`SELECT EXISTS (${a} EXCEPT ${b}) OR EXISTS (${b} EXCEPT ${a})`).pluck().get() as number;
    if (diff) out.push(name);
  }
  return out;
}

/**
 * Recomputes every derived delivery table from the raw rows (call with the delivery triggers
 * dropped, or on a database the triggers have not filled: it replaces what is there).
 */
export function rebuildDeliveryDerived(client: Database): void {
  client.exec(`
    DELETE FROM delivery_lead_samples; DELETE FROM delivery_daily; DELETE FROM delivery_lead_daily; DELETE FROM delivery_lead_service_daily;
    UPDATE deployments SET caused_incidents = 0 WHERE caused_incidents <> 0;
    UPDATE deployments SET caused_incidents = c.n
    FROM (SELECT cause_deployment_id AS id, COUNT(*) AS n FROM incidents
          WHERE cause_deployment_id IS NOT NULL AND cause_kind IN ('explicit', 'inferred') GROUP BY 1) AS c
    WHERE c.id = deployments.id;
    INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms) ${CHECKS.delivery_lead_samples[1]};
    INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
      SELECT ${DAY("finished_at")}, service_id, COUNT(*), SUM(is_hotfix OR is_rollback), SUM(caused_incidents > 0)
      FROM deployments WHERE environment = 'production' AND status = 'success' GROUP BY 1, 2;
    INSERT INTO delivery_lead_daily (day, bucket, samples) ${CHECKS.delivery_lead_daily[1]};
    INSERT INTO delivery_lead_service_daily (service_id, day, bucket, samples) ${CHECKS.delivery_lead_service_daily[1]};
  `);
}
