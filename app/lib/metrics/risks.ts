/**
 * Risk metrics — pure functions, no I/O.
 *
 * Contract:
 * score = likelihood × impact (1–25); low 1–4, medium 5–9, high 10–16, critical 20–25; inherent and
 * residual on a 5×5 heat map; overdue when the next review date has passed.
 *
 * Metric-raised risks: three rule kinds evaluated against live metrics (see {@link evaluateRiskRule}).
 */
import { N_ } from "~/i18n/mark";
import { RISK_RULE_KINDS } from "../../../db/schema/enums";
import { okrStatus, parseIsoDate } from "./okrs";
import { ruleText } from "./risk-rule-texts";
import { labelledScale, type MetricFormula } from "./tiers";
export { RISK_RULE_KINDS };

export type RiskLevel = "low" | "medium" | "high" | "critical";

export const RISK_LEVELS: readonly RiskLevel[] = ["low", "medium", "high", "critical"] as const;

export const { labels: RISK_LEVEL_LABELS, meaning: RISK_LEVEL_MEANING } = labelledScale<RiskLevel>({
  low: [N_("Low (1–4)", "risks"), "good"],
  medium: [N_("Medium (5–9)", "risks"), "ok"],
  high: [N_("High (10–16)", "risks"), "warn"],
  critical: [N_("Critical (20–25)", "risks"), "bad"],
});

function assertRating(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1 || v > 5) {
    throw new RangeError(`${name} must be an integer from 1 to 5, got ${String(v)}`);
  }
}

/** likelihood × impact, 1–25. Both must be integers 1–5, else RangeError. */
export function riskScore(likelihood: number, impact: number): number {
  assertRating("likelihood", likelihood);
  assertRating("impact", impact);
  return likelihood * impact;
}

/**
 * low 1–4, medium 5–9, high 10–16, critical 20–25.
 * Scores 17–19 cannot occur as products of two 1–5 ratings; anything ≥ 17 is mapped to critical so the
 * function is total over 1–25. Scores outside 1–25 (or NaN) throw RangeError.
 */
export function riskLevel(score: number): RiskLevel {
  if (!(score >= 1 && score <= 25)) throw new RangeError(`risk score must be from 1 to 25, got ${String(score)}`);
  if (score < 5) return "low";
  if (score < 10) return "medium";
  if (score < 17) return "high";
  return "critical";
}

/**
 * Overdue when the next review date is strictly before today (a review due today is not overdue).
 * No review date → not overdue. Both dates 'YYYY-MM-DD' (RangeError otherwise).
 */
export function isOverdue(nextReviewDate: string | null, todayIso: string): boolean {
  const today = parseIsoDate(todayIso);
  if (nextReviewDate === null) return false;
  return parseIsoDate(nextReviewDate) < today;
}

export type HeatMapCell = {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
  riskIds: number[];
};

/**
 * 5×5 heat map in display order: rows[0] is likelihood 5 (top) down to rows[4] = likelihood 1;
 * within a row, columns are impact 1 (left) to 5 (right). So cell (l, i) is grid[5 − l][i − 1].
 * Every cell is present (riskIds may be empty); ids keep their input order. Call it once with the
 * inherent and once with the residual ratings. Invalid ratings throw RangeError.
 */
export function heatMapCells(risks: readonly { id: number; likelihood: number; impact: number }[]): HeatMapCell[][] {
  const grid: HeatMapCell[][] = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    const row: HeatMapCell[] = [];
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact;
      row.push({ likelihood, impact, score, level: riskLevel(score), riskIds: [] });
    }
    grid.push(row);
  }
  for (const r of risks) {
    riskScore(r.likelihood, r.impact); // validates
    grid[5 - r.likelihood][r.impact - 1].riskIds.push(r.id);
  }
  return grid;
}

// ---------------------------------------------------------------------------------------------------
// Metric-raised risk rules
// ---------------------------------------------------------------------------------------------------

export type RiskRuleKind = (typeof RISK_RULE_KINDS)[number];

