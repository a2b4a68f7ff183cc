/**
 * Governance metrics — decision gates and maturity indicators. Pure functions, no I/O.
 *
 * Decision gates: criteria { metric, operator, threshold } evaluated against live metric values
 * (null = no data).
 * - a gate whose criteria are all met is 'go', at any time;
 * - otherwise (any criterion not met or without data) it is 'pending' before its due date and
 *   'no_go' on or after it (today ≥ dueDate);
 * - a criterion without data counts as not met;
 * - a gate with no criteria has nothing to decide on: 'pending' at any time.
 */
import { parseIsoDate } from "./okrs";
import type { ColourMeaning, Direction, MetricFormula } from "./tiers";

export const GATE_OPERATORS = [">=", ">", "<=", "<"] as const;
export type GateOperator = (typeof GATE_OPERATORS)[number];

export type CriterionOutcome = "met" | "not_met" | "no_data";
export type GateVerdict = "go" | "no_go" | "pending";

export const GATE_VERDICT_LABELS: Record<GateVerdict, string> = { go: "Go", no_go: "No-go", pending: "Pending" };
export const GATE_VERDICT_MEANING: Record<GateVerdict, ColourMeaning> = { go: "good", no_go: "bad", pending: "neutral" };
export const CRITERION_OUTCOME_LABELS: Record<CriterionOutcome, string> = {
  met: "Met",
  not_met: "Not met",
  no_data: "No data",
};

/** value ⟨operator⟩ threshold; null / NaN value → 'no_data'. */
export function compareCriterion(value: number | null, operator: GateOperator, threshold: number): CriterionOutcome {
  if (value === null || Number.isNaN(value)) return "no_data";
  let met: boolean;
  switch (operator) {
    case ">=":
      met = value >= threshold;
      break;
    case ">":
      met = value > threshold;
      break;
    case "<=":
      met = value <= threshold;
      break;
    case "<":
      met = value < threshold;
      break;
    default: {
      const never: never = operator;
      throw new TypeError(`Unknown operator: ${String(never)}`);
    }
  }
  return met ? "met" : "not_met";
}

export type GateCriterionInput = {
  metric: string;
  operator: GateOperator;
  threshold: number;
  /** the live value of the metric; null = no data */
  value: number | null;
};

export type GateCriterionResult<C extends GateCriterionInput = GateCriterionInput> = C & { outcome: CriterionOutcome };

export type GateEvaluation<C extends GateCriterionInput = GateCriterionInput> = {
  verdict: GateVerdict;
  /** the input criteria, in order, each with its outcome */
  criteria: GateCriterionResult<C>[];
};

/**
 * Verdict of a gate on `todayIso` ('YYYY-MM-DD'; dueDate likewise, RangeError otherwise):
 * all criteria met → 'go'; else today < dueDate → 'pending'; else 'no_go'. No criteria → 'pending'.
 * Extra fields on each criterion (e.g. an id) are kept in the result.
 */
export function evaluateGate<C extends GateCriterionInput>(
  gate: { dueDate: string; criteria: readonly C[] },
  todayIso: string,
): GateEvaluation<C> {
  const due = parseIsoDate(gate.dueDate);
  const today = parseIsoDate(todayIso);
  const criteria = gate.criteria.map((c) => ({ ...c, outcome: compareCriterion(c.value, c.operator, c.threshold) }));
  let verdict: GateVerdict;
  if (criteria.length === 0) verdict = "pending";
  else if (criteria.every((c) => c.outcome === "met")) verdict = "go";
  else verdict = today < due ? "pending" : "no_go";
  return { verdict, criteria };
}

// ---------------------------------------------------------------------------------------------------
// Gate metric catalogue
// ---------------------------------------------------------------------------------------------------

export type GateMetricUnit = "count" | "cents" | "months" | "fraction" | "hours" | "per_day";

export type GateMetric = { label: string; unit: GateMetricUnit; direction: Direction };

