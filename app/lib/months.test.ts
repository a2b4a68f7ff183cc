import { describe, expect, it } from "vitest";
import { itMaps, itRejects } from "../../tests/helpers/mapping";
import {
  BUDGET_PAGE_MONTHS,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  addDaysToIsoDate,
  addMonths,
  defaultBudgetRange,
  dayDiff,
  daysInMonth,
  firstDayOfMonth,
  isIsoDate,
  isMonth,
  lastDayOfMonth,
  monthDiff,
  monthOf,
  monthRange,
  nextMonth,
  previousMonth,
  quarterOf,
} from "./months";

describe("isMonth", () => {
  itMaps("isMonth(%j) = %s", isMonth, [
    ["2024-01", true],
    ["2024-12", true],
    ["0999-06", true],
    ["2024-00", false],
    ["2024-13", false],
    ["2024-1", false],
    ["24-01", false],
    ["2024-01-01", false],
    [" 2024-01", false],
    ["", false],
    [202401, false],
    [null, false],
  ]);
});

describe("isIsoDate", () => {
  itMaps("isIsoDate(%j) = %s", isIsoDate, [
    ["2024-02-29", true], // leap year
    ["2023-02-29", false],
    ["1900-02-29", false], // century, not divisible by 400
    ["2000-02-29", true],
    ["2024-04-31", false],
    ["2024-12-31", true],
    ["2024-12-32", false],
    ["2024-12", false],
    [20241231, false],
  ]);
});

describe("addMonths", () => {
  itMaps("addMonths(%s, %i) = %s", addMonths, [
    ["2024-01", 0, "2024-01"],
    ["2024-01", 1, "2024-02"],
    ["2024-11", 3, "2025-02"],
    ["2024-12", 1, "2025-01"],
    ["2024-01", -1, "2023-12"],
    ["2024-03", -15, "2022-12"],
    ["2024-06", 36, "2027-06"],
    ["2024-06", -24, "2022-06"],
  ]);

  itRejects("rejects addMonths(%s, %s)", addMonths, [
    ["2024-13", 1],
    ["2024-01", 1.5],
  ]);
});

describe("monthDiff (b − a)", () => {
  itMaps("monthDiff(%s, %s) = %i", monthDiff, [
    ["2024-01", "2024-01", 0],
    ["2024-11", "2025-02", 3],
    ["2025-02", "2024-11", -3],
    ["2023-12", "2024-01", 1],
    ["2020-01", "2024-12", 59],
  ]);
});

describe("monthRange (inclusive)", () => {
  itMaps("monthRange(%s, %s)", monthRange, [
    ["2024-05", "2024-05", ["2024-05"]],
    ["2024-11", "2025-02", ["2024-11", "2024-12", "2025-01", "2025-02"]],
    ["2024-05", "2024-04", []],
  ]);
});

describe("previousMonth / nextMonth", () => {
  it.each<[string, string, string]>([
    ["2024-01", "2023-12", "2024-02"],
    ["2024-12", "2024-11", "2025-01"],
    ["2024-07", "2024-06", "2024-08"],
  ])("%s: previous %s, next %s", (m, prev, next) => {
    expect(previousMonth(m)).toBe(prev);
    expect(nextMonth(m)).toBe(next);
  });
});

describe("daysInMonth / lastDayOfMonth / firstDayOfMonth", () => {
  it.each<[string, number, string]>([
    ["2024-01", 31, "2024-01-31"],
    ["2024-02", 29, "2024-02-29"],
    ["2023-02", 28, "2023-02-28"],
    ["1900-02", 28, "1900-02-28"],
    ["2000-02", 29, "2000-02-29"],
    ["2024-04", 30, "2024-04-30"],
    ["2024-06", 30, "2024-06-30"],
    ["2024-09", 30, "2024-09-30"],
    ["2024-11", 30, "2024-11-30"],
    ["2024-12", 31, "2024-12-31"],
  ])("%s has %i days, last day %s", (m, days, last) => {
    expect(daysInMonth(m)).toBe(days);
    expect(lastDayOfMonth(m)).toBe(last);
    expect(firstDayOfMonth(m)).toBe(`${m}-01`);
  });
});

