/**
 * Finance metrics — pure formulas, no I/O.
 *
 * Contract (the product's promise):
 * - A month is *closed* when it has a finance snapshot (cash at month end). M is the latest closed
 *   month (≤ asOf when given). Budget actuals missing for a month count as 0.
 * - Money is integer cents everywhere; results that are money are rounded with Math.round
 *   (half toward +∞). Runway, rates and growth are plain numbers.
 * - "M−1", "M−2"… are calendar months. When one of them has no snapshot it is *missing*; each
 *   metric documents how it handles that (see the function JSDoc and FORMULAS[…].window).
 */
import { addDaysToIsoDate, addMonths, dayDiff, daysInMonth, isMonth, lastDayOfMonth, monthRange } from "../months";
import type { MetricFormula } from "./tiers";

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** One closed month (it has a finance snapshot). */
export type MonthFinance = {
  /** 'YYYY-MM' */
  month: string;
  /** Σ actual of all budget lines of the month (missing actual = 0) */
  grossBurnCents: number;
  revenueCents: number;
  /** cash at month end */
  cashCents: number;
  mrrCents: number;
  /** customers at month end */
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
  /** Σ actual of the month's sales-and-marketing categories */
  salesMarketingCents: number;
};

/** Company settings used by the formulas. */
export type FinanceSettings = {
  /** 0–1, default 0.75 */
  grossMargin: number;
  /** employer-charges multiplier on salaries, default 1.45 */
  loadedCostFactor: number;
};

export const DEFAULT_FINANCE_SETTINGS: Readonly<FinanceSettings> = Object.freeze({
  grossMargin: 0.75,
  loadedCostFactor: 1.45,
});

/** Text shown instead of runway / zero-cash date when the company is not burning cash. */
export const NOT_BURNING_LABEL = "not burning";

/** Months scanned by the default-alive test. */
export const DEFAULT_ALIVE_HORIZON_MONTHS = 120;

export type FinanceMetrics = {
  /** M: the latest closed month ≤ asOf */
  asOfMonth: string;
  /** closed months among M−2…M, ascending (the window of the averaged metrics) */
  windowMonths: string[];
  cashCents: number;
  revenueCents: number;
  grossBurnCents: number;
  netBurnCents: number;
  avgNetBurnCents: number;
  /** avg net burn ≤ 0: runway and zero-cash date are null, show NOT_BURNING_LABEL */
  notBurning: boolean;
  runwayMonths: number | null;
  /** 'YYYY-MM-DD' */
  zeroCashDate: string | null;
  monthlyGrowth: number;
  defaultAlive: boolean;
  growthNeeded: number | null;
  burnMultiple: number | null;
  mrrCents: number;
  arrCents: number;
  customers: number;
  churnRate: number | null;
  cacCents: number | null;
  arpaCents: number | null;
  ltvCents: number | null;
  ltvToCac: number | null;
};

// ---------------------------------------------------------------------------------------------
// Individual formulas
// ---------------------------------------------------------------------------------------------

/** gross burn(m) = Σ actual of all budget lines of month m (a missing / null actual counts as 0). */
export function grossBurn(lines: readonly { month: string; actualCents: number | null }[], month: string): number {
  let sum = 0;
  for (const l of lines) if (l.month === month) sum += l.actualCents ?? 0;
  return sum;
}

/** net burn(m) = gross burn(m) − revenue(m). */
export function netBurn(grossBurnCents: number, revenueCents: number): number {
  return grossBurnCents - revenueCents;
}

/**
 * avg net burn = mean of net burn over M−2, M−1, M (the closed months among them; fewer than 3
 * when some are missing). Rounded to cents. 0 when the list is empty.
 */
export function averageNetBurn(netBurnsCents: readonly number[]): number {
  return Math.round(meanNetBurn(netBurnsCents));
}

