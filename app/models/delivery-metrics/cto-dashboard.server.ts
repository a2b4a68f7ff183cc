/** The CTO dashboard's delivery read: the figures now and before, the weekly series, the services, the open incidents, the targets and the IT budget. */
import { serverT } from "~/i18n/translate.server";
import { comparisonCoverage, type ComparisonCoverage } from "~/lib/metrics/comparison";
import type { CtoParams } from "~/lib/metrics/cto-window";
import type { DoraMetrics, Window } from "~/lib/metrics/delivery";
import { DORA_TARGET_METRICS, type DoraTargetKey, type DoraTargets } from "~/lib/metrics/dora-targets";
import { budgetVsActual } from "~/lib/metrics/finance";
import type { DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { getOpenIncidents, type OpenIncident } from "~/models/delivery-metrics/incidents.server";
import { findTeamByName, getDeliveryFilterOptions, getDoraByService, type ServiceDora } from "~/models/delivery-metrics/services.server";
import { getDoraMetrics, getFirstDeploymentAt } from "~/models/delivery-metrics/summary.server";
import { getDoraWeeklySeries, type DoraWeek } from "~/models/delivery-metrics/trends.server";
import { getItBudgetVsActual } from "~/models/finance.server";
import { targetFor } from "~/models/metric-targets.server";
import { getCurrentCycle } from "~/models/okrs.server";
import type { Db } from "~/utils/db.server";

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
