/**
 * Ingest throughput (npm run bench, or alone: npx tsx scripts/bench/ingest.ts [--batches 20]):
 * deployments per second through
 *   - the API route's action (POST /api/v1/deployments: token check, JSON parse, zod per element,
 *     one transaction per batch of 1,000, triggers or bulk rollups included), and
 *   - the CSV import (importDeploymentsCsv: csv-parse, zod per row, one transaction),
 * on a fresh migrated database with 3 commits per deployment on average (like the stress data),
 * then checks that every rollup equals its recomputation from the raw rows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openServingDb, servingCheckpointer, type Db } from "../../db/client";
import { releaseServingLock } from "../../db/lock";
import { walDurable } from "../../db/wal-sync";

/** rowsPerSecond: wall clock; rowsPerCpuSecond: per second of this process's CPU (what a shared machine's load does not change). */
export type IngestResult = { label: string; rows: number; seconds: number; rowsPerSecond: number; cpuSeconds: number; rowsPerCpuSecond: number };

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const SERVICES = Array.from({ length: 30 }, (_, i) => `svc-${i + 1}`);
const DAY = 86_400_000;

function deployment(i: number, end: number) {
  const finishedAt = end - Math.floor((((i * 7919) % 1_000_003) / 1_000_003) * 365 * DAY);
  const commits = i % 7;
  return {
    service: SERVICES[i % SERVICES.length],
    externalId: `bench-${i}`,
    environment: i % 5 === 0 ? "staging" : "production",
    status: i % 20 === 0 ? "failure" : "success",
    startedAt: new Date(finishedAt - 600_000).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    hotfix: i % 25 === 0,
    rollback: false,
    commits: Array.from({ length: commits }, (_, c) => ({
      sha: (i * 16 + c).toString(16).padStart(40, "0"),
      committedAt: new Date(finishedAt - 3_600_000 * (c + 1) - (i % 97) * 60_000).toISOString(),
    })),
  };
}

export async function benchIngest(
  options: { batches?: number; csvRows?: number; log?: (s: string) => void } = {},
): Promise<{ results: IngestResult[]; rollupsExact: boolean }> {
  const log = options.log ?? console.log;
  const batches = options.batches ?? 20;
  const csvRows = options.csvRows ?? 20_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ingest-"));
  // the server's own connection (openServingDb): commits with synchronous=NORMAL, WAL checkpoints in
  // their thread (decision 746); each write is counted once its WAL flush is done, as the server
  // waits for it before answering (decision 745)
  const file = path.join(dir, "ingest.db");
  const db: Db = openServingDb(file);
  const previous = globalThis.__trackerDb;
  globalThis.__trackerDb = db;
  try {
    const { createApiToken } = await import("../../app/models/tokens.server");
    const { action } = await import("../../app/routes/api.v1.deployments");
    const { importDeploymentsCsv } = await import("../../app/models/delivery.server");
    const { rollupDifferences } = await import("../../db/rollups");
    const { token } = createApiToken(db, { name: "bench ingest", scopes: ["deployments:write"], createdByUserId: null }, null);
    const end = Date.now();
    const results: IngestResult[] = [];

    // API batches of 1,000
    const bodies = Array.from({ length: batches }, (_, b) => JSON.stringify(Array.from({ length: 1000 }, (_, k) => deployment(b * 1000 + k, end))));
    let t0 = performance.now();
    let c0 = cpuSeconds();
    for (const body of bodies) {
      const res = await action({
        request: new Request("http://localhost/api/v1/deployments", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body,
        }),
        params: {},
        context: { clientIp: null },
      });
      if (res.status !== 201) throw new Error(`API answered ${res.status}: ${await res.text()}`);
      await walDurable(file);
    }
    let s = (performance.now() - t0) / 1000;
    let c = cpuSeconds() - c0;
    results.push({
      label: "API batches of 1,000 (POST /api/v1/deployments action)",
      rows: batches * 1000,
      seconds: s,
      rowsPerSecond: (batches * 1000) / s,
      cpuSeconds: c,
      rowsPerCpuSecond: (batches * 1000) / c,
    });

    // CSV import
    const header = "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback";
    const lines = [header];
    for (let i = 0; i < csvRows; i++) {
      const d = deployment(10_000_000 + i, end);
      lines.push(
        [
          d.externalId,
          d.service,
          d.environment,
          d.status,
          d.startedAt,
          d.finishedAt,
          new Date(Date.parse(d.finishedAt) - 3_600_000 * (1 + (i % 9))).toISOString(),
          d.hotfix ? "true" : "false",
          "false",
        ].join(","),
      );
    }
    const text = lines.join("\n") + "\n";
    t0 = performance.now();
    c0 = cpuSeconds();
    const r = importDeploymentsCsv(db, text, { system: true });
    await walDurable(file);
    s = (performance.now() - t0) / 1000;
    c = cpuSeconds() - c0;
    if (!r.ok) throw new Error(`CSV import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    results.push({
      label: `CSV import of ${csvRows.toLocaleString("en")} rows (importDeploymentsCsv)`,
      rows: csvRows,
      seconds: s,
      rowsPerSecond: csvRows / s,
      cpuSeconds: c,
      rowsPerCpuSecond: csvRows / c,
    });
    for (const x of results)
      log(
        `  ${x.label.padEnd(58)} ${Math.round(x.rowsPerSecond).toLocaleString("en").padStart(8)} deployments/s wall, ` +
          `${Math.round(x.rowsPerCpuSecond).toLocaleString("en").padStart(8)} per CPU-second (${x.rows} in ${x.seconds.toFixed(2)} s, CPU ${x.cpuSeconds.toFixed(2)} s)`,
      );
    const differing = rollupDifferences(db.$client);
    const rollupsExact = differing.length === 0;
    log(`  rollups equal their recomputation from raw rows: ${rollupsExact ? "yes" : `NO (${differing.join(", ")})`}`);
    return { results, rollupsExact };
  } finally {
    globalThis.__trackerDb = previous;
    await servingCheckpointer(file)?.stop();
    db.$client.close();
    releaseServingLock(file);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef";
  const i = process.argv.indexOf("--batches");
  await benchIngest({ batches: i > 0 ? Number(process.argv[i + 1]) : 20 });
}
