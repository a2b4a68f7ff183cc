/**
 * Measurements behind docs/decisions/700 and 701, on this machine:
 *   npx tsx scripts/measure-db-ops.ts [--db data/bench/realistic.db] [--runs 5] [--rate 10] [--commits 1500]
 * 1. backup of a ~93 MB database while another process writes --rate times a second:
 *    the backup API inside one read transaction (what db:backup does), VACUUM INTO, and the old
 *    backup (backup API, no read transaction held, 100 pages a step; given up after 20 s);
 * 2. commit latency of a small transaction (a row + its audit entry) with synchronous=NORMAL and
 *    FULL in WAL mode, on the disk of --db.
 * Works on a copy of --db (generated with the realistic bench set when missing).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { backupDatabase, verifyDatabaseFile } from "../db/backup";
import { openDb } from "../db/client";
import { generateScale } from "../seeds/scale";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "data/bench/realistic.db" },
    runs: { type: "string", default: "5" },
    rate: { type: "string", default: "10" },
    commits: { type: "string", default: "1500" },
    writer: { type: "string" }, // internal: run as the writing process on this file
  },
});

if (values.writer) {
  const db = new Database(values.writer);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare("INSERT INTO audit_log (at, action, entity_type, created_at, updated_at) VALUES (?, 'measure', 'test', ?, ?)");
  let n = 0;
  let worst = 0;
  setInterval(
    () => {
      const t = performance.now();
      const now = Date.now();
      insert.run(now, now, now);
      worst = Math.max(worst, performance.now() - t);
      n++;
    },
    1000 / Number(values.rate),
  );
  process.on("SIGTERM", () => {
    console.log(JSON.stringify({ writes: n, worstMs: worst }));
    process.exit(0);
  });
  console.log("ready");
} else {
  await main();
}

async function main() {
  const runs = Number(values.runs);
  const source = values.db!;
  if (!fs.existsSync(source)) {
    console.log(`generating ${source} …`);
    const db = openDb(source, { synchronous: "NORMAL" });
    generateScale(db.$client, { size: "realistic" });
    db.$client.close();
  }
  const work = path.join(path.dirname(source), "measure");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const live = path.join(work, "live.db");
  fs.copyFileSync(source, live);
  const open = new Database(live); // makes it a WAL database like the app's
  open.pragma("journal_mode = WAL");
  open.close();
  console.log(`database ${(fs.statSync(live).size / 1e6).toFixed(1)} MB, writer at ${values.rate} writes/s, ${runs} runs each\n`);

  const writer = spawn(process.execPath, ["--import", "tsx", process.argv[1], "--writer", live, "--rate", values.rate!], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let writerOut = "";
  writer.stdout.on("data", (d) => (writerOut += String(d)));
  while (!writerOut.includes("ready")) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1000));

  const results: Record<string, { copy: number[]; total: number[]; mb: number }> = {};
  const record = (name: string, copy: number, total: number, file: string) => {
    results[name] ??= { copy: [], total: [], mb: 0 };
    results[name].copy.push(copy);
    results[name].total.push(total);
    results[name].mb = fs.statSync(file).size / 1e6;
  };
  for (let i = 0; i < runs; i++) {
    const a = path.join(work, `a-${i}.db`);
    const r = await backupDatabase({ source: live, out: a });
    record("backup API in one read transaction (db:backup)", r.copyMs, r.totalMs, a);

    const b = path.join(work, `b-${i}.db`);
    const t0 = performance.now();
    const src = new Database(live, { readonly: true });
    src.prepare("VACUUM INTO ?").run(b);
    src.close();
    const copied = performance.now() - t0;
    verifyDatabaseFile(b);
    record("VACUUM INTO", copied, performance.now() - t0, b);
    for (const f of [a, b]) fs.rmSync(f, { force: true });
  }
  const old = await oldBackup(live, path.join(work, "old.db"));
  writer.kill("SIGTERM");
  await new Promise((r) => writer.on("close", r));
  const { writes, worstMs } = JSON.parse(writerOut.split("\n").find((l) => l.startsWith("{")) ?? "{}");

  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  console.log("| method | copy median / max | copy + verify median | file |");
  console.log("| --- | --- | --- | --- |");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `| ${name} | ${(median(r.copy) / 1000).toFixed(2)} / ${(Math.max(...r.copy) / 1000).toFixed(2)} s | ${(median(r.total) / 1000).toFixed(2)} s | ${r.mb.toFixed(1)} MB |`,
    );
  }
  console.log(`| old: backup API, no read transaction, 100 pages a step | ${old} | | |`);
  console.log(`\nwriter: ${writes} writes during the runs, slowest commit ${Number(worstMs).toFixed(1)} ms\n`);

  console.log("| synchronous (WAL) | commit p50 | p95 | p99 | mean |");
  console.log("| --- | --- | --- | --- | --- |");
  const latencies: Record<string, number[]> = { NORMAL: [], FULL: [] };
  for (let round = 0; round < 2; round++) {
    for (const mode of ["NORMAL", "FULL"] as const) latencies[mode].push(...commitLatencies(work, mode, Number(values.commits)));
  }
  for (const [mode, xs] of Object.entries(latencies)) {
    xs.sort((x, y) => x - y);
    const q = (p: number) => xs[Math.floor(xs.length * p)].toFixed(3);
    console.log(`| ${mode} | ${q(0.5)} ms | ${q(0.95)} ms | ${q(0.99)} ms | ${(xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(3)} ms |`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

async function oldBackup(source: string, out: string): Promise<string> {
  const src = new Database(source, { readonly: true });
  const started = Date.now();
  let restarts = 0;
  let last = Infinity;
  try {
    await src.backup(out, {
      progress: ({ remainingPages }) => {
        if (remainingPages > last) restarts++;
        last = remainingPages;
        if (Date.now() - started > 20_000) throw new Error("gave up");
        return 100; // better-sqlite3's default step
      },
    });
    return `finished in ${((Date.now() - started) / 1000).toFixed(1)} s after ${restarts} restarts`;
  } catch {
    return `not finished after 20 s (${restarts} restarts)`;
  } finally {
    src.close();
    for (const suffix of ["", "-journal"]) fs.rmSync(out + suffix, { force: true });
  }
}

function commitLatencies(dir: string, mode: "NORMAL" | "FULL", commits: number): number[] {
  const file = path.join(dir, `sync-${mode}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${mode}`);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT); CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER, what TEXT)");
  const row = db.prepare("INSERT INTO t (a, b) VALUES (?, ?)");
  const audit = db.prepare("INSERT INTO audit (at, what) VALUES (?, ?)");
  const write = db.transaction((i: number) => {
    row.run(i, "x".repeat(100));
    audit.run(Date.now(), `insert t ${i}`);
  });
  for (let i = 0; i < 50; i++) write(i);
  const out: number[] = [];
  for (let i = 0; i < commits; i++) {
    const t = performance.now();
    write(i);
    out.push(performance.now() - t);
  }
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  return out;
}
