import { describe, expect, it } from "vitest";
import { itMaps } from "../../tests/helpers/mapping";
import {
  NO_DATA,
  centsFromEuros,
  eurosFromCents,
  formatDate,
  formatDateTime,
  formatHours,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRelative,
} from "./format";

/** Intl puts no-break / narrow no-break spaces in fr-FR output; compare with plain spaces. */
const plain = (s: string | null) => (s === null ? null : s.replace(/[\u00a0\u202f]/g, " "));

describe("formatMoney", () => {
  it.each<[number, Parameters<typeof formatMoney>[1], string]>([
    // whole euros unless the amount is an exact entered one
    [123450, undefined, "1 235 €"],
    [6_976_559, undefined, "69 766 €"],
    [123450, { exact: true }, "1 234,50 €"],
    [15_000_000, undefined, "150 000 €"],
    [15_000_000, { exact: true }, "150 000 €"],
    [5, undefined, "0 €"],
    [5, { exact: true }, "0,05 €"],
    [-123450, { exact: true }, "-1 234,50 €"],
    [-123450, undefined, "-1 235 €"],
    [0, undefined, "0 €"],
    [-0, undefined, "0 €"],
    [123_456_700, { compact: true }, "1,2 M €"],
    [15_000_000, { compact: true }, "150 k €"],
    [95_000, { compact: true }, "950 €"],
    [123450, { locale: "en-US", currency: "EUR", exact: true }, "€1,234.50"],
    [123450, { locale: "en-US", currency: "USD", exact: true }, "$1,234.50"],
    [123450, { locale: "en-US", currency: "USD" }, "$1,235"],
    [123_456_700, { locale: "en-US", compact: true }, "€1.2M"],
    [123456, { digits: 0 }, "1 235 €"],
    [120000, { signed: true }, "+1 200 €"],
  ])("%s cents %j → %s", (cents, opts, expected) => {
    expect(plain(formatMoney(cents, opts))).toBe(expected);
  });

  it("keeps null as null and non-finite as no data", () => {
    expect(formatMoney(null)).toBeNull();
    expect(formatMoney(undefined)).toBeNull();
    expect(formatMoney(Number.NaN)).toBe(NO_DATA);
  });

  it("accepts the root loader's formatting object", () => {
    const formatting = { locale: "en-GB", currency: "EUR", timeZone: "Europe/London" };
    expect(plain(formatMoney(100, formatting))).toBe("€1");
  });
});

describe("formatNumber", () => {
  it.each<[number, Parameters<typeof formatNumber>[1], string]>([
    [1234.56, undefined, "1 234,6"],
    [1234.56, { locale: "en-US", digits: 2 }, "1,234.56"],
    [3, { digits: 2, minDigits: 2 }, "3,00"],
    [1_500_000, { locale: "en-US", compact: true }, "1.5M"],
    [2.5, { signed: true, locale: "en-US" }, "+2.5"],
    [0, { signed: true, locale: "en-US" }, "0"],
  ])("%s %j → %s", (n, opts, expected) => {
    expect(plain(formatNumber(n, opts))).toBe(expected);
  });
  it("null → null", () => expect(formatNumber(null)).toBeNull());
});

describe("formatPercent", () => {
  it.each<[number, number | undefined, Parameters<typeof formatPercent>[2], string]>([
    [0.125, 1, undefined, "12,5 %"],
    [0.125, undefined, undefined, "13 %"],
    [0.125, 1, "en-US", "12.5%"],
    [0.05, 1, { locale: "en-US" }, "5.0%"],
    [0.031, 1, { locale: "en-US", signed: true }, "+3.1%"],
    [-0.2, 0, "en-US", "-20%"],
    [1, 0, "fr-FR", "100 %"],
  ])("%s (%s digits, %j) → %s", (f, digits, opts, expected) => {
    expect(plain(formatPercent(f, digits, opts))).toBe(expected);
  });
  it("null → null, NaN → no data", () => {
    expect(formatPercent(null, 1)).toBeNull();
    expect(formatPercent(Number.NaN, 1)).toBe(NO_DATA);
  });
});

describe("formatHours", () => {
  itMaps("%s h (%s) → %s", (hours: number, locale: string) => plain(formatHours(hours, locale)), [
    [0, "en-US", "0 min"],
    [0.001, "en-US", "< 1 min"],
    [0.75, "en-US", "45 min"],
    [0.5, "en-US", "30 min"],
    [0.999, "en-US", "1 hr"],
    [1, "en-US", "1 hr"],
    [3.2, "en-US", "3.2 hr"],
    [3.25, "en-US", "3.3 hr"],
    [3.2, "fr-FR", "3,2 h"],
    [47.9, "en-US", "47.9 hr"],
    [48, "en-US", "2 days"],
    [60, "en-US", "2.5 days"],
    [24 * 400, "en-US", "400 days"],
    [-2, "en-US", "-2 hr"],
  ]);
  it("null → null", () => expect(formatHours(null)).toBeNull());
});