/**
 * runway (months) = cash(M) ÷ avg net burn, exactly as the contract says (negative cash gives a
 * negative runway: a zero-cash date already past); null when avg net burn ≤ 0 ("not burning").
 * Pass the unrounded mean (`meanNetBurn`), not the cents shown.
 */
export function runwayMonths(cashCents: number, avgNetBurnCents: number): number | null {
  if (avgNetBurnCents <= 0) return null;
  return cashCents / avgNetBurnCents;
}

/** The unrounded mean of the net burns (runway divides by it); 0 when the list is empty. */
export function meanNetBurn(netBurnsCents: readonly number[]): number {
  if (netBurnsCents.length === 0) return 0;
  return netBurnsCents.reduce((a, b) => a + b, 0) / netBurnsCents.length;
}

/** zero-cash date = last day of M + round(runway × 365.25 ÷ 12) days; null when runway is null. */
export function zeroCashDate(asOfMonth: string, runway: number | null): string | null {
  if (runway === null) return null;
  return addDaysToIsoDate(lastDayOfMonth(asOfMonth), Math.round((runway * 365.25) / 12));
}

/**
 * g (monthly revenue growth) = mean of revenue(k) ÷ revenue(k−1) − 1 for k = M−2, M−1, M,
 * skipping pairs whose revenue(k−1) is 0 or unknown (or revenue(k) unknown); 0 when none is left.
 *
 * @param revenuesCents revenue of consecutive calendar months [M−3, M−2, M−1, M]; null = month not closed.
 */
export function monthlyGrowth(revenuesCents: readonly (number | null)[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < revenuesCents.length; i++) {
    const prev = revenuesCents[i - 1];
    const cur = revenuesCents[i];
    if (prev === null || prev === 0 || cur === null) continue;
    ratios.push(cur / prev - 1);
  }
  if (ratios.length === 0) return 0;
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

/**
 * default alive: with E = gross burn(M) held constant, R = revenue(M), C = cash(M):
 * alive when R ≥ E, or when for some n in 1…120, R(1+g)^n ≥ E while
 * C − Σ_{k=1..n} (E − R(1+g)^k) ≥ 0 and the cash never went below 0 before n.
 * (A growth factor 1+g below 0 is treated as 0.)
 */
export function isDefaultAlive(
  expensesCents: number,
  revenueCents: number,
  cashCents: number,
  growth: number,
  horizonMonths: number = DEFAULT_ALIVE_HORIZON_MONTHS,
): boolean {
  const E = expensesCents;
  const R = revenueCents;
  if (R >= E) return true;
  const factor = Math.max(0, 1 + growth);
  let cash = cashCents;
  let revenue = R;
  for (let n = 1; n <= horizonMonths; n++) {
    revenue *= factor;
    cash -= E - revenue;
    // cash below 0 at month n: not alive at n, and "cash went below 0 before n'" for every later n'.
    if (cash < 0) return false;
    if (revenue >= E) return true;
  }
  return false;
}

/**
 * growth needed = the smallest g in [0, 1], in steps of 0.001, that makes the company default
 * alive with the same E, R, C; null when none does (e.g. R = 0 < E). 0 when already alive at g = 0.
 * (Alive is monotone in g, so this is a binary search over 0.000…1.000.)
 */
export function growthNeeded(expensesCents: number, revenueCents: number, cashCents: number): number | null {
  const alive = (thousandths: number) => isDefaultAlive(expensesCents, revenueCents, cashCents, thousandths / 1000);
  if (alive(0)) return 0;
  if (!alive(1000)) return null;
  let lo = 0;
  let hi = 1000;
  // invariant: !alive(lo) && alive(hi)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (alive(mid)) hi = mid;
    else lo = mid;
  }
  return hi / 1000;
}

/**
 * burn multiple = Σ net burn(M−2…M) ÷ ((MRR(M) − MRR(M−3)) × 12); null when MRR(M−3) is unknown
 * or the denominator ≤ 0 (MRR did not grow). Negative when net burn is negative (profitable growth).
 */
