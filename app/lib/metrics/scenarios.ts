/**
 * Scenarios over the base plan — pure, no I/O. A scenario never has a forecast of its own: it turns
 * the base plan's forecast INPUT (the very input of today's cash forecast, `forecastCash`) into
 * another input, and runs the same `forecastCash`. With no assumption the input is unchanged, so
 * the base scenario IS today's forecast (tests: scenarios.test.ts, tests/integration/scenarios.test.ts).
 * docs/decisions/900-scenarios-over-the-base-plan.md
 */
import { N_ } from "~/i18n/mark";
import { TRIGGER_COMPARISONS } from "../../../db/schema/enums";
import { addMonths, isMonth, monthDiff } from "../months";
import { forecastCash, monthsUntil, type CashForecast, type ForecastInput } from "./finance";
import { meetsThreshold } from "./threshold";

/** The budget groups a cost change applies to (budget_categories.group). */
export const COST_GROUPS = ["payroll", "it", "other"] as const;
export type CostGroup = (typeof COST_GROUPS)[number];

export type FundingEvent = { month: string; amountCents: number };

/** Funding events a scenario form holds (funding_month_N, funding_amount_N, funding_label_N). */
export const FUNDING_SLOTS = 4;

/** What a scenario changes in the base plan. `NO_ASSUMPTIONS` changes nothing. */
export type ScenarioAssumptions = {
  /** monthly revenue growth replacing today's g; null = keep g */
  revenueGrowth: number | null;
  /** extra monthly churn taken off the growth (0.01 = one more point lost a month); null = none */
  extraChurn: number | null;
  /** hiring plan speed: 1 as planned, 2 twice as fast (a start 10 months away moves to 5), 0.5 half as fast */
  hiringSpeed: number;
  /** no requisition starts in or after this month; null = no freeze */
  hiringFreezeFrom: string | null;
  /** change of each group's planned spend, fractions (−0.3 = −30 %) */
  costChange: Readonly<Record<CostGroup, number>>;
  /** financing inflows, added to the cash of their month */
  funding: readonly FundingEvent[];
};

export const NO_ASSUMPTIONS: ScenarioAssumptions = Object.freeze({
  revenueGrowth: null,
  extraChurn: null,
  hiringSpeed: 1,
  hiringFreezeFrom: null,
  costChange: Object.freeze({ payroll: 0, it: 0, other: 0 }),
  funding: Object.freeze([]) as readonly FundingEvent[],
});

/** The base plan: today's forecast input, and its planned spend split by budget group per forecast month. */
export type BasePlan = {
  input: ForecastInput;
  /** per forecast month, the planned spend of each group (sums to input.plannedByMonth[month]); missing = 0 */
  plannedByGroup: Readonly<Record<string, Partial<Record<CostGroup, number>>>>;
};

/**
 * The start month of a requisition under a hiring speed: with k = months from M to its start,
 * k' = ceil(k ÷ speed) (at least 1). Starts already due (k ≤ 1) and speed 1 change nothing.
 */
export function scaledStartMonth(asOfMonth: string, startMonth: string, speed: number): string {
  if (speed === 1) return startMonth;
  const k = monthDiff(asOfMonth, startMonth);
  if (k <= 1) return startMonth;
  return addMonths(asOfMonth, Math.max(1, Math.ceil(k / speed)));
}

/** The month a requisition starts costing in the forecast: its target start, or M+1 when that is already past. */
function effectiveStart(asOfMonth: string, startMonth: string): string {
  const next = addMonths(asOfMonth, 1);
  return startMonth < next ? next : startMonth;
}

/**
 * The forecast input of a scenario: the base input with
 * - growth = (revenueGrowth ?? g) − extraChurn;
 * - each requisition's start moved by the hiring speed, and dropped when it would start costing (M+1 at the
 *   earliest) in or after the freeze month;
 * - each month's planned spend + Σ over groups round(group's planned spend × its change);
 * - each funding event's amount taken off the month's spend (cash(k) = cash(k−1) + revenue − spend + funding).
 * With NO_ASSUMPTIONS the input returned is equal to the base input.
 */
