/** The cash forecast over the base plan and the open requisitions (zero-cash crossing, each hire's effect on runway). Pure, no I/O; the contract is in ../finance.ts. */
import { addMonths, dayDiff, daysInMonth, isMonth, lastDayOfMonth } from "../../months";

// ---------------------------------------------------------------------------------------------
// Forecast
// ---------------------------------------------------------------------------------------------

export type ForecastRequisition = {
  id: number;
  title: string;
  /** 'YYYY-MM' */
  targetStartMonth: string;
  annualSalaryCents: number;
  status: string;
};

export type ForecastInput = {
  lastClosed: { month: string; cashCents: number; revenueCents: number };
  monthlyGrowth: number;
  /** planned gross spend (cents) per future month 'YYYY-MM'; missing = 0 */
  plannedByMonth: Readonly<Record<string, number>>;
  requisitions: readonly ForecastRequisition[];
  loadedCostFactor: number;
  /** number of months after M to project, e.g. 36 */
  horizonMonths: number;
};

export type ForecastMonth = {
  month: string;
  revenueCents: number;
  spendWithoutHiringCents: number;
  spendWithHiringCents: number;
  cashWithoutHiringCents: number;
  cashWithHiringCents: number;
};

export type RequisitionImpact = {
  id: number;
  title: string;
  monthlyCostCents: number;
  /** zero-cash date with all requisitions − with all but this one, in days; negative = this hire brings zero cash earlier */
  deltaDays: number | null;
};

export type CashForecast = {
  months: ForecastMonth[];
  zeroCashMonthWithout: string | null;
  zeroCashMonthWith: string | null;
  zeroCashDateWithout: string | null;
  zeroCashDateWith: string | null;
  /** one entry per requisition counted in the forecast (not cancelled, not hired), in input order */
  requisitionImpacts: RequisitionImpact[];
};

const EXCLUDED_REQUISITION_STATUSES: ReadonlySet<string> = new Set(["cancelled", "hired"]);

/** A requisition counts in the forecast unless it is cancelled or already hired (then it is in the actuals). */
export function isForecastRequisition(r: { status: string }): boolean {
  return !EXCLUDED_REQUISITION_STATUSES.has(r.status);
}

/** monthly cost of a requisition = round(annual salary ÷ 12 × loaded-cost factor). */
export function requisitionMonthlyCost(annualSalaryCents: number, loadedCostFactor: number): number {
  return Math.round((annualSalaryCents / 12) * loadedCostFactor);
}

/**
 * Zero-cash point of a cash series (pure helper of forecastCash).
 *
 * Definition: the zero-cash month is the first forecast month whose closing cash is ≤ 0. Within it,
 * cash is assumed to flow linearly from the previous closing cash c₀ (> 0) to the closing cash
 * c₁ (≤ 0): it reaches 0 at fraction f = c₀ ÷ (c₀ − c₁) of the month, on day ceil(f × days in month)
 * (so exactly 0 at month end gives the last day). When the starting cash (end of M) is already ≤ 0
 * the zero-cash month is M and the date is its last day. null when cash stays > 0 over the horizon.
 * Only the first crossing counts, even if cash later becomes positive again.
 */
export function zeroCashCrossing(
  startMonth: string,
  startCashCents: number,
  series: readonly { month: string; cashCents: number }[],
): { month: string; date: string } | null {
  if (startCashCents <= 0) return { month: startMonth, date: lastDayOfMonth(startMonth) };
  let prev = startCashCents;
  for (const { month, cashCents } of series) {
    if (cashCents <= 0) {
      const f = prev / (prev - cashCents);
      const days = daysInMonth(month);
      const day = Math.min(days, Math.max(1, Math.ceil(f * days)));
      return { month, date: `${month}-${String(day).padStart(2, "0")}` };
    }
    prev = cashCents;
  }
  return null;
}

type SimResult = { month: string; revenueCents: number; spendCents: number; cashCents: number }[];

