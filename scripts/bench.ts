/**
 * The benchmark of issue 17: npm run bench [-- --iterations 30 --warmup 10] [--regenerate] [--markdown] [--skip pages,ingest,load,browser] [--load-seconds 20]
 * (build first: `npm run build`, or BUILD_DIR=… for another build). Not part of the test command.
 *
 * 1. Pages, at the demo scale and at 10× (seeds/scale10.ts: 10 years of monthly finance, 1,000
 *    requisitions, 500 objectives / 3,000 key results / 50,000 check-ins, 1 M deployments): the
 *    production server (server.js, one process, SQL_TIMING=1) on a fresh demo database and on the
 *    cached 10× one; the CEO signed in; each dashboard, the ten most-used pages and the DORA API
 *    requested --iterations times after a warm-up, one at a time. Server time = the full request
 *    on localhost (HTML read to its end); bare SQL = the time that request spent inside SQLite
 *    (`Server-Timing: sql`, server/sql-timing.js); ratio = server p95 ÷ SQL p95.
 * 2. Ingest: deployments per second through the API route (batches of 1,000) and the CSV import,
 *    on a fresh database; the rollups checked against their recomputation (scripts/bench/ingest.ts).
 * 3. Reads under a fixed write load: scripts/bench-load.ts (30 API writers + 4 readers, one run
 *    with WEB_CONCURRENCY = the CPU count).
 * 4. The browser: scripts/bench-browser.ts — each dashboard (and /okrs, /risks) in Chromium at 4× CPU
 *    throttling (total blocking time, script time, bytes), then Lighthouse's performance and
 *    accessibility scores and total blocking time (`npx lighthouse`, fetched on first use).
 * Everything goes to data/bench/bench.json, and the README's table to data/bench/bench.md.
 * The machine's core count and load average are printed and stored with the figures: on a shared
 * machine other processes take CPU time, and wall-clock figures grow with the load.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { z } from "zod";
import { openDb } from "../db/client";
import { seedDemo } from "../seeds/demo";
import { SCALE10, scaleDemoTenfold } from "../seeds/scale10";
import { benchIngest, type IngestResult } from "./bench/ingest";
import { BENCH_SESSION_SECRET, signIn, startBenchServer, waitForServer } from "./bench/server";
import { scriptOptions, wholeOption } from "./lib/cli";

const PARTS = ["pages", "ingest", "load", "browser"] as const;
const values = scriptOptions(
  {
    iterations: wholeOption(3, 10_000, 30),
    warmup: wholeOption(0, 1_000, 10),
    regenerate: z.boolean().default(false),
    markdown: z.boolean().default(false),
    skip: z
      .string()
      .default("")
      .transform((s) => s.split(",").filter(Boolean))
      .pipe(z.array(z.enum(PARTS, { error: `takes a comma-separated list of ${PARTS.join(", ")}` }))),
    "load-seconds": wholeOption(1, 600, 20),
    port: wholeOption(1, 65_535, 3960),
  },
  "usage: npm run bench -- [--iterations N] [--warmup N] [--regenerate] [--markdown] [--skip pages,ingest,load,browser] [--load-seconds S] [--port P]",
  ["regenerate", "markdown"],
);
const ITERATIONS = values.iterations;
const WARMUP = values.warmup;
const SKIP = new Set<string>(values.skip);
const PORT = values.port;
const BASE = `http://localhost:${PORT}`;
const BUILD_DIR = process.env.BUILD_DIR || "build";
process.env.SESSION_SECRET ??= BENCH_SESSION_SECRET;

/** Every dashboard, the ten most-used pages (home, OKRs, my key results, KPIs, hiring, budgets, finance, risks, deployments, roadmap) and the DORA API. */
const PAGES: { path: string; kind: "dashboard" | "page" | "api" }[] = [
  { path: "/dashboards/executive", kind: "dashboard" },
  { path: "/dashboards/cto", kind: "dashboard" },
  { path: "/dashboards/product", kind: "dashboard" },
  { path: "/", kind: "page" },
  { path: "/okrs", kind: "page" },
  { path: "/okrs/mine", kind: "page" },
  { path: "/kpis", kind: "page" },
  { path: "/hiring", kind: "page" },
  { path: "/budgets", kind: "page" },
  { path: "/finance/snapshots", kind: "page" },
  { path: "/risks", kind: "page" },
  { path: "/delivery/deployments", kind: "page" },
  { path: "/roadmap", kind: "page" },
  { path: "/api/v1/metrics/dora", kind: "api" },
];

const GOALS = { demoP95: 25, scaleP95: 50, ratio: 1.5, loadP99: 150, ingest: 20_000, lighthouse: 98, tbtMs: 100, accessibility: 100 };

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (n: number) => Math.round(n * 10) / 10;

