import { describe, expect, it } from "vitest";
import { itMapsClose } from "../../../../tests/helpers/mapping";
import { averageNetBurn, burnMultiple, grossBurn, growthNeeded, isDefaultAlive, monthlyGrowth, netBurn, runwayMonths, zeroCashDate } from "../finance";

// -------------------------------------------------------------------------------------------
// Individual formulas
// -------------------------------------------------------------------------------------------

describe("grossBurn = Σ actual of the month's lines (null = 0)", () => {
  const lines = [
    { month: "2024-06", actualCents: 100_000 },
    { month: "2024-06", actualCents: null },
    { month: "2024-06", actualCents: 25_050 },
    { month: "2024-05", actualCents: 999_999 },
  ];
  it.each<[string, number]>([
    ["2024-06", 125_050], // 100 000 + 0 + 25 050
    ["2024-05", 999_999],
    ["2024-07", 0], // no line at all
  ])("grossBurn(lines, %s) = %i", (month, expected) => {
    expect(grossBurn(lines, month)).toBe(expected);
  });
});

describe("netBurn = gross − revenue", () => {
  it.each<[number, number, number]>([
    [500_000, 200_000, 300_000],
    [200_000, 500_000, -300_000],
    [0, 0, 0],
  ])("netBurn(%i, %i) = %i", (g, r, expected) => {
    expect(netBurn(g, r)).toBe(expected);
  });
});

describe("averageNetBurn = round(mean)", () => {
  it.each<[number[], number]>([
    [[100, 200, 300], 200],
    [[100, 201], 151], // 150.5 → 151
    [[1, 2], 2], // 1.5 → 2
    [[-1, -2], -1], // −1.5 → −1 (Math.round: half toward +∞)
    [[-100, 50], -25],
    [[4_100_000, 4_190_000, 4_269_000], 4_186_333], // 12 559 000 / 3 = 4 186 333.33
    [[], 0],
  ])("averageNetBurn(%j) = %i", (values, expected) => {
    expect(averageNetBurn(values)).toBe(expected);
  });
});

describe("runwayMonths = cash ÷ avg net burn, null when not burning", () => {
  itMapsClose(
    "runwayMonths(%i, %s) = %s",
    runwayMonths,
    [
      [1_000_000, 100_000, 10],
      [250_000, 100_000, 2.5],
      [1_000_000, 0, null], // break-even: not burning
      [1_000_000, -5_000, null], // profitable: not burning
      [-500, 100, -5], // out of cash already: the contract's quotient, a zero-cash date in the past
      [0, 100, 0],
      [1_000_000, 300_001 / 3, 9.999966666777778], // divides by the unrounded mean
    ],
    9,
  );
});

describe("zeroCashDate = last day of M + round(runway × 365.25 ÷ 12) days", () => {
  it.each<[string, number | null, string | null]>([
    // 2024-06-30 + round(10 × 30.4375) = 304 days → 2025-04-30
    ["2024-06", 10, "2025-04-30"],
    // 2024-01-31 + round(30.4375) = 30 → Feb has 29 days in 2024 → 2024-03-01
    ["2024-01", 1, "2024-03-01"],
    // 2023-12-31 + round(76.09375) = 76 → Jan 31 + Feb 29 = 60, +16 → 2024-03-16
    ["2023-12", 2.5, "2024-03-16"],
    // 2024-06-30 + round(24 × 30.4375 = 730.5) = 731 days (no 29 Feb in between) → 2026-07-01
    // (a 365-day year would give 730 → 2026-06-30)
    ["2024-06", 24, "2026-07-01"],
    ["2024-01", 0, "2024-01-31"],
    ["2024-06", null, null],
  ])("zeroCashDate(%s, %s) = %s", (m, runway, expected) => {
    expect(zeroCashDate(m, runway)).toBe(expected);
  });
});

describe("monthlyGrowth = mean of rev(k)/rev(k−1) − 1 over k = M−2…M, skipping rev(k−1) = 0", () => {
  it.each<[string, (number | null)[], number]>([
    ["steady 10 %", [1_000, 1_100, 1_210, 1_331], 0.1],
    ["growth 0", [1_000, 1_000, 1_000, 1_000], 0],
    ["revenue always 0 → no pair left → 0", [0, 0, 0, 0], 0],
    // skip 0→100; 100→200 = +1; 200→300 = +0.5 → mean 0.75
    ["first revenue after 0 is skipped", [0, 100, 200, 300], 0.75],
    // 1000→0 = −1; 0→500 skipped; 500→1000 = +1 → mean 0
    ["drop to 0 then recovery", [1_000, 0, 500, 1_000], 0],
    // only 1000→1200 has both sides known
    ["unknown months skipped", [null, 1_000, 1_200, null], 0.2],
    ["single month", [1_000], 0],
    ["decline", [200, 100], -0.5],
  ])("%s", (_name, revenues, expected) => {
    expect(monthlyGrowth(revenues)).toBeCloseTo(expected, 12);
  });
});

