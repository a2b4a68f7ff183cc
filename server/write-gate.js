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

/** A cluster turn is kept for the worker's next waiting write while it has served fewer than this many… */
export const BATCH_WRITES = 4;
/** …and for less than this long (ms): reads that wait for the turn to end wait at most about this. */
export const BATCH_MS = 25;
/** The longest a read waits for a write turn to end. */
export const IDLE_WAIT_MAX_MS = 1_000;

/**
 * In a request-serving process:
 * - `acquire()` resolves with a `release` function once it is this request's turn to write: the
 *   worker's own writes go one at a time, and in a cluster worker each also needs the cluster's turn
 *   (the primary's, serveWriteGate), which a worker keeps for its next waiting write up to
 *   BATCH_WRITES / BATCH_MS (one message round trip per batch, not per write);
 * - `idle()` resolves when this process holds no write turn: a read waits for the write in hand to
 *   finish instead of interleaving with it, so a turn is not stretched by reads' work (and the next
 *   writer, possibly in another worker, is not kept waiting).
 * `enabled`: false (WRITE_GATE=off, parsed with the environment in app/utils/env.server.ts) makes both no-ops.
 * @returns {{ acquire: () => Promise<() => void>, idle: () => Promise<void> }}
 */
export function createWriteGate(enabled = true) {
  if (!enabled) return { acquire: async () => () => {}, idle: async () => {} };
  const inCluster = cluster.isWorker && typeof process.send === "function";
  const send = inCluster ? /** @type {(message: object) => void} */ (process.send?.bind(process)) : null;
  const local = turnQueue();
  /** @type {Map<number, () => void>} */
  const pending = new Map();
  let n = 0;
  /** the cluster turn this worker holds: its message id, writes served, since when */
  /** @type {{ id: number, served: number, since: number } | null} */
  let held = null;
  /** @type {(() => void)[]} */
  let idleWaiters = [];
  if (send) {
    process.on("message", (/** @type {any} */ message) => {
      if (message?.[MESSAGE] === "granted") pending.get(message.n)?.();
    });
  }
  const wakeReaders = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };
  /** @returns {Promise<void>} */
  const clusterTurn = () => {
    if (!send) {
      held = { id: 0, served: 0, since: performance.now() };
      return Promise.resolve();
    }
    if (held) return Promise.resolve();
    return new Promise((resolve) => {
      const id = ++n;
      pending.set(id, () => {
        pending.delete(id);
        held = { id, served: 0, since: performance.now() };
        resolve();
      });
      send({ [MESSAGE]: "acquire", n: id });
    });
  };
  const endClusterTurn = () => {
    if (!held) return;
    if (send) send({ [MESSAGE]: "release", n: held.id });
    held = null;
    wakeReaders();
  };
  return {
    acquire: () =>
      new Promise((resolve) => {
        /** @type {object} */
        const token = local.request(() => {
          void clusterTurn().then(() => {
            let released = false;
            resolve(() => {
              if (released) return;
              released = true;
              const turn = held;
              if (turn) turn.served += 1;
              // keep the cluster turn for this worker's next waiting write, within the batch's bounds
              const keep = send !== null && turn !== null && local.waiting() > 0 && turn.served < BATCH_WRITES && performance.now() - turn.since < BATCH_MS;
              if (!keep) endClusterTurn();
              local.release(token);
            });
          });
        });
      }),
    // a read waits for the write in hand, never for long (a hung write does not hold reads)
    idle: () =>
      held
        ? new Promise((resolve) => {
            idleWaiters.push(resolve);
            setTimeout(resolve, IDLE_WAIT_MAX_MS).unref();
          })
        : Promise.resolve(),
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
