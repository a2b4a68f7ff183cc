// @ts-check
// Opt-in SQL timing (SQL_TIMING=1; `npm run bench` sets it): the time this process spends inside
// better-sqlite3 statement calls (get, all, run — transactions' BEGIN/COMMIT included), so that a
// page's server time can be set beside the bare SQL it depends on. server/app.js reports it per
// request in a `Server-Timing: sql;dur=…` header. Requests must be sequential for the figure to be
// one request's (the bench's are). Off by default: it wraps every statement call.
import Database from "better-sqlite3";

let total = 0;
let enabled = false;

export function enableSqlTiming() {
  if (enabled) return;
  enabled = true;
  const db = new Database(":memory:");
  const proto = Object.getPrototypeOf(db.prepare("SELECT 1"));
  db.close();
  for (const name of ["get", "all", "run"]) {
    const original = proto[name];
    proto[name] = function (/** @type {unknown[]} */ ...args) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        total += performance.now() - started;
      }
    };
  }
}

/** Milliseconds spent in SQL by this process so far. */
export function sqlMs() {
  return total;
}
