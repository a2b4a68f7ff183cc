import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { type Checkpointer, startCheckpointer } from "./checkpointer";
import { holdServingLock } from "./lock";
import * as schema from "./schema";
import { cacheStatements } from "./statement-cache";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from the project root, not import.meta.url: server code is bundled into build/. */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export interface OpenDbOptions {
  migrate?: boolean;
  /**
   * FULL (default): a commit returns only once the WAL is on disk, so an acknowledged write
   * survives a power loss. NORMAL: the serving process, which flushes the WAL itself before it
   * answers a write (docs/decisions/745), and throwaway data (tests, benchmarks, generated sets),
   * where losing the last commits on a power loss does not matter. See docs/decisions/701.
   */
  synchronous?: "FULL" | "NORMAL";
}

/**
 * Opens a SQLite file with the project's pragmas and applies pending migrations.
 * The one place where a connection is made (app, scripts, seeds and tests all come here).
 */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous === "NORMAL" ? "NORMAL" : "FULL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("cache_size = -64000");
  sqlite.pragma("temp_store = MEMORY");
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  // Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), not at its first write:
  // with several processes on the file (server.js workers, scripts), a deferred transaction that
  // reads, then writes after another process committed fails at once with SQLITE_BUSY_SNAPSHOT —
  // busy_timeout cannot help it. IMMEDIATE waits its turn instead (docs/decisions/720).
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: "immediate", ...config })) as Db["transaction"];
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/**
 * The serving process's connection (app/utils/db.server.ts): takes the serving lock first, so
 * `db:restore` refuses while the app runs (docs/decisions/700). It commits with synchronous=NORMAL,
 * and the server waits for `walDurable` (db/wal-sync.ts) before acknowledging a write request: one
 * fsync of the WAL, off the event loop, shared by every write committed before it (docs/decisions/745).
 * Its WAL checkpoints run in a thread (db/checkpointer.ts, docs/decisions/746).
 * Scripts, seeds and tests use openDb and never hold the lock.
 */
export function openServingDb(file: string): Db {
  holdServingLock(file);
  const db = openDb(file, { synchronous: "NORMAL" });
  // Checkpoints run in a thread of their own (db/checkpointer.ts, docs/decisions/746), never inside
  // a request's COMMIT; a fully checkpointed log is cut back to this size when it starts again.
  db.$client.pragma("wal_autocheckpoint = 0");
  db.$client.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  if (file !== ":memory:") {
    void servingCheckpointers.get(file)?.stop();
    servingCheckpointers.set(file, startCheckpointer(file));
  }
  return db;
}

/** The WAL file's size once a checkpoint has copied all of it (journal_size_limit). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

const servingCheckpointers = new Map<string, Checkpointer>();

/** The checkpointer of a file opened with openServingDb in this process (tests and the benchmark wait on it). */
export function servingCheckpointer(file: string): Checkpointer | undefined {
  return servingCheckpointers.get(file);
}

export { schema };
