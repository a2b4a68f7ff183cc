import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { currentLocale, serverT } from "~/i18n/translate.server";
import { dateOrder, isoFromDateText, isoFromMonthText, type DateOrder } from "~/lib/date-order";
import { centsFromEuros } from "~/lib/format";
import { DAY_MS as MS_PER_DAY } from "~/lib/time";

/**
 * Shared zod pieces for forms, URL parameters, API bodies and CSV rows (server-only: zod stays out of the browser bundle).
 *
 * Messages are in the request's language (docs/decisions/023): a fixed one is marked `N_("…")` and
 * translated where the issue is reported (parseForm, fieldError); one with values is a function
 * `{ error: () => serverT("…", values) }`, run when the input is parsed, i.e. inside the request.
 */

/**
 * zod's own messages ("Invalid input: expected string, received undefined"), for a schema that
 * names none, in our words and the request's language (zod calls this only where the schema gives
 * no message of its own).
 */
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case "invalid_type":
        return iss.input === undefined ? serverT("is required") : serverT("is not valid");
      case "too_small":
        if (iss.origin === "string")
          return Number(iss.minimum) <= 1 ? serverT("is required") : serverT("must be at least {{count}} characters", { count: Number(iss.minimum) });
        if (iss.origin === "array" || iss.origin === "set") return serverT("must have at least {{count}} items", { count: Number(iss.minimum) });
        return serverT("must be at least {{min}}", { min: String(iss.minimum) });
      case "too_big":
        if (iss.origin === "string") return serverT("must be at most {{count}} characters", { count: Number(iss.maximum) });
        if (iss.origin === "array" || iss.origin === "set") return serverT("must have at most {{count}} items", { count: Number(iss.maximum) });
        return serverT("must be at most {{max}}", { max: String(iss.maximum) });
      case "invalid_value":
        return serverT("is not one of the allowed values");
      case "invalid_format":
        return iss.format === "email" ? serverT("must be an email address") : serverT("is not in the expected format");
      case "unrecognized_keys":
        return serverT("has unknown fields: {{keys}}", { keys: iss.keys.join(", ") });
      default:
        return serverT("is not valid");
    }
  },
});

/**
 * Every date this product stores lies in these years: a start-up's history and plans. Anything outside
 * is a typo (0001-01-01, 2999-01-01) and is refused with a field message rather than stored.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** "must be between 2000 and 2100", in the request's language (a zod `error` function: built when the input is parsed). */
const YEAR_MESSAGE = { error: () => serverT("must be between {{min}} and {{max}}", { min: MIN_YEAR, max: MAX_YEAR }) };
const inYearRange = (s: string) => {
  const y = Number(s.slice(0, 4));
  return y >= MIN_YEAR && y <= MAX_YEAR;
};
/** Clock skew allowed into the future for instants that record something that happened. */
export const FUTURE_SLACK_MS = MS_PER_DAY;

/**
 * A date as a person types it in the page's locale ("31/12/2026" in fr-FR and en-GB, "12/31/2026"
 * in en-US; lib/date-order.ts) → "2026-12-31"; anything else (the ISO form a script or an old form
 * posts, or garbage) is returned trimmed and unchanged, for the ISO checks to accept or refuse.
 */
export function normalizeDateInput(input: string, order: DateOrder = dateOrder(currentLocale())): string {
  return isoFromDateText(input, order);
}

/** A month as a person types it ("12/2026", "3/2026") → "2026-12"; anything else trimmed and unchanged. */
export function normalizeMonthInput(input: string): string {
  return isoFromMonthText(input);
}

/** A calendar month: "2026-12" or as typed in the page's locale ("12/2026"), to "YYYY-MM". */
export const monthSchema = z
  .string({ error: N_("is required (YYYY-MM)") })
  .transform((s) => normalizeMonthInput(s))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, N_("must be a month as YYYY-MM"))
      .refine(inYearRange, YEAR_MESSAGE),
  );

/** A calendar date: "2026-12-31" or as typed in the page's locale ("31/12/2026"), to "YYYY-MM-DD". */
export const isoDateSchema = z
  .string({ error: N_("is required (YYYY-MM-DD)") })
  .transform((s) => normalizeDateInput(s))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, N_("must be a date as YYYY-MM-DD"))
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      }, N_("is not a real date"))
      .refine(inYearRange, YEAR_MESSAGE),
  );

/** A date of something that already happened (a measurement, an assessment): not after today (+1 day of clock skew). */
export const pastIsoDateSchema = isoDateSchema.refine(
  (s) => !inYearRange(s) || Date.parse(`${s}T00:00:00Z`) <= Date.now() + FUTURE_SLACK_MS,
  N_("must not be in the future"),
);

/**
 * A whole number as typed or posted: digits only, with an optional sign ("12", "-3", " 7 "); never
 * "1e1", "0x5", "12.0", "Infinity" or "" — z.coerce.number would read those as 10, 5, 12, Infinity and 0.
 * JSON numbers (API bodies) are accepted when they are safe integers.
 */
