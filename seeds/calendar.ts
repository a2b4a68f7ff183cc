/** UTC calendar helpers for the seeds: instants are UTC ms, months 'YYYY-MM', dates 'YYYY-MM-DD'. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Start of the UTC day containing `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** 'YYYY-MM-DD' of an instant (UTC). */
export function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** 'YYYY-MM' of an instant (UTC). */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
}

function parseMonth(month: string): { year: number; monthIndex: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`not a 'YYYY-MM' month: ${month}`);
  return { year: Number(m[1]), monthIndex: Number(m[2]) - 1 };
}

/** First instant of a 'YYYY-MM' month (UTC). */
export function monthStart(month: string): number {
  const { year, monthIndex } = parseMonth(month);
  return Date.UTC(year, monthIndex, 1);
}

/** 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number): string {
  const { year, monthIndex } = parseMonth(month);
  return monthOf(Date.UTC(year, monthIndex + n, 1));
}

export function daysInMonth(month: string): number {
  const { year, monthIndex } = parseMonth(month);
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' of the first / last day of a month. */
export function firstDayOf(month: string): string {
  return `${month}-01`;
}
export function lastDayOf(month: string): string {
  return `${month}-${pad2(daysInMonth(month))}`;
}

/** Midnight UTC of a 'YYYY-MM-DD' date. */
export function dateToMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a 'YYYY-MM-DD' date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(date: string, n: number): string {
  return isoDate(dateToMs(date) + n * DAY);
}

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

export function quarterOf(ms: number): Quarter {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), quarter: (Math.floor(d.getUTCMonth() / 3) + 1) as Quarter["quarter"] };
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
}

/** e.g. "2026-Q4", with inclusive 'YYYY-MM-DD' bounds. */
export function quarterInfo(q: Quarter): { name: string; startDate: string; endDate: string } {
  const firstMonth = `${q.year}-${pad2((q.quarter - 1) * 3 + 1)}`;
  return {
    name: `${q.year}-Q${q.quarter}`,
    startDate: firstDayOf(firstMonth),
    endDate: lastDayOf(addMonths(firstMonth, 2)),
  };
}

/** 0 = Sunday … 6 = Saturday (UTC). */
export function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}