/** p50/p95: the full request (wall clock); sql*: time inside SQLite; cpu*: the server process's CPU time up to its first byte; ratio = p95 ÷ sqlP95. */
type PageResult = {
  path: string;
  kind: string;
  status: number;
  bytes: number;
  p50: number;
  p95: number;
  sqlP50: number;
  sqlP95: number;
  cpuP50: number;
  cpuP95: number;
  ratio: number;
  cpuRatio: number;
};

// ------------------------------------------------------------------------------------------------ data

function removeDb(file: string) {
  for (const suffix of ["", "-wal", "-shm", ".lock"]) fs.rmSync(file + suffix, { force: true });
}

async function demoDatabase(file: string): Promise<void> {
  removeDb(file);
  const db = openDb(file, { synchronous: "NORMAL" });
  await seedDemo(db);
  db.$client.close();
}

async function scaleDatabase(demo: string, file: string): Promise<void> {
  const fresh = fs.existsSync(file) && Date.now() - fs.statSync(file).mtimeMs < 20 * 3600_000;
  if (fresh && !values.regenerate) {
    console.log(`  ${file} reused (less than 20 h old; --regenerate to rebuild)`);
    return;
  }
  removeDb(file);
  fs.copyFileSync(demo, file);
  const started = performance.now();
  const db = openDb(file, { synchronous: "NORMAL" }); // scaleDemoTenfold turns fsync off for its own load
  scaleDemoTenfold(db.$client, (line) => console.log(line));
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  console.log(`  ${file} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** An API token with metrics:read, created by the app's own code on that database. */
async function apiToken(file: string): Promise<string> {
  const db = openDb(file, { migrate: false });
  const previous = globalThis.__trackerDb;
  globalThis.__trackerDb = db;
  try {
    const { createApiToken } = await import("../app/models/tokens.server");
    return createApiToken(db, { name: `bench ${Date.now()}`, scopes: ["metrics:read"], createdByUserId: null }, null).token;
  } finally {
    globalThis.__trackerDb = previous;
    db.$client.close();
  }
}

// ------------------------------------------------------------------------------------------------ pages

async function benchPages(file: string, label: string): Promise<PageResult[]> {
  const token = await apiToken(file);
  const child = startBenchServer({ port: PORT, file, env: { WEB_CONCURRENCY: "1", SQL_TIMING: "1", BUILD_DIR } });
  try {
    await waitForServer(BASE, child, 60);
    const cookie = await signIn(BASE, "ceo@innovatech.test");
    const out: PageResult[] = [];
    console.log(`\n${label} — load average ${load()}`);
    for (const page of PAGES) {
      const headers: Record<string, string> = page.kind === "api" ? { Authorization: `Bearer ${token}` } : { Cookie: cookie };
      const total: number[] = [];
      const sql: number[] = [];
      const cpu: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < WARMUP + ITERATIONS; i++) {
        const started = performance.now();
        const response = await fetch(`${BASE}${page.path}`, { headers, redirect: "manual" });
        const body = await response.arrayBuffer();
        const ms = performance.now() - started;
        status = response.status;
        bytes = body.byteLength;
        const header = response.headers.get("server-timing") ?? "";
        const timing = (name: string) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header)?.[1] ?? NaN);
        if (i >= WARMUP) {
          total.push(ms);
          sql.push(timing("sql"));
          cpu.push(timing("cpu"));
        }
      }
      total.sort((a, b) => a - b);
      sql.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const r: PageResult = {
        path: page.path,
        kind: page.kind,
        status,
        bytes,
        p50: round(percentile(total, 50)),
        p95: round(percentile(total, 95)),
        sqlP50: round(percentile(sql, 50)),
        sqlP95: round(percentile(sql, 95)),
        cpuP50: round(percentile(cpu, 50)),
        cpuP95: round(percentile(cpu, 95)),
        ratio: round(percentile(total, 95) / Math.max(0.1, percentile(sql, 95))),
        cpuRatio: round(percentile(cpu, 95) / Math.max(0.1, percentile(sql, 95))),
      };
      out.push(r);
      console.log(
        `  ${page.path.padEnd(24)} ${String(status)} ${String(Math.round(bytes / 1024)).padStart(4)} KB   server p50 ${r.p50.toFixed(1).padStart(7)} p95 ${r.p95.toFixed(1).padStart(7)} ms   SQL p50 ${r.sqlP50.toFixed(1).padStart(6)} p95 ${r.sqlP95.toFixed(1).padStart(6)} ms   ${r.ratio.toFixed(1)}×   CPU p50 ${r.cpuP50.toFixed(1).padStart(6)} p95 ${r.cpuP95.toFixed(1).padStart(6)} ms`,
      );
    }
    return out;
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

// ------------------------------------------------------------------------------------------------ load

function benchLoad(seconds: number): unknown {
  const workers = os.cpus().length;
  console.log(`\nReads under a fixed write load (scripts/bench-load.ts, WEB_CONCURRENCY=${workers}, 30 writers + 4 readers, ${seconds} s)`);
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/bench-load.ts",
      "--workers",
      String(workers),
      "--writers",
      "30",
      "--readers",
      "4",
      "--seconds",
      String(seconds),
      "--port",
      String(PORT + 1),
    ],
    { stdio: "inherit", env: process.env },
  );
  if (r.status !== 0) throw new Error("bench-load failed");
  return JSON.parse(fs.readFileSync("data/bench/load.json", "utf8"));
}

// ------------------------------------------------------------------------------------------------ browser

type BrowserReport = {
  results: Record<string, { tbtMs: number; scriptMs: number; jsKb: number; htmlKb: number }>;
  lighthouse: { results: Record<string, { performance: number; accessibility: number; tbtMs: number; lcpMs: number; runs: number[] }> } | null;
};

/** The dashboards in Chromium and through Lighthouse (scripts/bench-browser.ts, which writes data/bench/browser.json). */
function benchBrowser(): BrowserReport {
  console.log(`\nIn the browser (scripts/bench-browser.ts: Chromium at 4× CPU throttling, then Lighthouse) — load average ${load()}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-browser.ts", "--build", BUILD_DIR, "--port", String(PORT + 2)], {
    stdio: "inherit",
    env: process.env,
  });
  if (r.status !== 0) throw new Error("bench-browser failed");
  return JSON.parse(fs.readFileSync("data/bench/browser.json", "utf8")) as BrowserReport;
}

