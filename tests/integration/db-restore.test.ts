/**
 * npm run db:restore (db/backup.ts, docs/decisions/700): refuses while the app (or any process)
 * holds the database, refuses a file that is not a complete database of this app, keeps the
 * replaced database aside with its WAL folded in.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, DatabaseInUseError, DatabaseVerificationError, restoreDatabase } from "../../db/backup";
import { holdServingLock, releaseServingLock, takeExclusiveLock } from "../../db/lock";
import { databasesPerTest, integrityOf, query, runTs, startDbProcess, stop, tableNames } from "../helpers/processes";

const makeDatabase = databasesPerTest();
const database = (team: string) => makeDatabase({ team });

/** A database with team "Live" and, in the same folder, a backup of another one with team "Restored". */
async function liveAndBackup() {
  const live = database("Live");
  const other = database("Restored");
  const backup = path.join(live.dir, "backups", "tracker-backup.db");
  await backupDatabase({ source: other.file, out: backup });
  return { dir: live.dir, target: live.file, backup };
}

const teams = (file: string) => query<{ name: string }>(file, "SELECT name FROM teams ORDER BY name").map((r) => r.name);
const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const restoreCli = (target: string, from: string) => runTs("scripts/restore.ts", ["--from", from], { DATABASE_PATH: target }).exited;
const asideIn = (dir: string) => fs.readdirSync(dir).filter((name) => name.includes(".before-restore-"));

describe("db:restore while the database is in use", () => {
  it("refuses (exit 3, database untouched) while a process holds it the way the server does; restores once it has stopped", async () => {
    const { dir, target, backup } = await liveAndBackup();
    const server = await startDbProcess(["serve", target]);
    const before = sha(target);

    const refused = await restoreCli(target, backup);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("The app is running");
    expect(sha(target)).toBe(before);
    expect(teams(target)).toEqual(["Live"]);
    expect(asideIn(dir)).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.includes(".partial-"))).toEqual([]);

    await stop(server);
    const done = await restoreCli(target, backup);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("the replaced database is kept as");
    expect(teams(target)).toEqual(["Restored"]);
    const aside = asideIn(dir);
    expect(aside).toHaveLength(1);
    expect(teams(path.join(dir, aside[0]))).toEqual(["Live"]);
    for (const suffix of ["-wal", "-shm", "-journal"]) expect(fs.existsSync(target + suffix)).toBe(false);
    expect(integrityOf(target)).toBe("ok");
  });

  // two processes and file locks on a loaded machine: retried, a real regression fails every time
  it("refuses while another process has it open without the serving lock (a script, a shell)", { retry: 2 }, async () => {
    const { dir, target, backup } = await liveAndBackup();
    const script = await startDbProcess(["open", target]);
    await expect(restoreDatabase({ from: backup, target })).rejects.toThrow(DatabaseInUseError);
    await expect(restoreDatabase({ from: backup, target })).rejects.toThrow(/Another process has .* open/);
    expect(teams(target)).toEqual(["Live"]);
    expect(asideIn(dir)).toEqual([]);
    await stop(script);
    await restoreDatabase({ from: backup, target });
    expect(teams(target)).toEqual(["Restored"]);
  });

  it("the serving lock and the restore lock exclude each other (a server waits for a restore, a restore refuses a server)", () => {
    const { file } = database("Live");
    const restoring = takeExclusiveLock(file);
    try {
      expect(() => holdServingLock(file, 0)).toThrow(/is being restored/);
    } finally {
      restoring.release();
    }
    holdServingLock(file, 0);
    try {
      expect(() => takeExclusiveLock(file)).toThrow(/The app is running/);
    } finally {
      releaseServingLock(file);
    }
    takeExclusiveLock(file).release();
  });
});

