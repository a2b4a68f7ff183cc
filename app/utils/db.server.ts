import { openDb, schema, type Db } from "../../db/client";
import { getEnv } from "./env.server";

declare global {
  // eslint-disable-next-line no-var
  var __trackerDb: Db | undefined;
}

/** One connection per process, opened (and migrated) on first use. */
export function getDb(): Db {
  globalThis.__trackerDb ??= openDb(getEnv().DATABASE_PATH);
  return globalThis.__trackerDb;
}

export { schema };
export type { Db };
