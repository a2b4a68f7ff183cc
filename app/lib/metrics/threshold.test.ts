import { describe, expect, it } from "vitest";
import { meetsThreshold, type ThresholdComparison } from "./threshold";

describe("meetsThreshold: value ⟨comparison⟩ threshold", () => {
  it.each<[number, ThresholdComparison, number, boolean]>([
    [5, ">=", 5, true],
    [4.9, ">=", 5, false],
    [5, ">", 5, false],
    [5.1, ">", 5, true],
    [5, "<=", 5, true],
    [5.1, "<=", 5, false],
    [5, "<", 5, false],
    [-1, "<", 0, true],
  ])("%s %s %s → %s", (value, comparison, threshold, met) => expect(meetsThreshold(value, comparison, threshold)).toBe(met));
});
