/**
 * Reads while people write: npm run bench:load -- [--workers 1,2] [--writers 30] [--readers 4] [--seconds 30]
 *
 * For each worker count, starts the production server (server.js, WEB_CONCURRENCY=<n>, the
 * current build) on a fresh copy of the demo data set, signs in the demo CTO and creates an API
 * token, then for --seconds runs at once:
 *   - <writers> API clients, each posting one deployment after another (POST /api/v1/deployments);
 *   - <readers> clients reading in turn the DORA API (GET /api/v1/metrics/dora) and the CTO
 *     dashboard page (GET /dashboards/cto, full HTML).
 * Reports p50/p95/p99 per kind, requests per second, errors (any status but 200/201, any network
 * error) and lost writes (acknowledged deployments missing from the database afterwards), and
 * writes everything to data/bench/load.json. Build first (`npm run build`).
 * The server's processes compete with this script for the CPUs: the figures are for this machine
 * under this load, printed with its core count, load average and the cores this script's clients
 * used themselves (docs/decisions/720).
 */
import fs from "node:fs";
import os from "node:os";
import { z } from "zod";
import { openDb } from "../db/client";
import { seedDemo } from "../seeds/demo";
import { signIn, startBenchServer, waitForServer } from "./bench/server";
import { scriptOptions, wholeOption } from "./lib/cli";

const USAGE = "usage: npm run bench:load -- [--workers 1,2] [--writers 30] [--readers 4] [--seconds 30] [--port 3950]";
const values = scriptOptions(
  {
    workers: z
      .string()
      .default("1,2")
      .transform((s) => s.split(",").map(Number))
      .pipe(z.array(z.number().int().min(1).max(64)).min(1)),
    writers: wholeOption(1, 1_000, 30),
    readers: wholeOption(1, 1_000, 4),
    seconds: wholeOption(1, 3_600, 30),
    port: wholeOption(1, 65_535, 3950),
  },
  USAGE,
);
const WORKER_COUNTS = values.workers;
const WRITERS = values.writers;
/** Node flags for the server process, e.g. BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it under the load. */
const flags = z
  .string()
  .max(2_000)
  .regex(/^(\s*--[\w-]+(=\S*)?)*\s*$/, "must be Node options (--name or --name=value, space-separated)")
  .default("")
  .safeParse(process.env.BENCH_SERVER_FLAGS);
if (!flags.success) {
  console.error(`BENCH_SERVER_FLAGS: ${flags.error.issues[0].message}\n${USAGE}`);
  process.exit(2);
}
const SERVER_NODE_FLAGS = flags.data.split(" ").filter(Boolean);
const READERS = values.readers;
const SECONDS = values.seconds;
const PORT = values.port;
const BASE = `http://localhost:${PORT}`;

type Kind = "write" | "dora-api" | "cto-page";
type Sample = { kind: Kind; ms: number; ok: boolean };

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