// ------------------------------------------------------------------------------------------------ report

type LoadRun = {
  workers: number;
  lostWrites: number;
  clientCores?: number;
  summary: { kind: string; requests: number; errors: number; p50: number; p95: number; p99: number }[];
};

function markdown(report: {
  cpus: number;
  loadStart: string;
  loadEnd: string;
  at: string;
  iterations: number;
  pages: Record<string, PageResult[]>;
  ingest: { results: IngestResult[]; rollupsExact: boolean } | null;
  load: { runs: LoadRun[] } | null;
  browser: BrowserReport | null;
}): string {
  const lines: string[] = [];
  const mark = (ok: boolean) => (ok ? "met" : "**not met**");
  lines.push(
    `Measured ${report.at.slice(0, 16).replace("T", " ")} UTC on ${report.cpus} cores, load average ${report.loadStart} at the start and ${report.loadEnd} at the end ` +
      `(the machine is shared; wall-clock figures grow with the load). ${report.iterations} requests per row after a warm-up, one at a time, to the production server (one process).`,
  );
  lines.push("");
  lines.push(
    `| Page | Demo p50 / p95 ms | SQL p95 | ratio | CPU p95 | 10× p50 / p95 ms | SQL p95 | ratio | CPU p95 | Time goal (≤ ${GOALS.demoP95} / ≤ ${GOALS.scaleP95} ms p95) | Ratio goal (≤ ${GOALS.ratio}× SQL) |`,
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  const demo = report.pages.demo ?? [];
  const scale = report.pages.scale10 ?? [];
  for (const d of demo) {
    const s = scale.find((x) => x.path === d.path);
    const timeOk = d.p95 <= GOALS.demoP95 && (!s || s.p95 <= GOALS.scaleP95);
    const ratioOk = d.ratio <= GOALS.ratio && (!s || s.ratio <= GOALS.ratio);
    lines.push(
      `| \`${d.path}\` | ${d.p50} / ${d.p95} | ${d.sqlP95} | ${d.ratio}× | ${d.cpuP95} | ${s ? `${s.p50} / ${s.p95}` : "–"} | ${s?.sqlP95 ?? "–"} | ${s ? `${s.ratio}×` : "–"} | ${s?.cpuP95 ?? "–"} | ${mark(timeOk)} | ${mark(ratioOk)} |`,
    );
  }
  if (report.ingest) {
    lines.push("");
    lines.push("| Ingest | deployments/s (wall) | per CPU-second | Goal ≥ 20,000/s |");
    lines.push("|---|---|---|---|");
    for (const r of report.ingest.results)
      lines.push(
        `| ${r.label} | ${Math.round(r.rowsPerSecond).toLocaleString("en")} | ${Math.round(r.rowsPerCpuSecond).toLocaleString("en")} | ${mark(r.rowsPerSecond >= GOALS.ingest)} |`,
      );
    lines.push(`| Rollups equal their recomputation after both | ${report.ingest.rollupsExact ? "yes" : "**no**"} | | |`);
  }
  if (report.load) {
    for (const run of report.load.runs) {
      lines.push("");
      const clients = run.clientCores === undefined ? "" : `; the clients used ${run.clientCores} of the ${report.cpus} cores`;
      lines.push(
        `| Under 30 writers (WEB_CONCURRENCY=${run.workers}${clients}) | requests | errors | p50 ms | p95 ms | p99 ms | Goal: p99 ≤ 150 ms, 0 errors, 0 lost |`,
      );
      lines.push("|---|---|---|---|---|---|---|");
      for (const s of run.summary)
        lines.push(
          `| ${s.kind} | ${s.requests} | ${s.errors} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.kind === "write" ? `${run.lostWrites} lost` : mark(s.p99 <= GOALS.loadP99 && s.errors === 0)} |`,
        );
    }
  }
  if (report.browser) {
    lines.push("");
    lines.push(
      `| In the browser | Lighthouse performance | accessibility | Lighthouse TBT ms | Chromium TBT ms (4× CPU) | script ms | JS KB | HTML KB | Goal: ≥ ${GOALS.lighthouse}, TBT ≤ ${GOALS.tbtMs} ms, accessibility ${GOALS.accessibility} |`,
    );
    lines.push("|---|---|---|---|---|---|---|---|---|");
    for (const [path, b] of Object.entries(report.browser.results)) {
      const l = report.browser.lighthouse?.results[path];
      const ok = l ? l.performance >= GOALS.lighthouse && l.tbtMs <= GOALS.tbtMs && l.accessibility >= GOALS.accessibility : false;
      lines.push(
        `| \`${path}\` | ${l ? `${l.performance} (${l.runs.join(", ")})` : "–"} | ${l?.accessibility ?? "–"} | ${l?.tbtMs ?? "–"} | ${b.tbtMs} | ${b.scriptMs} | ${b.jsKb} | ${b.htmlKb} | ${l ? mark(ok) : "not run"} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

// ------------------------------------------------------------------------------------------------ main

if (values.markdown) {
  // the table again from the last run's figures (data/bench/bench.json), nothing measured
  const last = JSON.parse(fs.readFileSync("data/bench/bench.json", "utf8")) as Parameters<typeof markdown>[0];
  fs.writeFileSync("data/bench/bench.md", markdown(last));
  console.log(`data/bench/bench.md written from data/bench/bench.json (measured ${last.at})`);
  process.exit(0);
}
if (!fs.existsSync(`${BUILD_DIR}/index.js`)) {
  console.error(`No build in ${BUILD_DIR}/: run npm run build first (or set BUILD_DIR).`);
  process.exit(2);
}
fs.mkdirSync("data/bench", { recursive: true });
const loadStart = load();
console.log(`npm run bench — ${os.cpus().length} CPUs, load average ${loadStart}, Node ${process.version}, build ${BUILD_DIR}/`);
const started = performance.now();
const pages: Record<string, PageResult[]> = {};
if (!SKIP.has("pages")) {
  console.log("\nData: the demo seed, and the demo at 10× " + JSON.stringify(SCALE10));
  await demoDatabase("data/bench/demo.db");
  await scaleDatabase("data/bench/demo.db", "data/bench/scale10.db");
  pages.demo = await benchPages("data/bench/demo.db", "Demo scale");
  pages.scale10 = await benchPages("data/bench/scale10.db", "10× scale (1 M deployments)");
}
let ingest: { results: IngestResult[]; rollupsExact: boolean } | null = null;
if (!SKIP.has("ingest")) {
  console.log(`\nIngest — load average ${load()}`);
  ingest = await benchIngest({ batches: 20, csvRows: 20_000 });
}
const loadReport = SKIP.has("load") ? null : (benchLoad(values["load-seconds"]) as { runs: LoadRun[] });
const browser = SKIP.has("browser") ? null : benchBrowser();
const report = {
  cpus: os.cpus().length,
  node: process.version,
  at: new Date().toISOString(),
  loadStart,
  loadEnd: load(),
  seconds: Math.round((performance.now() - started) / 1000),
  iterations: ITERATIONS,
  goals: GOALS,
  pages,
  ingest,
  load: loadReport,
  browser,
};
fs.writeFileSync("data/bench/bench.json", JSON.stringify(report, null, 2));
const md = markdown(report);
fs.writeFileSync("data/bench/bench.md", md);
console.log(`\n${md}\nwritten to data/bench/bench.json and data/bench/bench.md in ${report.seconds} s; load average at the end ${report.loadEnd}`);