export const GATE_METRIC_KEYS = [
  "customers",
  "arr_cents",
  "mrr_cents",
  "runway_months",
  "cash_cents",
  "monthly_growth",
  "burn_multiple",
  "change_failure_rate_30d",
  "deploys_per_day_30d",
  "lead_time_hours_30d",
  "time_to_restore_hours_30d",
  "headcount",
  "net_burn_cents",
  "kpi_nps",
  "kpi_bugs_p0",
] as const;
export type GateMetricKey = (typeof GATE_METRIC_KEYS)[number];

/**
 * Live metrics a gate criterion may use. Units: cents for money, 'fraction' for ratios (0.05 = 5 %;
 * monthly_growth 0.1 = 10 % a month), burn multiple as a plain ratio (unit 'fraction' = dimensionless).
 */
export const GATE_METRICS: Record<GateMetricKey, GateMetric> = {
  customers: { label: "Paying customers", unit: "count", direction: "higher" },
  arr_cents: { label: "ARR", unit: "cents", direction: "higher" },
  mrr_cents: { label: "MRR", unit: "cents", direction: "higher" },
  runway_months: { label: "Runway", unit: "months", direction: "higher" },
  cash_cents: { label: "Cash", unit: "cents", direction: "higher" },
  monthly_growth: { label: "Monthly revenue growth", unit: "fraction", direction: "higher" },
  burn_multiple: { label: "Burn multiple", unit: "fraction", direction: "lower" },
  change_failure_rate_30d: { label: "Change failure rate (30 days)", unit: "fraction", direction: "lower" },
  deploys_per_day_30d: { label: "Deployments per day (30 days)", unit: "per_day", direction: "higher" },
  lead_time_hours_30d: { label: "Lead time for changes (30 days)", unit: "hours", direction: "lower" },
  time_to_restore_hours_30d: { label: "Time to restore (30 days)", unit: "hours", direction: "lower" },
  headcount: { label: "Headcount", unit: "count", direction: "higher" },
  // "profitable" (002's expansion gate): net burn ≤ 0
  net_burn_cents: { label: "Net burn (latest closed month)", unit: "cents", direction: "lower" },
  // product KPIs (the latest measurement): 002's public launch gate
  kpi_nps: { label: "NPS (latest measurement)", unit: "count", direction: "higher" },
  kpi_bugs_p0: { label: "Open P0 bugs (latest measurement)", unit: "count", direction: "lower" },
};

export function isGateMetricKey(key: string): key is GateMetricKey {
  return Object.prototype.hasOwnProperty.call(GATE_METRICS, key);
}

// ---------------------------------------------------------------------------------------------------
// Maturity indicators
// ---------------------------------------------------------------------------------------------------

export const MATURITY_INDICATOR_KEYS = ["process", "documentation", "governance", "controls", "audit"] as const;
export type MaturityIndicator = (typeof MATURITY_INDICATOR_KEYS)[number];

export const MATURITY_INDICATORS: Record<MaturityIndicator, { label: string; description: string }> = {
  process: { label: "Process", description: "How defined, repeatable and measured our delivery and operating processes are." },
  documentation: { label: "Documentation", description: "How complete, current and findable our documentation is." },
  governance: { label: "Governance", description: "Clarity of decision rights, reviews and accountability." },
  controls: { label: "Controls", description: "How well security, financial and change controls are designed and operating." },
  audit: { label: "Audit", description: "Readiness for and results of internal and external audits." },
};

export const MATURITY_LEVELS = [
  { level: 1, label: "None / initial", description: "Absent or ad hoc; depends on individuals." },
  { level: 2, label: "Repeatable", description: "Repeated in practice, not yet written down consistently." },
  { level: 3, label: "Defined", description: "Documented and followed as a standard." },
  { level: 4, label: "Managed", description: "Measured and controlled with metrics." },
  { level: 5, label: "Optimised", description: "Continuously improved from measurement." },
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
    label: "Gate verdict",
    formula:
      "Go when every criterion is met. Otherwise pending before the due date and no-go on or after it. A criterion whose metric has no data counts as not met.",
    window: "Live metric values today.",
  },
  maturity_score: {
    label: "Maturity score",
    formula: "Each indicator (process, documentation, governance, controls, audit) scored 1–5: 1 none / initial, 2 repeatable, 3 defined, 4 managed, 5 optimised.",
    window: "Latest assessment.",
    direction: "higher",
  },
};
