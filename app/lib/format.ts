/**
 * Browser-safe formatting of money, numbers, percentages, durations and dates.
 *
 * Everything goes through `Intl` with an explicit locale / currency / time zone (the
 * company's settings; defaults fr-FR, EUR, Europe/Paris), so the server and the browser
 * print the same text. No I/O, no Node APIs.
 *
 * Null handling: every `format*` function that takes a number is overloaded —
 * a `number` gives a `string`; `null | undefined` gives `null`, so a missing figure can
 * flow straight into `KpiTile`'s `value` (which shows "no data"). A non-finite number
 * (NaN, ±Infinity) gives `NO_DATA`, never a fake figure.
 */
import { N_ } from "~/i18n/mark";

export const DEFAULT_LOCALE = "fr-FR";
export const DEFAULT_CURRENCY = "EUR";
export const DEFAULT_TIME_ZONE = "Europe/Paris";

/**
 * Shown wherever there is no figure (never 0 in its place). It is the English text and the
 * translation key (namespace common): a component shows `t(NO_DATA)` / `t("no data")` for a null
 * value, and a non-finite number formats to this key, translated where it is displayed.
 */
export const NO_DATA = N_("no data", "common");

/** The company's formatting settings (same shape as the root loader's `formatting`). */
export type FormatOptions = { locale: string; currency: string; timeZone: string };

export const DEFAULT_FORMAT: FormatOptions = {
  locale: DEFAULT_LOCALE,
  currency: DEFAULT_CURRENCY,
  timeZone: DEFAULT_TIME_ZONE,
};

export type MoneyFormatOptions = {
  locale?: string;
  currency?: string;
  /** compact notation: "1,2 M €", "150 k €" (1 fraction digit at most) */
  compact?: boolean;
  /**
   * Show the cents of an amount that has them ("1 234,56 €"). Only for an exact amount a person
   * entered (a budget line, a snapshot) shown where it is read or edited as such; everywhere else
   * (tiles, monthly figures, totals, derived costs) money is whole euros. See the README's
   * interface conventions.
   */
  exact?: boolean;
  /** fraction digits (overrides `exact`); default: 0, or the currency's (2 for EUR) with `exact` when the amount has cents */
  digits?: number;
  /** always show the sign ("+1 200 €"), for deltas */
  signed?: boolean;
  /** extra Intl options (timeZone etc. are ignored here) — accepted so a `FormatOptions` can be spread in */
  timeZone?: string;
};

export type NumberFormatOptions = {
  locale?: string;
  /** maximum fraction digits (default 1) */
  digits?: number;
  /** minimum fraction digits (default 0) */
  minDigits?: number;
  compact?: boolean;
  signed?: boolean;
  currency?: string;
  timeZone?: string;
};

export type PercentFormatOptions = { locale?: string; signed?: boolean; currency?: string; timeZone?: string };

type LocaleArg = string | { locale?: string } | undefined;

function localeOf(arg: LocaleArg): string {
  if (typeof arg === "string") return arg || DEFAULT_LOCALE;
  return arg?.locale || DEFAULT_LOCALE;
}

// Intl formatters are costly to build (~0.1 ms each); tables format thousands of cells.
/** `make` memoised per locale and options: each formatter is built once per process. */
function cachedPerOptions<O, F>(make: (locale: string, options: O) => F): (locale: string, options: O) => F {
  const cache = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let formatter = cache.get(key);
    if (!formatter) {
      formatter = make(locale, options);
      cache.set(key, formatter);
    }
    return formatter;
  };
}

/** One `Intl.NumberFormat` per locale and options, built once per process. */
export const numberFormat = cachedPerOptions((locale: string, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options));

/** One `Intl.DateTimeFormat` per locale and options, built once per process. */
export const dateFormat = cachedPerOptions((locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options));

/** -0 → 0, so nothing prints as "-0". */
function noNegativeZero(n: number): number {
  return n === 0 ? 0 : n;
}

// ---------------------------------------------------------------------------
// Money

