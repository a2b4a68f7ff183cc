import { sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";

/** What the tracker holds, in one query (for the home page). */
export function getOverviewCounts(db: Db, now = Date.now()) {
  const since = now - 90 * 86_400_000;
  const today = new Date(now).toISOString().slice(0, 10);
  return db.get<{
    closedMonths: number;
    lastClosedMonth: string | null;
    productionDeploys90d: number;
    openIncidents: number;
    openObjectives: number;
    openRisksPeople: number;
    openRisksRule: number;
    openRequisitions: number;
    employees: number;
    kpis: number;
  }>(sql`
    select
      (select count(*) from finance_snapshots) as closedMonths,
      (select max(month) from finance_snapshots) as lastClosedMonth,
      (select count(*) from deployments where environment = 'production' and finished_at >= ${since}) as productionDeploys90d,
      (select count(*) from incidents where resolved_at is null) as openIncidents,
      (select count(*) from objectives o join cycles c on c.id = o.cycle_id where c.status = 'open' and o.archived_at is null) as openObjectives,
      (select count(*) from risks where status <> 'closed' and raised_by_rule_id is null) as openRisksPeople,
      (select count(*) from risks where status <> 'closed' and raised_by_rule_id is not null) as openRisksRule,
      (select count(*) from requisitions where status not in ('hired', 'cancelled')) as openRequisitions,
      (select count(*) from employees where start_date <= ${today} and (end_date is null or end_date > ${today})) as employees,
      (select count(*) from kpis) as kpis
  `);
}
export type OverviewCounts = ReturnType<typeof getOverviewCounts>;