export type RiskRule<K extends RiskRuleKind = RiskRuleKind> = { kind: K; threshold: number };

/**
 * Threshold meaning per kind:
 * - runway_below_months: months; triggered when runway < threshold.
 * - cfr_above_percent_30d: percent (15 = 15 %); triggered when the 30-day CFR > threshold.
 * - objective_off_track_mid_cycle: the elapsed share of the cycle (0–1) from which the rule applies;
 *   0.5 = mid-cycle. Triggered per objective when elapsedShare ≥ threshold and its status is off track.
 * - scenario_trigger_holds: the lowest probability (0–1) of a scenario whose trigger raises a risk;
 *   triggered per scenario marked "raises a risk" whose trigger holds (or was met) today.
 */
/** The days before now over which cfr_above_percent_30d reads the change failure rate (its name says it). */
export const CFR_RULE_WINDOW_DAYS = 30;

export const DEFAULT_RISK_RULE_THRESHOLDS: Record<RiskRuleKind, number> = {
  runway_below_months: 6,
  cfr_above_percent_30d: 15,
  objective_off_track_mid_cycle: 0.5,
  scenario_trigger_holds: 0.1,
};

/** A scenario marked "raises a risk", with its trigger evaluated on today's figure (app/lib/metrics/scenarios.ts). */
export type ScenarioTriggerSnapshot = {
  id: number;
  name: string;
  probability: number;
  /** the trigger holds (or was met) today */
  on: boolean;
  /** no figure: nothing is opened or closed */
  noData: boolean;
  /** e.g. "Paying customers 12 < 15 by 2027-05-31" */
  description: string;
};
export type ScenarioRuleInput = { scenarios: readonly ScenarioTriggerSnapshot[] };

/** One result per scenario whose probability ≥ threshold; subject `scenario:<id>`. */
export function evaluateScenarioRule(
  threshold: number,
  input: ScenarioRuleInput,
): (RiskRuleResult & { subject: string; scenarioId: number; noData: boolean })[] {
  return input.scenarios
    .filter((s) => s.probability >= threshold)
    .map((s) => ({
      subject: `scenario:${s.id}`,
      scenarioId: s.id,
      noData: s.noData,
      triggered: !s.noData && s.on,
      value: s.probability,
      message: s.noData
        ? ruleText("scenarioNoData", { name: s.name })
        : ruleText(s.on ? "scenarioOn" : "scenarioOff", { name: s.name, trigger: s.description }),
    }));
}

/** runwayMonths null = not burning cash. */
export type RunwayRuleInput = { runwayMonths: number | null };
/** rate: the 30-day change failure rate as a fraction; null = no deployments (no data). */
export type CfrRuleInput = { rate: number | null };
export type ObjectiveSnapshot = {
  id: number;
  title: string;
  /** objective progress 0–1; null = no key results */
  progress: number | null;
  /** expected progress 0–1 */
  expected: number;
  /** elapsed share of the cycle 0–1 */
  elapsedShare: number;
  /** the objective it is aligned under (same cycle), if any */
  parentId?: number | null;
  /** who owns it: the owner of the risk raised for it */
  ownerUserId?: number | null;
};
export type ObjectiveRuleInput = { objectives: readonly ObjectiveSnapshot[] };

export type RiskRuleResult = {
  triggered: boolean;
  /** the observed value in the threshold's unit (months; percent), null when there is none */
  value: number | null;
  message: string;
};

/** One result per objective; `subject` goes into risks.raised_subject. */
export type ObjectiveRuleResult = RiskRuleResult & {
  subject: string;
  objectiveId: number;
  /** value = objective progress 0–1; expected progress beside it */
  expected: number;
};

export type RiskRuleInputs = {
  runway_below_months: RunwayRuleInput;
  cfr_above_percent_30d: CfrRuleInput;
  objective_off_track_mid_cycle: ObjectiveRuleInput;
};
export type RiskRuleOutputs = {
  runway_below_months: RiskRuleResult;
  cfr_above_percent_30d: RiskRuleResult;
  objective_off_track_mid_cycle: ObjectiveRuleResult[];
};

