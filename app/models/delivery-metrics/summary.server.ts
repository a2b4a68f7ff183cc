/** The five DORA figures over a window (the catalogue's delivery.* and the API), and when a filter's delivery history starts. */
import type { DoraMetrics } from "~/lib/metrics/delivery";
import { emptyAggregates, groupedAggregates, toDoraMetrics } from "~/models/delivery-metrics/aggregates.server";
import { resolveServiceIds, type DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

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
