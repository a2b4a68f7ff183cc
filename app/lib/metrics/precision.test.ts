import { digitsToShowDifference, roundTo } from "./precision";

describe("digitsToShowDifference", () => {
  it.each([
    // value, other, min, max, expected
    [4.96, 5, 1, 6, 2], // 5,0 vs 5,0 at 1 digit → 4,96 vs 5,00
    [4.9999, 5, 1, 6, 4],
    [4.94, 5, 1, 6, 1], // 4,9 vs 5,0 already differ
    [5, 5, 1, 6, 1], // equal: the base precision
    [18.04, 18, 1, 6, 2],
    [17.96, 18, 0, 6, 2], // 18 and 18,0 still read equal
    [62, 18, 1, 6, 1],
    [1e-9, 0, 0, 3, 3], // too small to show within 3 digits
    [-0.04, 0, 0, 6, 2],
    [100.005, 100, 2, 6, 2], // 100,01 (half away from zero)
    [100.004, 100, 2, 6, 3],
  ])("%d vs %d, digits %d…%d → %d", (v, o, min, max, expected) => {
    expect(digitsToShowDifference(v, o, min, max)).toBe(expected);
  });

  it("with no other value keeps the base precision", () => {
    expect(digitsToShowDifference(4.96, null, 1)).toBe(1);
    expect(digitsToShowDifference(Number.NaN, 5, 1)).toBe(1);
  });

  it("refuses nonsense digit bounds", () => {
    expect(() => digitsToShowDifference(1, 2, 3, 2)).toThrow(RangeError);
    expect(() => digitsToShowDifference(1, 2, -1, 2)).toThrow(RangeError);
  });
});

describe("roundTo", () => {
  it.each([
    [1.005, 2, 1.01],
    [-1.005, 2, -1.01],
    [4.96, 1, 5],
    [0.125, 2, 0.13],
    [12345.6789, 0, 12346],
  ])("roundTo(%d, %d) = %d", (v, d, expected) => {
    expect(roundTo(v, d)).toBe(expected);
  });
});