function simulate(
  input: Pick<ForecastInput, "lastClosed" | "monthlyGrowth" | "plannedByMonth" | "horizonMonths">,
  reqCosts: readonly { targetStartMonth: string; monthlyCostCents: number }[],
): SimResult {
  const { lastClosed, monthlyGrowth: g, plannedByMonth, horizonMonths } = input;
  const factor = Math.max(0, 1 + g);
  const out: SimResult = [];
  let cash = lastClosed.cashCents;
  for (let k = 1; k <= horizonMonths; k++) {
    const month = addMonths(lastClosed.month, k);
    const revenueCents = Math.round(lastClosed.revenueCents * factor ** k);
    let spendCents = plannedByMonth[month] ?? 0;
    for (const r of reqCosts) if (r.targetStartMonth <= month) spendCents += r.monthlyCostCents;
    cash = cash + revenueCents - spendCents;
    out.push({ month, revenueCents, spendCents, cashCents: cash });
  }
  return out;
}

/**
 * Cash forecast for the months M+1 … M+horizon.
 * revenue(k) = round(revenue(M) × (1+g)^k); spend(k) = planned(k) [+ Σ monthly cost of the open
 * requisitions whose target start month ≤ k]; cash(k) = cash(k−1) + revenue(k) − spend(k).
 * Requisitions with status 'cancelled' or 'hired' are excluded; a requisition whose target start is
 * already past counts from M+1. Δ days per requisition = zero-cash date with all requisitions −
 * zero-cash date with all but that one (null when either is null). See zeroCashCrossing for the
 * zero-cash date definition.
 */
export function forecastCash(input: ForecastInput): CashForecast {
  checkForecastInput("forecastCash", input);
  const active = input.requisitions.filter(isForecastRequisition).map((r) => ({
    id: r.id,
    title: r.title,
    targetStartMonth: r.targetStartMonth,
    monthlyCostCents: requisitionMonthlyCost(r.annualSalaryCents, input.loadedCostFactor),
  }));

  // the plan enters the simulation as its cost per start month (integer cents: the same sums in any order)
  const costByStartMonth = new Map<string, number>();
  for (const r of active) costByStartMonth.set(r.targetStartMonth, (costByStartMonth.get(r.targetStartMonth) ?? 0) + r.monthlyCostCents);
  const { totals, withAll, zWith } = forecastSeries(
    input,
    [...costByStartMonth].map(([targetStartMonth, monthlyCostCents]) => ({ targetStartMonth, monthlyCostCents })),
  );
  const requisitionImpacts: RequisitionImpact[] = active.map((r) => ({
    id: r.id,
    title: r.title,
    monthlyCostCents: r.monthlyCostCents,
    deltaDays: deltaDaysOf(input, withAll, zWith, r),
  }));
  return { ...totals, requisitionImpacts };
}

function checkForecastInput(name: string, input: Pick<ForecastInput, "lastClosed" | "horizonMonths">) {
  if (!isMonth(input.lastClosed.month)) throw new RangeError(`${name}: invalid month ${input.lastClosed.month}`);
  if (!Number.isInteger(input.horizonMonths) || input.horizonMonths < 0) {
    throw new RangeError(`${name}: invalid horizon ${input.horizonMonths}`);
  }
}