export function burnMultiple(sumNetBurnCents: number, mrrNowCents: number, mrrThenCents: number | null): number | null {
  if (mrrThenCents === null) return null;
  const denominator = (mrrNowCents - mrrThenCents) * 12;
  if (denominator <= 0) return null;
  return sumNetBurnCents / denominator;
}

/** ARR = 12 × MRR(M). */
export function arr(mrrCents: number): number {
  return Math.round(mrrCents * 12);
}

/**
 * churn = mean over m in M−2…M of churned(m) ÷ customers(m−1); null where a divisor is 0 (any
 * customers(m−1) = 0). Months whose m−1 has no snapshot (before the first closed month) are left
 * out; null when none is left.
 */
export function churnRate(months: readonly { churned: number; previousCustomers: number | null }[]): number | null {
  const rates: number[] = [];
  for (const m of months) {
    if (m.previousCustomers === null) continue;
    if (m.previousCustomers === 0) return null;
    rates.push(m.churned / m.previousCustomers);
  }
  if (rates.length === 0) return null;
  return rates.reduce((a, b) => a + b, 0) / rates.length;
}

/** CAC = Σ actuals of sales-and-marketing categories over M−2…M ÷ Σ new customers over M−2…M; null when no new customer. */
export function cac(salesMarketingCents: number, newCustomers: number): number | null {
  if (newCustomers === 0) return null;
  return Math.round(salesMarketingCents / newCustomers);
}

/** ARPA = MRR(M) ÷ customers(M), unrounded (LTV multiplies it); null when there is no customer. */
export function arpaExact(mrrCents: number, customers: number): number | null {
  return customers === 0 ? null : mrrCents / customers;
}

/** ARPA in cents, as shown; null when there is no customer. */
export function arpa(mrrCents: number, customers: number): number | null {
  const exact = arpaExact(mrrCents, customers);
  return exact === null ? null : Math.round(exact);
}

/**
 * LTV = ARPA × gross margin ÷ churn; null when ARPA is null or churn is null or 0. Pass the
 * unrounded ARPA (MRR ÷ customers); only the result is rounded to cents.
 */
export function ltv(arpaCents: number | null, grossMargin: number, churn: number | null): number | null {
  if (arpaCents === null || churn === null || churn === 0) return null;
  return Math.round((arpaCents * grossMargin) / churn);
}

/**
 * Gross margin of a month = (revenue − cost of revenue) ÷ revenue; null when the cost of revenue
 * was not recorded (null) or there is no revenue (≤ 0). May be negative (costs above revenue).
 */
export function grossMarginOf(revenueCents: number, costOfRevenueCents: number | null): number | null {
  if (costOfRevenueCents === null || !(revenueCents > 0)) return null;
  return (revenueCents - costOfRevenueCents) / revenueCents;
}

/** The first month of the calendar year of `month` ('YYYY-MM' → 'YYYY-01'): the start of "year to date". */
export function yearStartOf(month: string): string {
  return `${month.slice(0, 4)}-01`;
}

/** LTV ÷ CAC; null when either is null or CAC is 0. */
export function ltvToCac(ltvCents: number | null, cacCents: number | null): number | null {
  if (ltvCents === null || cacCents === null || cacCents === 0) return null;
  return ltvCents / cacCents;
}

// ---------------------------------------------------------------------------------------------
// Formula texts (tooltips)
// ---------------------------------------------------------------------------------------------

export type FormulaKey =
  | "grossBurn"
  | "netBurn"
  | "avgNetBurn"
  | "runway"
  | "zeroCashDate"
  | "monthlyGrowth"
  | "defaultAlive"
  | "growthNeeded"
  | "burnMultiple"
  | "mrr"
  | "arr"
  | "churn"
  | "cac"
  | "arpa"
  | "ltv"
  | "ltvToCac"
  | "grossMargin"
  | "fundingRaised"
  | "forecast";

