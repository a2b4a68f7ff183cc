import { openDb } from "./db/client";
const db = openDb(process.argv[2]).$client;
const end = db.prepare("select max(finished_at) from deployments").pluck().get() as number;
const p = { from: end - 90*86400000, to: end };
const B = "CAST(ln(s.lead_ms) * 20 AS INTEGER)";
const qs: Record<string,string> = {
 count: "SELECT 0 g, COUNT(*), SUM(d.is_hotfix OR d.is_rollback) FROM deployments d WHERE d.environment='production' AND d.status='success' AND d.finished_at >= @from AND d.finished_at < @to GROUP BY g",
 failedExplicit: "SELECT COUNT(*) FROM deployments d WHERE d.environment='production' AND d.status='success' AND d.finished_at >= @from AND d.finished_at < @to AND EXISTS (SELECT 1 FROM incidents ic WHERE ic.cause_deployment_id = d.id AND ic.cause_kind IN ('explicit','inferred'))",
 unclassified: "SELECT count(*) FROM incidents i WHERE i.cause_kind IS NULL AND i.started_at >= @from",
 buckets: `SELECT 0 g, ${B} b, COUNT(*) n FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to GROUP BY g, b ORDER BY g, b`,
 restore: "SELECT count(*), avg(resolved_at-started_at) FROM incidents i WHERE i.started_at >= @from AND i.started_at < @to AND resolved_at IS NOT NULL",
 open: "SELECT COUNT(*) FROM incidents i WHERE i.resolved_at IS NULL",
};
for (const [k, q] of Object.entries(qs)) {
  const st = db.prepare(q); const run = () => st.all(p);
  run(); const xs: number[] = []; for (let i = 0; i < 5; i++) { const a = performance.now(); run(); xs.push(performance.now() - a); } xs.sort((a,b)=>a-b);
  console.log(k, xs[2].toFixed(1), db.prepare("EXPLAIN QUERY PLAN " + q).all(p).map((r: any) => r.detail).join(" | "));
}
