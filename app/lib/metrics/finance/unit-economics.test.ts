import { describe, expect, it } from "vitest";
import { expectCloseOrNull, itMaps } from "../../../../tests/helpers/mapping";
import { arpa, arr, cac, churnRate, grossMarginOf, ltv, ltvToCac, yearStartOf } from "../finance";

describe("arr = 12 × MRR", () => {
  itMaps("arr(%i) = %i", arr, [
    [1_331_000, 15_972_000],
    [0, 0],
  ]);
});

describe("churnRate = mean of churned(m) ÷ customers(m−1)", () => {
  it.each<[string, { churned: number; previousCustomers: number | null }[], number | null]>([
    // (0.02 + 0.03 + 0.04) / 3
    [
      "three months",
      [
        { churned: 2, previousCustomers: 100 },
        { churned: 3, previousCustomers: 100 },
        { churned: 4, previousCustomers: 100 },
      ],
      0.03,
    ],
    [
      "leaves out months before the first snapshot",
      [
        { churned: 1, previousCustomers: null },
        { churned: 4, previousCustomers: 200 },
      ],
      0.02,
    ],
    [
      "a divisor 0 → null (the contract)",
      [
        { churned: 5, previousCustomers: 0 },
        { churned: 4, previousCustomers: 200 },
      ],
      null,
    ],
    ["nothing left → null", [{ churned: 5, previousCustomers: null }], null],
    ["no month → null", [], null],
    ["no churn → 0", [{ churned: 0, previousCustomers: 100 }], 0],
  ])("%s", (_name, months, expected) => {
    expectCloseOrNull(churnRate(months), expected);
  });
});

describe("cac / arpa / ltv / ltvToCac", () => {
  itMaps("cac(%i, %i) = %s", cac, [
    [300_000, 10, 30_000],
    [100, 3, 33], // 33.33 → 33
    [0, 5, 0],
    [300_000, 0, null], // no new customer
  ]);

  itMaps("arpa(%i, %i) = %s", arpa, [
    [1_000_000, 40, 25_000],
    [100_000, 3, 33_333], // 33 333.33
    [1_000_000, 0, null], // no customer
  ]);

  itMaps("ltv(%s, %s, %s) = %s", ltv, [
    [25_000, 0.75, 0.02, 937_500], // 25 000 × 0.75 / 0.02
    [11_000, 0.75, 0.03, 275_000], // 8 250 / 0.03
    [100_000 / 3, 0.75, 0.03, 833_333], // unrounded ARPA 33 333.33…: 833 333.33 (rounding ARPA first gives 833 325)
    [25_000, 0.75, 0, null], // churn 0
    [25_000, 0.75, null, null], // churn unknown
    [null, 0.75, 0.02, null], // ARPA unknown
  ]);

  itMaps("ltvToCac(%s, %s) = %s", ltvToCac, [
    [937_500, 30_000, 31.25],
    [937_500, null, null],
    [null, 30_000, null],
    [937_500, 0, null],
  ]);
});

describe("grossMarginOf", () => {
  it.each<[string, number, number | null, number | null]>([
    ["75 % margin", 100_000, 25_000, 0.75],
    ["no cost of revenue recorded → none", 100_000, null, null],
    ["zero cost → 100 %", 100_000, 0, 1],
    ["no revenue → none", 0, 5_000, null],
    ["costs above revenue → negative", 10_000, 15_000, -0.5],
  ])("%s", (_name, revenue, cost, expected) => {
    expect(grossMarginOf(revenue, cost)).toBe(expected);
  });
});

describe("yearStartOf", () => {
  it.each([
    ["2026-07", "2026-01"],
    ["2026-01", "2026-01"],
    ["2025-12", "2025-01"],
  ])("%s → %s", (m, start) => expect(yearStartOf(m)).toBe(start));
});
