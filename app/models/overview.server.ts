import { sql } from "drizzle-orm";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import type { Db } from "~/utils/db.server";

/**
 * What the tracker holds, for the home page: plain row counts in one query, and the two figures
 * that are metrics read from the catalogue (successful production deployments over its 90-day
 * window; headcount today) so the home page agrees with the dashboards.
 */
export function getOverviewCounts(db: Db, now = Date.now(), ctx = new MetricContext(db, now)) {
  const counts = db.get<{
    closedMonths: number;
    lastClosedMonth: string | null;
    openIncidents: number;
    openObjectives: number;
    openRisksPeople: number;
    openRisksRule: number;
    openRequisitions: number;
    kpis: number;
  }>(sql`
    select
      (select count(*) from finance_snapshots) as closedMonths,
      (select max(month) from finance_snapshots) as lastClosedMonth,
      (select count(*) from incidents indexed by incidents_open_idx where resolved_at is null) as openIncidents,
      (select count(*) from objectives o join cycles c on c.id = o.cycle_id where c.status = 'open' and o.archived_at is null) as openObjectives,
      (select count(*) from risks where status <> 'closed' and raised_by_rule_id is null) as openRisksPeople,
      (select count(*) from risks where status <> 'closed' and raised_by_rule_id is not null) as openRisksRule,
      (select count(*) from requisitions where status not in ('hired', 'cancelled')) as openRequisitions,
      (select count(*) from kpis) as kpis
  `);
  const deployments = readMetric(ctx, "delivery.deployments");
  const headcount = readMetric(ctx, "people.headcount");
  return {
    ...counts,
    /** delivery.deployments: successful production deployments in [now − 90 days, now) */
    productionDeploys90d: deployments.value as number | null,
    /** people.headcount: employees with start ≤ today < end */
    employees: headcount.value as number | null,
  };
}
export type OverviewCounts = ReturnType<typeof getOverviewCounts>;
