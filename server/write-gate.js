// @ts-check
// Whose turn it is to write: one state-changing request at a time across every server process.
//
// SQLite serialises writers anyway; what matters is *where* a writer waits. Without this gate, a
// worker whose write finds the database locked waits inside SQLite's busy handler, which sleeps on
// the thread and so stops that worker from answering anything, reads included, for up to 100 ms
// at a time. With it, a write waits for its turn as a promise: the worker keeps serving reads, and
// each worker has at most one write in hand, so a page's request is never queued behind a pile of
// writes (docs/decisions/720). The gate schedules; it does not guard: SQLite's locks still do that
// for any other process (scripts, a second server), so a lease that runs out is no harm.
import cluster from "node:cluster";

const MESSAGE = "tracker-write-gate";
/** A turn held longer than this (a hung request) is given to the next writer. */
export const LEASE_MS = 60_000;

/**
 * A FIFO of turns: `request(grant)` queues a writer, `release(token)` ends a turn.
 * @returns {{ request: (grant: () => void) => object, release: (token: object) => void, drop: (match: (token: object) => boolean) => void, waiting: () => number }}
 */
export function turnQueue() {
  /** @type {{ grant: () => void }[]} */
  const queue = [];
  /** @type {{ grant: () => void } | null} */
  let holder = null;
  /** @type {NodeJS.Timeout | null} */
  let lease = null;
  const next = () => {
    if (lease) clearTimeout(lease);
    lease = null;
    holder = queue.shift() ?? null;
    if (!holder) return;
    const token = holder;
    lease = setTimeout(() => holder === token && next(), LEASE_MS);
    lease.unref();
    token.grant();
  };
  return {
    request(grant) {
      const token = { grant };
      queue.push(token);
      if (!holder) next();
      return token;
    },
    release(token) {
      if (holder === token) next();
      else {
        const i = queue.indexOf(/** @type {any} */ (token));
        if (i >= 0) queue.splice(i, 1);
      }
    },
    drop(match) {
      for (let i = queue.length - 1; i >= 0; i--) if (match(queue[i])) queue.splice(i, 1);
      if (holder && match(holder)) next();
    },
    waiting: () => queue.length,
  };
}

/**
 * In a request-serving process: `acquire()` resolves with a `release` function once it is this
 * request's turn. In a cluster worker the turns are the primary's (serveWriteGate); otherwise local.
 * @returns {{ acquire: () => Promise<() => void> }}
 */
export function createWriteGate(mode = process.env.WRITE_GATE ?? "cluster") {
  if (mode === "off") return { acquire: async () => () => {} };
  if (mode === "cluster" && cluster.isWorker && typeof process.send === "function") {
    const send = process.send.bind(process);
    /** @type {Map<number, () => void>} */
    const pending = new Map();
    let n = 0;
    process.on("message", (/** @type {any} */ message) => {
      if (message?.[MESSAGE] === "granted") pending.get(message.n)?.();
    });
    return {
      acquire: () =>
        new Promise((resolve) => {
          const id = ++n;
          pending.set(id, () => {
            pending.delete(id);
            let released = false;
            resolve(() => {
              if (released) return;
              released = true;
              send({ [MESSAGE]: "release", n: id });
            });
          });
          send({ [MESSAGE]: "acquire", n: id });
        }),
    };
  }
  const turns = turnQueue();
  return {
    acquire: () =>
      new Promise((resolve) => {
        /** @type {object} */
        const token = turns.request(() => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            turns.release(token);
          });
        });
      }),
  };
}

/**
 * In the cluster primary: hands out the turns workers ask for, in order; a worker that exits gives
 * back its turn and its place in the queue. Returns whether a message was the gate's.
 * @returns {{ onMessage: (worker: import("node:cluster").Worker, message: any) => boolean, onExit: (worker: import("node:cluster").Worker) => void }}
 */
export function serveWriteGate() {
  const turns = turnQueue();
  /** @type {Map<string, object>} */
  const tokens = new Map();
  /** @type {WeakMap<object, import("node:cluster").Worker>} */
  const owner = new WeakMap();
  const keyOf = (/** @type {import("node:cluster").Worker} */ worker, /** @type {number} */ n) => `${worker.id}:${n}`;
  return {
    onMessage(worker, message) {
      const kind = message?.[MESSAGE];
      if (kind === undefined) return false;
      const key = keyOf(worker, message.n);
      if (kind === "acquire") {
        const token = turns.request(() => {
          if (worker.isConnected()) worker.send({ [MESSAGE]: "granted", n: message.n });
          else queueMicrotask(() => turns.release(token));
        });
        tokens.set(key, token);
        owner.set(token, worker);
      } else if (kind === "release") {
        const token = tokens.get(key);
        tokens.delete(key);
        if (token) turns.release(token);
      }
      return true;
    },
    onExit(worker) {
      for (const [key, token] of tokens) if (owner.get(token) === worker) tokens.delete(key);
      turns.drop((token) => owner.get(token) === worker);
    },
  };
}
