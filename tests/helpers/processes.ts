import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach } from "vitest";
import { openDb } from "../../db/client";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<Finished>;
}

const started = new Set<ChildProcess>();

/** Kills every process started by runTs that is still running (afterEach). */
export function killStarted(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  started.clear();
}

/** Runs a TypeScript file of the project in its own Node process (tsx loader), from the project root. */
export function runTs(file: string, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<Finished>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, stdout: () => stdout, exited };
}

/** Starts tests/helpers/db-process.ts and waits for its "ready". */
export async function startDbProcess(args: string[]): Promise<Running> {
  const running = runTs("tests/helpers/db-process.ts", args);
  await waitFor(() => running.stdout().includes("ready"), 20_000, running.exited);
  return running;
}

export async function stop(running: Running, signal: NodeJS.Signals = "SIGTERM"): Promise<Finished> {
  running.child.kill(signal);
  return running.exited;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, failIfDone?: Promise<Finished>): Promise<void> {
  let done: Finished | undefined;
  void failIfDone?.then((f) => (done = f));
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (done) throw new Error(`process ended early (${done.code ?? done.signal}): ${done.stderr || done.stdout}`);
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A temporary folder with a migrated database (WAL, like the app's), optionally padded with `megabytes` of audit rows. */
export function makeDatabase(options: { megabytes?: number; team?: string } = {}): { dir: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-ops-"));
  const file = path.join(dir, "tracker.db");
  openDb(file, { synchronous: "NORMAL" }).$client.close();
  // filled without WAL nor fsync (fast), then back to WAL
  const db = new Database(file);
  db.pragma("journal_mode = DELETE");
  db.pragma("synchronous = OFF");
  const now = Date.now();
  if (options.team) db.prepare("INSERT INTO teams (name, created_at, updated_at) VALUES (?, ?, ?)").run(options.team, now, now);
  if (options.megabytes) {
    // ~2 KB per row
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit_log (at, action, entity_type, entity_id, after, created_at, updated_at)
       SELECT ?, 'filler', 'test', i, hex(randomblob(1000)), ?, ? FROM n`,
    ).run(options.megabytes * 500, now, now, now);
  }
  db.pragma("journal_mode = WAL");
  db.close();
  return { dir, file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs `sql` on a short-lived read-only connection. */
export function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function tableNames(file: string): string[] {
  return query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
}

export function integrityOf(file: string): string {
  return query<{ integrity_check: string }>(file, "PRAGMA integrity_check")[0].integrity_check;
}

/**
 * For a test file of processes over databases: returns a `makeDatabase` whose databases are removed
 * after each test, and registers that `afterEach`, which first kills the processes the test started.
 */
export function databasesPerTest(): typeof makeDatabase {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    killStarted();
    while (cleanups.length) cleanups.pop()!();
  });
  return (options) => {
    const d = makeDatabase(options);
    cleanups.push(d.cleanup);
    return d;
  };
}