/**
 * Integer cents → money text in the company currency, in whole units unless `exact`:
 * formatMoney(123450) = "1 235 €"; formatMoney(123450, { exact: true }) = "1 234,50 €";
 * formatMoney(15_000_000, { exact: true }) = "150 000 €"; formatMoney(123_456_700, { compact: true }) = "1,2 M €".
 */
export function formatMoney(cents: number, opts?: MoneyFormatOptions): string;
export function formatMoney(cents: number | null | undefined, opts?: MoneyFormatOptions): string | null;
export function formatMoney(cents: number | null | undefined, opts: MoneyFormatOptions = {}): string | null {
  if (cents === null || cents === undefined) return null;
  if (!Number.isFinite(cents)) return NO_DATA;
  const locale = opts.locale || DEFAULT_LOCALE;
  const currency = opts.currency || DEFAULT_CURRENCY;
  const amount = noNegativeZero(cents / 100);
  const options: Intl.NumberFormatOptions = { style: "currency", currency };
  if (opts.signed) options.signDisplay = "exceptZero";
  if (opts.compact) {
    options.notation = "compact";
    options.minimumFractionDigits = 0;
    options.maximumFractionDigits = opts.digits ?? 1;
  } else {
    const digits = opts.digits ?? (opts.exact && !(Number.isInteger(cents) && cents % 100 === 0) ? undefined : 0);
    if (digits !== undefined) {
      options.minimumFractionDigits = digits;
      options.maximumFractionDigits = digits;
    }
  }
  return numberFormat(locale, options).format(amount);
}

// ---------------------------------------------------------------------------
// Numbers and percentages

/** formatNumber(1234.56) = "1 234,6"; formatNumber(1234.56, { locale: "en-US", digits: 2 }) = "1,234.56". */
export function formatNumber(value: number, opts?: NumberFormatOptions): string;
export function formatNumber(value: number | null | undefined, opts?: NumberFormatOptions): string | null;
export function formatNumber(value: number | null | undefined, opts: NumberFormatOptions = {}): string | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) return NO_DATA;
  const max = opts.digits ?? 1;
  const options: Intl.NumberFormatOptions = {
    minimumFractionDigits: Math.min(opts.minDigits ?? 0, max),
    maximumFractionDigits: max,
  };
  if (opts.compact) options.notation = "compact";
  if (opts.signed) options.signDisplay = "exceptZero";
  return numberFormat(localeOf(opts), options).format(noNegativeZero(value));
}

/**
 * A fraction as a percentage with exactly `digits` fraction digits:
 * formatPercent(0.125, 1) = "12,5 %" (fr-FR), formatPercent(0.125, 1, "en-US") = "12.5%".
 * The third argument is a locale or `{ locale, signed }`.
 */
export function formatPercent(fraction: number, digits?: number, opts?: PercentFormatOptions | string): string;
export function formatPercent(fraction: number | null | undefined, digits?: number, opts?: PercentFormatOptions | string): string | null;
export function formatPercent(fraction: number | null | undefined, digits = 0, opts?: PercentFormatOptions | string): string | null {
  if (fraction === null || fraction === undefined) return null;
  if (!Number.isFinite(fraction)) return NO_DATA;
  const options: Intl.NumberFormatOptions = {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  };
  if (typeof opts === "object" && opts.signed) options.signDisplay = "exceptZero";
  return numberFormat(localeOf(opts), options).format(noNegativeZero(fraction));
}

// ---------------------------------------------------------------------------
// Durations

/**
 * A duration in hours, in the unit a person reads best, in the locale's own words (Intl unit style):
 * under 1 h → minutes ("45 min", "< 1 min"); under 48 h → hours with 1 decimal; else days with
 * 1 decimal. fr-FR: "45 min", "3,2 h", "2,5 jours"; en-GB: "45 mins", "3.2 hrs", "2.5 days".
 */
