/**
 * When the metric rules run (docs/decisions/600-metric-raised-risks.md, "When"): never on a page
 * view. `refreshMetricRisks` (live-metrics) is the one evaluation; this module decides when it runs:
 * - right after a write request (server/app.js calls `afterWrite` before the response is sent), so
 *   the page a person sees next already shows the risk their write raised or cleared;
 * - for API writes (ingest, imports, webhooks, KPI measurements) coalesced, at most once per
 *   API_REFRESH_DELAY_MS, so a stream of batches pays one evaluation, not one each; under node:cluster
 *   a worker only tells the primary (IPC), which evaluates in its own process, so no request-serving
 *   worker is blocked by it;
 * - every SCHEDULE_INTERVAL_MS and at start in the cluster primary (or the single process), for the
 *   causes time alone brings: an objective passing the share of its cycle, the 30-day delivery
 *   window sliding, a month closing.
 */
import cluster from "node:cluster";
import { refreshMetricRisks } from "~/models/live-metrics.server";
import type { ApplyRulesResult } from "~/models/risks.server";
import type { Db } from "~/utils/db.server";

export const API_REFRESH_DELAY_MS = 2_000;
export const SCHEDULE_INTERVAL_MS = 5 * 60_000;

/** Writes that change nothing a rule reads: signing in and out, the theme cookie. */
const NO_RULE_INPUTS = /^\/(login|logout|resources\/theme)(\/|\.data$|$)/;

/** Evaluates the rules now; a failure is logged, never thrown at the request that triggered it. */
export function refreshMetricRisksNow(db: Db, now = Date.now()): ApplyRulesResult | null {
  try {
    return refreshMetricRisks(db, now);
  } catch (e) {
    console.error("risk rules evaluation failed", e);
    return null;
  }
}

let pending: ReturnType<typeof setTimeout> | null = null;

/** The message a cluster worker sends the primary after an API write (server.js listens for it). */
export const RULES_DIRTY_MESSAGE = "metric-rules:dirty";
let lastNotice = 0;

/**
 * One evaluation API_REFRESH_DELAY_MS from now, unless one is already pending in this process; in a
 * cluster worker, a notice to the primary instead (at most one per API_REFRESH_DELAY_MS).
 */
export function scheduleMetricRiskRefresh(db: Db, delayMs = API_REFRESH_DELAY_MS): void {
  if (cluster.isWorker && process.send) {
    const now = Date.now();
    if (now - lastNotice >= delayMs) {
      lastNotice = now;
      process.send({ type: RULES_DIRTY_MESSAGE });
    }
    return;
  }
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    refreshMetricRisksNow(db);
  }, delayMs);
}

/** Runs the pending coalesced evaluation at once (tests; a process about to stop). */
export function flushMetricRiskRefresh(db: Db): void {
  if (!pending) return;
  clearTimeout(pending);
  pending = null;
  refreshMetricRisksNow(db);
}

export type WriteKind = "none" | "now" | "deferred";

/** What a successful write request to `pathname` asks for. */
export function refreshKindFor(pathname: string): WriteKind {
  if (NO_RULE_INPUTS.test(pathname)) return "none";
  return pathname.startsWith("/api/") ? "deferred" : "now";
}

/** Called by server/app.js after a state-changing request succeeded (status < 400), before its response is sent. */
export function afterWrite(db: Db, pathname: string): WriteKind {
  const kind = refreshKindFor(pathname);
  if (kind === "now") {
    if (pending) {
      clearTimeout(pending);
      pending = null;
    }
    refreshMetricRisksNow(db);
  } else if (kind === "deferred") scheduleMetricRiskRefresh(db);
  return kind;
}

/** The periodic evaluation (primary or single process): once now, then every SCHEDULE_INTERVAL_MS; returns the stopper. */
export function startRuleSchedule(db: Db, intervalMs = SCHEDULE_INTERVAL_MS): () => void {
  refreshMetricRisksNow(db);
  const timer = setInterval(() => refreshMetricRisksNow(db), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
