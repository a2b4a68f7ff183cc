import { openDb } from "./db/client";
const db = openDb(process.argv[2]).$client;
const end = db.prepare("select max(finished_at) from deployments").pluck().get() as number;
const p = { from: end - 90*86400000, to: end };
const qs: Record<string,string> = {
 count: "SELECT COUNT(*), SUM(d.is_hotfix OR d.is_rollback) FROM deployments d WHERE d.environment='production' AND d.status='success' AND d.finished_at >= @from AND d.finished_at < @to",
 failedExplicit: "SELECT COUNT(*) FROM deployments d WHERE d.environment='production' AND d.status='success' AND d.finished_at >= @from AND d.finished_at < @to AND EXISTS (SELECT 1 FROM incidents ic WHERE ic.cause_deployment_id = d.id AND ic.cause_kind IN ('explicit','inferred'))",
 leadFetch: "SELECT lead_ms FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to",
 leadCount: "SELECT count(*) FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to",
 leadMedian: "WITH v AS MATERIALIZED (SELECT s.lead_ms AS v FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to), c AS (SELECT COUNT(*) AS n FROM v) SELECT (SELECT AVG(v) FROM (SELECT v FROM v ORDER BY v LIMIT 2 - (SELECT n FROM c) % 2 OFFSET ((SELECT n FROM c) - 1) / 2))",
 leadMedianWin: "SELECT AVG(v) FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) rn, COUNT(*) OVER () n FROM (SELECT lead_ms v FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to)) WHERE rn IN ((n+1)/2,(n+2)/2)",
 leadMedianCnt: "SELECT AVG(v) FROM (SELECT lead_ms v FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to ORDER BY lead_ms LIMIT 2 - (SELECT count(*) FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to) % 2 OFFSET ((SELECT count(*) FROM delivery_lead_samples s WHERE s.finished_at >= @from AND s.finished_at < @to) - 1) / 2)",
};
for (const [k, q] of Object.entries(qs)) {
  const st = db.prepare(q); const run = () => k === "leadFetch" ? st.pluck().all(p) : st.all(p);
  run(); const xs: number[] = []; for (let i = 0; i < 5; i++) { const a = performance.now(); run(); xs.push(performance.now() - a); } xs.sort((a,b)=>a-b);
  console.log(k, xs[2].toFixed(1), db.prepare("EXPLAIN QUERY PLAN " + q).all(p).map((r: any) => r.detail).join(" | "));
}
