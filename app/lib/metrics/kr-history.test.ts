import { describe, expect, it } from "vitest";
import { buildKrHistory } from "./kr-history";

const cycle = { startDate: "2025-01-01", endDate: "2025-01-28" }; // 4 weeks
const kr = { startValue: 0, targetValue: 100 };
const D = (d: number, h = 0) => Date.UTC(2025, 0, d, h);

describe("buildKrHistory", () => {
  it("gives one point per week, today and the end, with the latest check-in and the pace line", () => {
    const points = buildKrHistory(
      kr,
      cycle,
      [
        { createdAt: D(3), value: 10, confidence: 8 },
        { createdAt: D(10, 12), value: 30, confidence: 6 },
      ],
      D(12),
    );
    expect(points.map((p) => p.date)).toEqual(["2025-01-01", "2025-01-08", "2025-01-12", "2025-01-15", "2025-01-22", "2025-01-28"]);
    expect(points[0]).toMatchObject({ value: 0, confidence: null, expected: 0 });
    expect(points[1]).toMatchObject({ value: 10, confidence: 8, expected: 25 });
    expect(points[2]).toMatchObject({ value: 30, confidence: 6 });
    expect(points[3]).toMatchObject({ value: null, confidence: null, expected: 50 });
    expect(points[5].expected).toBeCloseTo(100, 3);
  });

  it("follows a decreasing key result's pace downwards", () => {
    const points = buildKrHistory({ startValue: 200, targetValue: 100 }, cycle, [], D(30));
    expect(points[1].expected).toBe(175);
    expect(points.every((p) => p.value === 200)).toBe(true);
  });
});
