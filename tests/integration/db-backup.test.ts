/**
 * npm run db:backup under load and when interrupted (db/backup.ts, docs/decisions/700).
 * The databases are padded to ~16 MB so that a copy takes many steps: the old backup (the backup
 * API without a held read transaction, 100 pages a step) restarted on every write and did not finish
 * a 10 MB copy within 8 s under these writes (measured; 300 restarts).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../db/backup";
import { databasesPerTest, integrityOf, query, runTs, startDbProcess, stop, tableNames, waitFor } from "../helpers/processes";

const makeDatabase = databasesPerTest();
const database = (megabytes: number) => makeDatabase({ megabytes });

const loadRows = (file: string) => query<{ n: number }>(file, "SELECT count(*) AS n FROM audit_log WHERE action = 'load'")[0].n;
const partialsIn = (dir: string) => fs.readdirSync(dir).filter((name) => name.includes(".partial-"));

describe("backupDatabase", () => {
  it("completes while another process writes 50 times a second, and the copy is one consistent snapshot", async () => {
    const { dir, file } = database(16);
    const out = path.join(dir, "backups", "copy.db");
    const writer = await startDbProcess(["write", file, "50"]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      const before = loadRows(file);
      const started = performance.now();
      const result = await backupDatabase({ source: file, out });
      const ms = performance.now() - started;
      const after = loadRows(file);

      expect(ms).toBeLessThan(10_000);
      expect(after).toBeGreaterThan(before); // the writes went on during the backup
      const copied = loadRows(out);
      expect(copied).toBeGreaterThanOrEqual(before);
      expect(copied).toBeLessThanOrEqual(after);
      expect(tableNames(out)).toEqual(tableNames(file));
      expect(integrityOf(out)).toBe("ok");
      expect(result.report.rowCounts.find((c) => c.table === "audit_log")?.rows).toBe(8_000 + copied);
      // one self-contained file: no -wal needed, nothing left beside it
      expect(query<{ journal_mode: string }>(out, "PRAGMA journal_mode")[0].journal_mode).toBe("delete");
      expect(fs.readdirSync(path.dirname(out))).toEqual(["copy.db"]);
    } finally {
      const finished = await stop(writer);
      expect(finished.code).toBe(0);
      expect(Number(/wrote (\d+)/.exec(finished.stdout)?.[1])).toBeGreaterThanOrEqual(10);
    }
  });

  it("replaces an existing file at --out atomically and ignores a stale -journal beside it", async () => {
    const { dir, file } = database(1);
    const out = path.join(dir, "copy.db");
    fs.writeFileSync(out, "an older backup");
    fs.writeFileSync(`${out}-journal`, "left by an interrupted run of the old script");
    const result = await backupDatabase({ source: file, out });
    expect(result.replacedExisting).toBe(true);
    expect(fs.existsSync(`${out}-journal`)).toBe(false);
    expect(integrityOf(out)).toBe("ok");
    expect(tableNames(out)).toEqual(tableNames(file));
  });

  it("refuses to write over the database itself", async () => {
    const { file } = database(0);
    await expect(backupDatabase({ source: file, out: file })).rejects.toThrow(/is the database itself/);
    await expect(backupDatabase({ source: file, out: `${file}-wal` })).rejects.toThrow(/is the database itself/);
    expect(integrityOf(file)).toBe("ok");
  });
});

describe("npm run db:backup, interrupted", () => {
  /** `npm run db:backup` of a 16 MB database, stopped by `signal` once its partial file is being written. */
  async function interruptMidCopy(signal: NodeJS.Signals) {
    const { dir, file } = database(16);
    const outDir = path.join(dir, "backups");
    const out = path.join(outDir, "tracker.db");
    const run = runTs("scripts/backup.ts", ["--out", out], { DATABASE_PATH: file });
    await waitFor(() => fs.existsSync(outDir) && partialsIn(outDir).length > 0, 20_000, run.exited);
    run.child.kill(signal);
    return { file, outDir, out, finished: await run.exited };
  }

  it("SIGINT mid-copy: exits 130, nothing at --out, no partial file left", async () => {
    const { outDir, finished } = await interruptMidCopy("SIGINT");
    expect(finished.code).toBe(130);
    expect(finished.stderr).toContain("Backup interrupted; nothing written at");
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it("SIGKILL mid-copy: nothing at --out; the next backup removes the partial file and succeeds", async () => {
    const { file, outDir, out } = await interruptMidCopy("SIGKILL");
    expect(fs.existsSync(out)).toBe(false);
    const left = partialsIn(outDir);
    expect(left.length).toBeGreaterThan(0);

    const result = await backupDatabase({ source: file, out });
    expect(result.removedStale.map((f) => path.basename(f)).sort()).toEqual(left.sort());
    expect(fs.readdirSync(outDir)).toEqual(["tracker.db"]);
    expect(integrityOf(out)).toBe("ok");
  });
});
