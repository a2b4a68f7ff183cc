import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runInLanguage, translateMessage } from "~/i18n/translate.server";
import { itMaps } from "../../tests/helpers/mapping";
import {
  checkboxSchema,
  dateOrInstantSchema,
  decimalSchema,
  idSchema,
  intSchema,
  optionalTextSchema,
  parseDecimalInput,
  pastIsoDateSchema,
  eurosSchema,
  nonNegativeEurosSchema,
  isoDateSchema,
  isoInstantSchema,
  monthSchema,
  normalizeDateInput,
  normalizeMonthInput,
} from "./validation.server";

describe("eurosSchema: the one money parser (centsFromEuros) for zod", () => {
  itMaps("%j → %i cents", (input: string) => eurosSchema.parse(input), [
    ["1234.5", 123450],
    ["1 234,50", 123450],
    ["0.07", 7],
    ["-200", -20000],
    ["1234.56 €", 123456],
    ["19.99", 1999],
  ]);
  it.each(["abc", "1.234", "", "1e5", "12 34", "1,234.50"])("refuses %j with the field message", (input) => {
    const r = eurosSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("must be an amount in euros with up to 2 decimals");
  });
  it("nonNegativeEurosSchema refuses a negative amount", () => {
    expect(nonNegativeEurosSchema.safeParse("0").success).toBe(true);
    expect(nonNegativeEurosSchema.safeParse("-0,01").error?.issues[0].message).toBe("must not be negative");
  });
});

describe("date schemas", () => {
  it("accepts real months and dates only", () => {
    expect(monthSchema.safeParse("2024-06").success).toBe(true);
    expect(monthSchema.safeParse("2024-13").success).toBe(false);
    expect(isoDateSchema.safeParse("2024-02-29").success).toBe(true);
    expect(isoDateSchema.safeParse("2023-02-29").success).toBe(false);
  });
  it("requires a zone on instants", () => {
    expect(isoInstantSchema.parse("2024-05-01T12:00:00Z")).toBe(Date.UTC(2024, 4, 1, 12));
    expect(isoInstantSchema.parse("2024-05-01T14:00:00+02:00")).toBe(Date.UTC(2024, 4, 1, 12));
    expect(isoInstantSchema.safeParse("2024-05-01T12:00:00").success).toBe(false);
    expect(isoInstantSchema.safeParse("yesterday").success).toBe(false);
    // Date.parse would roll these over to another day: refused, whoever uses the schema
    expect(isoInstantSchema.safeParse("2025-02-30T10:00:00Z").success).toBe(false);
    expect(isoInstantSchema.safeParse("2025-01-01T24:00:00Z").success).toBe(false);
  });

  it("dateOrInstantSchema: a calendar date is UTC midnight; impossible dates refused", () => {
    expect(dateOrInstantSchema.parse("2026-01-01")).toBe(Date.UTC(2026, 0, 1));
    expect(dateOrInstantSchema.parse("2026-01-01T06:00:00+02:00")).toBe(Date.UTC(2026, 0, 1, 4));
    expect(dateOrInstantSchema.safeParse("2026-02-30").success).toBe(false);
    expect(dateOrInstantSchema.safeParse("2026-02-30T00:00:00Z").success).toBe(false);
    expect(dateOrInstantSchema.safeParse("soon").success).toBe(false);
  });
});

describe("isoInstantSchema messages", () => {
  it("one message per bad value", () => {
    const r = isoInstantSchema.safeParse("yesterday");
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z"]);
    const impossible = isoInstantSchema.safeParse("2025-02-30T10:00:00Z");
    expect(impossible.success ? [] : impossible.error.issues.map((i) => i.message)).toEqual(["is not a real date and time"]);
  });
});

