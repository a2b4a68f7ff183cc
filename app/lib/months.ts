/**
 * Calendar-month helpers on 'YYYY-MM' strings and 'YYYY-MM-DD' dates.
 *
 * Month arithmetic is done on integers (year × 12 + monthIndex), never on local
 * `Date`s, so there is no time-zone or DST trap. Day arithmetic uses UTC only.
 * Invalid input throws a RangeError (a programming error, not a user error).
 */
import { DAY_MS as MS_PER_DAY } from "~/lib/time";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ISO_DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True when `s` is a 'YYYY-MM' calendar month (month 01–12). */
export function isMonth(s: unknown): s is string {
  return typeof s === "string" && MONTH_RE.test(s);
}

/** True when `s` is a real 'YYYY-MM-DD' calendar date (e.g. rejects 2023-02-29). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const m = ISO_DATE_RE.exec(s);
  if (!m) return false;
  const day = Number(m[3]);
  return day <= daysInMonth(`${m[1]}-${m[2]}`);
}

function assertMonth(m: string): void {
  if (!isMonth(m)) throw new RangeError(`Invalid month (expected 'YYYY-MM'): ${JSON.stringify(m)}`);
}

function assertIsoDate(d: string): void {
  if (!isIsoDate(d)) throw new RangeError(`Invalid date (expected 'YYYY-MM-DD'): ${JSON.stringify(d)}`);
}

/** 'YYYY-MM' → year × 12 + (month − 1). */
function toIndex(m: string): number {
  assertMonth(m);
  return Number(m.slice(0, 4)) * 12 + (Number(m.slice(5, 7)) - 1);
}

/** year × 12 + (month − 1) → 'YYYY-MM'. */
function fromIndex(i: number): string {
  const year = Math.floor(i / 12);
  const month = i - year * 12 + 1;
  if (year < 0 || year > 9999) throw new RangeError(`Month out of range: year ${year}`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** `m` shifted by `n` calendar months (n may be negative). addMonths('2024-11', 3) = '2025-02'. */
export function addMonths(m: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  return fromIndex(toIndex(m) + n);
}

/** b − a in calendar months. monthDiff('2024-11', '2025-02') = 3. */
export function monthDiff(a: string, b: string): number {
  return toIndex(b) - toIndex(a);
}

/** Inclusive list of months from `from` to `to`; [] when from > to. */
export function monthRange(from: string, to: string): string[] {
  const start = toIndex(from);
  const end = toIndex(to);
  const out: string[] = [];
  for (let i = start; i <= end; i++) out.push(fromIndex(i));
  return out;
}

/** The month before `m`. previousMonth('2024-01') = '2023-12'. */
export function previousMonth(m: string): string {
  return addMonths(m, -1);
}

/** The month after `m`. nextMonth('2024-12') = '2025-01'. */
export function nextMonth(m: string): string {
  return addMonths(m, 1);
}

/** Number of days in month `m` (leap years: divisible by 4, except centuries not divisible by 400). */
export function daysInMonth(m: string): number {
  const i = toIndex(m);
  const year = Math.floor(i / 12);
  const month = (i % 12) + 1;
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Last calendar day of `m` as 'YYYY-MM-DD'. lastDayOfMonth('2024-02') = '2024-02-29'. */
export function lastDayOfMonth(m: string): string {
  return `${m}-${String(daysInMonth(m)).padStart(2, "0")}`;
}

/** First calendar day of `m` as 'YYYY-MM-DD'. */
export function firstDayOfMonth(m: string): string {
  assertMonth(m);
  return `${m}-01`;
}

function isoDateToUtcMs(d: string): number {
  assertIsoDate(d);
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function utcMsToIsoDate(ms: number): string {
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${String(y).padStart(4, "0")}-${String(dt.getUTCMonth() + 1).padStart(2, "0")}-${String(dt.getUTCDate()).padStart(2, "0")}`;
}

/** 'YYYY-MM-DD' + n days (UTC, n may be negative). addDaysToIsoDate('2024-06-30', 304) = '2025-04-30'. */
export function addDaysToIsoDate(d: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDaysToIsoDate: n must be an integer, got ${n}`);
  return utcMsToIsoDate(isoDateToUtcMs(d) + n * MS_PER_DAY);
}

/** b − a in days between two 'YYYY-MM-DD' dates (UTC). dayDiff('2024-12-31', '2025-01-01') = 1. */
export function dayDiff(a: string, b: string): number {
  return Math.round((isoDateToUtcMs(b) - isoDateToUtcMs(a)) / MS_PER_DAY);
}

/** The UTC calendar month 'YYYY-MM' containing the instant `ms` (epoch milliseconds). */
export function monthOf(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`monthOf: invalid timestamp ${ms}`);
  const dt = new Date(ms);
  return fromIndex(dt.getUTCFullYear() * 12 + dt.getUTCMonth());
}

/** Calendar quarter of `m`, e.g. quarterOf('2024-08') = '2024-Q3'. */
export function quarterOf(m: string): string {
  const i = toIndex(m);
  return `${m.slice(0, 4)}-Q${Math.floor((i % 12) / 3) + 1}`;
}

/** How many months the budget grid shows at a time (they fit a 1440 px screen) and pages by. */
export const BUDGET_PAGE_MONTHS = 6;

/**
 * The months the budget grid opens on: the ones that matter now — the latest closed months and
 * the current month (the one being spent), ending with whichever is later. Future months, planned
 * only, are a "Next" click away.
 */
export function defaultBudgetRange(latestClosed: string | null, current: string, span = BUDGET_PAGE_MONTHS): { from: string; to: string } {
  const to = latestClosed && latestClosed > current ? latestClosed : current;
  return { from: addMonths(to, -(span - 1)), to };
}

/**
 * The fiscal year a month belongs to, named by the calendar year it starts in: with a fiscal year
 * starting in April (startMonth 4), 2026-03 is in FY 2025 and 2026-04 in FY 2026.
 */
export function fiscalYearOf(m: string, startMonth: number): number {
  assertMonth(m);
  const year = Number(m.slice(0, 4));
  return Number(m.slice(5, 7)) >= startMonth ? year : year - 1;
}

/** The first and last months of fiscal year `year` (startMonth 1–12). */
export function fiscalYearMonths(year: number, startMonth: number): { from: string; to: string } {
  const from = `${String(year).padStart(4, "0")}-${String(startMonth).padStart(2, "0")}`;
  return { from, to: addMonths(from, 11) };
}

/** "2026" for a calendar fiscal year, "2026–27" for one starting in another month. */
export function fiscalYearLabel(year: number, startMonth: number): string {
  return startMonth === 1 ? String(year) : `${year}–${String((year + 1) % 100).padStart(2, "0")}`;
}
