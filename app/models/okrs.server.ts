/**
 * OKR queries and writes: cycles, objectives, key results, check-ins — one module per concern under
 * app/models/okrs/ (progress-sql, cycles, objectives, key-results, check-ins, health); importers keep this name.
 *
 * Progress: the per-KR clamp of the metric contract is written once in SQL (KR_PROGRESS_SQL, the
 * same rule as krProgress() in app/lib/metrics/okrs.ts, tested against it) so that per-objective
 * and per-team progress aggregate in SQL (sum(progress × weight) ÷ sum(weight)). Status and pace
 * come from the pure functions. See docs/decisions/500-okr-progress-in-sql.md.
 */
export * from "~/models/okrs/progress-sql.server";
export * from "~/models/okrs/cycles.server";
export * from "~/models/okrs/objectives.server";
export * from "~/models/okrs/key-results.server";
export * from "~/models/okrs/check-ins.server";
export * from "~/models/okrs/health.server";
