/** The demo's seed, calendar (anchor day, closed and forecast months) and people (pure). */
import { DAY, addMonths, dateToMs, daysInMonth, isoDate, lastDayOf, monthOf, monthStart, utcDayStart } from "../calendar";
import { EMPLOYEES, type TeamName } from "../demo-data";
import { createRng, hashString, type Rng } from "../prng";
import { COMPANY_SETTINGS_DEFAULTS } from "../reference";

/** Fixed PRNG seed of the demo data set. */
export const DEMO_SEED = 0x1e2024;
/** Closed months (with a finance snapshot) ending with the month before the anchor day. */
export const CLOSED_MONTHS = 14;
/** Planned-only months after the last closed month. */
export const FORECAST_MONTHS = 12;
export const OPENING_CASH_CENTS = 650_000_00;
export const SERIES_A_CENTS = 5_000_000_00;
export const SERIES_A_MONTH_INDEX = 1;
export const LOADED = COMPANY_SETTINGS_DEFAULTS.loadedCostFactor;

export type SeedDemoResult = { seeded: boolean; reason?: string };

/** A PRNG stream per domain, so a change in one domain does not reshuffle the others. */
export function rngFor(label: string): Rng {
  return createRng((DEMO_SEED ^ hashString(label)) >>> 0);
}

// ====================================================================== calendar

export type DemoCalendar = {
  /** `now` truncated to the UTC day; all generated instants are before it */
  anchor: number;
  currentMonth: string;
  lastClosedMonth: string;
  closedMonths: string[];
  forecastMonths: string[];
};

export function demoCalendar(now: number): DemoCalendar {
  const anchor = utcDayStart(now);
  const currentMonth = monthOf(anchor);
  const lastClosedMonth = addMonths(currentMonth, -1);
  const closedMonths = Array.from({ length: CLOSED_MONTHS }, (_, i) => addMonths(lastClosedMonth, i - CLOSED_MONTHS + 1));
  const forecastMonths = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(currentMonth, i));
  return { anchor, currentMonth, lastClosedMonth, closedMonths, forecastMonths };
}

// ====================================================================== people (pure)

export type GenEmployee = { name: string; team: TeamName; title: string; startDate: string; endDate: string | null; salaryCents: number };

export function generateEmployees(cal: DemoCalendar): GenEmployee[] {
  return EMPLOYEES.map((e) => ({
    name: e.name,
    team: e.team,
    title: e.title,
    startDate: `${addMonths(cal.currentMonth, -e.startMonthsAgo)}-${String(e.startDay).padStart(2, "0")}`,
    endDate: e.endMonthsAgo === undefined ? null : lastDayOf(addMonths(cal.currentMonth, -e.endMonthsAgo)),
    salaryCents: e.salaryK * 1000_00,
  }));
}

/** Share of a month an employee was on the payroll (0–1). */
export function payrollShare(e: { startDate: string; endDate: string | null }, month: string): number {
  const first = monthStart(month);
  const last = first + (daysInMonth(month) - 1) * DAY;
  const from = Math.max(first, dateToMs(e.startDate));
  const to = Math.min(last, e.endDate ? dateToMs(e.endDate) : last);
  if (to < from) return 0;
  return ((to - from) / DAY + 1) / daysInMonth(month);
}

export function headcountOn(employees: readonly GenEmployee[], at: number): number {
  const date = isoDate(at);
  return employees.filter((e) => e.startDate <= date && (e.endDate === null || e.endDate >= date)).length;
}
