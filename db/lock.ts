import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The serving lock: how a running app announces that it holds a database, so that `db:restore`
 * can refuse to replace the file under it (docs/decisions/700).
 *
 * `<db>.lock` is a small, empty SQLite file used only for its locks (POSIX advisory locks taken by
 * SQLite itself, so no native module is needed):
 * - a serving process keeps a read transaction open on it for its whole life (a SHARED lock; any
 *   number of servers can hold it at once);
 * - restore takes it with `BEGIN EXCLUSIVE` and busy_timeout 0: SQLITE_BUSY means a server holds it.
 * The operating system drops the locks when the process ends, however it ends, so the lock cannot
 * go stale after a crash; the file staying on disk means nothing. The main database is not touched,
 * so WAL checkpoints are not held back.
 *
 * Never open `<db>.lock` with `fs` in a process that holds it: closing any descriptor of a file
 * releases that process's POSIX locks on it.
 */
export const lockFileFor = (dbFile: string) => `${dbFile}.lock`;

/** Another process holds the database: the app (serving lock) or any other open connection. */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

function openLockFile(dbFile: string, busyTimeoutMs: number): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });
  const lock = new Database(lockFileFor(dbFile));
  lock.pragma(`busy_timeout = ${busyTimeoutMs}`);
  return lock;
}

declare global {
  var __trackerServingLocks: Map<string, Database.Database> | undefined;
}

/**
 * Called once by the serving process before it opens the database; held until the process exits.
 * Waits up to `waitMs` while a restore holds the lock exclusively, then throws.
 */
export function holdServingLock(dbFile: string, waitMs = 10_000): void {
  if (dbFile === ":memory:") return;
  const key = path.resolve(dbFile);
  // kept on globalThis: a garbage-collected connection would close and release the lock
  const held = (globalThis.__trackerServingLocks ??= new Map());
  if (held.has(key)) return;
  const lock = openLockFile(dbFile, waitMs);
  try {
    lock.exec("BEGIN");
    lock.prepare("SELECT count(*) FROM sqlite_master").get(); // the read takes the SHARED lock
  } catch (error) {
    lock.close();
    if (isBusy(error)) {
      throw new DatabaseInUseError(
        `${dbFile} is being restored (${lockFileFor(dbFile)} is held by db:restore); start the app again when the restore has finished.`,
      );
    }
    throw error;
  }
  held.set(key, lock);
}

/** Test and shutdown helper: releases this process's serving lock on `dbFile`. */
export function releaseServingLock(dbFile: string): void {
  const key = path.resolve(dbFile);
  const lock = globalThis.__trackerServingLocks?.get(key);
  if (!lock) return;
  globalThis.__trackerServingLocks!.delete(key);
  lock.close();
}

/**
 * Takes the lock exclusively (restore), without waiting. Throws DatabaseInUseError when a serving
 * process holds it. While held, a server that starts waits (holdServingLock) instead of opening the
 * database mid-restore.
 */
export function takeExclusiveLock(dbFile: string): { release: () => void } {
  const lock = openLockFile(dbFile, 0);
  try {
    lock.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    lock.close();
    if (isBusy(error)) {
      throw new DatabaseInUseError(`The app is running: a server process holds ${dbFile} (lock ${lockFileFor(dbFile)}). Stop the app, then restore.`);
    }
    throw error;
  }
  return {
    release: () => {
      if (lock.inTransaction) lock.exec("ROLLBACK");
      lock.close();
    },
  };
}
