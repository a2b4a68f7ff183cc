/** The finance part of the executive dashboard. */
import { computeFinanceMetrics, type FinanceMetrics } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { getBudgetByCategoryMonth } from "~/models/finance/budget.server";
import { type FinanceCashForecast, getCashForecast } from "~/models/finance/forecast.server";
import { getFinanceMonthSeries, listClosedMonths } from "~/models/finance/metrics.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// Executive dashboard
// ---------------------------------------------------------------------------------------------

/** Closed months shown in the trends (cash curve, MRR, burn). */
const EXECUTIVE_TREND_MONTHS = 12;
/** Months of burn vs budget by category. */
export const EXECUTIVE_BURN_MONTHS = 4;

export type ExecutiveFinance = {
  current: FinanceMetrics;
  previous: FinanceMetrics | null;
  /** closed months ≤ M, ascending (at most EXECUTIVE_TREND_MONTHS) */
  trend: { month: string; cashCents: number; mrrCents: number; revenueCents: number; grossBurnCents: number; customers: number }[];
  forecast: FinanceCashForecast;
  /** planned vs actual per category and month over M−5…M */
  burnByCategory: { month: string; category: string; plannedCents: number; actualCents: number | null }[];
  closedMonths: string[];
};

/**
 * Everything the executive dashboard shows from finance, as of the latest closed month ≤ asOf:
 * a fixed number of SQL statements (≈ 10) whatever the data size. null when no month is closed.
 * The forecast holds salary-derived costs: redact with redactForecastForUser() before returning.
 */
export function getExecutiveFinance(db: Db, opts: { asOf?: string; horizonMonths?: number } = {}): ExecutiveFinance | null {
  const series = getFinanceMonthSeries(db, { asOf: opts.asOf, count: EXECUTIVE_TREND_MONTHS });
  if (series.months.length === 0) return null;
  const current = computeFinanceMetrics(series.months, series.settings, opts.asOf);
  if (!current) return null;
  const earlier = series.months.filter((m) => m.month < current.asOfMonth);
  const previous = earlier.length ? computeFinanceMetrics(earlier, series.settings) : null;
  const forecast = getCashForecast(db, { asOf: current.asOfMonth, horizonMonths: opts.horizonMonths })!;
  const M = current.asOfMonth;
  return {
    current,
    previous,
    trend: series.months
      .filter((m) => m.month <= M)
      .slice(-EXECUTIVE_TREND_MONTHS)
      .map((m) => ({
        month: m.month,
        cashCents: m.cashCents,
        mrrCents: m.mrrCents,
        revenueCents: m.revenueCents,
        grossBurnCents: m.grossBurnCents,
        customers: m.customers,
      })),
    forecast,
    burnByCategory: getBudgetByCategoryMonth(db, { fromMonth: addMonths(M, -(EXECUTIVE_BURN_MONTHS - 1)), toMonth: M }),
    closedMonths: listClosedMonths(db),
  };
}
