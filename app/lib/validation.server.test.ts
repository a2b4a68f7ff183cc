import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkboxSchema, dateOrInstantSchema, eurosToCents, isoDateSchema, isoInstantSchema, monthSchema } from "./validation.server";

describe("eurosToCents", () => {
  it.each([
    ["1234.5", 123450],
    ["1 234,50", 123450],
    ["0.07", 7],
    ["-200", -20000],
    ["1234.56 €", 123456],
    ["19.99", 1999],
    ["abc", null],
    ["1.234", null],
    ["", null],
    ["1e5", null],
  ])("%s → %s", (input, cents) => {
    expect(eurosToCents(input)).toBe(cents);
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
