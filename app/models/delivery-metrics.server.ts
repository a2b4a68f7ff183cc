/**
 * DORA metrics in SQL (the metric contract in DESIGN.md; the plain-JS reference is
 * `referenceDoraMetrics` in app/lib/metrics/delivery.ts, and tests/integration/dora*.test.ts
 * compares the two).
 *
 * Every figure is an aggregate computed by SQLite over a half-open window [from, to):
 * counts, sums and exact medians (ROW_NUMBER() / COUNT() window functions, picking the middle
 * row(s)). The same query text serves the whole window, per ISO week (trends) and per service
 * (breakdown): only the grouping expression changes. Statements are prepared once per connection.
 *
 * Lead-time samples come from `delivery_lead_samples` (db/schema/delivery_metrics.ts), a derived
 * table kept exact by SQLite triggers on deployments and deployment_commits, so every write path
 * (API, CSV import, forms, seeds, tests) keeps it right without calling anything; see
 * docs/decisions/401-dora-metrics-in-sql.md. Whole UTC days of a window are read from daily
 * rollups kept by triggers too (docs/decisions/402-dora-daily-rollups.md); only the partial days at
 * its edges touch the raw rows.
 */
import type { Database, Statement } from "better-sqlite3";
import { serverT } from "~/i18n/translate.server";
import { comparisonCoverage, type ComparisonCoverage } from "~/lib/metrics/comparison";
import type { CtoParams } from "~/lib/metrics/cto-window";
import {
  changeFailureRateTier,
  deploymentFrequency,
  leadTimeTier,
  MS_PER_DAY,
  MS_PER_HOUR,
  rate,
  timeToRestoreTier,
  type DoraMetrics,
  type Window,
} from "~/lib/metrics/delivery";
import { DORA_TARGET_METRICS, type DoraTargetKey, type DoraTargets } from "~/lib/metrics/dora-targets";
import { budgetVsActual } from "~/lib/metrics/finance";
import { getItBudgetVsActual } from "~/models/finance.server";
import { targetFor } from "~/models/metric-targets.server";
import { getCurrentCycle } from "~/models/okrs.server";
import type { Db } from "~/utils/db.server";
import { LEAD_BUCKET_SQL } from "../../db/schema/delivery_metrics";

export type { DoraMetrics, Window };

export type DoraFilterInput = { serviceId?: number; teamId?: number };

const MS_PER_WEEK = 7 * MS_PER_DAY;
/** 1900-01-01 was a Monday (UTC): weeks are counted from it, so a week starts on Monday 00:00 UTC. */
const WEEK_ANCHOR = Date.UTC(1900, 0, 1);

// ---------------------------------------------------------------------------------------------------
// Statement cache
// ---------------------------------------------------------------------------------------------------

const statementCache = new WeakMap<Database, Map<string, Statement>>();