describe("addDaysToIsoDate (UTC)", () => {
  itMaps("%s + %i days = %s", addDaysToIsoDate, [
    ["2024-06-30", 0, "2024-06-30"],
    ["2024-06-30", 1, "2024-07-01"],
    // 2024-06-30 + 304: Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31 (=184 → 2024-12-31),
    // Jan 31 (215), Feb 28 (243), Mar 31 (274), Apr 30 (304) → 2025-04-30
    ["2024-06-30", 304, "2025-04-30"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-12-31", 1, "2025-01-01"],
    // DST change in Europe (2024-03-31) must not matter
    ["2024-03-30", 2, "2024-04-01"],
    ["2024-10-26", 2, "2024-10-28"],
    ["2024-01-01", 366, "2025-01-01"],
  ]);

  itRejects("rejects addDaysToIsoDate(%s, %s)", addDaysToIsoDate, [
    ["2023-02-29", 1],
    ["2024-01-01", 0.5],
  ]);
});

describe("dayDiff (b − a)", () => {
  itMaps("dayDiff(%s, %s) = %i", dayDiff, [
    ["2024-06-30", "2025-04-30", 304],
    ["2025-04-30", "2024-06-30", -304],
    ["2024-03-30", "2024-04-01", 2],
    ["2024-01-01", "2025-01-01", 366],
    ["2024-05-05", "2024-05-05", 0],
  ]);
});

describe("monthOf (UTC)", () => {
  itMaps("monthOf(%i) = %s", monthOf, [
    [Date.UTC(2024, 0, 1, 0, 0, 0), "2024-01"],
    [Date.UTC(2024, 0, 31, 23, 59, 59, 999), "2024-01"],
    [Date.UTC(2024, 1, 1, 0, 0, 0), "2024-02"],
    [Date.UTC(2023, 11, 31, 23, 30), "2023-12"], // already January in Paris, still December in UTC
    [0, "1970-01"],
  ]);
});

describe("quarterOf", () => {
  itMaps("quarterOf(%s) = %s", quarterOf, [
    ["2024-01", "2024-Q1"],
    ["2024-03", "2024-Q1"],
    ["2024-04", "2024-Q2"],
    ["2024-06", "2024-Q2"],
    ["2024-07", "2024-Q3"],
    ["2024-08", "2024-Q3"],
    ["2024-09", "2024-Q3"],
    ["2024-10", "2024-Q4"],
    ["2024-12", "2024-Q4"],
  ]);
});

describe("defaultBudgetRange: the last closed months and the current one", () => {
  it.each<[string | null, string, { from: string; to: string }]>([
    ["2026-11", "2026-12", { from: "2026-07", to: "2026-12" }],
    ["2026-11", "2026-11", { from: "2026-06", to: "2026-11" }],
    [null, "2026-03", { from: "2025-10", to: "2026-03" }],
    // snapshots recorded ahead of the calendar (a test or a late clock): still end on the latest closed month
    ["2027-02", "2026-12", { from: "2026-09", to: "2027-02" }],
  ])("latest closed %s, current %s → %j", (closed, current, range) => {
    expect(defaultBudgetRange(closed, current)).toEqual(range);
    expect(monthDiff(range.from, range.to) + 1).toBe(BUDGET_PAGE_MONTHS);
  });
});

describe("fiscal years", () => {
  itMaps("fiscalYearOf(%s, start %i) = %i", fiscalYearOf, [
    ["2026-03", 1, 2026],
    ["2026-12", 1, 2026],
    ["2026-03", 4, 2025],
    ["2026-04", 4, 2026],
    ["2027-01", 10, 2026],
  ]);
  it("spans twelve months from its start month", () => {
    expect(fiscalYearMonths(2026, 1)).toEqual({ from: "2026-01", to: "2026-12" });
    expect(fiscalYearMonths(2026, 4)).toEqual({ from: "2026-04", to: "2027-03" });
    expect(fiscalYearLabel(2026, 1)).toBe("2026");
    expect(fiscalYearLabel(2026, 4)).toBe("2026–27");
    expect(fiscalYearLabel(2099, 7)).toBe("2099–00");
  });
});
