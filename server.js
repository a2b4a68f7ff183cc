// Production server: the Express app of server/app.js (security headers, same-origin rule, body
// limits, the Remix handler) listening on PORT. Chosen over remix-serve — see docs/decisions/006.
//
// Several processes serve the one WAL database (docs/decisions/720): a primary that checks the
// environment, applies the migrations and holds the serving lock, and WEB_CONCURRENCY workers
// (default: the CPU count) that share the port through node:cluster. better-sqlite3 is synchronous,
// so one process blocks every request while a statement runs; with several, a reader is never
// queued behind another process's writer. Sessions, the login throttle and every other state live
// in SQLite or in cookies, so any worker answers any request. WEB_CONCURRENCY=1 serves from one
// process without cluster.
import cluster from "node:cluster";
import { createApp } from "./server/app.js";
import { serveWriteGate } from "./server/write-gate.js";

const buildDir = process.env.BUILD_DIR || "build";
// Importing the build parses the environment (a bad one stops here, naming the variable), applies
// pending migrations and takes the serving lock (app/entry.server.tsx).
const build = await import(`./${buildDir}/index.js`);
const config = build.entry.module.serverConfig();

if (config.workers > 1 && cluster.isPrimary) {
  runPrimary(config.workers);
} else {
  serve();
}
// The metric rules' periodic evaluation (causes that time alone brings: docs/decisions/600) runs in
// one process only: the primary, or the single process.
if (cluster.isPrimary) build.entry.module.startRuleSchedule();

function serve() {
  const app = createApp({ build, buildDir, config });
  const server = app.listen(config.port, () => {
    if (cluster.isPrimary) console.log(`InnovaTech Strategy Tracker listening on http://localhost:${config.port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    // in-flight requests finish; the process exits once the last connection is done
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

/** @param {number} count */
function runPrimary(count) {
  let stopping = false;
  /** recent unexpected exits, to stop a crash loop instead of forking forever */
  const crashes = [];
  for (let i = 0; i < count; i++) cluster.fork();
  // one write at a time across the workers, each waiting its turn without blocking its reads
  // (server/write-gate.js); after API writes, workers ask the primary to evaluate the metric rules
  // (docs/decisions/600)
  const writeGate = serveWriteGate();
  cluster.on("message", (worker, message) => writeGate.onMessage(worker, message) || build.entry.module.onWorkerMessage?.(message));
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === count) {
      console.log(`InnovaTech Strategy Tracker listening on http://localhost:${config.port} (${count} worker processes)`);
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    writeGate.onExit(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
    if (crashes.length > 5 * count) {
      console.error(`Workers keep exiting (${crashes.length} in a minute, last: ${signal ?? `code ${code}`}); stopping.`);
      process.exit(1);
    }
    console.error(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another.`);
    cluster.fork();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const worker of workers) worker?.process.kill(signal);
      // a worker stuck on a long request does not keep the process alive for ever
      setTimeout(() => process.exit(0), 10_000).unref();
    });
  }
}
