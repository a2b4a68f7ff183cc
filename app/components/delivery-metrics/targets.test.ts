import { describe, expect, it } from "vitest";
import { meetsTarget, NO_DORA_TARGETS, type DoraTargets } from "./targets";

const T: DoraTargets = { deploysPerDay: 50, leadTimeHours: 2, mttrHours: 0.5, changeFailureRate: 0.05 };

describe("meetsTarget", () => {
  it.each([
    ["deploysPerDay", 50, true],
    ["deploysPerDay", 49.9, false],
    ["leadTimeHours", 2, false],
    ["leadTimeHours", 1.99, true],
    ["mttrHours", 0.5, false],
    ["mttrHours", 0.25, true],
    ["changeFailureRate", 0.05, false],
    ["changeFailureRate", 0.049, true],
    ["changeFailureRate", null, null],
  ] as const)("%s %s → %s", (metric, value, expected) => {
    expect(meetsTarget(metric, value, T)).toBe(expected);
  });

  it("says nothing when the company has set no target", () => {
    expect(meetsTarget("deploysPerDay", 80, NO_DORA_TARGETS)).toBeNull();
    expect(meetsTarget("leadTimeHours", 1, { ...T, leadTimeHours: null })).toBeNull();
  });
});
