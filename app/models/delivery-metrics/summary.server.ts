/** The five DORA figures over a window (the catalogue's delivery.* and the API), and when a filter's delivery history starts. */
import type { DoraMetrics, Window } from "~/lib/metrics/delivery";
import {
  ALL_DORA_PARTS,
  countsOverWindows,
  emptyAggregates,
  groupedAggregates,
  toDoraMetrics,
  type DoraPart,
} from "~/models/delivery-metrics/aggregates.server";
import { resolveServiceIds, type DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

/**
 * The five DORA figures over [from, to), for every service, one service, or a team's services
 * (both given: that service if the team owns it, else nothing). Same shape and nulls as
 * `referenceDoraMetrics`. `parts`: only those figures are computed (a catalogue metric needs one);
 * the others read as no data.
 */
export function getDoraMetrics(
  db: Db,
  window: { from: number; to: number },
  filter: DoraFilterInput = {},
  parts: readonly DoraPart[] = ALL_DORA_PARTS,
): DoraMetrics {
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "all", parts);
  return toDoraMetrics(window, groups.get(0) ?? emptyAggregates());
}

/**
 * The figures of one part over several windows (a metric's history), each equal to
 * `getDoraMetrics(db, window, filter, [part])`: the counts of every window in one pass over the
 * daily rollup (countsOverWindows); a median (lead, restore) per window.
 */
export function getDoraMetricsOver(db: Db, windows: readonly Window[], filter: DoraFilterInput, part: DoraPart): DoraMetrics[] {
  const serviceIds = resolveServiceIds(db, filter);
  if (part === "counts") {
    const counts = countsOverWindows(db, windows, serviceIds);
    return windows.map((w, i) => toDoraMetrics(w, counts[i]));
  }
  return windows.map((w) => toDoraMetrics(w, groupedAggregates(db, w, serviceIds, "all", [part]).get(0) ?? emptyAggregates()));
}

/**
 * When the delivery history of a filter starts: the finish time of its earliest successful
 * production deployment (null when there is none). One index lookup per service
 * (deployments_service_finished_idx), or one for all services (deployments_dora_covering_idx).
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
