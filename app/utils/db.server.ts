import { sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { openServingDb, schema, type Db } from "../../db/client";
import { walDurable } from "../../db/wal-sync";
import { getEnv } from "./env.server";

declare global {
  var __trackerDb: Db | undefined;
}

/**
 * One connection per process, opened (and migrated) on first use. Holds the serving lock, so
 * `db:restore` refuses while the app runs (docs/decisions/700).
 */
export function getDb(): Db {
  globalThis.__trackerDb ??= openServingDb(getEnv().DATABASE_PATH);
  return globalThis.__trackerDb;
}

/**
 * Resolves once every write this process committed so far is on disk (docs/decisions/745):
 * server/app.js waits for it before answering a state-changing request.
 */
export function writesDurable(): Promise<void> {
  return walDurable(getDb().$client.name);
}

export { schema };
export type { Db };

/** How many rows of a table match a condition (`SELECT count(*) FROM table WHERE …`; all rows without one). */
export function countRows(db: Db, table: SQLiteTable, where?: SQL): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(table)
    .where(where)
    .get()!.n;
}