/** label, formula text, window and (where it applies) which direction is better. */
export type FormulaText = MetricFormula;

/** Human-readable formula and window of each metric, for tooltips. M = latest closed month. */
export const FORMULAS: Readonly<Record<FormulaKey, FormulaText>> = Object.freeze({
  grossBurn: {
    label: "Gross burn",
    formula: "Sum of the actual amounts of all budget lines of the month (a missing actual counts as 0).",
    window: "Month M (the latest closed month).",
    direction: "lower",
  },
  netBurn: {
    label: "Net burn",
    formula: "Gross burn of the month − revenue of the month.",
    window: "Month M.",
    direction: "lower",
  },
  avgNetBurn: {
    label: "Average net burn",
    formula: "Mean of the monthly net burn.",
    window: "M−2, M−1 and M — only the closed ones among them (fewer than 3 when some are not closed).",
    direction: "lower",
  },
  runway: {
    label: "Runway",
    formula: `Cash at the end of M ÷ average net burn, in months. "${NOT_BURNING_LABEL}" when the average net burn is ≤ 0.`,
    window: "Cash of M; average net burn over M−2…M.",
    direction: "higher",
  },
  zeroCashDate: {
    label: "Zero-cash date",
    formula: `Last day of M + round(runway × 365.25 ÷ 12) days. "${NOT_BURNING_LABEL}" when the average net burn is ≤ 0.`,
    window: "From the end of M.",
    direction: "higher",
  },
  monthlyGrowth: {
    label: "Monthly revenue growth (g)",
    formula: "Mean of revenue(k) ÷ revenue(k−1) − 1 for k = M−2, M−1, M, skipping pairs whose previous revenue is 0 or not closed; 0 when none is left.",
    window: "Revenue of M−3…M.",
    direction: "higher",
  },
  defaultAlive: {
    label: "Default alive",
    formula:
      "With E = gross burn of M held constant, R = revenue of M and C = cash of M: alive when R ≥ E, or when revenue growing by g per month, R(1+g)^n, reaches E within 120 months before the cash C − Σ(E − R(1+g)^k) goes below 0.",
    window: "Month M, then 120 months ahead.",
  },
  growthNeeded: {
    label: "Growth needed",
    formula:
      "The smallest monthly revenue growth g between 0 % and 100 % (to 0.1 %) that makes the company default alive with the same expenses, revenue and cash; none when no such g exists.",
    window: "Month M, then 120 months ahead.",
    direction: "lower",
  },
  burnMultiple: {
    label: "Burn multiple",
    formula: "Sum of net burn over the last 3 months ÷ ((MRR of M − MRR of M−3) × 12); none when MRR did not grow.",
    window: "Net burn of M−2…M; MRR of M and M−3 (none unless M−3…M are all closed).",
    direction: "lower",
  },
  mrr: {
    label: "MRR",
    formula: "Monthly recurring revenue at the end of M.",
    window: "Month M.",
    direction: "higher",
  },
  arr: {
    label: "ARR",
    formula: "12 × MRR of M.",
    window: "Month M.",
    direction: "higher",
  },
  churn: {
    label: "Customer churn (monthly)",
    formula:
      "Mean of churned customers of the month ÷ customers at the end of the previous month; none when a previous month had 0 customers (months before the first snapshot are left out).",
    window: "M−2, M−1 and M (closed months only); none when no month is left.",
    direction: "lower",
  },
  cac: {
    label: "CAC",
    formula: "Sum of the actuals of sales-and-marketing categories ÷ sum of new customers; none when there is no new customer.",
    window: "M−2, M−1 and M (closed months only).",
    direction: "lower",
  },
  arpa: {
    label: "ARPA",
    formula: "MRR of M ÷ customers at the end of M; none when there is no customer.",
    window: "Month M.",
    direction: "higher",
  },
  ltv: {
    label: "LTV",
    formula: "ARPA × gross margin (company setting, default 75 %) ÷ monthly churn; none when churn is 0 or unknown.",
    window: "ARPA of M; churn over M−2…M.",
    direction: "higher",
  },
  ltvToCac: {
    label: "LTV ÷ CAC",
    formula: "LTV ÷ CAC; none when either is unknown.",
    window: "As LTV and CAC.",
    direction: "higher",
  },
  grossMargin: {
    label: "Gross margin",
    formula:
      "(Revenue of M − cost of revenue of M) ÷ revenue of M, both from M's finance snapshot; none when M's cost of revenue was not recorded or its revenue is 0. (LTV uses the gross-margin company setting, not this figure.)",
    window: "Month M.",
    direction: "higher",
  },
  fundingRaised: {
    label: "Funding raised (year to date)",
    formula: "Σ financing inflow (equity and debt raised) of the finance snapshots from January of M's calendar year to M inclusive; 0 when none was raised.",
    window: "January of M's calendar year … M (a year's figure is complete once its December is closed).",
    direction: "higher",
  },
  forecast: {
    label: "Cash forecast",
    formula:
      "For each month after M: cash = previous cash + revenue − spend. Revenue = revenue of M × (1+g)^k. Spend = planned budget of the month (past the last planned month, the last planned total held flat), plus (with hiring) for each requisition neither cancelled nor hired, from its target start month, annual salary ÷ 12 × loaded-cost factor (default 1.45). Zero-cash date: the day within the first month whose closing cash is ≤ 0, interpolated linearly.",
    window: "From M+1 to the forecast horizon.",
  },
});