export function formatHours(hours: number, opts?: { locale?: string } | string): string;
export function formatHours(hours: number | null | undefined, opts?: { locale?: string } | string): string | null;
export function formatHours(hours: number | null | undefined, opts?: { locale?: string } | string): string | null {
  if (hours === null || hours === undefined) return null;
  if (!Number.isFinite(hours)) return NO_DATA;
  const locale = localeOf(opts);
  const unit = (name: "minute" | "hour" | "day", display: "short" | "long", value: number) =>
    numberFormat(locale, {
      style: "unit",
      unit: name,
      unitDisplay: display,
      minimumFractionDigits: 0,
      maximumFractionDigits: name === "minute" ? 0 : 1,
    }).format(noNegativeZero(value));
  const abs = Math.abs(hours);
  const sign = hours < 0 ? -1 : 1;
  if (abs === 0) return unit("minute", "short", 0);
  if (abs < 1) {
    const minutes = Math.round(abs * 60);
    if (minutes === 0) return `< ${unit("minute", "short", 1)}`;
    if (minutes < 60) return unit("minute", "short", sign * minutes);
    return unit("hour", "short", sign);
  }
  if (abs < 48) return unit("hour", "short", hours);
  return unit("day", "long", hours / 24);
}

/**
 * How long ago (or in how long) an instant is from `now`, in the locale's words (Intl
 * RelativeTimeFormat): "il y a 3 jours", "3 days ago", "yesterday", "in 2 hours".
 */
export function formatRelative(ms: number, now: number, locale?: string): string;
export function formatRelative(ms: number | null | undefined, now: number, locale?: string): string | null;
export function formatRelative(ms: number | null | undefined, now: number, locale: string = DEFAULT_LOCALE): string | null {
  if (ms === null || ms === undefined) return null;
  if (!Number.isFinite(ms) || !Number.isFinite(now)) return NO_DATA;
  const seconds = (ms - now) / 1000;
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale || DEFAULT_LOCALE, { numeric: "auto" });
  if (abs < 60) return rtf.format(Math.round(seconds), "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / 86_400), "day");
  if (abs < 365 * 86_400) return rtf.format(Math.round(seconds / (30 * 86_400)), "month");
  return rtf.format(Math.round(seconds / (365 * 86_400)), "year");
}

// ---------------------------------------------------------------------------
// Dates

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

type DateInput = number | string | Date;

/**
 * Resolve an input to UTC ms. A bare 'YYYY-MM-DD' is a calendar date, not an instant:
 * it is returned with `calendar: true` and must be formatted in UTC so no time zone
 * shifts it to the day before.
 */
function resolveDate(value: DateInput): { ms: number; calendar: boolean } | null {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? { ms, calendar: false } : null;
  }
  if (typeof value === "number") return Number.isFinite(value) ? { ms: value, calendar: false } : null;
  const s = value.trim();
  const m = ISO_DATE_RE.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const check = new Date(ms);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
    return { ms, calendar: true };
  }
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? { ms, calendar: false } : null;
}

/** A formatter of dates: null or undefined gives null (the caller shows its own blank), invalid input "no data". */
type DateFormatter = {
  (value: DateInput, timeZone?: string, locale?: string): string;
  (value: DateInput | null | undefined, timeZone?: string, locale?: string): string | null;
};

/** The DateFormatter writing a resolved date with `write` (in the zone and locale asked, defaults filled in). */
function dateFormatter(write: (r: { ms: number; calendar: boolean }, timeZone: string, locale: string) => string): DateFormatter {
  return ((value: DateInput | null | undefined, timeZone?: string, locale?: string) => {
    if (value === null || value === undefined) return null;
    const r = resolveDate(value);
    return r ? write(r, timeZone || DEFAULT_TIME_ZONE, locale ?? DEFAULT_LOCALE) : NO_DATA;
  }) as DateFormatter;
}

/**
 * An instant (UTC ms, Date, ISO 8601 string) or a calendar date ('YYYY-MM-DD') as a date:
 * formatDate(ms, "Europe/Paris", "fr-FR") = "1 juin 2024"; "en-GB" → "1 Jun 2024".
 * Invalid input → "no data".
 */
export const formatDate = dateFormatter((r, timeZone, locale) =>
  unbreakable(dateFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: r.calendar ? "UTC" : timeZone }).format(r.ms)),
);

/**
 * Spaces → no-break spaces: a date ("30 nov. 2026") or a time never breaks across two lines. The
 * narrow no-break space Node's ICU writes before "PM" (en-US) is one too: Chromium's ICU writes a
 * plain space there, and the two must render the same text or hydration fails.
 */
