/**
 * The DORA reads' statements. The connection keeps every statement it compiled, keyed by its SQL text
 * (db/statement-cache.ts), so preparing the same text again costs a map lookup.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "~/utils/db.server";

export function prepare(db: Db, sql: string): Statement {
  return db.$client.prepare(sql);
}