// ---------------------------------------------------------------------------------------------
// Building the per-month input from raw records
// ---------------------------------------------------------------------------------------------

export type SnapshotRecord = {
  month: string;
  cashCents: number;
  revenueCents: number;
  mrrCents: number;
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
};

export type ActualLineRecord = { month: string; actualCents: number | null; isSalesMarketing: boolean };

/**
 * One MonthFinance per snapshot (closed month): gross burn = Σ actual of the month's budget lines,
 * sales & marketing = Σ actual of its sales-and-marketing lines (null actual = 0). Budget lines of
 * months without a snapshot are ignored (those months are not closed).
 */
export function buildMonthFinance(snapshots: readonly SnapshotRecord[], lines: readonly ActualLineRecord[]): MonthFinance[] {
  const gross = new Map<string, number>();
  const sm = new Map<string, number>();
  for (const l of lines) {
    const a = l.actualCents ?? 0;
    gross.set(l.month, (gross.get(l.month) ?? 0) + a);
    if (l.isSalesMarketing) sm.set(l.month, (sm.get(l.month) ?? 0) + a);
  }
  return [...snapshots]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((s) => ({
      month: s.month,
      grossBurnCents: gross.get(s.month) ?? 0,
      revenueCents: s.revenueCents,
      cashCents: s.cashCents,
      mrrCents: s.mrrCents,
      customers: s.customers,
      newCustomers: s.newCustomers,
      churnedCustomers: s.churnedCustomers,
      salesMarketingCents: sm.get(s.month) ?? 0,
    }));
}

// ---------------------------------------------------------------------------------------------
// All metrics at once
// ---------------------------------------------------------------------------------------------

/**
 * All finance metrics as of the latest closed month M ≤ asOf ('YYYY-MM' or 'YYYY-MM-DD'; default:
 * the latest closed month). `months` may be in any order and must only contain closed months
 * (duplicate months throw). null when there is no closed month ≤ asOf.
 *
 * Missing calendar months in the windows: avg net burn, CAC and Σ net burn use the closed months
 * among M−2…M; g skips pairs with an unknown side; churn skips months whose customers(m−1) is
 * unknown or 0; burn multiple is null unless M−3, M−2, M−1 and M are all closed (a gap would
 * compare the MRR growth of a quarter with the burn of fewer months).
 */