/** The with- and without-hiring series and their zero-cash points, the hiring plan given as monthly costs by start month. */
function forecastSeries(input: Omit<HiringPlanInput, "costByStartMonth">, costs: readonly { targetStartMonth: string; monthlyCostCents: number }[]) {
  const without = simulate(input, []);
  const withAll = simulate(input, costs);
  const crossing = (sim: SimResult) =>
    zeroCashCrossing(
      input.lastClosed.month,
      input.lastClosed.cashCents,
      sim.map((s) => ({ month: s.month, cashCents: s.cashCents })),
    );
  const zWithout = crossing(without);
  const zWith = crossing(withAll);
  const totals: CashForecastTotals = {
    months: without.map((w, i) => ({
      month: w.month,
      revenueCents: w.revenueCents,
      spendWithoutHiringCents: w.spendCents,
      spendWithHiringCents: withAll[i].spendCents,
      cashWithoutHiringCents: w.cashCents,
      cashWithHiringCents: withAll[i].cashCents,
    })),
    zeroCashMonthWithout: zWithout?.month ?? null,
    zeroCashMonthWith: zWith?.month ?? null,
    zeroCashDateWithout: zWithout?.date ?? null,
    zeroCashDateWith: zWith?.date ?? null,
  };
  return { totals, withAll, zWith };
}

/** A cash forecast without the per-requisition Δ days. */
export type CashForecastTotals = Omit<CashForecast, "requisitionImpacts">;

/**
 * forecastCash's series and zero-cash dates (not its per-requisition Δ days) from the hiring plan's
 * cost per target start month, summed in SQL: what the metric catalogue reads
 * (finance.*_with_hiring_plan), in O(horizon × start months) instead of reading every requisition.
 * The costs are integer cents, so the series equal forecastCash's exactly.
 */
export function forecastTotals(input: HiringPlanInput): CashForecastTotals {
  checkForecastInput("forecastTotals", input);
  return forecastSeries(input, input.costByStartMonth).totals;
}

/**
 * Δ zero-cash days of one counted requisition against the with-hiring series, without re-simulating
 * (a full re-simulation per requisition was O(requisitions² × horizon)): removing r adds its monthly
 * cost back to every month from its start on, so cash(k) = cash_with(k) + cost × (months since its
 * start through k). Integer cents, so the series is exactly the one a full re-simulation gives.
 */
function deltaDaysOf(
  input: Pick<ForecastInput, "lastClosed">,
  withAll: SimResult,
  zWith: { date: string } | null,
  r: { targetStartMonth: string; monthlyCostCents: number },
): number | null {
  if (zWith === null) return null; // no crossing with every requisition: no Δ, whatever removing one does
  let counted = 0;
  const allBut = withAll.map((s) => {
    if (r.targetStartMonth <= s.month) counted++;
    return { month: s.month, cashCents: s.cashCents + r.monthlyCostCents * counted };
  });
  const zAllBut = zeroCashCrossing(input.lastClosed.month, input.lastClosed.cashCents, allBut);
  return zAllBut === null ? null : dayDiff(zAllBut.date, zWith.date);
}

export type HiringPlanInput = Omit<ForecastInput, "requisitions"> & {
  /** Σ monthly cost (requisitionMonthlyCost) of the counted requisitions per target start month, summed in SQL */
  costByStartMonth: readonly { targetStartMonth: string; monthlyCostCents: number }[];
};

/**
 * Δ zero-cash days (as in forecastCash's requisitionImpacts) of a few requisitions — the rows of one
 * page — against the whole hiring plan given as its cost per start month, so a page never needs
 * every requisition. Only counted requisitions (isForecastRequisition) get an entry; each must be
 * part of the plan.
 */
export function requisitionDeltaDays(input: HiringPlanInput, targets: readonly ForecastRequisition[]): Map<number, number | null> {
  const withAll = simulate(input, input.costByStartMonth);
  const zWith = zeroCashCrossing(
    input.lastClosed.month,
    input.lastClosed.cashCents,
    withAll.map((s) => ({ month: s.month, cashCents: s.cashCents })),
  );
  const out = new Map<number, number | null>();
  for (const r of targets) {
    if (!isForecastRequisition(r)) continue;
    const monthlyCostCents = requisitionMonthlyCost(r.annualSalaryCents, input.loadedCostFactor);
    out.set(r.id, deltaDaysOf(input, withAll, zWith, { targetStartMonth: r.targetStartMonth, monthlyCostCents }));
  }
  return out;
}
