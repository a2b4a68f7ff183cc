import { describe, expect, it } from "vitest";
import { milestoneState, planGap, timelinePosition } from "./strategy";

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
