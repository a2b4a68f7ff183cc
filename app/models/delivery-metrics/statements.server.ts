/** The DORA reads' prepared statements, prepared once per connection and reused (keyed by their SQL text). */
import type { Database, Statement } from "better-sqlite3";
import type { Db } from "~/utils/db.server";

const statementCache = new WeakMap<Database, Map<string, Statement>>();

export function prepare(db: Db, sql: string): Statement {
  const client = db.$client;
  let cache = statementCache.get(client);
  if (!cache) {
    cache = new Map();
    statementCache.set(client, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = client.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
