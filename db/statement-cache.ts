/**
 * Prepared statements kept per connection, keyed by their SQL text (docs/decisions/744).
 *
 * better-sqlite3 compiles a statement on every `prepare`, and Drizzle prepares one on every query it
 * runs, so a page that runs the same thirty queries on every request compiled them thirty times a
 * request (the executive dashboard: 4.7 ms of its CPU time, issue 17's profile). A statement can be
 * run again with other parameters, so the connection keeps the last `size` it compiled and hands the
 * same one back for the same text.
 *
 * What a caller may change on a statement is its return mode (`raw`, `pluck`, `expand`); every
 * statement handed back is reset to plain rows first, as a freshly prepared one would be. Nothing in
 * the app binds parameters for good (`bind`) or iterates (`iterate`), the two other states a
 * statement can hold.
 */
import type Database from "better-sqlite3";

/** Distinct SQL texts kept per connection: the app has a few hundred; texts built with varying lists are dropped first. */
export const STATEMENT_CACHE_SIZE = 1000;

export function cacheStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const compile = client.prepare.bind(client);
  const kept = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    let stmt = kept.get(source);
    if (stmt) {
      // Least recently used first in the Map's order.
      kept.delete(source);
      kept.set(source, stmt);
      if (stmt.reader) {
        stmt.raw(false);
        stmt.pluck(false);
        stmt.expand(false);
      }
      return stmt;
    }
    stmt = compile(source);
    if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    kept.set(source, stmt);
    return stmt;
  }) as Database.Database["prepare"];
}