function fmt(n: number, digits = 1): string {
  return n.toFixed(digits);
}
function pct(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** Triggered when runway < threshold months. Not burning (null) → not triggered. */
export function evaluateRunwayRule(threshold: number, input: RunwayRuleInput): RiskRuleResult {
  const { runwayMonths } = input;
  if (runwayMonths === null) {
    return { triggered: false, value: null, message: ruleText("runwayNotBurning") };
  }
  const triggered = runwayMonths < threshold;
  return {
    triggered,
    value: runwayMonths,
    message: ruleText(triggered ? "runwayBelow" : "runwayAbove", { months: fmt(runwayMonths), threshold: fmt(threshold) }),
  };
}

/**
 * Triggered when the 30-day CFR (a fraction) is above threshold percent. Compared as
 * rate > threshold ÷ 100 so that e.g. 3/20 = 0.15 is not above 15 % through rounding.
 * value is in percent. No data (null) → not triggered.
 */
export function evaluateCfrRule(threshold: number, input: CfrRuleInput): RiskRuleResult {
  const { rate } = input;
  if (rate === null) {
    return {
      triggered: false,
      value: null,
      message: ruleText("cfrNoDeploys"),
    };
  }
  const triggered = rate > threshold / 100;
  const percent = rate * 100;
  return {
    triggered,
    value: percent,
    message: ruleText(triggered ? "cfrAbove" : "cfrWithin", { percent: fmt(percent), threshold: fmt(threshold) }),
  };
}

/**
 * Per objective: triggered when elapsedShare ≥ threshold (0.5 = mid-cycle) and its status is off track
 * (progress < expected − 0.25). An objective without key results (progress null) is not triggered.
 * subject = "objective:<id>".
 */
export function evaluateObjectiveRule(threshold: number, input: ObjectiveRuleInput): ObjectiveRuleResult[] {
  return input.objectives.map((o) => {
    const base = { subject: `objective:${o.id}`, objectiveId: o.id, expected: o.expected, value: o.progress };
    if (o.progress === null) {
      return { ...base, triggered: false, message: ruleText("objectiveNoKrs", { title: o.title }) };
    }
    if (o.elapsedShare < threshold) {
      return {
        ...base,
        triggered: false,
        message: ruleText("objectiveTooEarly", { title: o.title, elapsed: pct(o.elapsedShare), from: pct(threshold) }),
      };
    }
    const status = okrStatus(o.progress, o.expected);
    const triggered = status === "off_track";
    return {
      ...base,
      triggered,
      message: triggered
        ? ruleText("objectiveOffTrack", { title: o.title, progress: pct(o.progress), expected: pct(o.expected), elapsed: pct(o.elapsedShare) })
        : ruleText(status === "on_track" ? "objectiveOnTrack" : "objectiveAtRisk", { title: o.title, progress: pct(o.progress), expected: pct(o.expected) }),
    };
  });
}

/**
 * One risk per cause. An off-track objective whose parent is off track too is part of the same
 * cause (the aligned objectives are one line of work): it folds into the top-most objective of the
 * unbroken chain of off-track ancestors above it. Returns, for every id in `triggered`, the id of
 * the objective whose risk covers it (itself when its parent is not off track). An ancestor that is
 * not off track breaks the chain; objectives linked in a loop all fold into the smallest id.
 */
export function foldObjectiveCauses(objectives: readonly Pick<ObjectiveSnapshot, "id" | "parentId">[], triggered: ReadonlySet<number>): Map<number, number> {
  const parentOf = new Map(objectives.map((o) => [o.id, o.parentId ?? null]));
  const out = new Map<number, number>();
  for (const id of triggered) {
    let root = id;
    const seen = new Set([id]);
    let parent = parentOf.get(id) ?? null;
    while (parent !== null && triggered.has(parent)) {
      if (seen.has(parent)) {
        // the links loop: every objective of the loop folds into the same one (the smallest id)
        root = Math.min(...seen);
        break;
      }
      seen.add(parent);
      root = parent;
      parent = parentOf.get(parent) ?? null;
    }
    out.set(id, root);
  }
  return out;
}

/**
 * Evaluate one metric rule. The input (and the result) depend on the rule's kind:
 * runway → { runwayMonths } → one result; CFR → { rate } → one result;
 * objectives → { objectives } → one result per objective.
 */
export function evaluateRiskRule(rule: RiskRule<"runway_below_months">, input: RunwayRuleInput): RiskRuleResult;
export function evaluateRiskRule(rule: RiskRule<"cfr_above_percent_30d">, input: CfrRuleInput): RiskRuleResult;
export function evaluateRiskRule(rule: RiskRule<"objective_off_track_mid_cycle">, input: ObjectiveRuleInput): ObjectiveRuleResult[];
export function evaluateRiskRule(rule: RiskRule, input: RunwayRuleInput | CfrRuleInput | ObjectiveRuleInput): RiskRuleResult | ObjectiveRuleResult[] {
  switch (rule.kind) {
    case "runway_below_months":
      if (!("runwayMonths" in input)) throw new TypeError("runway_below_months needs { runwayMonths }");
      return evaluateRunwayRule(rule.threshold, input);
    case "cfr_above_percent_30d":
      if (!("rate" in input)) throw new TypeError("cfr_above_percent_30d needs { rate }");
      return evaluateCfrRule(rule.threshold, input);
    case "objective_off_track_mid_cycle":
      if (!("objectives" in input)) throw new TypeError("objective_off_track_mid_cycle needs { objectives }");
      return evaluateObjectiveRule(rule.threshold, input);
    case "scenario_trigger_holds":
      throw new TypeError("scenario_trigger_holds: use evaluateScenarioRule");
    default: {
      const never: never = rule.kind;
      throw new TypeError(`Unknown risk rule kind: ${String(never)}`);
    }
  }
}

export type RiskMetricKey = "risk_score" | "risk_level" | "overdue" | RiskRuleKind;

export const FORMULAS: Record<RiskMetricKey, MetricFormula> = {
  risk_score: {
    label: N_("Risk score", "risks"),
    formula: N_("Likelihood × impact, each rated 1–5, so 1–25. Shown for inherent (before treatment) and residual (after).", "risks"),
    window: N_("Current ratings.", "risks"),
    direction: "lower",
  },
  risk_level: {
    label: N_("Risk level", "risks"),
    formula: N_("Low 1–4, medium 5–9, high 10–16, critical 20–25 (17–19 cannot occur).", "risks"),
    window: N_("Current ratings.", "risks"),
    direction: "lower",
  },
  overdue: {
    label: N_("Review overdue", "risks"),
    formula: N_("Overdue when the next review date is before today.", "risks"),
    window: N_("Today (UTC).", "risks"),
  },
  runway_below_months: {
    label: N_("Runway below threshold", "risks"),
    formula: N_("Raises a risk when runway (months) is below the threshold. Not burning cash never triggers it.", "risks"),
    window: N_("Latest month's finance figures.", "risks"),
  },
  cfr_above_percent_30d: {
    label: N_("Change failure rate above threshold", "risks"),
    formula: N_("Raises a risk when the change failure rate over the last 30 days is above the threshold percent. No deployments never triggers it.", "risks"),
    window: N_("The 30 days before now.", "risks"),
  },
  scenario_trigger_holds: {
    label: N_("Scenario trigger holds", "risks"),
    formula: N_(
      "Raises a risk per scenario marked “raises a risk” whose trigger holds today (or was met by its date), when the scenario's probability is at or above the threshold (0–1). Closed when the trigger no longer holds.",
      "risks",
    ),
    window: N_("Each trigger's catalogue figure, read today.", "risks"),
  },
  objective_off_track_mid_cycle: {
    label: N_("Objective off track mid-cycle", "risks"),
    formula: N_(
      "Raises a risk per objective that is off track (progress below expected − 0.25) once the elapsed share of the cycle reaches the threshold (0.5 = half-way).",
      "risks",
    ),
    window: N_("The current OKR cycle.", "risks"),
  },
};
