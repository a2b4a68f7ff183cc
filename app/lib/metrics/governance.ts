/**
 * Governance metrics — decision gates and maturity indicators. Pure functions, no I/O.
 *
 * Decision gates: metric criteria { metric, operator, threshold } evaluated against live metric
 * values (null = no data), and manual criteria a person checks (docs/decisions/903-gate-decisions.md).
 * - a gate whose metric criteria are all met and manual criteria all checked is 'go', at any time;
 * - otherwise (any criterion not met, without data or unchecked) it is 'pending' before its due
 *   date and 'no_go' on or after it (today ≥ dueDate);
 * - a criterion without data counts as not met;
 * - a gate with no criteria of either kind has nothing to decide on: 'pending' at any time.
 * evaluateGate is the one verdict: the gates list, the decisions page, the executive panel and the
 * board pack all read it.
 */
import { N_ } from "~/i18n/mark";
import { GATE_OPERATORS, MATURITY_INDICATORS as MATURITY_INDICATOR_KEYS } from "../../../db/schema/enums";
import { CATALOGUE, isKpiMetricId, isStaticMetricId, metricDefinition, type StaticMetricId } from "./catalogue";
import { parseIsoDate } from "./okrs";
import { meetsThreshold } from "./threshold";
import type { ColourMeaning, MetricFormula } from "./tiers";
export { GATE_OPERATORS, MATURITY_INDICATOR_KEYS };

export type GateOperator = (typeof GATE_OPERATORS)[number];

export type CriterionOutcome = "met" | "not_met" | "no_data";
export type GateVerdict = "go" | "no_go" | "pending";

export const GATE_VERDICT_LABELS: Record<GateVerdict, string> = {
  go: N_("Go", "governance"),
  no_go: N_("No-go", "governance"),
  pending: N_("Pending", "governance"),
};
export const GATE_VERDICT_MEANING: Record<GateVerdict, ColourMeaning> = { go: "good", no_go: "bad", pending: "neutral" };
export const CRITERION_OUTCOME_LABELS: Record<CriterionOutcome, string> = {
  met: N_("Met", "governance"),
  not_met: N_("Not met", "governance"),
  no_data: N_("No data", "governance"),
};

/** value ⟨operator⟩ threshold; null / NaN value → 'no_data'. */
export function compareCriterion(value: number | null, operator: GateOperator, threshold: number): CriterionOutcome {
  if (value === null || Number.isNaN(value)) return "no_data";
  if (!GATE_OPERATORS.includes(operator)) throw new TypeError(`Unknown operator: ${String(operator)}`);
  return meetsThreshold(value, operator, threshold) ? "met" : "not_met";
}

export type GateCriterionInput = {
  metric: string;
  operator: GateOperator;
  threshold: number;
  /** the live value of the metric; null = no data */
  value: number | null;
};

export type GateCriterionResult<C extends GateCriterionInput = GateCriterionInput> = C & { outcome: CriterionOutcome };

/** A manual criterion as the verdict sees it: checked by a person or not. */
export type ManualCriterionInput = { checked: boolean };

export type GateEvaluation<C extends GateCriterionInput = GateCriterionInput, M extends ManualCriterionInput = ManualCriterionInput> = {
  verdict: GateVerdict;
  /** the input metric criteria, in order, each with its outcome */
  criteria: GateCriterionResult<C>[];
  /** the input manual criteria, in order */
  manual: M[];
};

/**
 * Verdict of a gate on `todayIso` ('YYYY-MM-DD'; dueDate likewise, RangeError otherwise): every
 * metric criterion met and every manual criterion checked (at least one criterion of either kind)
 * → 'go'; else today < dueDate → 'pending'; else 'no_go'. No criteria at all → 'pending'.
 * Extra fields on each criterion (e.g. an id) are kept in the result.
 */
export function evaluateGate<C extends GateCriterionInput, M extends ManualCriterionInput = ManualCriterionInput>(
  gate: { dueDate: string; criteria: readonly C[]; manual?: readonly M[] },
  todayIso: string,
): GateEvaluation<C, M> {
  const due = parseIsoDate(gate.dueDate);
  const today = parseIsoDate(todayIso);
  const criteria = gate.criteria.map((c) => ({ ...c, outcome: compareCriterion(c.value, c.operator, c.threshold) }));
  const manual = [...(gate.manual ?? [])];
  let verdict: GateVerdict;
  if (criteria.length === 0 && manual.length === 0) verdict = "pending";
  else if (criteria.every((c) => c.outcome === "met") && manual.every((m) => m.checked)) verdict = "go";
  else verdict = today < due ? "pending" : "no_go";
  return { verdict, criteria, manual };
}

