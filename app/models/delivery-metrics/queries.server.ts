/**
 * The SQL text of the grouped DORA aggregates: the same query text serves the whole window, per ISO
 * week (trends) and per service (breakdown); only the grouping expression changes. Whole UTC days
 * are read from the daily rollups (docs/decisions/402-dora-daily-rollups.md), the partial days at a
 * window's edges from the raw rows.
 */
import { MS_PER_DAY } from "~/lib/metrics/delivery";
import { serviceClause } from "~/models/delivery-metrics/filters.server";
import { LEAD_BUCKET_SQL } from "../../../db/schema/delivery_metrics";

export const MS_PER_WEEK = 7 * MS_PER_DAY;
/** 1900-01-01 was a Monday (UTC): weeks are counted from it, so a week starts on Monday 00:00 UTC. */
export const WEEK_ANCHOR = Date.UTC(1900, 0, 1);

export type Grouping = "all" | "week" | "service";

function groupExpr(grouping: Grouping, timeColumn: string, serviceColumn: string): string {
  switch (grouping) {
    case "all":
      return "0";
    case "week":
      return `(${timeColumn} - ((${timeColumn} - ${WEEK_ANCHOR}) % ${MS_PER_WEEK}))`;
    case "service":
      return serviceColumn;
  }
}

const SUCCESSFUL_PRODUCTION = "d.environment = 'production' AND d.status = 'success'";

/**
 * The deployment an incident is attributed to (the contract) when it was never classified
 * (cause_kind IS NULL): the latest successful production deployment of the same service finished
 * at or before the incident's start (ties: highest id). Stored causes (explicit / inferred) are
 * counted through deployments.caused_incidents, kept by triggers; 'none' → no cause.
 */
const INFERRED_FOR_UNCLASSIFIED = `(
  SELECT d2.id FROM deployments d2
  WHERE d2.service_id = i.service_id AND d2.environment = 'production' AND d2.status = 'success'
    AND d2.finished_at <= i.started_at
  ORDER BY d2.finished_at DESC, d2.id DESC LIMIT 1)`;

const COVERING = "INDEXED BY deployments_dora_covering_idx";
/** One group of a grouping: [key, from, to) — the window, a week's part of it, or a service over it. */
export type Group = [number, number, number];
const GROUPS_CTE = "grp(g, f, t) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@groups))";

/**
 * Counts over the raw rows of a (short) span — the partial days at the edges of a window: per group,
 * successful production deployments, rework, deployments with a stored cause, and lead-time samples
 * per bucket. Whole window / weeks: one correlated aggregate per group over an index range; per
 * service: GROUP BY over the span's range.
 */
export function rawSpanSql(grouping: Grouping, serviceIds: number[] | null): { counts: string; buckets: string } {
  const filter = serviceClause("d.service_id", serviceIds);
  const counted = "COUNT(*), COALESCE(SUM(d.is_hotfix OR d.is_rollback), 0), COALESCE(SUM(d.caused_incidents > 0), 0)";
  const counts =
    grouping === "service"
      ? `SELECT d.service_id AS g, json_array(${counted}) AS c
         FROM deployments d ${COVERING}
         WHERE ${SUCCESSFUL_PRODUCTION} AND d.finished_at >= @from AND d.finished_at < @to${filter}
         GROUP BY g`
      : `WITH ${GROUPS_CTE}
         SELECT grp.g AS g,
                (SELECT json_array(${counted}) FROM deployments d ${COVERING}
                 WHERE ${SUCCESSFUL_PRODUCTION} AND d.finished_at >= grp.f AND d.finished_at < grp.t${filter}) AS c
         FROM grp`;
  const bucket = LEAD_BUCKET_SQL.replace("lead_ms", "s.lead_ms");
  const buckets = `
    SELECT ${groupExpr(grouping, "s.finished_at", "s.service_id")} AS g, ${bucket} AS b, COUNT(*) AS n
    FROM delivery_lead_samples s INDEXED BY delivery_lead_samples_finished_idx
    WHERE s.finished_at >= @from AND s.finished_at < @to${serviceClause("s.service_id", serviceIds)}
    GROUP BY g, b`;
  return { counts, buckets };
}

