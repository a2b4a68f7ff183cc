import { describe, expect, it } from "vitest";
import { DAY_MS as D } from "~/lib/time";
import { expectCloseOrNull, itMaps } from "../../../tests/helpers/mapping";
import { FORMULAS, closingScoreBand, expectedProgress, expectedValueAt, krProgress, objectiveProgress, okrStatus, parseIsoDate, type KrValues } from "./okrs";

describe("krProgress", () => {
  it.each<[string, KrValues, number]>([
    ["halfway increasing", { kind: "number", startValue: 0, targetValue: 100, currentValue: 50 }, 0.5],
    ["non-zero start", { kind: "number", startValue: 10, targetValue: 20, currentValue: 12 }, 0.2],
    ["at start", { kind: "number", startValue: 10, targetValue: 20, currentValue: 10 }, 0],
    ["below start clamps to 0", { kind: "number", startValue: 10, targetValue: 20, currentValue: 5 }, 0],
    ["at target", { kind: "number", startValue: 10, targetValue: 20, currentValue: 20 }, 1],
    ["past target clamps to 1", { kind: "number", startValue: 10, targetValue: 20, currentValue: 35 }, 1],
    ["decreasing KR halfway", { kind: "number", startValue: 100, targetValue: 20, currentValue: 60 }, 0.5],
    ["decreasing KR worse than start → 0", { kind: "number", startValue: 100, targetValue: 20, currentValue: 120 }, 0],
    ["decreasing KR beyond target → 1", { kind: "number", startValue: 100, targetValue: 20, currentValue: 5 }, 1],
    ["percent KR 0–100", { kind: "percent", startValue: 40, targetValue: 90, currentValue: 65 }, 0.5],
    ["currency KR in cents", { kind: "currency", startValue: 0, targetValue: 1_000_000, currentValue: 250_000 }, 0.25],
    ["decreasing percent KR (churn 8 % → 4 %)", { kind: "percent", startValue: 8, targetValue: 4, currentValue: 7 }, 0.25],
    ["boolean done", { kind: "boolean", startValue: 0, targetValue: 1, currentValue: 1 }, 1],
    ["boolean not done", { kind: "boolean", startValue: 0, targetValue: 1, currentValue: 0 }, 0],
    ["boolean partial value is not done", { kind: "boolean", startValue: 0, targetValue: 1, currentValue: 0.9 }, 0],
    ["target == start, reached", { kind: "number", startValue: 5, targetValue: 5, currentValue: 5 }, 1],
    ["target == start, passed", { kind: "number", startValue: 5, targetValue: 5, currentValue: 7 }, 1],
    ["target == start, below", { kind: "number", startValue: 5, targetValue: 5, currentValue: 4 }, 0],
    ["non-finite current → 0", { kind: "number", startValue: 0, targetValue: 10, currentValue: Number.NaN }, 0],
  ])("%s", (_name, kr, expected) => {
    expect(krProgress(kr)).toBeCloseTo(expected, 12);
  });
});

describe("objectiveProgress", () => {
  it.each<[string, { progress: number; weight?: number | null }[], number | null]>([
    ["no KRs → null", [], null],
    [
      "total weight 0 → null",
      [
        { progress: 1, weight: 0 },
        { progress: 0.5, weight: 0 },
      ],
      null,
    ],
    ["default weight 1", [{ progress: 1 }, { progress: 0 }], 0.5],
    [
      "null weight defaults to 1",
      [
        { progress: 1, weight: null },
        { progress: 0, weight: 1 },
      ],
      0.5,
    ],
    [
      "weighted",
      [
        { progress: 1, weight: 3 },
        { progress: 0, weight: 1 },
      ],
      0.75,
    ],
    [
      "zero-weight KR ignored",
      [
        { progress: 0.2, weight: 2 },
        { progress: 1, weight: 0 },
      ],
      0.2,
    ],
    [
      "negative weight counts as 0",
      [
        { progress: 0.4, weight: 1 },
        { progress: 1, weight: -5 },
      ],
      0.4,
    ],
    ["single KR", [{ progress: 0.3, weight: 2 }], 0.3],
  ])("%s", (_name, krs, expected) => {
    expectCloseOrNull(objectiveProgress(krs), expected);
  });
});

describe("expectedProgress", () => {
  // A 10-day cycle: 2024-01-01 00:00 UTC to the end of 2024-01-10.
  const start = Date.UTC(2024, 0, 1);
  it.each<[string, string, string, number, number]>([
    ["long before start", "2024-01-01", "2024-01-10", start - 100 * D, 0],
    ["at start", "2024-01-01", "2024-01-10", start, 0],
    ["one day in", "2024-01-01", "2024-01-10", start + D, 0.1],
    ["halfway", "2024-01-01", "2024-01-10", start + 5 * D, 0.5],
    ["during the last day (end date inclusive)", "2024-01-01", "2024-01-10", start + 9.5 * D, 0.95],
    ["at end of the end day", "2024-01-01", "2024-01-10", start + 10 * D, 1],
    ["after end", "2024-01-01", "2024-01-10", start + 30 * D, 1],
    ["one-day cycle, midday", "2024-01-01", "2024-01-01", start + D / 2, 0.5],
    ["end before start, after start", "2024-01-10", "2024-01-01", start + 20 * D, 1],
    ["end before start, before start", "2024-01-10", "2024-01-01", start, 0],
  ])("%s", (_name, s, e, now, expected) => {
    expect(expectedProgress(s, e, now)).toBeCloseTo(expected, 12);
  });

  it.each(["2024-1-01", "2024-02-30", "", "2024-01-01T00:00:00Z", "not a date"])("rejects invalid date %j", (bad) => {
    expect(() => expectedProgress(bad, "2024-12-31", 0)).toThrow(RangeError);
    expect(() => parseIsoDate(bad)).toThrow(RangeError);
  });
});

describe("okrStatus", () => {
  itMaps("progress %s vs expected %s → %s", okrStatus, [
    [0.5, 0.5, "on_track"],
    [1, 0.2, "on_track"],
    [0.4, 0.5, "on_track"],
    [0.6, 0.7, "on_track"],
    [0.2, 0.3, "on_track"],
    [0.3999, 0.5, "at_risk"],
    [0.25, 0.5, "at_risk"],
    [0.45, 0.7, "at_risk"],
    [0.2499, 0.5, "off_track"],
    [0, 1, "off_track"],
    [0, 0, "on_track"],
    [0, 0.1, "on_track"],
    [0, 0.25, "at_risk"],
    [0, 0.2501, "off_track"],
  ]);
});

describe("closingScoreBand", () => {
  itMaps("%s → %s", closingScoreBand, [
    [1, "green"],
    [0.7, "green"],
    [0.69, "yellow"],
    [0.699, "yellow"],
    [0.4, "yellow"],
    [0.39, "red"],
    [0, "red"],
  ]);
});

describe("expectedValueAt", () => {
  it.each<[number, number, number, number]>([
    [0, 100, 0, 0],
    [0, 100, 0.5, 50],
    [0, 100, 1, 100],
    [10, 20, 0.25, 12.5],
    [100, 20, 0.5, 60],
  ])("start %s target %s at %s → %s", (startValue, targetValue, expected, value) => {
    expect(expectedValueAt({ startValue, targetValue }, expected)).toBeCloseTo(value, 12);
  });
});

describe("FORMULAS", () => {
  it.each(Object.entries(FORMULAS))("%s has label, formula and window", (_key, f) => {
    expect(f.label.length).toBeGreaterThan(0);
    expect(f.formula.length).toBeGreaterThan(10);
    expect(f.window.length).toBeGreaterThan(0);
  });
});
