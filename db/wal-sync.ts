/**
 * Grouped flushes of the write-ahead log, for the serving process (docs/decisions/745).
 *
 * The serving connection commits with `synchronous=NORMAL`: a commit writes its frames to the WAL
 * file and returns without waiting for the disk. Before the server acknowledges a write request,
 * it waits for `durable()`: an `fsync` of the WAL file, run on libuv's thread pool (the event loop
 * keeps serving reads meanwhile) and shared by every write that committed before it started. A
 * write that commits while a flush is under way waits for the next one, which starts as soon as
 * that one ends — so whatever the number of concurrent writers, at most one flush runs and one
 * waits, and an acknowledged write is on disk as with `synchronous=FULL`.
 */
import fs from "node:fs/promises";

/** Flushes a file to stable storage; a file that does not exist has nothing to flush. */
export async function fsyncFile(file: string): Promise<void> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r+");
  } catch (error) {
    // no WAL: nothing was written since the last checkpoint, which synced the database file itself
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * `durable()` resolves once every commit made before the call is on disk: it joins the flush that
 * is waiting to start, or starts one if none runs; a flush already running may have started
 * before the caller's commit, so the caller never joins that one.
 */
export function groupedFlush(flush: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run = flush().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    if (!next) {
      // after the running flush, whatever its outcome: one started since then (it began after every
      // commit of the callers waiting here) serves them too
      const after = () => {
        next = null;
        return running ?? start();
      };
      next = running.then(after, after);
    }
    return next;
  };
}

const byFile = new Map<string, () => Promise<void>>();

/** The grouped flush of a database file's WAL (`<file>-wal`); an in-memory database is always durable (it is not). */
export function walDurable(databaseFile: string): Promise<void> {
  if (databaseFile === ":memory:" || databaseFile === "") return Promise.resolve();
  let durable = byFile.get(databaseFile);
  if (!durable) {
    durable = groupedFlush(() => fsyncFile(`${databaseFile}-wal`));
    byFile.set(databaseFile, durable);
  }
  return durable();
}