export function computeFinanceMetrics(months: readonly MonthFinance[], settings: FinanceSettings, asOf?: string): FinanceMetrics | null {
  const byMonth = new Map<string, MonthFinance>();
  for (const m of months) {
    if (!isMonth(m.month)) throw new RangeError(`computeFinanceMetrics: invalid month ${JSON.stringify(m.month)}`);
    if (byMonth.has(m.month)) throw new RangeError(`computeFinanceMetrics: duplicate month ${m.month}`);
    byMonth.set(m.month, m);
  }
  let limit: string | null = null;
  if (asOf !== undefined) {
    limit = asOf.slice(0, 7);
    if (!isMonth(limit)) throw new RangeError(`computeFinanceMetrics: invalid asOf ${JSON.stringify(asOf)}`);
  }
  let M: string | null = null;
  for (const key of byMonth.keys()) {
    if (limit !== null && key > limit) continue;
    if (M === null || key > M) M = key;
  }
  if (M === null) return null;
  const cur = byMonth.get(M) as MonthFinance;

  const window = monthRange(addMonths(M, -2), M)
    .map((m) => byMonth.get(m))
    .filter((m): m is MonthFinance => m !== undefined);
  const windowNetBurns = window.map((m) => netBurn(m.grossBurnCents, m.revenueCents));

  const avgNetBurnCents = averageNetBurn(windowNetBurns);
  const runway = runwayMonths(cur.cashCents, meanNetBurn(windowNetBurns));
  const g = monthlyGrowth(monthRange(addMonths(M, -3), M).map((m) => byMonth.get(m)?.revenueCents ?? null));

  const fullQuarter = monthRange(addMonths(M, -3), M).every((m) => byMonth.has(m));
  const mrrThen = fullQuarter ? (byMonth.get(addMonths(M, -3)) as MonthFinance).mrrCents : null;
  const bm = burnMultiple(
    windowNetBurns.reduce((a, b) => a + b, 0),
    cur.mrrCents,
    mrrThen,
  );

  const churn = churnRate(
    window.map((m) => ({
      churned: m.churnedCustomers,
      previousCustomers: byMonth.get(addMonths(m.month, -1))?.customers ?? null,
    })),
  );
  const cacCents = cac(
    window.reduce((a, m) => a + m.salesMarketingCents, 0),
    window.reduce((a, m) => a + m.newCustomers, 0),
  );
  const arpaCents = arpa(cur.mrrCents, cur.customers);
  const ltvCents = ltv(arpaExact(cur.mrrCents, cur.customers), settings.grossMargin, churn);

  return {
    asOfMonth: M,
    windowMonths: window.map((m) => m.month),
    cashCents: cur.cashCents,
    revenueCents: cur.revenueCents,
    grossBurnCents: cur.grossBurnCents,
    netBurnCents: netBurn(cur.grossBurnCents, cur.revenueCents),
    avgNetBurnCents,
    notBurning: runway === null,
    runwayMonths: runway,
    zeroCashDate: zeroCashDate(M, runway),
    monthlyGrowth: g,
    defaultAlive: isDefaultAlive(cur.grossBurnCents, cur.revenueCents, cur.cashCents, g),
    growthNeeded: growthNeeded(cur.grossBurnCents, cur.revenueCents, cur.cashCents),
    burnMultiple: bm,
    mrrCents: cur.mrrCents,
    arrCents: arr(cur.mrrCents),
    customers: cur.customers,
    churnRate: churn,
    cacCents,
    arpaCents,
    ltvCents,
    ltvToCac: ltvToCac(ltvCents, cacCents),
  };
}

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