/**
 * Counts over whole UTC days [@from, @to) from the daily rollups (db/schema/delivery_metrics.ts):
 * ~one row per day and service instead of every deployment and commit.
 */
export function rollupSql(grouping: Grouping, serviceIds: number[] | null, allServiceIds: () => number[]): { counts: string; buckets: string } {
  const counts = `
    SELECT ${groupExpr(grouping, "r.day", "r.service_id")} AS g,
           json_array(SUM(r.deployments), SUM(r.rework), SUM(r.failed)) AS c
    FROM delivery_daily r
    WHERE r.day >= @from AND r.day < @to${serviceClause("r.service_id", serviceIds)}
    GROUP BY g`;
  // Every service together: the per-day table. A service or team: the per-service table by its key
  // (service, day, bucket). Per service: one range of (service, bucket, day) per service and bucket
  // between the smallest and largest bucket of the span (@bmin, @bmax) — no sort.
  let buckets: string;
  if (grouping === "service") {
    const ids = (serviceIds ?? allServiceIds()).map((id) => Math.trunc(Number(id))).join(",");
    buckets = `
      WITH RECURSIVE bk(b) AS (SELECT @bmin UNION ALL SELECT b + 1 FROM bk WHERE b < @bmax),
      sv(id) AS (SELECT value FROM json_each('[${ids}]'))
      SELECT g, b, n FROM (
        SELECT sv.id AS g, bk.b AS b,
               (SELECT SUM(r.samples) FROM delivery_lead_service_daily r INDEXED BY delivery_lead_service_daily_bucket_idx
                WHERE r.service_id = sv.id AND r.bucket = bk.b AND r.day >= @from AND r.day < @to) AS n
        FROM sv, bk)
      WHERE n > 0`;
  } else if (serviceIds === null) {
    buckets = `
      SELECT ${groupExpr(grouping, "r.day", "0")} AS g, r.bucket AS b, SUM(r.samples) AS n
      FROM delivery_lead_daily r
      WHERE r.day >= @from AND r.day < @to
      GROUP BY g, b`;
  } else {
    buckets = `
      SELECT ${groupExpr(grouping, "r.day", "r.service_id")} AS g, r.bucket AS b, SUM(r.samples) AS n
      FROM delivery_lead_service_daily r
      WHERE r.day >= @from AND r.day < @to${serviceClause("r.service_id", serviceIds)}
      GROUP BY g, b`;
  }
  return { counts, buckets };
}

/**
 * The counts of several windows (@groups: [g, from, to] of each window's whole UTC days, possibly
 * overlapping) from the daily rollup: the span's days [@from, @to) summed over services once, then
 * each window's sum over them — instead of reading every (day, service) row once per window.
 */
export function windowsRollupCountsSql(serviceIds: number[] | null): string {
  return `
    WITH ${GROUPS_CTE},
    days(day, n, rw, fl) AS MATERIALIZED (
      SELECT r.day, SUM(r.deployments), SUM(r.rework), SUM(r.failed)
      FROM delivery_daily r
      WHERE r.day >= @from AND r.day < @to${serviceClause("r.service_id", serviceIds)}
      GROUP BY r.day)
    SELECT grp.g AS g,
           (SELECT json_array(COALESCE(SUM(days.n), 0), COALESCE(SUM(days.rw), 0), COALESCE(SUM(days.fl), 0))
            FROM days WHERE days.day >= grp.f AND days.day < grp.t) AS c
    FROM grp`;
}

/**
 * Deployments failed only through an incident never classified, for several windows (@groups) over
 * their span [@from, @to): the same rule as windowSql's unclassifiedFailed (an incident started before
 * a window's start can only point before it, so one set serves every window).
 */
export function windowsUnclassifiedFailedSql(serviceIds: number[] | null): string {
  return `
    WITH ${GROUPS_CTE},
    u(id) AS (
      SELECT DISTINCT ${INFERRED_FOR_UNCLASSIFIED}
      FROM incidents i INDEXED BY incidents_unclassified_idx
      WHERE i.cause_kind IS NULL AND i.started_at >= @from${serviceClause("i.service_id", serviceIds)}),
    f(at) AS MATERIALIZED (
      SELECT d.finished_at
      FROM u CROSS JOIN deployments d ON d.id = u.id
      WHERE ${SUCCESSFUL_PRODUCTION} AND d.finished_at >= @from AND d.finished_at < @to AND d.caused_incidents = 0
        ${serviceClause("d.service_id", serviceIds)})
    SELECT grp.g AS g, (SELECT COUNT(*) FROM f WHERE f.at >= grp.f AND f.at < grp.t) AS failed
    FROM grp`;
}

