import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach } from "vitest";
import { openDb, type Db } from "../../db/client";

/**
 * A fresh SQLite file with the real migrations, in the OS temp folder.
 * Also installed as the app's process-wide connection, so route loaders/actions called
 * directly in a test use it. Call cleanup() in afterEach/afterAll.
 */
export function createTestDb(): { db: Db; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-test-"));
  const file = path.join(dir, "test.db");
  // throwaway data: no fsync per commit (docs/decisions/701)
  const db = openDb(file, { synchronous: "NORMAL" });
  globalThis.__trackerDb = db;
  return {
    db,
    file,
    cleanup: () => {
      if (globalThis.__trackerDb === db) globalThis.__trackerDb = undefined;
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What `freshDbPerTest()` hands a test file: the current test's database, replaced before each test. */
export type FreshDb = { db: Db; file: string };

/**
 * One fresh database per test: registers a `beforeEach` that opens a new database with the
 * migrations (and runs `seed` on it, if given); the database is closed and removed when the test
 * has finished, after every `afterEach` (even one that failed). Call it at the top of a test file
 * (or of a `describe`), before the file's own hooks, and read `t.db` inside hooks and tests: the
 * object stays the same, its `db` and `file` are the current test's.
 */
export function freshDbPerTest(seed?: (db: Db) => void): FreshDb {
  const current = {} as FreshDb;
  beforeEach(({ onTestFinished }) => {
    const fresh = createTestDb();
    onTestFinished(() => fresh.cleanup());
    current.db = fresh.db;
    current.file = fresh.file;
    seed?.(fresh.db);
  });
  return current;
}
