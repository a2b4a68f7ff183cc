/** Finance metrics: the SQL aggregations (one statement each) and the monthly series behind cash, burn and runway. */
import { sql } from "drizzle-orm";
import { buildMonthFinance, computeFinanceMetrics, type ActualLineRecord, type FinanceMetrics, type FinanceSettings } from "~/lib/metrics/finance";
import { isMonth } from "~/lib/months";
import type { SnapshotInput } from "~/models/finance/snapshots.server";
import { getCompanySettings } from "~/models/settings.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// Raw aggregation helpers (one statement each)
// ---------------------------------------------------------------------------------------------

/** A snapshot as the formulas read it, with its financing (the table's columns without id and timestamps). */
type SnapshotRow = SnapshotInput;

function financeSettingsOf(db: Db): FinanceSettings {
  const s = getCompanySettings(db);
  return { grossMargin: s.grossMargin, loadedCostFactor: s.loadedCostFactor };
}

/**
 * The latest `limit` snapshots with month ≤ upTo (all when upTo is null), ascending.
 * One statement; uses the unique index on finance_snapshots.month.
 */
function latestSnapshots(db: Db, upTo: string | null, limit: number): SnapshotRow[] {
  const rows = db.all<SnapshotRow>(sql`
    SELECT month, cash_cents AS cashCents, revenue_cents AS revenueCents, mrr_cents AS mrrCents,
           customers, new_customers AS newCustomers, churned_customers AS churnedCustomers,
           financing_cents AS financingCents
      FROM finance_snapshots
     WHERE ${upTo === null ? sql`1 = 1` : sql`month <= ${upTo}`}
     ORDER BY month DESC
     LIMIT ${limit}`);
  return rows.reverse();
}

/**
 * Σ actual per month and sales-and-marketing flag, for months in [fromMonth, toMonth]
 * (GROUP BY month, flag — missing actuals count as 0).
 */
function actualsByMonthAndFlag(db: Db, fromMonth: string, toMonth: string): ActualLineRecord[] {
  const rows = db.all<{ month: string; isSalesMarketing: number; actualCents: number }>(sql`
    SELECT bl.month AS month, c.is_sales_marketing AS isSalesMarketing,
           COALESCE(SUM(bl.actual_cents), 0) AS actualCents
      FROM budget_lines bl
      JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${fromMonth} AND bl.month <= ${toMonth}
     GROUP BY bl.month, c.is_sales_marketing`);
  return rows.map((r) => ({ month: r.month, actualCents: r.actualCents, isSalesMarketing: r.isSalesMarketing === 1 }));
}

/** Σ planned per month for months in [fromMonth, toMonth]. */
export function plannedByMonth(db: Db, fromMonth: string, toMonth: string): Record<string, number> {
  const rows = db.all<{ month: string; plannedCents: number }>(sql`
    SELECT month, COALESCE(SUM(planned_cents), 0) AS plannedCents
      FROM budget_lines
     WHERE month >= ${fromMonth} AND month <= ${toMonth}
     GROUP BY month`);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.month] = r.plannedCents;
  return out;
}

function asOfLimit(asOf: string | undefined): string | null {
  if (asOf === undefined) return null;
  const m = asOf.slice(0, 7);
  if (!isMonth(m)) throw new RangeError(`invalid asOf ${JSON.stringify(asOf)}`);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Finance metrics
// ---------------------------------------------------------------------------------------------

export type FinanceMonthSeries = {
  /** closed months (with snapshot) ≤ asOf, ascending, with gross burn and S&M actuals from SQL */
  months: ReturnType<typeof buildMonthFinance>;
  /** financing inflow per closed month (not used by the formulas; shown in tables) */
  financingByMonth: Record<string, number>;
  settings: FinanceSettings;
};

/**
 * The closed months needed for metrics at M (≤ asOf) and `extraMonths` earlier M values
 * (to compute "change vs previous month" or a trend): 3 statements in all.
 */
export function getFinanceMonthSeries(db: Db, opts: { asOf?: string; count?: number } = {}): FinanceMonthSeries {
  const limit = asOfLimit(opts.asOf);
  // metrics at M read M−3…M; with `count` M values we need count + 3 closed months at most.
  const snaps = latestSnapshots(db, limit, Math.max(1, opts.count ?? 1) + 3);
  const settings = financeSettingsOf(db);
  if (snaps.length === 0) return { months: [], financingByMonth: {}, settings };
  const lines = actualsByMonthAndFlag(db, snaps[0].month, snaps[snaps.length - 1].month);
  const financingByMonth: Record<string, number> = {};
  for (const s of snaps) financingByMonth[s.month] = s.financingCents;
  return { months: buildMonthFinance(snaps, lines), financingByMonth, settings };
}

/**
 * All finance metrics of the metric contract as of the latest closed month ≤ asOf
 * ('YYYY-MM' or 'YYYY-MM-DD'; default: the latest closed month). null when no month is closed.
 * Three SQL statements (settings, snapshots, actuals grouped by month and S&M flag).
 */
export function getFinanceMetrics(db: Db, asOf?: string): FinanceMetrics | null {
  const series = getFinanceMonthSeries(db, { asOf, count: 1 });
  if (series.months.length === 0) return null;
  return computeFinanceMetrics(series.months, series.settings, asOf);
}

/**
 * Metrics at M and at the closed month before it (for "change vs previous month"), from one
 * series read. previous is null when M is the first closed month.
 */
export function getFinanceMetricsWithPrevious(db: Db, asOf?: string): { current: FinanceMetrics; previous: FinanceMetrics | null } | null {
  const series = getFinanceMonthSeries(db, { asOf, count: 2 });
  if (series.months.length === 0) return null;
  const current = computeFinanceMetrics(series.months, series.settings, asOf);
  if (!current) return null;
  const earlier = series.months.filter((m) => m.month < current.asOfMonth);
  const previous = earlier.length ? computeFinanceMetrics(earlier, series.settings) : null;
  return { current, previous };
}

/** Closed months, ascending (for the month selector). One statement. */
export function listClosedMonths(db: Db): string[] {
  return db.all<{ month: string }>(sql`SELECT month FROM finance_snapshots ORDER BY month`).map((r) => r.month);
}

/** The snapshot figures of a closed month that FinanceMetrics does not carry: its gross margin's inputs and the funding raised in its year to date. */
export type FinanceMonthExtras = {
  month: string;
  revenueCents: number;
  /** null: not recorded */
  costOfRevenueCents: number | null;
  /** Σ financing of the snapshots from January of the month's year to the month */
  fundingRaisedYtdCents: number;
};

/**
 * The extras of the latest closed month ≤ asOf ('YYYY-MM'; default: the latest closed month); null
 * when none. One statement (the year-to-date sum is a sub-select on the month index).
 */
export function getFinanceMonthExtras(db: Db, asOf?: string): FinanceMonthExtras | null {
  const upTo = asOf ? asOf.slice(0, 7) : null;
  return (
    db.get<FinanceMonthExtras | undefined>(sql`
      SELECT s.month AS month, s.revenue_cents AS revenueCents, s.cost_of_revenue_cents AS costOfRevenueCents,
             (SELECT COALESCE(SUM(f.financing_cents), 0) FROM finance_snapshots f
               WHERE f.month >= substr(s.month, 1, 4) || '-01' AND f.month <= s.month) AS fundingRaisedYtdCents
        FROM finance_snapshots s
       WHERE ${upTo === null ? sql`1 = 1` : sql`s.month <= ${upTo}`}
       ORDER BY s.month DESC
       LIMIT 1`) ?? null
  );
}