export function scenarioInput(base: BasePlan, a: ScenarioAssumptions): ForecastInput {
  const { input } = base;
  const M = input.lastClosed.month;
  if (!(a.hiringSpeed > 0)) throw new RangeError(`scenarioInput: hiring speed must be > 0, got ${a.hiringSpeed}`);
  const planned: Record<string, number> = { ...input.plannedByMonth };
  const changed = COST_GROUPS.some((g) => a.costChange[g] !== 0);
  if (changed) {
    for (let k = 1; k <= input.horizonMonths; k++) {
      const m = addMonths(M, k);
      const groups = base.plannedByGroup[m] ?? {};
      let delta = 0;
      for (const g of COST_GROUPS) delta += Math.round((groups[g] ?? 0) * a.costChange[g]);
      if (delta !== 0) planned[m] = (planned[m] ?? 0) + delta;
    }
  }
  for (const f of a.funding) {
    if (!isMonth(f.month)) throw new RangeError(`scenarioInput: invalid funding month ${f.month}`);
    planned[f.month] = (planned[f.month] ?? 0) - f.amountCents;
  }
  const requisitions = input.requisitions
    .map((r) => ({ ...r, targetStartMonth: scaledStartMonth(M, r.targetStartMonth, a.hiringSpeed) }))
    .filter((r) => a.hiringFreezeFrom === null || effectiveStart(M, r.targetStartMonth) < a.hiringFreezeFrom);
  const growth = (a.revenueGrowth ?? input.monthlyGrowth) - (a.extraChurn ?? 0);
  return { ...input, monthlyGrowth: growth, plannedByMonth: planned, requisitions };
}

export type ScenarioMonth = {
  month: string;
  revenueCents: number;
  /** spend with the (scenario's) hiring plan, funding not deducted */
  spendCents: number;
  fundingCents: number;
  /** closing cash with the scenario's hiring plan */
  cashCents: number;
  cashWithoutHiringCents: number;
};

export type ScenarioOutcome = {
  asOfMonth: string;
  months: ScenarioMonth[];
  /** with the scenario's hiring plan */
  zeroCashDate: string | null;
  runwayMonths: number | null;
  breakEvenMonth: string | null;
  /** the same without any hiring plan (what a role that may not see salaries is shown) */
  zeroCashDateWithoutHiring: string | null;
  runwayMonthsWithoutHiring: number | null;
  breakEvenMonthWithoutHiring: string | null;
  /** the forecast itself (forecastCash's result on the scenario's input) */
  forecast: CashForecast;
};

/** The first month whose revenue covers its spend (funding aside); null when none within the horizon. */
export function breakEvenMonth(months: readonly { month: string; revenueCents: number; spendCents: number }[]): string | null {
  return months.find((m) => m.revenueCents >= m.spendCents)?.month ?? null;
}

/**
 * A scenario's cash, runway, zero-cash date and break-even month: `forecastCash` on `scenarioInput`.
 * Runway = months from the last day of M to the zero-cash date (as the catalogue's runway with the
 * hiring plan); null ("not burning") when the cash lasts the whole horizon.
 */
export function scenarioOutcome(base: BasePlan, a: ScenarioAssumptions): ScenarioOutcome {
  const input = scenarioInput(base, a);
  const forecast = forecastCash(input);
  const M = input.lastClosed.month;
  const fundingByMonth = new Map<string, number>();
  for (const f of a.funding) fundingByMonth.set(f.month, (fundingByMonth.get(f.month) ?? 0) + f.amountCents);
  const months: ScenarioMonth[] = forecast.months.map((m) => {
    const funding = fundingByMonth.get(m.month) ?? 0;
    return {
      month: m.month,
      revenueCents: m.revenueCents,
      spendCents: m.spendWithHiringCents + funding,
      fundingCents: funding,
      cashCents: m.cashWithHiringCents,
      cashWithoutHiringCents: m.cashWithoutHiringCents,
    };
  });
  const withoutHiring = forecast.months.map((m) => ({
    month: m.month,
    revenueCents: m.revenueCents,
    spendCents: m.spendWithoutHiringCents + (fundingByMonth.get(m.month) ?? 0),
  }));
  return {
    asOfMonth: M,
    months,
    zeroCashDate: forecast.zeroCashDateWith,
    runwayMonths: monthsUntil(M, forecast.zeroCashDateWith),
    breakEvenMonth: breakEvenMonth(months),
    zeroCashDateWithoutHiring: forecast.zeroCashDateWithout,
    runwayMonthsWithoutHiring: monthsUntil(M, forecast.zeroCashDateWithout),
    breakEvenMonthWithoutHiring: breakEvenMonth(withoutHiring),
    forecast,
  };
}

