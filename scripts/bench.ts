/**
 * DORA benchmark: npm run bench -- --size realistic|stress|both [--iterations 40] [--regenerate]
 *
 * For each size, generates data/bench/<size>.db (seeds/scale.ts) unless it exists, then reports
 * p50/p95 over N iterations (after warm-up) of:
 *   (a) the CTO dashboard loader body — session check (requirePermission with a real signed
 *       session cookie) + parseCtoParams + loadCtoDashboard: the exact calls of the route loader,
 *       without React rendering or HTTP (the route module imports CSS, which Node cannot load);
 *   (b) GET /api/v1/metrics/dora — the route module's loader called with a Request carrying a
 *       Bearer token (default 90-day window), JSON body read;
 *   (c) the bare SQL of the same five figures: getDoraMetrics(db, 90-day window) — the SQL
 *       statements only, no auth, no JSON;
 *   (c2) the bare SQL of everything the dashboard shows (getCtoDashboardData + IT budget query):
 *       what (a) is compared with;
 *   (d) for reference, the naive SQL without the derived lead-time table: a median through a join
 *       of commits to deployments with ORDER BY … OFFSET (fewer iterations: it is slow).
 * Machine load is printed: other processes on the machine skew the figures.
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { Database } from "better-sqlite3";
import { MS_PER_DAY } from "../app/lib/metrics/delivery";
import { openDb, type Db } from "../db/client";
import { generateScale, type ScaleSize } from "../seeds/scale";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "both" },
    iterations: { type: "string", default: "40" },
    warmup: { type: "string", default: "5" },
    regenerate: { type: "boolean", default: false },
  },
});
const sizes: ScaleSize[] = values.size === "both" ? ["realistic", "stress"] : [values.size as ScaleSize];
if (!sizes.every((s) => s === "realistic" || s === "stress")) {
  console.error("--size must be realistic, stress or both");
  process.exit(2);
}
const ITERATIONS = Math.max(1, Number(values.iterations));
const WARMUP = Math.max(0, Number(values.warmup));

process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef";

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

async function time(label: string, fn: () => unknown | Promise<unknown>, iterations = ITERATIONS, warmup = WARMUP) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const row = { label, n: iterations, p50: percentile(samples, 50), p95: percentile(samples, 95) };
  console.log(`  ${label.padEnd(58)} p50 ${row.p50.toFixed(1).padStart(7)} ms   p95 ${row.p95.toFixed(1).padStart(7)} ms   (n=${iterations})`);
  return row;
}

function naiveSql(client: Database, from: number, to: number) {
  const prod = "d.environment = 'production' AND d.status = 'success' AND d.finished_at >= @from AND d.finished_at < @to";
  const p = { from, to };
  const counts = client.prepare(`SELECT COUNT(*) AS total, SUM(d.is_hotfix OR d.is_rollback) AS rework FROM deployments d WHERE ${prod}`).get(p);
  const failed = client
    .prepare(
      `SELECT COUNT(*) FROM deployments d WHERE ${prod} AND EXISTS (SELECT 1 FROM incidents i WHERE i.cause_deployment_id = d.id AND i.cause_kind IN ('explicit','inferred'))`,
    )
    .pluck()
    .get(p);
  const lead = client
    .prepare(
      `WITH v AS MATERIALIZED (
         SELECT d.finished_at - c.committed_at AS v FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
         WHERE ${prod} AND d.finished_at > c.committed_at
         UNION ALL
         SELECT d.finished_at - d.first_commit_at FROM deployments d
         WHERE ${prod} AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
           AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id)),
       n AS (SELECT COUNT(*) AS n FROM v)
       SELECT AVG(v) FROM (SELECT v FROM v ORDER BY v LIMIT 2 - (SELECT n FROM n) % 2 OFFSET ((SELECT n FROM n) - 1) / 2)`,
    )
    .pluck()
    .get(p);
  const restore = client
    .prepare(
      `SELECT AVG(v) FROM (SELECT v, ROW_NUMBER() OVER (ORDER BY v) rn, COUNT(*) OVER () n FROM
         (SELECT resolved_at - started_at AS v FROM incidents WHERE started_at >= @from AND started_at < @to AND resolved_at IS NOT NULL))
       WHERE rn IN ((n + 1) / 2, (n + 2) / 2)`,
    )
    .pluck()
    .get(p);
  return { counts, failed, lead, restore };
}

async function benchSize(size: ScaleSize) {
  const file = `data/bench/${size}.db`;
  if (values.regenerate) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db: Db = openDb(file, { synchronous: "NORMAL" }); // generated data: no fsync per commit
  const client = db.$client;
  const hasData = (client.prepare("SELECT COUNT(*) FROM services").pluck().get() as number) > 0;
  if (!hasData) {
    console.log(`Generating ${file} …`);
    const r = generateScale(client, { size, log: (line) => console.log(line) });
    console.log(`  generated ${r.deployments} deployments, ${r.commits} commits, ${r.incidents} incidents in ${r.seconds.toFixed(1)} s`);
  }
  globalThis.__trackerDb = db; // the app's getDb() now answers with this database

  // Imported after the connection is set (app modules read it lazily anyway).
  const { insertUser } = await import("../seeds/builders");
  const { createApiToken } = await import("../app/models/tokens.server");
  const { login } = await import("../app/auth/session.server");
  const { requirePermission } = await import("../app/auth/guards.server");
  const { parseCtoParams } = await import("../app/lib/schemas/cto-params.server");
  const { loadCtoDashboard, getDoraMetrics } = await import("../app/models/delivery-metrics.server");
  const { loader: doraApiLoader } = await import("../app/routes/api.v1.metrics.dora");

  const stats = client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM deployments) AS deployments, (SELECT COUNT(*) FROM deployment_commits) AS commits,
              (SELECT COUNT(*) FROM incidents) AS incidents, (SELECT COUNT(*) FROM services) AS services,
              (SELECT MAX(finished_at) FROM deployments) AS lastFinished`,
    )
    .get() as { deployments: number; commits: number; incidents: number; services: number; lastFinished: number };
  const now = Date.now();
  const window = { from: now - 90 * MS_PER_DAY, to: now };
  const inWindow = client
    .prepare("SELECT COUNT(*) FROM delivery_lead_samples WHERE finished_at >= ? AND finished_at < ?")
    .pluck()
    .get(window.from, window.to) as number;
  console.log(
    `\n${size}: ${stats.deployments} deployments, ${stats.commits} commits, ${stats.incidents} incidents, ${stats.services} services; ` +
      `last deployment ${new Date(stats.lastFinished).toISOString()}; ${inWindow} lead-time samples in the 90-day window`,
  );
  if (now - stats.lastFinished > 7 * MS_PER_DAY)
    console.log("  WARNING: the data ends more than 7 days ago; run with --regenerate for a representative window.");

  const user = insertUser(db, { email: `bench-${now}@example.test`, role: "cto" });
  const setCookie = (await login(user.id, "/")).headers.get("Set-Cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  const { token } = createApiToken(db, { name: `bench ${now}`, scopes: ["metrics:read"], createdByUserId: null }, null);

  const results = [];
  results.push(
    await time("(a) CTO dashboard loader body (default 90 days)", async () => {
      const request = new Request("http://localhost/dashboards/cto", { headers: { Cookie: cookie } });
      await requirePermission(request, "dashboards:read");
      return loadCtoDashboard(db, parseCtoParams(new URL(request.url).searchParams, Date.now()));
    }),
  );
  results.push(
    await time("(b) GET /api/v1/metrics/dora loader (default 90 days)", async () => {
      const response = await doraApiLoader({
        request: new Request("http://localhost/api/v1/metrics/dora", { headers: { Authorization: `Bearer ${token}` } }),
        params: {},
        context: { clientIp: null },
      });
      if (response.status !== 200) throw new Error(`API answered ${response.status}`);
      return response.json();
    }),
  );
  results.push(
    await time("(c) bare SQL of the five figures (getDoraMetrics)", () => getDoraMetrics(db, { from: Date.now() - 90 * MS_PER_DAY, to: Date.now() })),
  );
  const { getCtoDashboardData } = await import("../app/models/delivery-metrics.server");
  const { getItBudgetVsActual } = await import("../app/models/finance.server");
  results.push(
    await time("(c2) bare SQL of everything the dashboard shows", () => {
      const to = Date.now();
      const w = { from: to - 90 * MS_PER_DAY, to };
      getCtoDashboardData(db, w, { from: w.from - 90 * MS_PER_DAY, to: w.from });
      return getItBudgetVsActual(db, { fromMonth: new Date(w.from).toISOString().slice(0, 7), toMonth: new Date(to).toISOString().slice(0, 7) });
    }),
  );
  results.push(
    await time(
      "(d) naive SQL without derived data (join + ORDER BY/OFFSET)",
      () => naiveSql(client, Date.now() - 90 * MS_PER_DAY, Date.now()),
      Math.min(ITERATIONS, 8),
      1,
    ),
  );
  const [a, b, c, c2] = results;
  console.log(`  ratios p95: dashboard ÷ its bare SQL (c2) ${(a.p95 / c2.p95).toFixed(2)}×, API ÷ bare SQL (c) ${(b.p95 / c.p95).toFixed(2)}×`);

  // Leave the bench database as it was: remove the bench user, its session and token.
  client.prepare("DELETE FROM sessions WHERE user_id = ?").run(user.id);
  client.prepare("DELETE FROM api_tokens WHERE name = ?").run(`bench ${now}`);
  try {
    client.prepare("DELETE FROM users WHERE id = ?").run(user.id);
  } catch {
    /* audit rows may reference it */
  }
  globalThis.__trackerDb = undefined;
  client.close();
  return results;
}

console.log(
  `DORA benchmark — ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}, Node ${process.version}`,
);
for (const size of sizes) await benchSize(size);
console.log(
  `\nload average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