// ---------------------------------------------------------------------------------------------------
// Gate metrics: catalogue ids (app/lib/metrics/catalogue.ts)
// ---------------------------------------------------------------------------------------------------

/**
 * The static catalogue metrics a gate criterion may name: every numeric one (not a date). A
 * product KPI (`kpi.<key>`) may be named too; whether it exists is the database's say.
 */
export const GATE_METRIC_IDS: readonly StaticMetricId[] = CATALOGUE.filter((d) => d.unit !== "date").map((d) => d.id as StaticMetricId);

/** Whether a criterion may name this id (a numeric static catalogue metric, or a KPI-shaped id). */
export function isGateMetricId(id: string): boolean {
  if (isStaticMetricId(id)) return metricDefinition(id)?.unit !== "date";
  return isKpiMetricId(id);
}

// ---------------------------------------------------------------------------------------------------
// Maturity indicators
// ---------------------------------------------------------------------------------------------------

export type MaturityIndicator = (typeof MATURITY_INDICATOR_KEYS)[number];

export const MATURITY_INDICATORS: Record<MaturityIndicator, { label: string; description: string }> = {
  process: {
    label: N_("Process", "governance"),
    description: N_("How defined, repeatable and measured our delivery and operating processes are.", "governance"),
  },
  documentation: { label: N_("Documentation", "governance"), description: N_("How complete, current and findable our documentation is.", "governance") },
  governance: { label: N_("Governance", "governance"), description: N_("Clarity of decision rights, reviews and accountability.", "governance") },
  controls: {
    label: N_("Controls", "governance"),
    description: N_("How well security, financial and change controls are designed and operating.", "governance"),
  },
  audit: { label: N_("Audit", "governance"), description: N_("Readiness for and results of internal and external audits.", "governance") },
};

export const MATURITY_LEVELS = [
  { level: 1, label: N_("None / initial", "governance"), description: N_("Absent or ad hoc; depends on individuals.", "governance") },
  { level: 2, label: N_("Repeatable", "governance"), description: N_("Repeated in practice, not yet written down consistently.", "governance") },
  { level: 3, label: N_("Defined", "governance"), description: N_("Documented and followed as a standard.", "governance") },
  { level: 4, label: N_("Managed", "governance"), description: N_("Measured and controlled with metrics.", "governance") },
  { level: 5, label: N_("Optimised", "governance"), description: N_("Continuously improved from measurement.", "governance") },
] as const;

/**
 * Label of a 1–5 maturity score: 1 None / initial, 2 Repeatable, 3 Defined, 4 Managed,
 * 5 Optimised. Non-integer scores (e.g. an average) round to the nearest level, .5 up.
 * Outside 1–5 or NaN → RangeError.
 */
export function maturityLevelLabel(score: number): string {
  if (!(score >= 1 && score <= 5)) throw new RangeError(`maturity score must be from 1 to 5, got ${String(score)}`);
  return MATURITY_LEVELS[Math.round(score) - 1].label;
}

export type GovernanceMetricKey = "gate_verdict" | "maturity_score";

export const FORMULAS: Record<GovernanceMetricKey, MetricFormula> = {
  gate_verdict: {
    label: N_("Gate verdict", "governance"),
    formula: N_(
      "Go when every metric criterion is met and every manual criterion is checked. Otherwise pending before the due date and no-go on or after it. A criterion whose metric has no data counts as not met; a gate without any criterion stays pending.",
      "governance",
    ),
    window: N_("Live metric values and the manual criteria's state today.", "governance"),
  },
  maturity_score: {
    label: N_("Maturity score", "governance"),
    formula: N_(
      "Each indicator (process, documentation, governance, controls, audit) scored 1–5: 1 none / initial, 2 repeatable, 3 defined, 4 managed, 5 optimised.",
      "governance",
    ),
    window: N_("Latest assessment.", "governance"),
    direction: "higher",
  },
};
