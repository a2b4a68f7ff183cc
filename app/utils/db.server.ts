import { openServingDb, schema, type Db } from "../../db/client";
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

export { schema };
export type { Db };