export function intSchema(opts: { min?: number; max?: number; message?: string } = {}) {
  const message = opts.message ?? (opts.min === 1 ? N_("must be a number") : N_("must be a whole number"));
  // built when the input is parsed (inside the request), so in the reader's language
  const range = () =>
    opts.min !== undefined && opts.max !== undefined
      ? serverT("must be from {{min}} to {{max}}", { min: opts.min, max: opts.max })
      : opts.min !== undefined
        ? opts.min === 1
          ? serverT("must be positive")
          : serverT("must be at least {{min}}", { min: opts.min })
        : serverT("must be at most {{max}}", { max: opts.max });
  return z.union([z.string(), z.number()], { error: message }).transform((v, ctx) => {
    const s = typeof v === "number" ? String(v) : v.trim();
    if (!/^[+-]?\d{1,15}$/.test(s) || !Number.isSafeInteger(Number(s))) {
      // "1.5" is a number, just not a whole one (unless the caller gave one message for everything)
      ctx.addIssue({ code: "custom", message: opts.message === undefined && /^[+-]?\d+\.\d+$/.test(s) ? N_("must be a whole number") : message });
      return z.NEVER;
    }
    const n = Number(s);
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      ctx.addIssue({ code: "custom", message: opts.message && opts.min !== undefined && opts.max !== undefined ? opts.message : range() });
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
  const message = opts.message ?? N_("must be a number");
  return z.union([z.string(), z.number()], { error: message }).transform((v, ctx) => {
    const n = typeof v === "number" ? (Number.isFinite(v) ? v : null) : parseDecimalInput(v);
    if (n === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    const fromTo = () => serverT("must be from {{min}} to {{max}}", { min: opts.min, max: opts.max });
    if (opts.gt !== undefined && !(n > opts.gt)) ctx.addIssue({ code: "custom", message: serverT("must be above {{gt}}", { gt: opts.gt }) });
    else if (opts.min !== undefined && n < opts.min)
      ctx.addIssue({ code: "custom", message: opts.max !== undefined ? fromTo() : serverT("must be at least {{min}}", { min: opts.min }) });
    else if (opts.max !== undefined && n > opts.max)
      ctx.addIssue({ code: "custom", message: opts.min !== undefined ? fromTo() : serverT("must be at most {{max}}", { max: opts.max }) });
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
  .enum(["on", "true", "1", "false", "0"], { error: N_("must be ticked or not") })
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** An amount in euros → integer cents, by the one money parser (`centsFromEuros`, lib/format.ts: what it accepts and refuses). */
export const eurosSchema = z.string({ error: N_("is required") }).transform((s, ctx) => {
  const cents = centsFromEuros(s);
  if (cents === null) {
    ctx.addIssue({ code: "custom", message: N_("must be an amount in euros with up to 2 decimals") });
    return z.NEVER;
  }
  return cents;
});

export const nonNegativeEurosSchema = eurosSchema.refine((c) => c >= 0, N_("must not be negative"));

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
  .string({ error: N_("is required (ISO 8601)") })
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: N_("must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z"),
  })
  .refine(realCalendarTime, { message: N_("is not a real date and time") })
  .refine((s) => !/^\d{4}-/.test(s) || inYearRange(s), YEAR_MESSAGE)
  .transform((s) => Date.parse(s));

/** A calendar date (UTC midnight) or an ISO 8601 instant, to UTC milliseconds (URL windows, the DORA API). */
export const dateOrInstantSchema = z.union([isoDateSchema.transform((s) => Date.parse(`${s}T00:00:00Z`)), isoInstantSchema], {
  error: N_("must be ISO 8601, e.g. 2026-01-01 or 2026-01-01T00:00:00Z"),
});

/** An email address as typed (trimmed, lower-cased); at most 254 characters, the longest an address can be (RFC 5321). */
export const emailSchema = z
  .string({ error: N_("is required") })
  .trim()
  .toLowerCase()
  .pipe(z.email(N_("must be an email address")).max(254, { error: () => serverT("must be at most {{count}} characters", { count: 254 }) }));

export type OptionalTextOptions = {
  /** what an absent field becomes: `undefined` (default; the key is left out) or `null` (stored as SQL NULL) */
  absent?: "undefined" | "null";
  /** keep "" as the empty text instead of counting it as absent (default false: "" is absent) */
  keepEmpty?: boolean;
  /** the too-long message, for a domain with its own wording (default: the shared one, in the reader's language) */
  tooLong?: (max: number) => string;
};

const textAtMost = (max: number, tooLong: OptionalTextOptions["tooLong"]) =>
  z.string().max(max, { error: () => (tooLong ? tooLong(max) : serverT("must be at most {{max}} characters", { max })) });
const absentAsUndefined = (max: number, o: OptionalTextOptions) =>
  z.preprocess((v) => (!o.keepEmpty && v === "" ? undefined : v), textAtMost(max, o.tooLong).optional());
const absentAsNull = (max: number, o: OptionalTextOptions) =>
  z.preprocess((v) => (v === undefined || (!o.keepEmpty && v === "") ? null : v), textAtMost(max, o.tooLong).nullable());

/**
 * An optional text of at most `max` characters. By default "" and a missing field are absent
 * (`undefined`); `absent: "null"` makes them `null`; `keepEmpty` keeps "" as "" (only a missing field is absent).
 */
export function optionalTextSchema(max: number, options?: OptionalTextOptions & { absent?: "undefined" }): ReturnType<typeof absentAsUndefined>;
export function optionalTextSchema(max: number, options: OptionalTextOptions & { absent: "null" }): ReturnType<typeof absentAsNull>;
export function optionalTextSchema(max: number, options: OptionalTextOptions = {}) {
  return options.absent === "null" ? absentAsNull(max, options) : absentAsUndefined(max, options);
}