/**
 * Issue 16: the same figures in both interface languages' locales (fr-FR for French, en-GB for
 * English), every word and separator written by Intl.
 */
describe("locale formatting in both languages", () => {
  const ms = Date.UTC(2026, 11, 31, 9, 5); // 31 Dec 2026 09:05 UTC = 10:05 in Paris
  const cases: { what: string; run: (locale: string) => string | null; fr: string; en: string }[] = [
    { what: "money", run: (l) => formatMoney(123450, { locale: l }), fr: "1 235 €", en: "€1,235" },
    { what: "exact money", run: (l) => formatMoney(123450, { locale: l, exact: true }), fr: "1 234,50 €", en: "€1,234.50" },
    { what: "signed money", run: (l) => formatMoney(-120000, { locale: l, signed: true }), fr: "-1 200 €", en: "-€1,200" },
    { what: "compact money (millions)", run: (l) => formatMoney(123_456_700, { locale: l, compact: true }), fr: "1,2 M €", en: "€1.2m" },
    { what: "compact money (thousands)", run: (l) => formatMoney(15_000_000, { locale: l, compact: true }), fr: "150 k €", en: "€150k" },
    { what: "number", run: (l) => formatNumber(1234.56, { locale: l }), fr: "1 234,6", en: "1,234.6" },
    { what: "compact number", run: (l) => formatNumber(1_500_000, { locale: l, compact: true }), fr: "1,5 M", en: "1.5m" },
    { what: "percent", run: (l) => formatPercent(0.125, 1, l), fr: "12,5 %", en: "12.5%" },
    { what: "signed percent", run: (l) => formatPercent(0.031, 1, { locale: l, signed: true }), fr: "+3,1 %", en: "+3.1%" },
    { what: "minutes", run: (l) => formatHours(0.75, l), fr: "45 min", en: "45 mins" },
    { what: "under a minute", run: (l) => formatHours(0.001, l), fr: "< 1 min", en: "< 1 min" },
    { what: "hours", run: (l) => formatHours(3.2, l), fr: "3,2 h", en: "3.2 hrs" },
    { what: "one hour", run: (l) => formatHours(1, l), fr: "1 h", en: "1 hr" },
    { what: "days", run: (l) => formatHours(60, l), fr: "2,5 jours", en: "2.5 days" },
    { what: "one day", run: (l) => formatHours(24, l), fr: "24 h", en: "24 hrs" },
    { what: "two days", run: (l) => formatHours(48, l), fr: "2 jours", en: "2 days" },
    { what: "short month", run: (l) => formatMonth("2026-06", l), fr: "juin 2026", en: "Jun 2026" },
    { what: "long month", run: (l) => formatMonth("2026-02", l, "long"), fr: "février 2026", en: "February 2026" },
    { what: "date", run: (l) => formatDate(ms, "Europe/Paris", l), fr: "31 déc. 2026", en: "31 Dec 2026" },
    { what: "calendar date", run: (l) => formatDate("2026-07-14", "Pacific/Honolulu", l), fr: "14 juil. 2026", en: "14 Jul 2026" },
    { what: "date and time", run: (l) => formatDateTime(ms, "Europe/Paris", l), fr: "31 déc. 2026, 10:05", en: "31 Dec 2026, 10:05" },
    { what: "relative (days)", run: (l) => formatRelative(ms - 3 * 86_400_000, ms, l), fr: "il y a 3 jours", en: "3 days ago" },
    { what: "relative (yesterday)", run: (l) => formatRelative(ms - 86_400_000, ms, l), fr: "hier", en: "yesterday" },
    { what: "relative (future hours)", run: (l) => formatRelative(ms + 2 * 3_600_000, ms, l), fr: "dans 2 heures", en: "in 2 hours" },
  ];
  it.each(cases)("$what: fr-FR $fr, en-GB $en", ({ run, fr, en }) => {
    expect(plain(run("fr-FR"))).toBe(fr);
    expect(plain(run("en-GB"))).toBe(en);
  });

  it("the French texts use the no-break spaces of French typography", () => {
    expect(formatPercent(0.5, 0, "fr-FR")).toMatch(/^50[\u00a0\u202f]%$/);
    expect(formatHours(60, "fr-FR")).toBe("2,5\u00a0jours");
  });

  it("a missing figure is null in every locale; a non-finite one is the translation key NO_DATA", () => {
    expect(NO_DATA).toBe("no data");
    for (const l of ["fr-FR", "en-GB"]) {
      expect(formatHours(null, l)).toBeNull();
      expect(formatRelative(null, 0, l)).toBeNull();
      expect(formatHours(Number.POSITIVE_INFINITY, l)).toBe(NO_DATA);
    }
  });
});