function simulate(input: ForecastInput, reqCosts: readonly { targetStartMonth: string; monthlyCostCents: number }[]): SimResult {
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
  if (!isMonth(input.lastClosed.month)) throw new RangeError(`forecastCash: invalid month ${input.lastClosed.month}`);
  if (!Number.isInteger(input.horizonMonths) || input.horizonMonths < 0) {
    throw new RangeError(`forecastCash: invalid horizon ${input.horizonMonths}`);
  }
  const active = input.requisitions.filter(isForecastRequisition).map((r) => ({
    id: r.id,
    title: r.title,
    targetStartMonth: r.targetStartMonth,
    monthlyCostCents: requisitionMonthlyCost(r.annualSalaryCents, input.loadedCostFactor),
  }));

  const without = simulate(input, []);
  const withAll = simulate(input, active);
  const crossing = (sim: SimResult) =>
    zeroCashCrossing(
      input.lastClosed.month,
      input.lastClosed.cashCents,
      sim.map((s) => ({ month: s.month, cashCents: s.cashCents })),
    );
  const zWithout = crossing(without);
  const zWith = crossing(withAll);

  const requisitionImpacts: RequisitionImpact[] = active.map((r) => {
    const zAllBut = crossing(
      simulate(
        input,
        active.filter((o) => o !== r),
      ),
    );
    const deltaDays = zWith === null || zAllBut === null ? null : dayDiff(zAllBut.date, zWith.date);
    return { id: r.id, title: r.title, monthlyCostCents: r.monthlyCostCents, deltaDays };
  });

  return {
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
    requisitionImpacts,
  };
}

// ---------------------------------------------------------------------------------------------
// Budget grid
// ---------------------------------------------------------------------------------------------

/** Running sums: out[i] = values[0] + … + values[i]. cumulativeTotals([30, 38, 40]) = [30, 68, 108]. */
export function cumulativeTotals(valuesByMonth: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const v of valuesByMonth) {
    sum += v;
    out.push(sum);
  }
  return out;
}

export type BudgetGridLine = { month: string; category: string; plannedCents: number; actualCents: number | null };

export type BudgetGridCell = { month: string; plannedCents: number; actualCents: number | null };

export type BudgetGridTotals = { month: string; plannedCents: number; actualCents: number };

export type BudgetGrid = {
  months: string[];
  categories: string[];
  /** one row per category; a cell's actual is null when no actual is recorded */
  rows: {
    category: string;
    cells: BudgetGridCell[];
    totalPlannedCents: number;
    totalActualCents: number;
    /** Σ planned over the cells that have an actual: what the row total's variance compares with */
    plannedToDateCents: number;
  }[];
  /** per month: Σ planned and Σ actual (= gross burn, null actual = 0) over the categories; hasActual: any line has one */
  totalRow: (BudgetGridTotals & { hasActual: boolean })[];
  /** running sum of totalRow */
  cumulativeRow: BudgetGridTotals[];
  grandTotal: { plannedCents: number; actualCents: number; plannedToDateCents: number };
};

/**
 * Category × month grid: row totals per category, a Total row per month (its actual = gross burn of
 * the month: Σ actual, missing = 0) and a Cumulative row (running sum of the Total row).
 * Months default to every month from the first to the last line (gaps filled); categories default
 * to their order of first appearance. Lines outside the given months/categories are ignored;
 * several lines for the same cell are added up.
 */
