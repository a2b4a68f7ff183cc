/** Finance metric types: one closed month, the company settings the formulas read, the all-metrics result. Pure, no I/O; the contract is in ../finance.ts. */

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
