import { describe, expect, it } from "vitest";
import { DAY_MS as DAY } from "~/lib/time";
import { comparisonCoverage, NOT_ENOUGH_HISTORY, NO_COMPARISON, windowChange } from "./comparison";

const now = Date.UTC(2026, 10, 18);
// current [now − 90 d, now), previous [now − 180 d, now − 90 d)
const previous = { from: now - 180 * DAY, to: now - 90 * DAY };

describe("comparisonCoverage: is the previous window covered by the data?", () => {
  it.each<[string, number | null, string]>([
    ["data from 200 days back", now - 200 * DAY, "full"],
    ["data starting exactly at the previous window's start", now - 180 * DAY, "full"],
    ["data from 120 days back (the old demo)", now - 120 * DAY, "partial"],
    ["data starting one ms after the previous window's start", now - 180 * DAY + 1, "partial"],
    ["data starting at the current window's start", now - 90 * DAY, "none"],
    ["data from last week", now - 7 * DAY, "none"],
    ["no data", null, "none"],
    ["nonsense", Number.NaN, "none"],
  ])("%s → %s", (_, first, coverage) => expect(comparisonCoverage(previous, first)).toBe(coverage));
});

describe("windowChange", () => {
  const fmt = (d: number) => `${d > 0 ? "+" : ""}${d}`;
  it("a trend only over a fully covered previous window", () => {
    expect(windowChange(8.5, 2.8, "full", (d) => fmt(Math.round(d * 10) / 10))).toEqual({ value: 5.7, formatted: "+5.7" });
    expect(windowChange(8.5, 2.8, "partial", fmt)).toEqual({ value: null, formatted: NOT_ENOUGH_HISTORY });
    expect(windowChange(8.5, null, "none", fmt)).toEqual({ value: null, formatted: NOT_ENOUGH_HISTORY });
  });
  it("no comparison when a figure is missing", () => {
    expect(windowChange(null, 3, "full", fmt)).toEqual({ value: null, formatted: NO_COMPARISON });
    expect(windowChange(0, 0, "full", fmt)).toEqual({ value: 0, formatted: "0" });
  });
});
