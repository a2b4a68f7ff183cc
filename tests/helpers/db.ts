import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