describe("checkboxSchema inside a form object", () => {
  const form = z.object({ active: checkboxSchema });
  it("reads an absent field (an unticked box: the browser sends nothing) as false", () => {
    expect(form.parse({})).toEqual({ active: false });
  });
  it.each([
    ["on", true],
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("%s → %s", (value, expected) => {
    expect(form.parse({ active: value })).toEqual({ active: expected });
  });
  it("refuses anything else with a field message", () => {
    const r = form.safeParse({ active: "off" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["active"], message: "must be ticked or not" });
  });
});

describe("intSchema / idSchema: digits only", () => {
  const confidence = intSchema({ min: 1, max: 10, message: "must be a whole number from 1 to 10" });
  itMaps("%s → %s", (input: string) => confidence.parse(input), [
    ["7", 7],
    [" 7 ", 7],
    ["10", 10],
  ]);
  it.each(["1e1", "0x5", "7.0", "7.5", "Infinity", "NaN", "", " ", "11", "0", "-1", "1,5", "٣"])("refuses %j", (input) => {
    const r = confidence.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(["must be a whole number from 1 to 10"]);
  });
  it("ids: positive whole numbers, a decimal says so, JSON numbers accepted", () => {
    expect(idSchema.parse("42")).toBe(42);
    expect(idSchema.parse(42)).toBe(42);
    expect(idSchema.safeParse("1.5").error?.issues[0].message).toBe("must be a whole number");
    expect(idSchema.safeParse("0").error?.issues[0].message).toBe("must be positive");
    expect(idSchema.safeParse("0x10").error?.issues[0].message).toBe("must be a number");
    expect(idSchema.safeParse("99999999999999999999").success).toBe(false);
  });
});

describe("decimalSchema / parseDecimalInput", () => {
  itMaps("%j → %s", parseDecimalInput, [
    ["1234.5", 1234.5],
    ["1 234,5", 1234.5],
    ["-3", -3],
    [".25", 0.25],
    ["\u22123", -3],
    ["1e3", null],
    ["0x10", null],
    ["Infinity", null],
    ["", null],
    ["1.2.3", null],
  ]);
  it("bounds with messages", () => {
    const weight = decimalSchema({ min: 0, max: 100 });
    expect(weight.parse("2,5")).toBe(2.5);
    expect(weight.safeParse("150").error?.issues[0].message).toBe("must be from 0 to 100");
    expect(decimalSchema({ gt: 0, max: 100 }).safeParse("0").error?.issues[0].message).toBe("must be above 0");
  });
});

describe("dates stay within 2000–2100; past-only dates", () => {
  it.each(["0001-01-01", "1999-12-31", "2101-01-01", "2999-01-01"])("refuses %s", (d) => {
    expect(isoDateSchema.safeParse(d).error?.issues.map((i) => i.message)).toEqual(["must be between 2000 and 2100"]);
  });
  it("months and instants too", () => {
    expect(monthSchema.safeParse("0001-01").success).toBe(false);
    expect(isoInstantSchema.safeParse("0001-01-01T10:00:00Z").error?.issues.map((i) => i.message)).toEqual(["must be between 2000 and 2100"]);
  });
  it("a past date refuses tomorrow + 1 but not today", () => {
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(pastIsoDateSchema.safeParse(today).success).toBe(true);
    expect(pastIsoDateSchema.safeParse(later).error?.issues.map((i) => i.message)).toEqual(["must not be in the future"]);
  });
});

describe("dates and months in the ISO form and as typed in the page's locale (DateInput, MonthInput)", () => {
  const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? null : translateMessage(r.error!.issues[0].message);

  /** The schema reads each typed value as the row's ISO value, and so does the normalisation the page's input applies. */
  const itReads = (name: string, schema: z.ZodType<string>, normalize: (input: string) => string, rows: [string, string][]) =>
    it.each(rows)(`${name}(%j) → %s`, (input, expected) => {
      expect(schema.parse(input)).toBe(expected);
      expect(normalize(input)).toBe(expected);
    });

  itReads("isoDateSchema", isoDateSchema, (input) => normalizeDateInput(input), [
    ["2026-12-31", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["1/2/2026", "2026-02-01"],
    ["01.02.2026", "2026-02-01"],
    [" 29/02/2028 ", "2028-02-29"],
  ]);

  it("reads a date typed in the request's locale: month first for an en-US company", () => {
    expect(runInLanguage("en", () => isoDateSchema.parse("12/31/2026"), "en-US")).toBe("2026-12-31");
    expect(runInLanguage("en", () => isoDateSchema.safeParse("31/12/2026").success, "en-US")).toBe(false);
    expect(runInLanguage("fr", () => isoDateSchema.parse("31/12/2026"), "fr-FR")).toBe("2026-12-31");
    expect(runInLanguage("en", () => isoDateSchema.parse("2026-12-31"), "en-US")).toBe("2026-12-31");
  });

  itReads("monthSchema", monthSchema, normalizeMonthInput, [
    ["2026-12", "2026-12"],
    ["12/2026", "2026-12"],
    ["3/2026", "2026-03"],
    ["03.2026", "2026-03"],
  ]);

  /** The schema refuses each typed value, with the row's message in English and in French. */
  const itRefuses = (what: string, schema: z.ZodType<string>, rows: [string, string, string][]) =>
    it.each(rows)(`a bad ${what} %j is refused with a message in each language`, (input, en, fr) => {
      expect(runInLanguage("en", () => firstMessage(schema.safeParse(input)))).toBe(en);
      expect(runInLanguage("fr", () => firstMessage(schema.safeParse(input)))).toBe(fr);
    });

  itRefuses("date", isoDateSchema, [
    ["31/02/2026", "is not a real date", "n’est pas une date réelle"],
    ["2026-02-31", "is not a real date", "n’est pas une date réelle"],
    ["31/13/2026", "must be a date as YYYY-MM-DD", "doit être une date au format JJ/MM/AAAA"],
    ["12/31/26", "must be a date as YYYY-MM-DD", "doit être une date au format JJ/MM/AAAA"],
    ["soon", "must be a date as YYYY-MM-DD", "doit être une date au format JJ/MM/AAAA"],
    ["31/12/2999", "must be between 2000 and 2100", "doit se situer entre 2000 et 2100"],
  ]);

  itRefuses("month", monthSchema, [
    ["13/2026", "must be a month as YYYY-MM", "doit être un mois au format MM/AAAA"],
    ["2026-13", "must be a month as YYYY-MM", "doit être un mois au format MM/AAAA"],
    ["12/1999", "must be between 2000 and 2100", "doit se situer entre 2000 et 2100"],
    ["December", "must be a month as YYYY-MM", "doit être un mois au format MM/AAAA"],
  ]);

  it("zod's own messages come out in our words and the reader's language", () => {
    const schema = z.object({ name: z.string().max(3), kind: z.enum(["a", "b"]) });
    const issues = (lng: "en" | "fr") =>
      runInLanguage(lng, () => {
        const r = schema.safeParse({ name: "long", kind: "c" });
        return r.success ? [] : r.error.issues.map((i) => translateMessage(i.message));
      });
    expect(issues("en")).toEqual(["must be at most 3 characters", "is not one of the allowed values"]);
    expect(issues("fr")).toEqual(["doit faire au plus 3 caractères", "n’est pas une des valeurs possibles"]);
    expect(runInLanguage("en", () => z.object({ a: z.string() }).safeParse({}).error?.issues[0].message)).toBe("is required");
  });
});

describe("optionalTextSchema: what an empty or missing text becomes, as each form had it", () => {
  const form = (text: z.ZodType) => z.object({ note: text });
  it('by default "" and a missing field are absent (undefined)', () => {
    const s = z.object({ note: optionalTextSchema(5) });
    expect(s.parse({ note: "" })).toEqual({});
    expect(s.parse({})).toEqual({});
    expect(s.parse({ note: "abc" })).toEqual({ note: "abc" });
  });
  it('absent: "null" makes both null (stored as SQL NULL)', () => {
    const s = z.object({ note: optionalTextSchema(5, { absent: "null" }) });
    expect(s.parse({ note: "" })).toEqual({ note: null });
    expect(s.parse({})).toEqual({ note: null });
  });
  it('keepEmpty keeps "" and only a missing field is absent', () => {
    expect(z.object({ note: optionalTextSchema(5, { absent: "null", keepEmpty: true }) }).parse({ note: "" })).toEqual({ note: "" });
    expect(z.object({ note: optionalTextSchema(5, { absent: "null", keepEmpty: true }) }).parse({})).toEqual({ note: null });
    expect(z.object({ note: optionalTextSchema(5, { keepEmpty: true }) }).parse({ note: "" })).toEqual({ note: "" });
    expect(z.object({ note: optionalTextSchema(5, { keepEmpty: true }) }).parse({})).toEqual({});
  });
  it("refuses a longer text with the shared message, or the domain's own", () => {
    const shared = form(optionalTextSchema(3)).safeParse({ note: "abcd" });
    expect(shared.error?.issues[0]?.message).toBe("must be at most 3 characters");
    const own = form(optionalTextSchema(3, { absent: "null", tooLong: (max) => `at most ${max}!` })).safeParse({ note: "abcd" });
    expect(own.error?.issues[0]?.message).toBe("at most 3!");
  });
});
