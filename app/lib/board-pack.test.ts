import { describe, expect, it } from "vitest";
import { budgetTotals, changesSince, fiscalYearStartOf, type BoardPackFigures, type PackMetric } from "./board-pack";

const metric = (id: string, value: PackMetric["value"], direction: PackMetric["direction"], unit: PackMetric["unit"] = "cents"): PackMetric => ({
  id,
  label: id,
  unit,
  unitText: null,
  direction,
  formula: "",
  windowText: "",
  value,
  asOf: null,
  window: null,
  target: null,
});
const pack = (metrics: PackMetric[]): BoardPackFigures => ({
  version: 1,
  month: "2026-10",
  computedAt: 0,
  metrics: Object.fromEntries(metrics.map((m) => [m.id, m])),
  cashSeries: [],
  budget: { month: [], yearToDate: [], fiscalYearStart: "2026-01" },
  headcountTarget: null,
  okrs: { cycleName: null, counts: { on_track: 0, at_risk: 0, off_track: 0 }, objectives: [] },
  risks: [],
  gates: [],
});

describe("changesSince", () => {
  it("is empty without a previous pack", () => {
    expect(changesSince(null, pack([metric("finance.cash", 1, "higher")]))).toEqual({});
  });
  it.each([
    ["higher is better, went up", metric("a", 10, "higher"), metric("a", 12, "higher"), 2, "better"],
    ["higher is better, went down", metric("a", 10, "higher"), metric("a", 7, "higher"), -3, "worse"],
    ["lower is better, went down", metric("a", 10, "lower"), metric("a", 7, "lower"), -3, "better"],
    ["unchanged", metric("a", 5, "lower"), metric("a", 5, "lower"), 0, "same"],
    ["no direction: a delta, no verdict", metric("a", 5, null), metric("a", 6, null), 1, null],
    ["a date moves in days", metric("d", "2031-01-31", null, "date"), metric("d", "2031-03-02", null, "date"), 30, null],
    ["no data on one side", metric("a", null, "higher"), metric("a", 4, "higher"), null, null],
  ] as const)("%s", (_label, prev, cur, delta, verdict) => {
    expect(changesSince(pack([prev]), pack([cur]))[cur.id]).toMatchObject({ delta, verdict });
  });
  it("skips a metric the previous pack did not hold", () => {
    expect(changesSince(pack([]), pack([metric("new", 1, "higher")]))).toEqual({});
  });
});

describe("fiscalYearStartOf and budgetTotals", () => {
  it.each([
    ["2026-10", 1, "2026-01"],
    ["2026-10", 4, "2026-04"],
    ["2026-02", 4, "2025-04"],
    ["2026-04", 4, "2026-04"],
  ] as const)("%s with years starting in month %i → %s", (month, start, want) => {
    expect(fiscalYearStartOf(month, start)).toBe(want);
  });
  it("sums planned always and actual only where recorded", () => {
    expect(
      budgetTotals([
        { category: "A", plannedCents: 100, actualCents: null },
        { category: "B", plannedCents: 50, actualCents: 70 },
      ]),
    ).toEqual({ category: "Total", plannedCents: 150, actualCents: 70 });
    expect(budgetTotals([{ category: "A", plannedCents: 100, actualCents: null }]).actualCents).toBeNull();
  });
});
