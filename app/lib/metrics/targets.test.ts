import { describe, expect, it } from "vitest";
import { meetsTarget, targetText, type TargetRule } from "./targets";

const ge50: TargetRule = { comparison: ">=", value: 50 };
const lt2: TargetRule = { comparison: "<", value: 2 };
const le0: TargetRule = { comparison: "<=", value: 0 };
const gt60: TargetRule = { comparison: ">", value: 60 };

describe("meetsTarget", () => {
  it.each([
    [50, ge50, true],
    [49.9, ge50, false],
    [2, lt2, false],
    [1.99, lt2, true],
    [0, le0, true],
    [0.01, le0, false],
    [60, gt60, false],
    [60.1, gt60, true],
    [null, ge50, null],
    [Number.NaN, ge50, null],
    [3, null, null],
  ] as const)("%s against %o → %s", (value, target, expected) => {
    expect(meetsTarget(value, target)).toBe(expected);
  });
});

describe("targetText", () => {
  it("writes the comparison as a symbol", () => {
    expect(targetText(ge50, (v) => `${v} / day`)).toBe("≥ 50 / day");
    expect(targetText(lt2, (v) => `${v} h`)).toBe("< 2 h");
    expect(targetText(le0, String)).toBe("≤ 0");
  });
});
