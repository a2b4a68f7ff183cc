/**
 * Decision gates and metric-raised risks, judged on the metric catalogue (app/models/metrics/):
 * each gate criterion names a catalogue id; the risk rules read finance.runway_months,
 * delivery.change_failure_rate and the OKR progress from the same per-request MetricContext.
 * Nothing is computed here: values come from COMPUTE, one function per id.
 * null = no data (no closed month, no deployment, …), never 0 in its place.
 */
import { CATALOGUE_WINDOW_DAYS } from "~/lib/metrics/catalogue";
import { GATE_METRIC_IDS } from "~/lib/metrics/governance";
import { evaluateGates, listFrameworkProgress, listGates, type EvaluatedGate, type FrameworkProgress } from "~/models/governance.server";
import { MetricContext } from "~/models/metrics/context.server";
import { definitionOf, metricNumber } from "~/models/metrics/readings.server";
import {
  applyRiskRules,
  evaluateRules,
  listRiskRules,
  listTechRisks,
  listTopRisks,
  ruleOwners,
  type ApplyRulesResult,
  type RiskRow,
  type RiskRuleLiveInputs,
  type RuleFinding,
} from "~/models/risks.server";
import { getScenarioRuleInput } from "~/models/scenarios.server";
import type { Db } from "~/utils/db.server";

/** The catalogue's delivery window, in days (gates, rules and dashboards use the same one). */
export const LIVE_WINDOW_DAYS = CATALOGUE_WINDOW_DAYS;

export type LiveMetricSources = {
  /** sources that could not be read (their values are null) */
  failed: string[];
  /** the latest closed finance month the finance values come from, null when none */
  financeAsOfMonth: string | null;
  window: { from: number; to: number };
  /** the day people.* are counted on ('YYYY-MM-DD') */
  today: string;
};

/** The numeric catalogue metrics a gate may use, with their current values (null = no data). */
export function getLiveMetrics(
  db: Db,
  now = Date.now(),
  ctx = new MetricContext(db, now),
): { values: Record<string, number | null>; sources: LiveMetricSources } {
  const values: Record<string, number | null> = {};
  for (const id of GATE_METRIC_IDS) values[id] = metricNumber(ctx, id);
  return {
    values,
    sources: { failed: [...new Set(ctx.failed)], financeAsOfMonth: ctx.finance()?.asOfMonth ?? null, window: ctx.window, today: ctx.today },
  };
}

/** The current value of each static numeric catalogue metric (see getLiveMetrics). */
export function getLiveMetricValues(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): Record<string, number | null> {
  return getLiveMetrics(db, now, ctx).values;
}

/** The inputs of the risk rules (runway, CFR, objectives, scenario triggers), from the catalogue. */
export function getRiskRuleInputs(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): RiskRuleLiveInputs {
  const finance = ctx.finance();
  const objectives = ctx.objectives();
  return {
    runway: finance ? { runwayMonths: metricNumber(ctx, "finance.runway_months") } : null,
    // the rule's own window (30 days, its name), not the catalogue's 90 days
    cfr: ctx.changeFailureRate30d(),
    objectives: objectives ? { objectives } : null,
    scenarios: getScenarioRuleInput(ctx),
  };
}

/**
 * Evaluates the metric rules against live values and opens / updates their risks
 * (idempotent). Never on a page view: after writes and on a schedule (app/models/rule-refresh.server.ts,
 * docs/decisions/600-metric-raised-risks.md).
 */
export function refreshMetricRisks(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): ApplyRulesResult {
  return applyRiskRules(db, getRiskRuleInputs(db, now, ctx), now);
}

/** The reader a gate evaluation uses: the catalogue's definitions and values, from one context. */
export function gateMetricReader(ctx: MetricContext) {
  return {
    describe: (id: string) => {
      const d = definitionOf(ctx, id);
      return d ? { label: d.label, unit: d.unit } : null;
    },
    value: (id: string) => metricNumber(ctx, id),
  };
}

/** Every decision gate evaluated on live catalogue values and its manual criteria today (the company's day). */
export function getEvaluatedGates(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): EvaluatedGate[] {
  return evaluateGates(db, listGates(db), gateMetricReader(ctx), ctx.today);
}

/** What the rules would find now, without writing anything (the rules page shows it). */
export function getRuleFindings(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): RuleFinding[] {
  return evaluateRules(listRiskRules(db), getRiskRuleInputs(db, now, ctx), ruleOwners(db));
}

/**
 * The executive dashboard's risk & gate panels (read-only: the rules' risks are kept current after
 * writes, decision 600): the five highest residual risks and every gate on live values.
 */
export function getExecutiveRiskPanels(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): { topRisks: RiskRow[]; gates: EvaluatedGate[] } {
  return { topRisks: listTopRisks(db, { limit: 5, now }), gates: getEvaluatedGates(db, now, ctx) };
}

/** The CTO dashboard's panels: open technical & security risks and compliance progress per framework. */
export function getCtoRiskPanels(db: Db, now = Date.now()): { techRisks: RiskRow[]; techRiskTotal: number; compliance: FrameworkProgress[] } {
  const tech = listTechRisks(db, 6, now);
  return { techRisks: tech.risks, techRiskTotal: tech.total, compliance: listFrameworkProgress(db) };
}
