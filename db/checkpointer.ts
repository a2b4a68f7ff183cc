/**
 * WAL checkpoints off the request thread, for the serving process (docs/decisions/746).
 *
 * By default SQLite checkpoints inside the COMMIT that takes the write-ahead log past 1,000 pages:
 * that commit copies the log into the database file and fsyncs both, synchronously — on the
 * serving process's event loop, where every other request waits for it (28 ms of each batch of
 * 1,000 deployments here). The serving connection turns that off (`wal_autocheckpoint = 0`) and
 * this checkpointer does the work instead: a worker thread with its own connection that runs a
 * PASSIVE checkpoint every `intervalMs`. PASSIVE never waits for readers or writers: it copies what
 * no reader still needs and returns, so neither the event loop nor a writer is ever held by it.
 * After a checkpoint that copied everything, the next writer starts the log again from its
 * beginning, and `journal_size_limit` (set on the serving connection) truncates the file then.
 */
import fs from "node:fs";
import { Worker } from "node:worker_threads";

/** A PASSIVE checkpoint's answer: the log's frames and how many of them are now in the database. */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

/**
 * The thread's program (CommonJS, `eval`: server code is bundled into build/, so there is no file
 * of ours to point a Worker at; better-sqlite3 resolves from the project root, the process's cwd).
 * Messages in: "now" (a checkpoint at once, answered with its result), "stop".
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma("busy_timeout = 0");
} catch (error) {
  // the file went away before the thread started (a test's temporary database): nothing to do
  parentPort.postMessage({ failed: String((error && error.message) || error) });
  process.exit(0);
}
const checkpoint = () => {
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    return { busy: row.busy, log: row.log, checkpointed: row.checkpointed };
  } catch (error) {
    return { busy: 1, log: -1, checkpointed: -1, error: String(error && error.message || error) };
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message && message.type === "now") parentPort.postMessage({ id: message.id, result: checkpoint() });
  else if (message && message.type === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

export type Checkpointer = {
  /** A PASSIVE checkpoint now, in the thread; resolves with its result (for tests and the benchmark). */
  checkpointNow(): Promise<CheckpointResult>;
  /** Stops the thread after its last checkpoint and closes its connection. */
  stop(): Promise<void>;
};

/**
 * Starts the checkpointer of a database file (already created, in WAL mode). The thread does not
 * keep the process alive.
 */
export function startCheckpointer(file: string, options: { intervalMs?: number } = {}): Checkpointer {
  // execArgv []: none of the process's Node options (an --input-type=module would make the source ESM)
  const worker = new Worker(THREAD_SOURCE, { eval: true, execArgv: [], workerData: { file, intervalMs: options.intervalMs ?? 500 } });
  worker.unref();
  let nextId = 0;
  const waiting = new Map<number, (result: CheckpointResult) => void>();
  // a thread that cannot work (better-sqlite3 missing, the file unreadable) leaves checkpoints to the
  // next script or start-up (openDb's connections checkpoint by themselves); it never brings the server down
  const failed = (reason: string) => {
    if (fs.existsSync(file)) console.error(`WAL checkpointer for ${file} stopped: ${reason}`);
  };
  worker.on("message", (message: { id: number; result: CheckpointResult } | { failed: string }) => {
    if ("failed" in message) return failed(message.failed);
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on("error", (error) => failed(error.message));
  const NOT_RUN: CheckpointResult = { busy: 1, log: -1, checkpointed: -1 };
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      running = false;
      for (const answer of waiting.values()) answer(NOT_RUN);
      waiting.clear();
      resolve();
    }),
  );
  return {
    checkpointNow() {
      if (!running) return Promise.resolve(NOT_RUN);
      const id = nextId++;
      // referenced while an answer is awaited (see stop)
      worker.ref();
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ type: "now", id });
      });
    },
    async stop() {
      // referenced again while it stops: a process waiting only on this must not exit before the thread
      worker.ref();
      if (running) worker.postMessage({ type: "stop" });
      await exited;
    },
  };
}