describe("isDefaultAlive(E, R, C, g)", () => {
  it.each<[string, number, number, number, number, boolean]>([
    ["already alive: R = E", 100, 100, 0, 0, true],
    ["already alive: R > E even with negative growth and no cash", 100, 150, 0, -0.5, true],
    ["growth 0, R < E: never reaches E, however much cash", 100, 50, 1_000_000, 0, false],
    // n=1: R(1+g) = 100 ≥ E, cash 50 − (100 − 100) = 50 ≥ 0
    ["doubles in one month", 100, 50, 50, 1, true],
    // n=1: rev 750, cash 250 − 250 = 0 (not below 0); n=2: rev 1125 ≥ 1000 → alive
    ["alive through growth, cash exactly 0 on the way", 1_000, 500, 250, 0.5, true],
    // n=1: rev 750, cash 249 − 250 = −1 < 0 → dead before revenue reaches E
    ["dead: cash runs out one cent before", 1_000, 500, 249, 0.5, false],
    // 1.005^120 ≈ 1.819 → 91 < 100 within 120 months
    ["too slow within 120 months", 100, 50, 1e12, 0.005, false],
    // 1.006^120 ≈ 2.050 → 102.5 ≥ 100
    ["just fast enough within 120 months", 100, 50, 1e12, 0.006, true],
    ["revenue 0, lots of growth: 0 × anything = 0", 100, 0, 1e12, 1, false],
    ["g ≤ −1 treated as factor 0", 100, 50, 1e12, -2, false],
  ])("%s", (_name, E, R, C, g, expected) => {
    expect(isDefaultAlive(E, R, C, g)).toBe(expected);
  });
});

describe("growthNeeded(E, R, C): smallest g in [0, 1] to 0.001", () => {
  it.each<[string, number, number, number, number | null]>([
    ["already alive → 0", 100, 100, 0, 0],
    ["revenue 0 → no growth helps → null", 100, 0, 1e9, null],
    // unlimited cash: need 50(1+g)^n ≥ 100 with n ≤ 120 → g ≥ 2^(1/120) − 1 = 0.005793 → 0.006
    ["only the 120-month horizon binds", 100, 50, 1e12, 0.006],
    // C = 50: cash after month 1 = 50g, after month 2 = 50g − 100 + 50(1+g)²; revenue reaches
    // 100 at month 3 when (1+g)³ ≥ 2 (g ≥ 0.26), so need g² + 3g − 1 ≥ 0 → g ≥ (√13 − 3)/2 = 0.30278
    // → 0.303 (0.302 gives cash −0.14 after month 2)
    ["cash binds", 100, 50, 50, 0.303],
    // C = 0: month 1 cash = 0 − (100 − 50(1+g)) ≥ 0 only when g = 1
    ["no cash: must double at once", 100, 50, 0, 1],
    // C = 0, R = 40: even g = 1 gives 80 < 100 and cash −20
    ["no g ≤ 1 works → null", 100, 40, 0, null],
  ])("%s", (_name, E, R, C, expected) => {
    expect(growthNeeded(E, R, C)).toBe(expected);
  });

  it("the answer is alive and 0.001 less is not", () => {
    expect(isDefaultAlive(100, 50, 50, 0.303)).toBe(true);
    expect(isDefaultAlive(100, 50, 50, 0.302)).toBe(false);
  });
});

describe("burnMultiple = Σ net burn(M−2…M) ÷ ((MRR(M) − MRR(M−3)) × 12)", () => {
  it.each<[string, number, number, number | null, number | null]>([
    // 300 000 / (50 000 × 12 = 600 000) = 0.5
    ["MRR grew", 300_000, 150_000, 100_000, 0.5],
    ["MRR flat → null", 300_000, 100_000, 100_000, null],
    ["MRR shrank → null", 300_000, 90_000, 100_000, null],
    ["MRR(M−3) unknown → null", 300_000, 150_000, null, null],
    // −60 000 / 600 000
    ["profitable growth → negative", -60_000, 150_000, 100_000, -0.1],
  ])("%s", (_name, burn, now, then, expected) => {
    expect(burnMultiple(burn, now, then)).toBe(expected);
  });
});
