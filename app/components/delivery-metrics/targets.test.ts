import { describe, expect, it } from "vitest";
import { meetsTarget } from "./targets";

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
    expect(meetsTarget(metric, value)).toBe(expected);
  });
});
