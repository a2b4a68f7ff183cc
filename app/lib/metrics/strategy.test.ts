import { describe, expect, it } from "vitest";
import { milestoneState, planCell, planGap, planYearKind, timelineLayout, timelinePosition, type PlanYearKind } from "./strategy";

describe("milestoneState", () => {
  it.each([
    // linked to a metric
    [{ comparison: ">=", value: 50, current: 50 }, "pending", "2027-06-30", "2027-01-01", "achieved"],
    [{ comparison: ">=", value: 50, current: 49 }, "pending", "2027-06-30", "2027-01-01", "upcoming"],
    [{ comparison: ">=", value: 50, current: 49 }, "pending", "2027-06-30", "2027-06-30", "upcoming"],
    [{ comparison: ">=", value: 50, current: 49 }, "pending", "2027-06-30", "2027-07-01", "overdue"],
    [{ comparison: "<", value: 2, current: 1.5 }, "pending", "2027-06-30", "2027-07-01", "achieved"],
    [{ comparison: ">=", value: 50, current: null }, "done", "2027-06-30", "2027-07-01", "no_data"],
    // a person's status on a manual milestone
    [null, "done", "2027-06-30", "2027-07-01", "achieved"],
    [null, "missed", "2027-06-30", "2027-01-01", "missed"],
    [null, "pending", "2027-06-30", "2027-01-01", "upcoming"],
    [null, "pending", "2027-06-30", "2027-07-01", "overdue"],
  ] as const)("%j, %s, due %s, today %s → %s", (linked, status, due, today, state) => {
    expect(milestoneState(linked, status, due, today)).toBe(state);
  });
});

describe("planGap", () => {
  it.each([
    [120, 100, "higher", 20, true],
    [80, 100, "higher", -20, false],
    [1.5, 2, "lower", -0.5, true],
    [3, 2, "lower", 1, false],
    [100, 100, null, 0, true],
  ] as const)("actual %s vs target %s (%s is better) → gap %s, met %s", (actual, target, direction, gap, met) => {
    expect(planGap(actual, target, direction)).toEqual({ gap, met });
  });
  it("no actual, no gap", () => expect(planGap(null, 10, "higher")).toBeNull());
});

describe("timelinePosition", () => {
  it.each([
    ["2027-01-01", 0],
    ["2027-07-02", 0.5],
    ["2028-01-01", 1],
    ["2026-06-01", 0],
    ["2029-01-01", 1],
  ])("%s → %s", (d, p) => expect(timelinePosition(d, "2027-01-01", "2028-01-01")).toBeCloseTo(p, 2));
});

describe("planYearKind and planCell", () => {
  it.each<[number, number, PlanYearKind]>([
    [2025, 2026, "past"],
    [2026, 2026, "current"],
    [2027, 2026, "future"],
  ])("%i against %i is %s", (year, current, kind) => expect(planYearKind(year, current)).toBe(kind));

  it.each<[string, PlanYearKind, number | null, number | null, "higher" | "lower" | null, { actual: number | null; gap: number | null; met: boolean | null }]>([
    ["past year met", "past", 10, 12, "higher", { actual: 12, gap: 2, met: true }],
    ["past year missed", "past", 10, 7, "higher", { actual: 7, gap: -3, met: false }],
    ["past year without data: no gap", "past", 10, null, "higher", { actual: null, gap: null, met: null }],
    ["past year without target: its actual, no gap", "past", null, 7, "higher", { actual: 7, gap: null, met: null }],
    ["current year, lower is better", "current", 0.1, 0.05, "lower", { actual: 0.05, gap: -0.05, met: true }],
    ["future year: target only", "future", 10, 12, "higher", { actual: null, gap: null, met: null }],
  ])("%s", (_name, kind, target, actual, direction, expected) => {
    expect(planCell(kind, target, actual, direction)).toEqual(expected);
  });
});

describe("timelineLayout", () => {
  it("spans whole calendar years from the earliest to the latest of today and the due dates", () => {
    const l = timelineLayout([{ id: 1, dueDate: "2027-07-01", state: "upcoming" }], "2026-12-01");
    expect([l.from, l.to]).toEqual(["2026-01-01", "2028-01-01"]);
    expect(l.years.map((y) => y.year)).toEqual([2026, 2027]);
    expect(l.years[0].start).toBe(0);
    expect(l.years[1].end).toBe(1);
    expect(l.years[0].end).toBeCloseTo(365 / 730, 6);
    expect(l.today).toBeCloseTo(334 / 730, 6);
    expect(l.markers[0].at).toBeCloseTo(546 / 730, 6);
  });

  it("no milestone: today's year alone, one lane", () => {
    const l = timelineLayout([], "2026-06-15");
    expect(l.years).toEqual([{ year: 2026, start: 0, end: 1 }]);
    expect(l.markers).toEqual([]);
    expect(l.lanes).toBe(1);
  });

  it("markers too close share no lane; far ones go back to the first; order by due date", () => {
    const l = timelineLayout(
      [
        { id: 3, dueDate: "2026-12-20", state: "upcoming" },
        { id: 1, dueDate: "2026-01-10", state: "achieved" },
        { id: 2, dueDate: "2026-01-12", state: "overdue" },
        { id: 4, dueDate: "2026-01-11", state: "missed" },
      ],
      "2026-06-01",
    );
    expect(l.markers.map((m) => [m.id, m.lane])).toEqual([
      [1, 0],
      [4, 1],
      [2, 2],
      [3, 0],
    ]);
    expect(l.lanes).toBe(3);
  });

  it("at most four lanes: a fifth crowded marker reuses the lane that ended furthest back", () => {
    const ms = [1, 2, 3, 4, 5].map((d) => ({ id: d, dueDate: `2026-03-0${d}`, state: "upcoming" as const }));
    const l = timelineLayout(ms, "2026-01-01");
    expect(l.markers.map((m) => m.lane)).toEqual([0, 1, 2, 3, 0]);
    expect(l.lanes).toBe(4);
  });
});
