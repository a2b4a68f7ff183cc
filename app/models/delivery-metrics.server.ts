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
 * docs/decisions/401-dora-metrics-in-sql.md.
 */
import type { Database, Statement } from "better-sqlite3";
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
import type { CtoParams } from "~/components/delivery-metrics/cto-window";
import { getItBudgetVsActual } from "~/models/finance.server";
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
 * The deployment an incident is attributed to (the contract): an explicit or inferred cause as
 * stored; when never classified (cause_kind IS NULL), the inferred-cause rule evaluated here —
 * the latest successful production deployment of the same service finished at or before the
 * incident's start (ties: highest id); 'none' → no cause.
 */
const INFERRED_FOR_UNCLASSIFIED = `(
  SELECT d2.id FROM deployments d2
  WHERE d2.service_id = i.service_id AND d2.environment = 'production' AND d2.status = 'success'
    AND d2.finished_at <= i.started_at
  ORDER BY d2.finished_at DESC, d2.id DESC LIMIT 1)`;

function aggregateSql(grouping: Grouping, serviceIds: number[] | null): {
  deployments: string;
  failed: string;
  leadBuckets: string;
  leadPick: string;
  restore: string;
} {
  const dg = groupExpr(grouping, "d.finished_at", "d.service_id");
  const sg = groupExpr(grouping, "s.finished_at", "s.service_id");
  const ig = groupExpr(grouping, "i.started_at", "i.service_id");
  const dWhere = `${SUCCESSFUL_PRODUCTION} AND d.finished_at >= @from AND d.finished_at < @to${serviceClause("d.service_id", serviceIds)}`;
  const sWhere = `s.finished_at >= @from AND s.finished_at < @to${serviceClause("s.service_id", serviceIds)}`;
  const iWhere = `i.started_at >= @from AND i.started_at < @to${serviceClause("i.service_id", serviceIds)}`;

  // Whole window and weeks: one correlated aggregate per group over an index range (no GROUP BY
  // sorter over the window's rows). Per service: GROUP BY service over the window's range.
  const perService = grouping === "service";
  const grp = "grp(g, f, t) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@groups))";
  const dRange = `${SUCCESSFUL_PRODUCTION} AND d.finished_at >= grp.f AND d.finished_at < grp.t${serviceClause("d.service_id", serviceIds)}`;
  const causedIncident = `(EXISTS (SELECT 1 FROM incidents ic WHERE ic.cause_deployment_id = d.id AND ic.cause_kind IN ('explicit', 'inferred'))
           OR d.id IN (SELECT id FROM unclassified_causes WHERE id IS NOT NULL))`;
  // Deployments in the window that caused ≥ 1 incident: stored causes (explicit / inferred), plus
  // the rule for incidents never classified. An unclassified incident can only be inferred to a
  // deployment finished at or before its start, so only those started at or after @from matter.
  const unclassified = `unclassified_causes AS (
      SELECT ${INFERRED_FOR_UNCLASSIFIED} AS id
      FROM incidents i
      WHERE i.cause_kind IS NULL AND i.started_at >= @from${serviceClause("i.service_id", serviceIds)})`;
  const COVERING = "INDEXED BY deployments_dora_covering_idx";

  const deploymentsSql = perService
    ? `SELECT ${dg} AS g, COUNT(*) AS total, COALESCE(SUM(d.is_hotfix OR d.is_rollback), 0) AS rework
       FROM deployments d ${COVERING}
       WHERE ${dWhere}
       GROUP BY g`
    : `WITH ${grp}
       SELECT g, c ->> 0 AS total, c ->> 1 AS rework FROM (
         SELECT grp.g AS g,
                (SELECT json_array(COUNT(*), COALESCE(SUM(d.is_hotfix OR d.is_rollback), 0))
                 FROM deployments d ${COVERING} WHERE ${dRange}) AS c
         FROM grp)`;

  const failedSql = perService
    ? `WITH ${unclassified}
       SELECT ${dg} AS g, COUNT(*) AS failed
       FROM deployments d ${COVERING}
       WHERE ${dWhere} AND ${causedIncident}
       GROUP BY g`
    : `WITH ${grp}, ${unclassified}
       SELECT grp.g AS g, (SELECT COUNT(*) FROM deployments d ${COVERING} WHERE ${dRange} AND ${causedIncident}) AS failed
       FROM grp`;


  const restoreValues = `SELECT ${ig} AS g, (i.resolved_at - i.started_at) AS v FROM incidents i WHERE ${iWhere} AND i.resolved_at IS NOT NULL`;
  // One pass: rank, count and mean per group, keep the middle row(s).
  const restoreSql = `
    SELECT g, AVG(v) AS median, MAX(mean) AS mean, MAX(n) AS n
    FROM (
      SELECT g, v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn,
             COUNT(*) OVER (PARTITION BY g) AS n, AVG(v) OVER (PARTITION BY g) AS mean
      FROM (${restoreValues})
    )
    WHERE rn IN ((n + 1) / 2, (n + 2) / 2)
    GROUP BY g`;

  // Lead time, exact, in two steps that never sort the whole window:
  // 1. count the samples per (group, bucket): one index range per bucket (the index leads with the bucket);
  // 2. for each group's middle rank(s), rank only that bucket's rows inside the group's window.
  const bucket = LEAD_BUCKET_SQL.replace("lead_ms", "s.lead_ms");
  const byService = grouping === "service";
  const sampleIndex = serviceIds === null && !byService ? "delivery_lead_samples_bucket_idx" : "delivery_lead_samples_service_bucket_idx";
  const sampleService = byService ? " AND s.service_id = grp.g" : serviceClause("s.service_id", serviceIds);
  const leadBucketsSql = `
    WITH RECURSIVE bk(b) AS (SELECT @bmin UNION ALL SELECT b + 1 FROM bk WHERE b < @bmax),
    grp(g, f, t) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@groups))
    SELECT g, b, n FROM (
      SELECT grp.g AS g, bk.b AS b,
             (SELECT COUNT(*) FROM delivery_lead_samples s INDEXED BY ${sampleIndex}
              WHERE ${bucket} = bk.b AND s.finished_at >= grp.f AND s.finished_at < grp.t${sampleService}) AS n
      FROM grp, bk)
    WHERE n > 0
    ORDER BY g, b`;
  const leadPickSql = `
    WITH grp(g, b, k, f, t) AS (SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(@need))
    SELECT g, AVG(v) AS median FROM (
      SELECT grp.g AS g,
             (SELECT v FROM (
                SELECT s.lead_ms AS v, ROW_NUMBER() OVER (ORDER BY s.lead_ms) AS rn
                FROM delivery_lead_samples s INDEXED BY ${sampleIndex}
                WHERE ${bucket} = grp.b AND s.finished_at >= grp.f AND s.finished_at < grp.t${sampleService})
              WHERE rn = grp.k) AS v
      FROM grp)
    GROUP BY g`;

  return { deployments: deploymentsSql, failed: failedSql, leadBuckets: leadBucketsSql, leadPick: leadPickSql, restore: restoreSql };
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

function groupedAggregates(
  db: Db,
  window: Window,
  serviceIds: number[] | null,
  grouping: Grouping,
): Map<number, GroupAggregates> {
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
  const sql = aggregateSql(grouping, serviceIds);
  const params = { from: window.from, to: window.to };

  // Groups: [key, from, to] — the window, each week's part of it, or each service.
  let groups: [number, number, number][];
  if (grouping === "all") groups = [[0, window.from, window.to]];
  else if (grouping === "week") {
    groups = [];
    for (let w = window.from - ((window.from - WEEK_ANCHOR) % MS_PER_WEEK); w < window.to; w += MS_PER_WEEK) {
      groups.push([w, Math.max(w, window.from), Math.min(w + MS_PER_WEEK, window.to)]);
    }
  } else {
    const ids = serviceIds ?? (prepare(db, "SELECT id FROM services ORDER BY id").pluck().all() as number[]);
    groups = ids.map((id) => [id, window.from, window.to]);
  }
  const withGroups = { ...params, groups: JSON.stringify(groups) };
  for (const r of prepare(db, sql.deployments).all(withGroups) as { g: number; total: number; rework: number }[]) {
    const row = at(r.g);
    row.total = r.total;
    row.rework = r.rework;
  }
  for (const r of prepare(db, sql.failed).all(withGroups) as { g: number; failed: number }[]) at(r.g).failed = r.failed;
  // The smallest and largest bucket present: two index edge reads (MIN()/MAX() on an expression would scan).
  const edge = (dir: "ASC" | "DESC") =>
    (prepare(
      db,
      `SELECT ${LEAD_BUCKET_SQL} FROM delivery_lead_samples INDEXED BY delivery_lead_samples_bucket_idx ORDER BY ${LEAD_BUCKET_SQL} ${dir} LIMIT 1`,
    )
      .pluck()
      .get() as number | undefined) ?? null;
  const range = { bmin: edge("ASC"), bmax: edge("DESC") };
  if (groups.length > 0 && range.bmin !== null && range.bmax !== null) {
    const counts = prepare(db, sql.leadBuckets).all({ ...params, bmin: range.bmin, bmax: range.bmax, groups: JSON.stringify(groups) }) as BucketCount[];
    const bounds = new Map(groups.map(([g, f, t]) => [g, [f, t]] as const));
    const need = middleBuckets(counts).map(([g, b, k]) => [g, b, k, ...bounds.get(g)!]);
    if (need.length > 0) {
      for (const r of prepare(db, sql.leadPick).all({ ...params, need: JSON.stringify(need) }) as { g: number; median: number }[]) {
        at(r.g).leadMedianMs = r.median;
      }
    }
  }
  for (const r of prepare(db, sql.restore).all(params) as { g: number; median: number; mean: number; n: number }[]) {
    const row = at(r.g);
    row.restoreMedianMs = r.median;
    row.restoreMeanMs = r.mean;
    row.restoredCount = r.n;
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
export function getDoraMetrics(
  db: Db,
  window: { from: number; to: number },
  filter: DoraFilterInput = {},
): DoraMetrics {
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
export function getDoraWeeklySeries(
  db: Db,
  window: { from: number; to: number },
  filter: DoraFilterInput = {},
): DoraWeek[] {
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
export function getDoraByService(
  db: Db,
  window: { from: number; to: number },
  filter: DoraFilterInput = {},
): ServiceDora[] {
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
export function getOpenIncidents(
  db: Db,
  filter: DoraFilterInput = {},
  limit = 20,
): { total: number; rows: OpenIncident[] } {
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

export type CtoDashboardData = {
  current: DoraMetrics;
  previous: DoraMetrics;
  weekly: DoraWeek[];
  byService: ServiceDora[];
  openIncidents: { total: number; rows: OpenIncident[] };
};

/**
 * Everything delivery-related the CTO dashboard shows, for one window and filter: the five figures
 * now and over the previous window of the same length, the weekly series, the per-service
 * breakdown and the open incidents. A bounded number of queries (≈ 20), whatever the data size.
 */
export function getCtoDashboardData(
  db: Db,
  window: Window,
  previous: Window,
  filter: DoraFilterInput = {},
): CtoDashboardData {
  return {
    current: getDoraMetrics(db, window, filter),
    previous: getDoraMetrics(db, previous, filter),
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
      params.notices.push(`No service is named “${params.service}”: showing every service.`);
      params.service = null;
    }
  }
  if (params.team !== null) {
    const team = findTeamByName(db, params.team);
    if (team) filter.teamId = team.id;
    else {
      params.notices.push(`No team is named “${params.team}”: showing every team.`);
      params.team = null;
    }
  }
  const fromMonth = new Date(params.window.from).toISOString().slice(0, 7);
  const toMonth = new Date(params.window.to - 1).toISOString().slice(0, 7);
  return {
    params,
    options,
    dashboard: getCtoDashboardData(db, params.window, params.previous, filter),
    budget: { fromMonth, toMonth, rows: getItBudgetVsActual(db, { fromMonth, toMonth }) },
  };
}