function prepare(db: Db, sql: string): Statement {
  const client = db.$client;
  let cache = statementCache.get(client);
  if (!cache) {
    cache = new Map();
    statementCache.set(client, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = client.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

// ---------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------

/** The services a filter selects: null = every service; [] = none (e.g. a team that owns none). */
export function resolveServiceIds(db: Db, filter: DoraFilterInput = {}): number[] | null {
  const ids: number[][] = [];
  if (filter.serviceId !== undefined) ids.push([filter.serviceId]);
  if (filter.teamId !== undefined) {
    const rows = prepare(db, "SELECT id FROM services WHERE team_id = ? ORDER BY id").pluck().all(filter.teamId) as number[];
    ids.push(rows);
  }
  if (ids.length === 0) return null;
  // Both given: the intersection (a service of that team).
  return ids.reduce((acc, list) => acc.filter((id) => list.includes(id)));
}

function serviceClause(column: string, serviceIds: number[] | null): string {
  if (serviceIds === null) return "";
  if (serviceIds.length === 0) return " AND 0";
  // Integers only (ids come from the database or a parsed number): inlined so the planner sees them.
  return ` AND ${column} IN (${serviceIds.map((id) => Math.trunc(Number(id))).join(",")})`;
}

// ---------------------------------------------------------------------------------------------------
// Grouped aggregates: one implementation for the whole window, per week and per service
// ---------------------------------------------------------------------------------------------------

type Grouping = "all" | "week" | "service";

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

type GroupAggregates = {
  total: number;
  rework: number;
  failed: number;
  leadMedianMs: number | null;
  restoreMedianMs: number | null;
  restoreMeanMs: number | null;
  restoredCount: number;
};

function emptyAggregates(): GroupAggregates {
  return { total: 0, rework: 0, failed: 0, leadMedianMs: null, restoreMedianMs: null, restoreMeanMs: null, restoredCount: 0 };
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
type Group = [number, number, number];
const GROUPS_CTE = "grp(g, f, t) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@groups))";

/**
 * Counts over the raw rows of a (short) span — the partial days at the edges of a window: per group,
 * successful production deployments, rework, deployments with a stored cause, and lead-time samples
 * per bucket. Whole window / weeks: one correlated aggregate per group over an index range; per
 * service: GROUP BY over the span's range.
 */
function rawSpanSql(grouping: Grouping, serviceIds: number[] | null): { counts: string; buckets: string } {
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
function rollupSql(grouping: Grouping, serviceIds: number[] | null, allServiceIds: () => number[]): { counts: string; buckets: string } {
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
 * Reads that need the whole window at once: deployments counted as failed only through an incident
 * never classified (evaluated by the rule, and not already counted through a stored cause); the
 * exact lead-time median's second step; time to restore.
 */
function windowSql(grouping: Grouping, serviceIds: number[] | null): { unclassifiedFailed: string; leadPick: string; restore: string; restorePick: string } {
  const dg = groupExpr(grouping, "d.finished_at", "d.service_id");
  const ig = groupExpr(grouping, "i.started_at", "i.service_id");
  // An unclassified incident can only be inferred to a deployment finished at or before its start,
  // so only those started at or after @from matter.
  const unclassifiedFailed = `
    WITH u(id) AS (
      SELECT DISTINCT ${INFERRED_FOR_UNCLASSIFIED}
      FROM incidents i INDEXED BY incidents_unclassified_idx
      WHERE i.cause_kind IS NULL AND i.started_at >= @from${serviceClause("i.service_id", serviceIds)})
    SELECT ${dg} AS g, COUNT(*) AS failed
    FROM u JOIN deployments d ON d.id = u.id
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
  const leadPick = `
    SELECT SUM(v) FROM (
      SELECT s.lead_ms AS v FROM delivery_lead_samples s INDEXED BY ${sampleIndex}
      WHERE ${bucket} = @b AND s.finished_at >= @f AND s.finished_at < @t${byService ? " AND s.service_id = @g" : sampleService}
      ORDER BY s.lead_ms LIMIT @c OFFSET @k - 1)`;

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
  return { unclassifiedFailed, leadPick, restore, restorePick };
}

type BucketCount = { g: number; b: number; n: number };

/**
 * From sample counts per (group, bucket), sorted by group then bucket (buckets are monotonic in the
 * value), the (group, bucket, rank within the bucket) of each group's middle value(s): ranks
 * ⌊(n+1)/2⌋ and ⌊(n+2)/2⌋ (the same rank when n is odd; the median is the mean of the picked values).
 */
export function middleBuckets(counts: readonly BucketCount[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let i = 0;
  while (i < counts.length) {
    const g = counts[i].g;
    let j = i;
    let total = 0;
    while (j < counts.length && counts[j].g === g) total += counts[j++].n;
    const ranks = [...new Set([Math.floor((total + 1) / 2), Math.floor((total + 2) / 2)])];
    for (const rank of ranks) {
      let before = 0;
      for (let k = i; k < j; k++) {
        if (rank <= before + counts[k].n) {
          out.push([g, counts[k].b, rank - before]);
          break;
        }
        before += counts[k].n;
      }
    }
    i = j;
  }
  return out;
}

/**
 * A window split for the rollups: its whole UTC days [fromDay, toDay) (null when it holds none)
 * and the partial days at its edges, read from the raw rows.
 */
export function splitByDays(window: Window): { days: Window | null; edges: Window[] } {
  const floorDay = (ms: number) => ms - (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
  const fromDay = floorDay(window.from) === window.from ? window.from : floorDay(window.from) + MS_PER_DAY;
  const toDay = floorDay(window.to);
  if (!(toDay > fromDay)) return { days: null, edges: window.to > window.from ? [window] : [] };
  const edges: Window[] = [];
  if (window.from < fromDay) edges.push({ from: window.from, to: fromDay });
  if (toDay < window.to) edges.push({ from: toDay, to: window.to });
  return { days: { from: fromDay, to: toDay }, edges };
}

/** The groups of a grouping over a span: the span, each week's part of it, or each selected service. */
function groupsOver(span: Window, grouping: Grouping, serviceIds: number[] | null, allServiceIds: () => number[]): Group[] {
  if (grouping === "all") return [[0, span.from, span.to]];
  if (grouping === "week") {
    const groups: Group[] = [];
    for (let w = span.from - ((span.from - WEEK_ANCHOR) % MS_PER_WEEK); w < span.to; w += MS_PER_WEEK) {
      groups.push([w, Math.max(w, span.from), Math.min(w + MS_PER_WEEK, span.to)]);
    }
    return groups;
  }
  return (serviceIds ?? allServiceIds()).map((id): Group => [id, span.from, span.to]);
}

function groupedAggregates(db: Db, window: Window, serviceIds: number[] | null, grouping: Grouping): Map<number, GroupAggregates> {
  const out = new Map<number, GroupAggregates>();
  const at = (g: number) => {
    let row = out.get(g);
    if (!row) {
      row = emptyAggregates();
      out.set(g, row);
    }
    return row;
  };
  if (!(window.to > window.from)) return out;
  const allServiceIds = () => prepare(db, "SELECT id FROM services ORDER BY id").pluck().all() as number[];
  const params = { from: window.from, to: window.to };

  // 1. Counts and lead-time samples per bucket: whole days from the rollups, edge days from raw rows.
  const buckets = new Map<string, BucketCount>();
  const addCounts = (rows: { g: number; c: string | null }[]) => {
    for (const r of rows) {
      if (r.c === null) continue;
      const [total, rework, failed] = JSON.parse(r.c) as [number, number, number];
      const row = at(r.g);
      row.total += total;
      row.rework += rework;
      row.failed += failed;
    }
  };
  const addBuckets = (rows: BucketCount[]) => {
    for (const r of rows) {
      const key = `${r.g}:${r.b}`;
      const b = buckets.get(key);
      if (b) b.n += r.n;
      else buckets.set(key, { ...r });
    }
  };
  const { days, edges } = splitByDays(window);
  if (days) {
    const sql = rollupSql(grouping, serviceIds, allServiceIds);
    const span = { from: days.from, to: days.to };
    addCounts(prepare(db, sql.counts).all(span) as { g: number; c: string | null }[]);
    if (grouping === "service") {
      const range = prepare(
        db,
        "SELECT MIN(bucket) AS bmin, MAX(bucket) AS bmax FROM delivery_lead_daily WHERE day >= @from AND day < @to AND samples > 0",
      ).get(span) as { bmin: number | null; bmax: number | null };
      if (range.bmin !== null && range.bmax !== null) addBuckets(prepare(db, sql.buckets).all({ ...span, ...range }) as BucketCount[]);
    } else addBuckets(prepare(db, sql.buckets).all(span) as BucketCount[]);
  }
  if (edges.length > 0) {
    const sql = rawSpanSql(grouping, serviceIds);
    for (const edge of edges) {
      const span = { from: edge.from, to: edge.to };
      const countParams = grouping === "service" ? span : { groups: JSON.stringify(groupsOver(edge, grouping, serviceIds, allServiceIds)) };
      addCounts(prepare(db, sql.counts).all(countParams) as { g: number; c: string | null }[]);
      addBuckets(prepare(db, sql.buckets).all(span) as BucketCount[]);
    }
  }

  // 2. Deployments failed only through an incident never classified.
  const sql = windowSql(grouping, serviceIds);
  for (const r of prepare(db, sql.unclassifiedFailed).all(params) as { g: number; failed: number }[]) at(r.g).failed += r.failed;

  // 3. Exact lead-time medians: the bucket and rank of each group's middle value(s), then rank only that bucket's rows.
  const counts = [...buckets.values()].filter((b) => b.n > 0).sort((a, b) => a.g - b.g || a.b - b.b);
  const bounds = new Map(groupsOver(window, grouping, serviceIds, allServiceIds).map(([g, f, t]) => [g, [f, t]] as const));
  // Both middle ranks in one bucket (the usual case): one read of 2 values.
  const need: { g: number; b: number; k: number; c: number }[] = [];
  for (const [g, b, k] of middleBuckets(counts)) {
    const last = need[need.length - 1];
    if (last && last.g === g && last.b === b && last.k + last.c === k) last.c += 1;
    else need.push({ g, b, k, c: 1 });
  }
  const picked = new Map<number, { sum: number; count: number }>();
  const leadPick = need.length > 0 ? prepare(db, sql.leadPick).pluck() : null;
  for (const n of need) {
    const [f, t] = bounds.get(n.g)!;
    const sum = leadPick!.get({ ...n, f, t }) as number;
    const p = picked.get(n.g) ?? { sum: 0, count: 0 };
    picked.set(n.g, { sum: p.sum + sum, count: p.count + n.c });
  }
  for (const [g, p] of picked) at(g).leadMedianMs = p.sum / p.count;

  // 4. Time to restore: count and mean, then the middle value(s) of each group.
  const restored = prepare(db, sql.restore).all(params) as { g: number; mean: number; n: number }[];
  const restorePick = restored.length > 0 ? prepare(db, sql.restorePick).pluck() : null;
  for (const r of restored) {
    const row = at(r.g);
    row.restoreMeanMs = r.mean;
    row.restoredCount = r.n;
    const [f, t] = grouping === "week" ? [Math.max(r.g, window.from), Math.min(r.g + MS_PER_WEEK, window.to)] : [window.from, window.to];
    row.restoreMedianMs = restorePick!.get({ g: r.g, f, t, k: Math.floor((r.n + 1) / 2), c: 2 - (r.n % 2) }) as number;
  }
  return out;
}

function toHours(ms: number | null): number | null {
  return ms === null ? null : ms / MS_PER_HOUR;
}

function toDoraMetrics(window: Window, a: GroupAggregates): DoraMetrics {
  const leadHours = toHours(a.leadMedianMs);
  const restoreMedian = toHours(a.restoreMedianMs);
  const cfr = rate(a.failed, a.total);
  return {
    window: { from: window.from, to: window.to },
    deploymentFrequency: deploymentFrequency(a.total, window.from, window.to),
    leadTime: { medianHours: leadHours, tier: leadTimeTier(leadHours) },
    changeFailureRate: { rate: cfr, failed: a.failed, total: a.total, tier: changeFailureRateTier(cfr) },
    timeToRestore: { medianHours: restoreMedian, meanHours: toHours(a.restoreMeanMs), tier: timeToRestoreTier(restoreMedian) },
    reworkRate: { rate: rate(a.rework, a.total) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

/**
 * The five DORA figures over [from, to), for every service, one service, or a team's services
 * (both given: that service if the team owns it, else nothing). Same shape and nulls as
 * `referenceDoraMetrics`.
 */
export function getDoraMetrics(db: Db, window: { from: number; to: number }, filter: DoraFilterInput = {}): DoraMetrics {
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "all");
  return toDoraMetrics(window, groups.get(0) ?? emptyAggregates());
}

export type DoraWeek = DoraMetrics & {
  /** Monday 00:00 UTC of the ISO week */
  weekStart: number;
  /** restored incidents (started in the week) behind the time-to-restore figures */
  restoredIncidents: number;
};

/**
 * Per ISO week (Monday 00:00 UTC) intersecting [from, to): the five figures over the part of the
 * week inside the window (so the first and last weeks may be partial: their per-day frequency
 * uses that shorter span). Every week of the window is present, empty ones with nulls.
 */
export function getDoraWeeklySeries(db: Db, window: { from: number; to: number }, filter: DoraFilterInput = {}): DoraWeek[] {
  if (!(window.to > window.from)) return [];
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "week");
  const weeks: DoraWeek[] = [];
  const firstWeek = window.from - ((window.from - WEEK_ANCHOR) % MS_PER_WEEK);
  for (let weekStart = firstWeek; weekStart < window.to; weekStart += MS_PER_WEEK) {
    const part: Window = { from: Math.max(weekStart, window.from), to: Math.min(weekStart + MS_PER_WEEK, window.to) };
    const a = groups.get(weekStart) ?? emptyAggregates();
    weeks.push({ ...toDoraMetrics(part, a), weekStart, restoredIncidents: a.restoredCount });
  }
  return weeks;
}

export type ServiceDora = DoraMetrics & {
  serviceId: number;
  serviceName: string;
  teamId: number | null;
  teamName: string | null;
  openIncidents: number;
};

/** The five figures per service (every service selected by the filter, even without data), by name. */
export function getDoraByService(db: Db, window: { from: number; to: number }, filter: DoraFilterInput = {}): ServiceDora[] {
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "service");
  const services = prepare(
    db,
    `SELECT s.id, s.name, s.team_id AS teamId, t.name AS teamName,
            (SELECT COUNT(*) FROM incidents i WHERE i.service_id = s.id AND i.resolved_at IS NULL) AS openIncidents
     FROM services s LEFT JOIN teams t ON t.id = s.team_id
     WHERE 1${serviceClause("s.id", serviceIds)}
     ORDER BY s.name`,
  ).all() as { id: number; name: string; teamId: number | null; teamName: string | null; openIncidents: number }[];
  return services.map((s) => ({
    ...toDoraMetrics(window, groups.get(s.id) ?? emptyAggregates()),
    serviceId: s.id,
    serviceName: s.name,
    teamId: s.teamId,
    teamName: s.teamName,
    openIncidents: s.openIncidents,
  }));
}

export type OpenIncident = {
  id: number;
  title: string;
  severity: string;
  serviceId: number;
  serviceName: string;
  startedAt: number;
  causeDeploymentId: number | null;
  causeKind: "explicit" | "inferred" | "none" | null;
  causeExternalId: string | null;
};

/** Incidents not yet resolved (any start time), most severe then oldest first; total count beside. */
export function getOpenIncidents(db: Db, filter: DoraFilterInput = {}, limit = 20): { total: number; rows: OpenIncident[] } {
  const serviceIds = resolveServiceIds(db, filter);
  const where = `i.resolved_at IS NULL${serviceClause("i.service_id", serviceIds)}`;
  const total = prepare(db, `SELECT COUNT(*) FROM incidents i WHERE ${where}`).pluck().get() as number;
  const rows = prepare(
    db,
    `SELECT i.id, i.title, i.severity, i.service_id AS serviceId, s.name AS serviceName, i.started_at AS startedAt,
            i.cause_deployment_id AS causeDeploymentId, i.cause_kind AS causeKind, d.external_id AS causeExternalId
     FROM incidents i
     JOIN services s ON s.id = i.service_id
     LEFT JOIN deployments d ON d.id = i.cause_deployment_id
     WHERE ${where}
     ORDER BY i.severity, i.started_at
     LIMIT ?`,
  ).all(Math.max(0, Math.trunc(limit))) as OpenIncident[];
  return { total, rows };
}

export type ServiceOption = { id: number; name: string; teamId: number | null };
export type TeamOption = { id: number; name: string };

/** Services and the teams owning at least one service, for filter menus and name lookups. */
export function getDeliveryFilterOptions(db: Db): { services: ServiceOption[]; teams: TeamOption[] } {
  const services = prepare(db, "SELECT id, name, team_id AS teamId FROM services ORDER BY name").all() as ServiceOption[];
  const teams = prepare(
    db,
    "SELECT t.id, t.name FROM teams t WHERE EXISTS (SELECT 1 FROM services s WHERE s.team_id = t.id) ORDER BY t.name",
  ).all() as TeamOption[];
  return { services, teams };
}

export function findServiceByName(db: Db, name: string): ServiceOption | null {
  return (prepare(db, "SELECT id, name, team_id AS teamId FROM services WHERE name = ?").get(name) as ServiceOption | undefined) ?? null;
}

export function findTeamByName(db: Db, name: string): TeamOption | null {
  return (prepare(db, "SELECT id, name FROM teams WHERE name = ?").get(name) as TeamOption | undefined) ?? null;
}

/** The body of GET /api/v1/metrics/dora (DESIGN.md "HTTP API"): exactly these fields, instants as ISO strings. */
export function doraApiBody(m: DoraMetrics) {
  return {
    window: { from: new Date(m.window.from).toISOString(), to: new Date(m.window.to).toISOString() },
    deploymentFrequency: {
      count: m.deploymentFrequency.count,
      perDay: m.deploymentFrequency.perDay,
      perWeek: m.deploymentFrequency.perWeek,
      tier: m.deploymentFrequency.tier,
    },
    leadTime: { medianHours: m.leadTime.medianHours, tier: m.leadTime.tier },
    changeFailureRate: {
      rate: m.changeFailureRate.rate,
      failed: m.changeFailureRate.failed,
      total: m.changeFailureRate.total,
      tier: m.changeFailureRate.tier,
    },
    timeToRestore: {
      medianHours: m.timeToRestore.medianHours,
      meanHours: m.timeToRestore.meanHours,
      tier: m.timeToRestore.tier,
    },
    reworkRate: { rate: m.reworkRate.rate },
  };
}

/**
 * When the delivery history of a filter starts: the finish time of its earliest successful
 * production deployment (null when there is none). One index lookup per service
 * (deployments_service_finished_idx), or one for all services (deployments_env_status_finished_idx).
 */
export function getFirstDeploymentAt(db: Db, filter: DoraFilterInput = {}): number | null {
  const serviceIds = resolveServiceIds(db, filter);
  if (serviceIds === null) {
    return prepare(db, "SELECT min(finished_at) FROM deployments WHERE environment = 'production' AND status = 'success'").pluck().get() as number | null;
  }
  if (serviceIds.length === 0) return null;
  const perService = prepare(db, "SELECT min(finished_at) FROM deployments WHERE service_id = ? AND environment = 'production' AND status = 'success'").pluck();
  const firsts = serviceIds.map((id) => perService.get(id) as number | null).filter((v): v is number => v !== null);
  return firsts.length ? Math.min(...firsts) : null;
}

export type CtoDashboardData = {
  current: DoraMetrics;
  previous: DoraMetrics;
  /** whether the data covers the previous window (trends are shown only when "full") */
  comparison: ComparisonCoverage;
  weekly: DoraWeek[];
  byService: ServiceDora[];
  openIncidents: { total: number; rows: OpenIncident[] };
};

/**
 * Everything delivery-related the CTO dashboard shows, for one window and filter: the five figures
 * now and over the previous window of the same length, the weekly series, the per-service
 * breakdown and the open incidents. A bounded number of queries (≈ 20), whatever the data size.
 */
export function getCtoDashboardData(db: Db, window: Window, previous: Window, filter: DoraFilterInput = {}): CtoDashboardData {
  return {
    current: getDoraMetrics(db, window, filter),
    previous: getDoraMetrics(db, previous, filter),
    comparison: comparisonCoverage(previous, getFirstDeploymentAt(db, filter)),
    weekly: getDoraWeeklySeries(db, window, filter),
    byService: getDoraByService(db, window, filter),
    openIncidents: getOpenIncidents(db, filter),
  };
}

/**
 * The CTO dashboard loader's data (the route only parses the URL and checks the permission):
 * filter options, names → ids (an unknown name is reported and ignored), the delivery figures,
 * and the IT budget vs actual over the months the window touches.
 */
export function loadCtoDashboard(db: Db, input: CtoParams) {
  const params: CtoParams = { ...input, notices: [...input.notices] };
  const options = getDeliveryFilterOptions(db);
  const filter: DoraFilterInput = {};
  if (params.service !== null) {
    const service = options.services.find((s) => s.name === params.service);
    if (service) filter.serviceId = service.id;
    else {
      params.notices.push(serverT("No service is named “{{name}}”: showing every service.", { ns: "delivery", name: params.service }));
      params.service = null;
    }
  }
  if (params.team !== null) {
    const team = findTeamByName(db, params.team);
    if (team) filter.teamId = team.id;
    else {
      params.notices.push(serverT("No team is named “{{name}}”: showing every team.", { ns: "delivery", name: params.team }));
      params.team = null;
    }
  }
  const fromMonth = new Date(params.window.from).toISOString().slice(0, 7);
  const toMonth = new Date(params.window.to - 1).toISOString().slice(0, 7);
  const cycle = getCurrentCycle(db, params.window.to);
  const targets = {} as DoraTargets;
  for (const [key, metricId] of Object.entries(DORA_TARGET_METRICS) as [DoraTargetKey, string][]) {
    const t = targetFor(db, metricId, cycle?.id ?? null);
    targets[key] = t ? { comparison: t.comparison, value: t.value, setBy: t.setBy } : null;
  }
  return {
    params,
    options,
    /** the company's targets of the current cycle (metric_targets), the same the gates and KRs read */
    targets,
    dashboard: getCtoDashboardData(db, params.window, params.previous, filter),
    budget: { fromMonth, toMonth, ...budgetVsActual(getItBudgetVsActual(db, { fromMonth, toMonth })) },
  };
}