describe("restoreDatabase", () => {
  it("keeps the replaced database aside complete: a crashed writer's WAL is checkpointed into it", async () => {
    const { dir, target, backup } = await liveAndBackup();
    const writer = await startDbProcess(["write", target, "100"]);
    await new Promise((r) => setTimeout(r, 300));
    await stop(writer, "SIGKILL"); // no clean close: the rows are only in the -wal
    expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0);
    const written = query<{ n: number }>(target, "SELECT count(*) AS n FROM audit_log WHERE action = 'load'")[0].n;
    expect(written).toBeGreaterThan(0);

    const result = await restoreDatabase({ from: backup, target, now: new Date("2026-11-22T03:15:00Z") });
    expect(result.foldedWal).toBe(true);
    expect(result.keptAside).toBe(`${target}.before-restore-20261122-031500`);
    expect(asideIn(dir)).toEqual(["tracker.db.before-restore-20261122-031500"]);
    // the kept file alone (no -wal beside it) holds every acknowledged write
    for (const suffix of ["-wal", "-shm"]) expect(fs.existsSync(result.keptAside! + suffix)).toBe(false);
    expect(query<{ n: number }>(result.keptAside!, "SELECT count(*) AS n FROM audit_log WHERE action = 'load'")[0].n).toBe(written);
    expect(teams(target)).toEqual(["Restored"]);
    for (const suffix of ["-wal", "-shm"]) expect(fs.existsSync(target + suffix)).toBe(false);
  });

  it("restores into an empty folder (no database before)", async () => {
    const { dir, backup } = await liveAndBackup();
    const target = path.join(dir, "fresh", "tracker.db");
    const result = await restoreDatabase({ from: backup, target });
    expect(result.keptAside).toBeNull();
    expect(teams(target)).toEqual(["Restored"]);
  });

  describe("refuses a file that is not a complete database of this app, and leaves the database as it was", () => {
    const cases: [string, (file: string, live: string) => void, RegExp][] = [
      ["an empty file", (f) => fs.writeFileSync(f, ""), /is empty/],
      ["a text file", (f) => fs.writeFileSync(f, "id,name\n1,Live\n"), /is not a SQLite database/],
      [
        "a SQLite file without tables",
        (f) => {
          const db = new Database(f);
          db.pragma("user_version = 7"); // writes the header: a valid, table-less database
          db.close();
        },
        /holds no tables/,
      ],
      [
        "a SQLite file of another application",
        (f) => {
          const db = new Database(f);
          db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
          db.close();
        },
        /not a database of this app/,
      ],
      [
        "a copy missing a table",
        (f, live) => {
          fs.copyFileSync(live, f);
          const db = new Database(f);
          db.exec("DROP TABLE risks");
          db.pragma("journal_mode = DELETE");
          db.close();
        },
        /lacks 1 expected table\(s\): risks/,
      ],
      [
        "a copy migrated by a newer version",
        (f, live) => {
          fs.copyFileSync(live, f);
          const db = new Database(f);
          db.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)").run(Date.now() + 365 * 86_400_000);
          db.pragma("journal_mode = DELETE");
          db.close();
        },
        /newer version of the app/,
      ],
      [
        "a half-written copy with its -journal beside it",
        (f, live) => {
          fs.copyFileSync(live, f);
          fs.writeFileSync(`${f}-journal`, Buffer.alloc(1024, 1));
        },
        /interrupted write/,
      ],
    ];
    it.each(cases)("%s", async (_label, make, message) => {
      const { file: target, dir } = database("Live");
      const donor = database("Donor");
      const bad = path.join(dir, "bad.db");
      make(bad, donor.file);
      const error = await restoreDatabase({ from: bad, target }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseVerificationError);
      expect((error as Error).message).toMatch(message);
      expect(teams(target)).toEqual(["Live"]);
      expect(asideIn(dir)).toEqual([]);
      expect(fs.readdirSync(dir).filter((n) => n.includes(".partial-"))).toEqual([]);
      expect(tableNames(target)).toContain("risks");
    });

    it("the CLI exits 1 and says the database was not touched", async () => {
      const { file: target, dir } = database("Live");
      const empty = path.join(dir, "empty.db");
      fs.writeFileSync(empty, "");
      const finished = await restoreCli(target, empty);
      expect(finished.code).toBe(1);
      expect(finished.stderr).toContain("is empty");
      expect(finished.stderr).toContain("was not touched");
      expect(teams(target)).toEqual(["Live"]);
    });
  });
});