async function runOnce(workers: number) {
  const file = `data/bench/load-${workers}.db`;
  fs.mkdirSync("data/bench", { recursive: true });
  for (const suffix of ["", "-wal", "-shm", ".lock"]) fs.rmSync(file + suffix, { force: true });
  const db = openDb(file);
  await seedDemo(db);
  const { createApiToken } = await import("../app/models/tokens.server");
  const { token } = createApiToken(db, { name: "load bench", scopes: ["deployments:write", "metrics:read"], createdByUserId: null }, null);
  const before = db.$client.prepare("SELECT COUNT(*) FROM deployments").pluck().get() as number;
  db.$client.close();

  const child = startBenchServer({ port: PORT, file, env: { WEB_CONCURRENCY: String(workers) }, nodeFlags: SERVER_NODE_FLAGS });
  try {
    await waitForServer(BASE, child, 30);
    const cookie = await signIn(BASE, "cto@innovatech.test");
    const samples: Sample[] = [];
    const acknowledged = new Set<string>();
    const deadline = Date.now() + SECONDS * 1000;
    const timed = async (kind: Kind, request: () => Promise<Response>, okStatuses: number[]) => {
      const started = performance.now();
      let ok = false;
      try {
        const response = await request();
        await response.arrayBuffer();
        ok = okStatuses.includes(response.status);
      } catch {
        ok = false;
      }
      samples.push({ kind, ms: performance.now() - started, ok });
      return ok;
    };
    const writer = async (w: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const externalId = `load-${workers}-${w}-${n}`;
        const finished = Date.now();
        const payload = {
          externalId,
          service: `load-service-${w % 5}`,
          status: "success",
          startedAt: new Date(finished - 120_000).toISOString(),
          finishedAt: new Date(finished).toISOString(),
          commits: [{ sha: `${w}${n}`.padStart(7, "0"), committedAt: new Date(finished - 3_600_000).toISOString() }],
        };
        const ok = await timed(
          "write",
          () =>
            fetch(`${BASE}/api/v1/deployments`, {
              method: "POST",
              headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
              body: JSON.stringify(payload),
            }),
          [201],
        );
        if (ok) acknowledged.add(externalId);
      }
    };
    const reader = async (r: number) => {
      for (let n = 0; Date.now() < deadline; n++) {
        if ((n + r) % 2 === 0) await timed("dora-api", () => fetch(`${BASE}/api/v1/metrics/dora`, { headers: { Authorization: `Bearer ${token}` } }), [200]);
        else await timed("cto-page", () => fetch(`${BASE}/dashboards/cto`, { headers: { Cookie: cookie } }), [200]);
      }
    };
    const loadBefore = os.loadavg()[0];
    // the clients run on the same cores as the server: their own CPU time is part of the picture
    const clientCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), ...Array.from({ length: READERS }, (_, r) => reader(r))]);

    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCores = Math.round(((clientCpu.user + clientCpu.system) / 1000 / (performance.now() - wallBefore)) * 100) / 100;
    const check = openDb(file, { migrate: false });
    const stored = new Set(check.$client.prepare("SELECT external_id FROM deployments WHERE external_id LIKE ?").pluck().all(`load-${workers}-%`) as string[]);
    const after = check.$client.prepare("SELECT COUNT(*) FROM deployments").pluck().get() as number;
    check.$client.close();
    const lost = [...acknowledged].filter((id) => !stored.has(id)).length;

    const summary = (["write", "dora-api", "cto-page"] as Kind[]).map((kind) => {
      const of = samples.filter((s) => s.kind === kind);
      const ms = of.map((s) => s.ms).sort((a, b) => a - b);
      return {
        kind,
        requests: of.length,
        perSecond: Math.round(of.length / SECONDS),
        errors: of.filter((s) => !s.ok).length,
        p50: Math.round(percentile(ms, 50) * 10) / 10,
        p95: Math.round(percentile(ms, 95) * 10) / 10,
        p99: Math.round(percentile(ms, 99) * 10) / 10,
      };
    });
    return {
      workers,
      writers: WRITERS,
      readers: READERS,
      seconds: SECONDS,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg()[0],
      acknowledgedWrites: acknowledged.size,
      storedNewDeployments: after - before,
      lostWrites: lost,
      clientCores,
      summary,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

console.log(
  `Reads while people write — ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}, Node ${process.version}`,
);
console.log(`${WRITERS} writers + ${READERS} readers for ${SECONDS} s, per worker count: ${WORKER_COUNTS.join(", ")}`);
const runs = [];
for (const workers of WORKER_COUNTS) {
  const run = await runOnce(workers);
  runs.push(run);
  console.log(
    `\nWEB_CONCURRENCY=${workers}: ${run.acknowledgedWrites} writes acknowledged, ${run.lostWrites} lost; load average ${run.loadAverageBefore.toFixed(1)} → ${run.loadAverageAfter.toFixed(1)}; ` +
      `the ${WRITERS + READERS} clients (this process) used ${run.clientCores} of the ${os.cpus().length} cores`,
  );
  console.table(run.summary);
}
fs.writeFileSync("data/bench/load.json", JSON.stringify({ cpus: os.cpus().length, node: process.version, at: new Date().toISOString(), runs }, null, 2));
console.log("\nwritten to data/bench/load.json");