// ---------------------------------------------------------------------------------------------------
// Triggers
// ---------------------------------------------------------------------------------------------------

export { TRIGGER_COMPARISONS };
export type TriggerComparison = (typeof TRIGGER_COMPARISONS)[number];

export type Trigger = { metricId: string; comparison: TriggerComparison; value: number; value2: number | null; by: string | null };

/**
 * holds: today's figure satisfies the condition (on or before the by-date) — "on track" for it;
 * met: it held on the by-date or after… read today, once the date has passed;
 * waiting: not (yet) satisfied, the by-date not passed; missed: not satisfied and the by-date passed;
 * no_data: the figure has no value.
 */
export type TriggerState = "holds" | "met" | "waiting" | "missed" | "no_data";

/** A scenario's trigger as a page shows it: the rule, today's figure (the catalogue's, null = no data) and its state. */
export type TriggerView = {
  metricId: string;
  label: string;
  unit: string;
  comparison: TriggerComparison;
  value: number;
  value2: number | null;
  by: string | null;
  current: number | null;
  state: TriggerState;
  on: boolean;
};

/** A scenario's headline figures as a page shows them. */
export type ScenarioFigures = {
  zeroCashDate: string | null;
  runwayMonths: number | null;
  breakEvenMonth: string | null;
  /** closing cash per forecast month */
  cash: { month: string; cashCents: number }[];
};

export const TRIGGER_STATE_LABELS: Record<TriggerState, string> = {
  holds: N_("On track", "plans"),
  met: N_("Met", "plans"),
  waiting: N_("Not reached", "plans"),
  missed: N_("Missed", "plans"),
  no_data: N_("No data", "plans"),
};

/** value ⟨comparison⟩ threshold; 'between' is inclusive at both ends (either order). */
export function triggerConditionHolds(value: number, t: Pick<Trigger, "comparison" | "value" | "value2">): boolean {
  if (t.comparison !== "between") return meetsThreshold(value, t.comparison, t.value);
  const hi = t.value2 ?? t.value;
  return value >= Math.min(t.value, hi) && value <= Math.max(t.value, hi);
}

/**
 * The state of a trigger on `todayIso` for the live value (null = no data). Before or on its
 * by-date (or without one): holds / waiting; after it: met / missed.
 */
export function evaluateTrigger(t: Trigger, value: number | null, todayIso: string): TriggerState {
  if (value === null || !Number.isFinite(value)) return "no_data";
  const ok = triggerConditionHolds(value, t);
  const passed = t.by !== null && todayIso > t.by;
  if (passed) return ok ? "met" : "missed";
  return ok ? "holds" : "waiting";
}

/** Whether the state means "we are in this scenario now" (the executive dashboard's "on track for"). */
export function triggerIsOn(state: TriggerState): boolean {
  return state === "holds" || state === "met";
}

/** Probability-weighted mean of a figure over scenarios (probabilities normalised); null when a value is missing or Σp = 0. */
export function expectedValue(items: readonly { probability: number; value: number | null }[]): number | null {
  const total = items.reduce((s, i) => s + i.probability, 0);
  if (!(total > 0) || items.some((i) => i.value === null && i.probability > 0)) return null;
  return items.reduce((s, i) => s + i.probability * (i.value ?? 0), 0) / total;
}

export const FORMULAS = {
  scenario: {
    label: N_("Scenario forecast", "plans"),
    formula: N_(
      "Today's cash forecast (the base plan) run again with the scenario's assumptions: growth = (its revenue growth, else today's g) − its extra churn; each planned budget group × (1 + its cost change); each open requisition's start k months away moved to ceil(k ÷ hiring speed), none starting from the freeze month; funding added to the cash of its month. Runway = months from the end of M to the zero-cash date; break-even = the first month whose revenue covers its spend.",
      "plans",
    ),
    window: N_("As of M, the latest closed month; up to 120 months ahead.", "plans"),
  },
  trigger: {
    label: N_("Trigger", "plans"),
    formula: N_(
      "The live catalogue figure compared with the trigger's value (or range). Until the by-date: on track when it holds, else not reached; after it: met or missed.",
      "plans",
    ),
    window: N_("The figure's own window (see the metric catalogue), read today.", "plans"),
  },
} as const;