/**
 * Reads that need the whole window at once: deployments counted as failed only through an incident
 * never classified (evaluated by the rule, and not already counted through a stored cause); the
 * exact lead-time median's second step; time to restore.
 */
export function windowSql(
  grouping: Grouping,
  serviceIds: number[] | null,
): { unclassifiedFailed: string; leadPick: string; leadPickDesc: string; restore: string; restorePick: string } {
  const dg = groupExpr(grouping, "d.finished_at", "d.service_id");
  const ig = groupExpr(grouping, "i.started_at", "i.service_id");
  // An unclassified incident can only be inferred to a deployment finished at or before its start,
  // so only those started at or after @from matter. `u` first (CROSS JOIN keeps that order): a few
  // lookups by id, not a walk over the window's deployments probing `u` for each (20 ms at 10×).
  const unclassifiedFailed = `
    WITH u(id) AS (
      SELECT DISTINCT ${INFERRED_FOR_UNCLASSIFIED}
      FROM incidents i INDEXED BY incidents_unclassified_idx
      WHERE i.cause_kind IS NULL AND i.started_at >= @from${serviceClause("i.service_id", serviceIds)})
    SELECT ${dg} AS g, COUNT(*) AS failed
    FROM u CROSS JOIN deployments d ON d.id = u.id
    WHERE ${SUCCESSFUL_PRODUCTION} AND d.finished_at >= @from AND d.finished_at < @to AND d.caused_incidents = 0
      ${serviceClause("d.service_id", serviceIds)}
    GROUP BY g`;

  // For each group's middle value(s): sort only the rows of the bucket holding them, inside the
  // group's window, and read `c` (1 or 2) values from rank `k` (a bounded sort: no window function).
  const bucket = LEAD_BUCKET_SQL.replace("lead_ms", "s.lead_ms");
  const byService = grouping === "service";
  const sampleIndex = serviceIds === null && !byService ? "delivery_lead_samples_bucket_idx" : "delivery_lead_samples_service_bucket_idx";
  const sampleService = serviceClause("s.service_id", serviceIds);
  // (Run once per group: SQLite does not let LIMIT / OFFSET refer to an outer query.)
  const leadPickFrom = (order: "ASC" | "DESC") => `
    SELECT SUM(v) FROM (
      SELECT s.lead_ms AS v FROM delivery_lead_samples s INDEXED BY ${sampleIndex}
      WHERE ${bucket} = @b AND s.finished_at >= @f AND s.finished_at < @t${byService ? " AND s.service_id = @g" : sampleService}
      ORDER BY s.lead_ms ${order} LIMIT @c OFFSET @k - 1)`;
  // The bounded sort keeps offset + limit rows: a rank in the bucket's upper half is read from the top
  // (rank n − k − c + 2 of the descending order), so it never keeps more than half the bucket.
  const leadPick = leadPickFrom("ASC");
  const leadPickDesc = leadPickFrom("DESC");

  // Time to restore: count and mean per group, then each group's middle value(s) by a bounded sort.
  const restoreWhere = (from: string, to: string) =>
    `i.started_at >= ${from} AND i.started_at < ${to} AND i.resolved_at IS NOT NULL${serviceClause("i.service_id", serviceIds)}`;
  const restore = `
    SELECT ${ig} AS g, COUNT(*) AS n, AVG(i.resolved_at - i.started_at) AS mean
    FROM incidents i
    WHERE ${restoreWhere("@from", "@to")}
    GROUP BY g`;
  const restorePick = `
    SELECT AVG(v) FROM (
      SELECT i.resolved_at - i.started_at AS v FROM incidents i${byService ? " INDEXED BY incidents_service_restore_idx" : ""}
      WHERE ${restoreWhere("@f", "@t")}${byService ? " AND i.service_id = @g" : ""}
      ORDER BY v LIMIT @c OFFSET @k - 1)`;
  return { unclassifiedFailed, leadPick, leadPickDesc, restore, restorePick };
}
