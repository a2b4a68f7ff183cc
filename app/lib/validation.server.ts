import { z } from "zod";

/** Shared zod pieces for forms, URL parameters, API bodies and CSV rows (server-only: zod stays out of the browser bundle). */

export const monthSchema = z
  .string({ error: "is required (YYYY-MM)" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");

export const isoDateSchema = z
  .string({ error: "is required (YYYY-MM-DD)" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "is not a real date");

export const idSchema = z.coerce.number({ error: "must be a number" }).int("must be a whole number").positive("must be positive");

/**
 * An HTML checkbox as a browser posts it: ticked sends its value ("on" by default, or "true"/"1"),
 * unticked sends NOTHING — the field is absent, which means false ("false"/"0" are accepted too,
 * for API-style clients). Anything else is refused.
 */
export const checkboxSchema = z
  .enum(["on", "true", "1", "false", "0"], { error: "must be ticked or not" })
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/**
 * A euro amount typed by a person or found in a CSV ("1234.5", "1 234,50", "-200"), to integer cents.
 * Up to 2 decimals; never goes through a float multiplication.
 */
export function eurosToCents(input: string): number | null {
  const s = input.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0") || 0);
  if (!Number.isSafeInteger(cents)) return null;
  return m[1] ? -cents : cents;
}

export const eurosSchema = z
  .string({ error: "is required" })
  .transform((s, ctx) => {
    const cents = eurosToCents(s);
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
  if (!m) return true; // the format check reports it (one message per bad value)
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
  .transform((s) => Date.parse(s));

/** A calendar date (UTC midnight) or an ISO 8601 instant, to UTC milliseconds (URL windows, the DORA API). */
export const dateOrInstantSchema = z.union([isoDateSchema.transform((s) => Date.parse(`${s}T00:00:00Z`)), isoInstantSchema], {
  error: "must be ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z",
});

export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address"));