describe("dates", () => {
  const ms = Date.UTC(2024, 5, 1, 22, 30); // 1 June 2024 22:30 UTC = 2 June 00:30 in Paris
  it.each<[Parameters<typeof formatDate>[0], string, string, string]>([
    [ms, "Europe/Paris", "fr-FR", "2 juin 2024"],
    [ms, "UTC", "en-GB", "1 Jun 2024"],
    [ms, "America/New_York", "en-US", "Jun 1, 2024"],
    ["2024-06-01", "Pacific/Honolulu", "fr-FR", "1 juin 2024"], // calendar date: never shifted
    ["2024-06-01T22:30:00Z", "Europe/Paris", "en-GB", "2 Jun 2024"],
    [new Date(ms), "UTC", "en-GB", "1 Jun 2024"],
    ["2023-02-29", "UTC", "en-GB", NO_DATA],
    ["not a date", "UTC", "en-GB", NO_DATA],
  ])("formatDate(%j, %s, %s) → %s", (value, tz, locale, expected) => {
    expect(plain(formatDate(value, tz, locale))).toBe(expected);
  });

  it("a date never breaks inside; a date-time breaks only between the date and the time", () => {
    expect(formatDate(ms, "UTC", "fr-FR")).toBe("1\u00a0juin\u00a02024");
    expect(formatDateTime(ms, "Europe/Paris", "fr-FR")).toBe("2\u00a0juin\u00a02024, 00:30");
    // Node's ICU writes a narrow no-break space before "PM", Chromium's a plain space: both become one
    // no-break space, so the server's text and the browser's are the same (a hydration mismatch otherwise)
    expect(formatDateTime(ms, "UTC", "en-US")).toBe("Jun\u00a01,\u00a02024, 10:30\u00a0PM");
  });

  it("formatDateTime uses the time zone", () => {
    expect(plain(formatDateTime(ms, "Europe/Paris", "fr-FR"))).toBe("2 juin 2024, 00:30");
    expect(plain(formatDateTime(ms, "UTC", "en-GB"))).toBe("1 Jun 2024, 22:30");
    expect(formatDateTime(null)).toBeNull();
  });

  itMaps("formatMonth(%s, %s, %s) → %s", formatMonth, [
    ["2024-06", "fr-FR", undefined, "juin 2024"],
    ["2024-06", "en-US", undefined, "Jun 2024"],
    ["2024-01", "en-US", "long", "January 2024"],
    ["2024-12", "fr-FR", "long", "décembre 2024"],
    ["2024-13", "en-US", undefined, NO_DATA],
    ["June", "en-US", undefined, NO_DATA],
  ]);
});

describe("centsFromEuros", () => {
  itMaps("%j → %s", centsFromEuros, [
    ["1234.5", 123450],
    ["1234.50", 123450],
    ["1 234,50", 123450],
    ["1\u00a0234,50", 123450],
    ["1\u202f234,5", 123450],
    ["12 345 678,99", 1234567899],
    ["  42 ", 4200],
    ["0", 0],
    ["-0", 0],
    ["0,05", 5],
    ["0.1", 10],
    ["0.29", 29], // 0.29 * 100 = 28.999999999999996 in floats
    ["1.15", 115],
    ["-12", -1200],
    ["\u221212,30", -1230],
    ["+7.5", 750],
    ["007", 700],
    ["90071992547409.91", 9007199254740991],
    // one euro sign, before or after, with or without a space
    ["1234.56 €", 123456],
    ["1\u202f234,56\u00a0€", 123456],
    ["12€", 1200],
    ["€12", 1200],
    ["€ 12,5", 1250],
    ["-12 €", -1200],
    // rejected
    ["", null],
    ["   ", null],
    ["abc", null],
    ["€", null],
    ["€€12", null],
    ["12 € €", null],
    ["€12 €", null],
    ["EUR 12", null],
    ["12 34", null],
    ["1.234", null],
    ["1,234.50", null],
    ["1.234,50", null],
    ["1 23", null],
    ["1  234", null],
    ["12 34,5", null],
    [".5", null],
    ["5.", null],
    ["1e3", null],
    ["--1", null],
    ["90071992547409.92", null],
    ["99999999999999999", null],
  ]);
});

describe("eurosFromCents", () => {
  itMaps("%s → %s", eurosFromCents, [
    [123450, "1234.50"],
    [5, "0.05"],
    [0, "0.00"],
    [-5, "-0.05"],
    [-123456, "-1234.56"],
    [100, "1.00"],
  ]);

  it("round-trips through centsFromEuros", () => {
    for (const c of [0, 1, 99, 100, 123456789, -42, -100]) expect(centsFromEuros(eurosFromCents(c))).toBe(c);
  });

  it("rejects non-integers", () => {
    expect(() => eurosFromCents(1.5)).toThrow(RangeError);
  });
});