export function budgetGrid(lines: readonly BudgetGridLine[], options: { months?: readonly string[]; categories?: readonly string[] } = {}): BudgetGrid {
  let months: string[];
  if (options.months) months = [...options.months];
  else if (lines.length === 0) months = [];
  else {
    const sorted = lines.map((l) => l.month).sort();
    months = monthRange(sorted[0], sorted[sorted.length - 1]);
  }
  const categories = options.categories ? [...options.categories] : [...new Set(lines.map((l) => l.category))];
  const monthIdx = new Map(months.map((m, i) => [m, i]));
  const catIdx = new Map(categories.map((c, i) => [c, i]));

  const cells: BudgetGridCell[][] = categories.map(() => months.map((month) => ({ month, plannedCents: 0, actualCents: null as number | null })));
  for (const l of lines) {
    const mi = monthIdx.get(l.month);
    const ci = catIdx.get(l.category);
    if (mi === undefined || ci === undefined) continue;
    const cell = cells[ci][mi];
    cell.plannedCents += l.plannedCents;
    if (l.actualCents !== null) cell.actualCents = (cell.actualCents ?? 0) + l.actualCents;
  }

  const rows = categories.map((category, ci) => ({
    category,
    cells: cells[ci],
    totalPlannedCents: cells[ci].reduce((a, c) => a + c.plannedCents, 0),
    totalActualCents: cells[ci].reduce((a, c) => a + (c.actualCents ?? 0), 0),
    plannedToDateCents: cells[ci].reduce((a, c) => a + (c.actualCents === null ? 0 : c.plannedCents), 0),
  }));
  const totalRow = months.map((month, mi) => ({
    month,
    plannedCents: cells.reduce((a, row) => a + row[mi].plannedCents, 0),
    actualCents: cells.reduce((a, row) => a + (row[mi].actualCents ?? 0), 0),
    hasActual: cells.some((row) => row[mi].actualCents !== null),
  }));
  const cumPlanned = cumulativeTotals(totalRow.map((t) => t.plannedCents));
  const cumActual = cumulativeTotals(totalRow.map((t) => t.actualCents));
  const cumulativeRow = months.map((month, i) => ({ month, plannedCents: cumPlanned[i], actualCents: cumActual[i] }));

  return {
    months,
    categories,
    rows,
    totalRow,
    cumulativeRow,
    grandTotal: {
      plannedCents: cumPlanned.length ? cumPlanned[cumPlanned.length - 1] : 0,
      actualCents: cumActual.length ? cumActual[cumActual.length - 1] : 0,
      plannedToDateCents: rows.reduce((a, r) => a + r.plannedToDateCents, 0),
    },
  };
}

export type BudgetVsActualLine = { category: string; plannedCents: number; actualCents: number; varianceCents: number; usedShare: number | null };

/**
 * Budget vs actual per category and in total: variance = actual − planned, used = actual ÷ planned
 * (null when nothing is planned). Missing actuals count as 0, as in gross burn.
 */
export function budgetVsActual(rows: readonly { category: string; plannedCents: number; actualCents: number }[]): {
  rows: BudgetVsActualLine[];
  total: BudgetVsActualLine;
} {
  const line = (category: string, plannedCents: number, actualCents: number): BudgetVsActualLine => ({
    category,
    plannedCents,
    actualCents,
    varianceCents: actualCents - plannedCents,
    usedShare: plannedCents > 0 ? actualCents / plannedCents : null,
  });
  const planned = rows.reduce((a, r) => a + r.plannedCents, 0);
  const actual = rows.reduce((a, r) => a + r.actualCents, 0);
  return { rows: rows.map((r) => line(r.category, r.plannedCents, r.actualCents)), total: line("Total", planned, actual) };
}

// ---------------------------------------------------------------------------------------------
// Catalogue helpers (app/lib/metrics/catalogue.ts)
// ---------------------------------------------------------------------------------------------

/**
 * Months from the last day of M to `date` ('YYYY-MM-DD'): days ÷ (365.25 ÷ 12), the inverse of
 * zeroCashDate (so a date from zeroCashDate(M, r) gives back r to within half a day). null date → null.
 */
export function monthsUntil(asOfMonth: string, date: string | null): number | null {
  if (date === null) return null;
  return (dayDiff(lastDayOfMonth(asOfMonth), date) * 12) / 365.25;
}

/** MRR growth = MRR(M) ÷ MRR(M−1) − 1; null when M−1 is unknown (not closed) or its MRR is ≤ 0. */
export function mrrGrowth(mrrNowCents: number, mrrPreviousCents: number | null): number | null {
  if (mrrPreviousCents === null || mrrPreviousCents <= 0) return null;
  return mrrNowCents / mrrPreviousCents - 1;
}
