/**
 * Live metric values for decision gates and metric-raised risks, gathered from the other
 * domains' query functions (never re-computed here):
 * - finance: getFinanceMetrics(db) — as of the latest closed month;
 * - delivery: getDoraMetrics(db, {from: now − 30 days, to: now}) — all services;
 * - OKRs: getObjectivesProgress(db, {now}) — the current cycle;
 * - headcount: getHeadcountSummary(db, month of now);
 * - product KPIs: the latest measurement of the KPI with that key (nps, bugs_p0).
 * null = no data (no closed month, no deployment, …), never 0 in its place.
 */
import type { GateMetricKey } from "~/lib/metrics/governance";
import { getDoraMetrics } from "~/models/delivery-metrics.server";
import { getFinanceMetrics } from "~/models/finance.server";
import { evaluateGates, listFrameworkProgress, listGates, type EvaluatedGate, type FrameworkProgress } from "~/models/governance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { latestMeasurementByKey } from "~/models/kpis.server";
import { getObjectivesProgress } from "~/models/okrs.server";
import { applyRiskRules, listTechRisks, listTopRisks, type ApplyRulesResult, type RiskRow, type RiskRuleLiveInputs } from "~/models/risks.server";
import type { Db } from "~/utils/db.server";

export const LIVE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** The 30-day window [now − 30 days, now) used by every *_30d metric and the CFR rule. */
export function liveWindow(now = Date.now()): { from: number; to: number } {
  return { from: now - LIVE_WINDOW_DAYS * DAY_MS, to: now };
}

/**
 * Runs one source; a failing source (a bug or a database error elsewhere) gives null ("no data")
 * and is named in `failed`, so one broken domain never takes the gates or rules pages down.
 */
function attempt<T>(name: string, failed: string[], fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    console.error(`live metrics: ${name} failed`, e);
    failed.push(name);
    return null;
  }
}

export type LiveMetricSources = {
  /** sources that could not be read (their values are null) */
  failed: string[];
  /** the latest closed finance month the finance values come from, null when none */
  financeAsOfMonth: string | null;
  window: { from: number; to: number };
  headcountMonth: string;
};

/**
 * The sources the live values come from, each read at most once however many gates, rules and
 * panels of a page use it (a page builds one `LiveSources` per request).
 */
export class LiveSources {
  readonly failed: string[] = [];
  readonly window: { from: number; to: number };
  private cache = new Map<string, unknown>();

  constructor(
    private readonly db: Db,
    readonly now = Date.now(),
  ) {
    this.window = liveWindow(now);
  }

  private once<T>(name: string, fn: () => T): T | null {
    if (!this.cache.has(name)) this.cache.set(name, attempt(name.split(":")[0], this.failed, fn));
    return this.cache.get(name) as T | null;
  }

  finance() {
    return this.once("finance", () => getFinanceMetrics(this.db));
  }
  dora() {
    return this.once("delivery", () => getDoraMetrics(this.db, this.window, {}));
  }
  headcount(month: string) {
    return this.once(`headcount:${month}`, () => getHeadcountSummary(this.db, month));
  }
  kpi(key: string) {
    return this.once(`kpis:${key}`, () => latestMeasurementByKey(this.db, key));
  }
  objectives() {
    return this.once("okrs", () => getObjectivesProgress(this.db, { now: this.now }));
  }
}

/** Every gate metric's current value (null = no data), and where the values come from. */
export function getLiveMetrics(
  db: Db,
  now = Date.now(),
  src = new LiveSources(db, now),
): { values: Record<GateMetricKey, number | null>; sources: LiveMetricSources } {
  const finance = src.finance();
  const dora = src.dora();
  const month = new Date(src.now).toISOString().slice(0, 7);
  const headcount = src.headcount(month);
  const values: Record<GateMetricKey, number | null> = {
    customers: finance?.customers ?? null,
    arr_cents: finance?.arrCents ?? null,
    mrr_cents: finance?.mrrCents ?? null,
    runway_months: finance?.runwayMonths ?? null,
    cash_cents: finance?.cashCents ?? null,
    monthly_growth: finance?.monthlyGrowth ?? null,
    burn_multiple: finance?.burnMultiple ?? null,
    change_failure_rate_30d: dora?.changeFailureRate.rate ?? null,
    deploys_per_day_30d: dora && dora.deploymentFrequency.count > 0 ? dora.deploymentFrequency.perDay : null,
    lead_time_hours_30d: dora?.leadTime.medianHours ?? null,
    time_to_restore_hours_30d: dora?.timeToRestore.medianHours ?? null,
    headcount: headcount?.actual ?? null,
    net_burn_cents: finance?.netBurnCents ?? null,
    kpi_nps: src.kpi("nps"),
    kpi_bugs_p0: src.kpi("bugs_p0"),
  };
  return { values, sources: { failed: [...new Set(src.failed)], financeAsOfMonth: finance?.asOfMonth ?? null, window: src.window, headcountMonth: month } };
}

/** `Record<GateMetricKey, number | null>` of the current values (see getLiveMetrics). */
export function getLiveMetricValues(db: Db, now = Date.now(), src = new LiveSources(db, now)): Record<GateMetricKey, number | null> {
  return getLiveMetrics(db, now, src).values;
}

/** The inputs of the three risk rules, from the same sources. */
export function getRiskRuleInputs(db: Db, now = Date.now(), src = new LiveSources(db, now)): RiskRuleLiveInputs {
  const finance = src.finance();
  const dora = src.dora();
  const objectives = src.objectives();
  return {
    runway: finance ? { runwayMonths: finance.runwayMonths } : null,
    cfr: dora ? { rate: dora.changeFailureRate.rate } : null,
    objectives: objectives ? { objectives } : null,
  };
}

/**
 * Evaluates the metric rules against live values and opens / updates their risks
 * (idempotent). Called when the risk register, the rules page and the executive and CTO
 * dashboards load — see docs/decisions/600-metric-raised-risks.md.
 */
export function refreshMetricRisks(db: Db, now = Date.now(), src = new LiveSources(db, now)): ApplyRulesResult {
  return applyRiskRules(db, getRiskRuleInputs(db, now, src), now);
}

/** Every decision gate evaluated on live values today (UTC day). */
export function getEvaluatedGates(db: Db, now = Date.now(), src = new LiveSources(db, now)): EvaluatedGate[] {
  return evaluateGates(listGates(db), getLiveMetricValues(db, now, src), new Date(now).toISOString().slice(0, 10));
}

/**
 * The executive dashboard's risk & gate panels: evaluates the metric rules first (decision
 * 600), then the five highest residual risks and every gate on live values.
 */
export function getExecutiveRiskPanels(db: Db, now = Date.now()): { topRisks: RiskRow[]; gates: EvaluatedGate[] } {
  const src = new LiveSources(db, now); // finance and delivery read once for the rules and the gates
  try {
    refreshMetricRisks(db, now, src);
  } catch (e) {
    console.error("risk rules evaluation failed", e);
  }
  return { topRisks: listTopRisks(db, { limit: 5, now }), gates: getEvaluatedGates(db, now, src) };
}

/** The CTO dashboard's panels: open technical & security risks and compliance progress per framework. */
export function getCtoRiskPanels(db: Db, now = Date.now()): { techRisks: RiskRow[]; techRiskTotal: number; compliance: FrameworkProgress[] } {
  try {
    refreshMetricRisks(db, now);
  } catch (e) {
    console.error("risk rules evaluation failed", e);
  }
  const tech = listTechRisks(db, 6, now);
  return { techRisks: tech.risks, techRiskTotal: tech.total, compliance: listFrameworkProgress(db) };
}
