/**
 * Headcount (docs/decisions/210-headcount-definition.md):
 * - actual(m) = employees with start_date ≤ last day of m and (no end_date or end_date > last day of m);
 * - planned(m) = actual(m) + requisitions whose status is neither 'hired' nor 'cancelled' and whose
 *   target start month ≤ m. A hired requisition is counted through its employee row only.
 */
import { sql, type SQL } from "drizzle-orm";
import { addMonths, isMonth, monthDiff } from "~/lib/months";
import { getCompanySettings } from "~/models/settings.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------- headcount

export type HeadcountSummary = { actual: number; planned: number; target: number };

const HEADCOUNT_ACTUAL_SQL = (day: SQL) => sql`(SELECT count(*) FROM employees e WHERE e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date > ${day}))`;

/**
 * Headcount on a day d = employees whose start date ≤ d < end date (no end date: still employed) —
 * the one definition of the catalogue's people.headcount (app/models/metrics/compute.server.ts).
 * getHeadcountSummary(db, month, today) counts on d = min(last day of the month, today): a month
 * still running is counted today, so people starting later (even later this month) are not counted.
 * planned = employees at the end of the month (signed starts included) + open requisitions (not hired,
 * not cancelled) with target start month ≤ the month;
 * target = the company setting. One statement plus the settings row.
 */
export function getHeadcountSummary(db: Db, asOfMonth: string, today = new Date().toISOString().slice(0, 10)): HeadcountSummary {
  if (!isMonth(asOfMonth)) throw new RangeError(`getHeadcountSummary: not a month: ${asOfMonth}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`getHeadcountSummary: not a day: ${today}`);
  const eom = sql`date(${`${asOfMonth}-01`}, '+1 month', '-1 day')`;
  const day = sql`min(${eom}, ${today})`;
  const row = db.get<{ actual: number; atMonthEnd: number; pending: number }>(sql`
    SELECT ${HEADCOUNT_ACTUAL_SQL(day)} AS actual, ${HEADCOUNT_ACTUAL_SQL(eom)} AS atMonthEnd,
           (SELECT count(*) FROM requisitions r
             WHERE r.status NOT IN ('hired', 'cancelled') AND r.target_start_month <= ${asOfMonth}) AS pending`);
  const target = getCompanySettings(db).headcountTarget;
  return { actual: row.actual, planned: row.atMonthEnd + row.pending, target };
}

export type HeadcountMonth = { month: string; actual: number | null; planned: number };

/** Longest series returned (months); longer ranges are cut at `from` + 120. */
export const MAX_HEADCOUNT_MONTHS = 120;

/**
 * Actual and planned headcount at the end of each month of [from, to], in one statement:
 * a recursive CTE generates the months, and two correlated counts use the indexes on
 * employees(start_date, end_date) and requisitions(status, target_start_month).
 */
export function getHeadcountSeries(
  db: Db,
  from: string,
  to: string,
  opts: {
    /** months after this one have no actual yet (null): the future is plan only */
    actualUntil?: string;
    /** 'YYYY-MM-DD': a month still running is counted on this day (default today, UTC) */
    today?: string;
  } = {},
): HeadcountMonth[] {
  if (!isMonth(from) || !isMonth(to)) throw new RangeError("getHeadcountSeries: months must be YYYY-MM");
  if (monthDiff(from, to) < 0) return [];
  const last = monthDiff(from, to) >= MAX_HEADCOUNT_MONTHS ? addMonths(from, MAX_HEADCOUNT_MONTHS - 1) : to;
  const until = opts.actualUntil && isMonth(opts.actualUntil) ? opts.actualUntil : "9999-12";
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return db.all<HeadcountMonth>(sql`
    WITH RECURSIVE months(m) AS (
      SELECT ${from}
      UNION ALL
      SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < ${last}
    ),
    bounds AS (SELECT m, date(m || '-01', '+1 month', '-1 day') AS eom,
                      min(date(m || '-01', '+1 month', '-1 day'), ${today}) AS aday FROM months)
    SELECT b.m AS month,
           CASE WHEN b.m <= ${until} THEN
             (SELECT count(*) FROM employees e
               WHERE e.start_date <= b.aday AND (e.end_date IS NULL OR e.end_date > b.aday)) END AS actual,
           (SELECT count(*) FROM employees e
             WHERE e.start_date <= b.eom AND (e.end_date IS NULL OR e.end_date > b.eom))
           + (SELECT count(*) FROM requisitions r
               WHERE r.status NOT IN ('hired', 'cancelled') AND r.target_start_month <= b.m) AS planned
      FROM bounds b
     ORDER BY b.m`);
}

/** First and last months worth charting: earliest employee start → latest requisition target (or now + 12). */
export function getHeadcountRange(db: Db, currentMonth: string): { from: string; to: string } {
  const row = db.get<{ firstStart: string | null; lastTarget: string | null }>(sql`
    SELECT (SELECT substr(min(start_date), 1, 7) FROM employees) AS firstStart,
           (SELECT max(target_start_month) FROM requisitions WHERE status NOT IN ('hired', 'cancelled')) AS lastTarget`);
  let from = row.firstStart && row.firstStart < addMonths(currentMonth, -12) ? row.firstStart : addMonths(currentMonth, -12);
  if (monthDiff(from, currentMonth) > 36) from = addMonths(currentMonth, -36);
  let to = row.lastTarget && row.lastTarget > currentMonth ? row.lastTarget : addMonths(currentMonth, 12);
  if (monthDiff(currentMonth, to) > 36) to = addMonths(currentMonth, 36);
  return { from, to };
}

/** Whether there is anything for the headcount to count (an employee or a requisition). */
export function hasHeadcountData(db: Db): boolean {
  return !!db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM employees UNION ALL SELECT 1 FROM requisitions LIMIT 1`);
}