function unbreakable(s: string): string {
  return s.replace(/[ \u202f]/g, "\u00a0");
}

/** An instant as date and time in the zone: "1 juin 2024, 14:05". A calendar date prints as formatDate. */
export const formatDateTime = dateFormatter((r, timeZone, locale) => {
  if (r.calendar) return formatDate(r.ms, "UTC", locale);
  const parts = dateFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).formatToParts(r.ms);
  // the date and the time each stay on one line; a narrow cell wraps between them only
  const timeStart = parts.findIndex((p) => p.type === "hour");
  return parts.map((p, i) => (i === timeStart - 1 && p.type === "literal" ? p.value : unbreakable(p.value))).join("");
});

/**
 * A 'YYYY-MM' calendar month: formatMonth("2024-06", "fr-FR") = "juin 2024", "en-US" → "Jun 2024";
 * style "long" → "June 2024". Not a month → "no data".
 */
export function formatMonth(month: string, locale?: string, style?: "short" | "long"): string;
export function formatMonth(month: string | null | undefined, locale?: string, style?: "short" | "long"): string | null;
export function formatMonth(month: string | null | undefined, locale: string = DEFAULT_LOCALE, style: "short" | "long" = "short"): string | null {
  if (month === null || month === undefined) return null;
  const m = MONTH_RE.exec(month.trim());
  if (!m) return NO_DATA;
  return dateFormat(locale || DEFAULT_LOCALE, { month: style, year: "numeric", timeZone: "UTC" }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

// ---------------------------------------------------------------------------
// Euros ⇄ cents (CSV and form input)

// optional sign, integer part either plain digits or groups of 3 separated by a space
// (regular, no-break or narrow no-break), then optionally "." or "," and 1–2 digits.
const EUROS_RE = /^([+-]?)(\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:[.,](\d{1,2}))?$/;
// one euro sign before or after the amount, with or without a space: "€12", "€ 12", "12 €", "12€"
const EURO_SIGN_RE = /^€[ \u00a0\u202f]?(?=\S)|(?<=\S)[ \u00a0\u202f]?€$/;

/**
 * THE money parser (decision 020): an amount in euros typed by a person, posted by a form or found
 * in a CSV, strictly, into integer cents. Every form field, CSV column and API value in euros goes
 * through it (`eurosSchema` in lib/validation.server.ts wraps it for zod).
 * Accepted: "1234.5" → 123450, "1234.56", "1 234,56" (groups of 3 separated by a space, no-break
 * space or narrow no-break space — what the French display writes), "-12" → -1200, "−12,30" (the
 * typographic minus), "+7.5", "0,05" → 5, one euro sign before or after ("1 234,56 €", "€12"),
 * blanks around the whole.
 * Refused (null): empty, letters, a second sign or euro sign, more than 2 decimals, "1.234"
 * (3 decimals: a thousands dot is not read), "1,234.50" and "1.234,50" (mixed separators),
 * badly grouped digits ("1 23", "12 34,5"), ".5", "5.", exponents, beyond Number.MAX_SAFE_INTEGER cents.
 * Computed on digit strings, so there is no floating-point error. Whether negative amounts are
 * allowed is the caller's rule (e.g. `nonNegativeEurosSchema`).
 */
export function centsFromEuros(input: string): number | null {
  if (typeof input !== "string") return null;
  const s = input
    .trim()
    .replace(EURO_SIGN_RE, "")
    .replace(/^\u2212/, "-"); // accept the typographic minus sign
  const m = EUROS_RE.exec(s);
  if (!m) return null;
  const negative = m[1] === "-";
  const whole = m[2].replace(/[ \u00a0\u202f]/g, "");
  const frac = (m[3] ?? "").padEnd(2, "0");
  const digits = (whole + frac).replace(/^0+(?=\d)/, "");
  if (digits.length > 16) return null;
  const cents = Number(digits);
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}

/** Integer cents → plain euros for CSV and form values: 123450 → "1234.50", -5 → "-0.05". */
export function eurosFromCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`eurosFromCents: not an integer number of cents: ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}
