import { z } from "zod";
import { centsFromEuros } from "~/lib/format";
import { DAY_MS as MS_PER_DAY } from "~/lib/time";

/** Shared zod pieces for forms, URL parameters, API bodies and CSV rows (server-only: zod stays out of the browser bundle). */

/**
 * Every date this product stores lies in these years: a start-up's history and plans. Anything outside
 * is a typo (0001-01-01, 2999-01-01) and is refused with a field message rather than stored.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const YEAR_MESSAGE = `must be between ${MIN_YEAR} and ${MAX_YEAR}`;
const inYearRange = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
/** Clock skew allowed into the future for instants that record something that happened. */
export const FUTURE_SLACK_MS = MS_PER_DAY;

export const monthSchema = z
  .string({ error: "is required (YYYY-MM)" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM")
  .refine(inYearRange, YEAR_MESSAGE);

export const isoDateSchema = z
  .string({ error: "is required (YYYY-MM-DD)" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real date")
  .refine(inYearRange, YEAR_MESSAGE);

/** A date of something that already happened (a measurement, an assessment): not after today (+1 day of clock skew). */
export const pastIsoDateSchema = isoDateSchema.refine(
  (s) => !inYearRange(s) || Date.parse(`${s}T00:00:00Z`) <= Date.now() + FUTURE_SLACK_MS,
  "must not be in the future",
);

/**
 * A whole number as typed or posted: digits only, with an optional sign ("12", "-3", " 7 "); never
 * "1e1", "0x5", "12.0", "Infinity" or "" — z.coerce.number would read those as 10, 5, 12, Infinity and 0.
 * JSON numbers (API bodies) are accepted when they are safe integers.
 */
export function intSchema(opts: { min?: number; max?: number; message?: string } = {}) {
  const message = opts.message ?? (opts.min === 1 ? "must be a number" : "must be a whole number");
  const range =
    opts.min !== undefined && opts.max !== undefined
      ? `must be from ${opts.min} to ${opts.max}`
      : opts.min !== undefined
        ? opts.min === 1
          ? "must be positive"
          : `must be at least ${opts.min}`
        : `must be at most ${opts.max}`;
  return z.union([z.string(), z.number()], { error: message }).transform((v, ctx) => {
    const s = typeof v === "number" ? String(v) : v.trim();
    if (!/^[+-]?\d{1,15}$/.test(s) || !Number.isSafeInteger(Number(s))) {
      // "1.5" is a number, just not a whole one (unless the caller gave one message for everything)
      ctx.addIssue({ code: "custom", message: opts.message === undefined && /^[+-]?\d+\.\d+$/.test(s) ? "must be a whole number" : message });
      return z.NEVER;
    }
    const n = Number(s);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      ctx.addIssue({ code: "custom", message: opts.message && opts.min !== undefined && opts.max !== undefined ? opts.message : range });
      return z.NEVER;
    }
    return n;
  });
}

/**
 * A decimal number typed by a person: "1234.5", "1 234,5", "-3", "0.25" (spaces as thousands
 * separators, a comma or a point as the decimal mark). Never exponents, hex, NaN or Infinity.
 */
export function parseDecimalInput(input: string): number | null {
  const s = input
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace("\u2212", "-")
    .replace(",", ".");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : null;
}

/** A decimal number field (see parseDecimalInput), optionally bounded. JSON numbers are accepted when finite. */
export function decimalSchema(opts: { min?: number; max?: number; gt?: number; message?: string } = {}) {
  const message = opts.message ?? "must be a number";
  return z.union([z.string(), z.number()], { error: message }).transform((v, ctx) => {
    const n = typeof v === "number" ? (Number.isFinite(v) ? v : null) : parseDecimalInput(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    if (opts.gt !== undefined && !(n > opts.gt)) ctx.addIssue({ code: "custom", message: `must be above ${opts.gt}` });
    else if (opts.min !== undefined && n < opts.min)
      ctx.addIssue({ code: "custom", message: opts.max !== undefined ? `must be from ${opts.min} to ${opts.max}` : `must be at least ${opts.min}` });
    else if (opts.max !== undefined && n > opts.max)
      ctx.addIssue({ code: "custom", message: opts.min !== undefined ? `must be from ${opts.min} to ${opts.max}` : `must be at most ${opts.max}` });
    return n;
  });
}

/** A row id (URL segment, form field, JSON): a positive whole number, strictly parsed. */
export const idSchema = intSchema({ min: 1 });

/**
 * An HTML checkbox as a browser posts it: ticked sends its value ("on" by default, or "true"/"1"),
 * unticked sends NOTHING — the field is absent, which means false ("false"/"0" are accepted too,
 * for API-style clients). Anything else is refused.
 */
export const checkboxSchema = z
  .enum(["on", "true", "1", "false", "0"], { error: "must be ticked or not" })
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** An amount in euros → integer cents, by the one money parser (`centsFromEuros`, lib/format.ts: what it accepts and refuses). */
export const eurosSchema = z.string({ error: "is required" }).transform((s, ctx) => {
  const cents = centsFromEuros(s);
  if (cents === null) {
    ctx.addIssue({ code: "custom", message: "must be an amount in euros with up to 2 decimals" });
    return z.NEVER;
  }
  return cents;
});

export const nonNegativeEurosSchema = eurosSchema.refine((c) => c >= 0, "must not be negative");

/** Date.parse rolls 2025-02-30 over to March: check the calendar fields themselves. */
function realCalendarTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  if (!m || !inYearRange(s)) return true; // the format or year check reports it (one message per bad value)
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && h <= 23 && mi <= 59 && sec <= 59;
}

/** An ISO 8601 instant (with a time zone or Z), a real calendar date and time, to UTC milliseconds. */
export const isoInstantSchema = z
  .string({ error: "is required (ISO 8601)" })
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z",
  })
  .refine(realCalendarTime, { message: "is not a real date and time" })
  .refine((s) => !/^\d{4}-/.test(s) || inYearRange(s), { message: YEAR_MESSAGE })
  .transform((s) => Date.parse(s));

/** A calendar date (UTC midnight) or an ISO 8601 instant, to UTC milliseconds (URL windows, the DORA API). */
export const dateOrInstantSchema = z.union([isoDateSchema.transform((s) => Date.parse(`${s}T00:00:00Z`)), isoInstantSchema], {
  error: "must be ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z",
});

/** An email address as typed (trimmed, lower-cased); at most 254 characters, the longest an address can be (RFC 5321). */
export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address").max(254, "must be at most 254 characters"));
