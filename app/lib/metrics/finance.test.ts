import { describe, expect, it } from "vitest";
import { monthRange } from "../months";
import {
  budgetVsActual,
  arpa,
  arr,
  averageNetBurn,
  budgetGrid,
  buildMonthFinance,
  burnMultiple,
  cac,
  churnRate,
  computeFinanceMetrics,
  cumulativeTotals,
  DEFAULT_FINANCE_SETTINGS,
  FORMULAS,
  grossMarginOf,
  yearStartOf,
  forecastCash,
  grossBurn,
  growthNeeded,
  isDefaultAlive,
  isForecastRequisition,
  ltv,
  ltvToCac,
  monthlyGrowth,
  netBurn,
  requisitionMonthlyCost,
  runwayMonths,
  zeroCashCrossing,
  zeroCashDate,
  type BudgetGridLine,
  type FinanceMetrics,
  type ForecastInput,
  type MonthFinance,
} from "./finance";

const settings = DEFAULT_FINANCE_SETTINGS; // gross margin 0.75, loaded cost 1.45

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
  it.each<[number, number, number | null]>([
    [1_000_000, 100_000, 10],
    [250_000, 100_000, 2.5],
    [1_000_000, 0, null], // break-even: not burning
    [1_000_000, -5_000, null], // profitable: not burning
    [-500, 100, -5], // out of cash already: the contract's quotient, a zero-cash date in the past
    [0, 100, 0],
    [1_000_000, 300_001 / 3, 9.999966666777778], // divides by the unrounded mean
  ])("runwayMonths(%i, %s) = %s", (cash, burn, expected) => {
    if (expected === null) expect(runwayMonths(cash, burn)).toBeNull();
    else expect(runwayMonths(cash, burn)).toBeCloseTo(expected, 9);
  });
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

describe("arr = 12 × MRR", () => {
  it.each<[number, number]>([
    [1_331_000, 15_972_000],
    [0, 0],
  ])("arr(%i) = %i", (mrr, expected) => {
    expect(arr(mrr)).toBe(expected);
  });
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
    const got = churnRate(months);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });
});

describe("cac / arpa / ltv / ltvToCac", () => {
  it.each<[number, number, number | null]>([
    [300_000, 10, 30_000],
    [100, 3, 33], // 33.33 → 33
    [0, 5, 0],
    [300_000, 0, null], // no new customer
  ])("cac(%i, %i) = %s", (sm, n, expected) => {
    expect(cac(sm, n)).toBe(expected);
  });

  it.each<[number, number, number | null]>([
    [1_000_000, 40, 25_000],
    [100_000, 3, 33_333], // 33 333.33
    [1_000_000, 0, null], // no customer
  ])("arpa(%i, %i) = %s", (mrr, customers, expected) => {
    expect(arpa(mrr, customers)).toBe(expected);
  });

  it.each<[number | null, number, number | null, number | null]>([
    [25_000, 0.75, 0.02, 937_500], // 25 000 × 0.75 / 0.02
    [11_000, 0.75, 0.03, 275_000], // 8 250 / 0.03
    [100_000 / 3, 0.75, 0.03, 833_333], // unrounded ARPA 33 333.33…: 833 333.33 (rounding ARPA first gives 833 325)
    [25_000, 0.75, 0, null], // churn 0
    [25_000, 0.75, null, null], // churn unknown
    [null, 0.75, 0.02, null], // ARPA unknown
  ])("ltv(%s, %s, %s) = %s", (a, gm, churn, expected) => {
    expect(ltv(a, gm, churn)).toBe(expected);
  });

  it.each<[number | null, number | null, number | null]>([
    [937_500, 30_000, 31.25],
    [937_500, null, null],
    [null, 30_000, null],
    [937_500, 0, null],
  ])("ltvToCac(%s, %s) = %s", (l, c, expected) => {
    expect(ltvToCac(l, c)).toBe(expected);
  });
});

// -------------------------------------------------------------------------------------------
// computeFinanceMetrics
// -------------------------------------------------------------------------------------------

/**
 * Reference company, M = 2024-06. Revenue and MRR grow exactly 10 %/month.
 * customers: 100 → 100 (+2 −2) → 100 (+3 −3) → 121 (+25 −4).
 */
const REF: MonthFinance[] = [
  {
    month: "2024-03",
    grossBurnCents: 5_000_000,
    revenueCents: 1_000_000,
    cashCents: 55_000_000,
    mrrCents: 1_000_000,
    customers: 100,
    newCustomers: 10,
    churnedCustomers: 2,
    salesMarketingCents: 1_000_000,
  },
  {
    month: "2024-04",
    grossBurnCents: 5_200_000,
    revenueCents: 1_100_000,
    cashCents: 50_900_000,
    mrrCents: 1_100_000,
    customers: 100,
    newCustomers: 2,
    churnedCustomers: 2,
    salesMarketingCents: 1_200_000,
  },
  {
    month: "2024-05",
    grossBurnCents: 5_400_000,
    revenueCents: 1_210_000,
    cashCents: 46_710_000,
    mrrCents: 1_210_000,
    customers: 100,
    newCustomers: 3,
    churnedCustomers: 3,
    salesMarketingCents: 1_400_000,
  },
  {
    month: "2024-06",
    grossBurnCents: 5_600_000,
    revenueCents: 1_331_000,
    cashCents: 41_863_330,
    mrrCents: 1_331_000,
    customers: 121,
    newCustomers: 25,
    churnedCustomers: 4,
    salesMarketingCents: 1_600_000,
  },
];
const byMonth = (m: string) => REF.find((r) => r.month === m) as MonthFinance;

describe("computeFinanceMetrics — reference company (3 full months + M−3)", () => {
  // input in any order
  const r = computeFinanceMetrics([REF[2], REF[0], REF[3], REF[1]], settings);

  it("window and month-M values", () => {
    expect(r).not.toBeNull();
    expect(r?.asOfMonth).toBe("2024-06");
    expect(r?.windowMonths).toEqual(["2024-04", "2024-05", "2024-06"]);
    expect(r?.cashCents).toBe(41_863_330);
    expect(r?.revenueCents).toBe(1_331_000);
    expect(r?.grossBurnCents).toBe(5_600_000);
    expect(r?.netBurnCents).toBe(4_269_000); // 5 600 000 − 1 331 000
    expect(r?.mrrCents).toBe(1_331_000);
    expect(r?.arrCents).toBe(15_972_000);
    expect(r?.customers).toBe(121);
  });

  it("burn, runway, zero-cash date", () => {
    // net burns 4 100 000, 4 190 000, 4 269 000 → mean 4 186 333.33 → 4 186 333
    expect(r?.avgNetBurnCents).toBe(4_186_333);
    expect(r?.notBurning).toBe(false);
    // runway divides by the unrounded mean: 41 863 330 / 4 186 333.33… = 9.9999992 (10 with the rounded cents)
    expect(r?.runwayMonths).toBeCloseTo(41_863_330 / (12_559_000 / 3), 12);
    // 2024-06-30 + 304 days
    expect(r?.zeroCashDate).toBe("2025-04-30");
  });

  it("growth and default alive", () => {
    expect(r?.monthlyGrowth).toBeCloseTo(0.1, 12);
    // E = 5 600 000, R = 1 331 000, C = 41 863 330, g = 0.1: revenue passes E at n = 16
    // (1.1^16 × R = 6 115 909); the cumulative deficit peaks at n = 15: 37 481 910 < C → alive
    expect(r?.defaultAlive).toBe(true);
    // alive at g = 0.1, so the growth needed is ≤ 0.1; it is the smallest alive g on the grid
    const gn = r?.growthNeeded ?? NaN;
    expect(gn).toBeGreaterThan(0);
    expect(gn).toBeLessThanOrEqual(0.1);
    expect(isDefaultAlive(5_600_000, 1_331_000, 41_863_330, gn)).toBe(true);
    expect(isDefaultAlive(5_600_000, 1_331_000, 41_863_330, gn - 0.001)).toBe(false);
  });

  it("burn multiple, churn, CAC, ARPA, LTV", () => {
    // Σ net burn 12 559 000 / ((1 331 000 − 1 000 000) × 12 = 3 972 000)
    expect(r?.burnMultiple).toBeCloseTo(12_559_000 / 3_972_000, 12);
    expect(r?.burnMultiple).toBeCloseTo(3.161883, 6);
    // (2/100 + 3/100 + 4/100) / 3
    expect(r?.churnRate).toBeCloseTo(0.03, 12);
    // (1 200 000 + 1 400 000 + 1 600 000) / (2 + 3 + 25)
    expect(r?.cacCents).toBe(140_000);
    // 1 331 000 / 121
    expect(r?.arpaCents).toBe(11_000);
    // 11 000 × 0.75 / 0.03
    expect(r?.ltvCents).toBe(275_000);
    expect(r?.ltvToCac).toBeCloseTo(275_000 / 140_000, 12);
  });

  it("uses the gross-margin setting", () => {
    const r2 = computeFinanceMetrics(REF, { grossMargin: 0.6, loadedCostFactor: 1.45 });
    expect(r2?.ltvCents).toBe(220_000); // 11 000 × 0.6 / 0.03
  });
});

describe("computeFinanceMetrics — asOf and empty input", () => {
  const JULY: MonthFinance = { ...byMonth("2024-06"), month: "2024-07", cashCents: 1 };
  it.each<[string, string | undefined, string | null]>([
    ["latest closed month by default", undefined, "2024-07"],
    ["asOf month", "2024-06", "2024-06"],
    ["asOf date inside the month", "2024-06-15", "2024-06"],
    ["asOf in a later, unclosed month", "2025-01", "2024-07"],
    ["asOf before the first closed month", "2024-02", null],
  ])("%s", (_name, asOf, expected) => {
    const r = computeFinanceMetrics([...REF, JULY], settings, asOf);
    expect(r?.asOfMonth ?? null).toBe(expected);
  });

  it("no closed month → null", () => {
    expect(computeFinanceMetrics([], settings)).toBeNull();
  });

  it("duplicate month throws", () => {
    expect(() => computeFinanceMetrics([REF[0], REF[0]], settings)).toThrow(RangeError);
  });
});

describe("computeFinanceMetrics — fewer than 3 closed months", () => {
  it("two months", () => {
    const r = computeFinanceMetrics([byMonth("2024-05"), byMonth("2024-06")], settings);
    expect(r?.windowMonths).toEqual(["2024-05", "2024-06"]);
    // (4 190 000 + 4 269 000) / 2
    expect(r?.avgNetBurnCents).toBe(4_229_500);
    // 41 863 330 / 4 229 500
    expect(r?.runwayMonths).toBeCloseTo(9.897938, 6);
    // only the pair 05→06 is known
    expect(r?.monthlyGrowth).toBeCloseTo(0.1, 12);
    // MRR(M−3) unknown
    expect(r?.burnMultiple).toBeNull();
    // 05: customers(04) unknown → skipped; 06: 4/100
    expect(r?.churnRate).toBeCloseTo(0.04, 12);
    // (1 400 000 + 1 600 000) / (3 + 25) = 107 142.86
    expect(r?.cacCents).toBe(107_143);
    // 11 000 × 0.75 / 0.04
    expect(r?.ltvCents).toBe(206_250);
  });

  it("one month", () => {
    const r = computeFinanceMetrics([byMonth("2024-06")], settings);
    expect(r?.windowMonths).toEqual(["2024-06"]);
    expect(r?.avgNetBurnCents).toBe(4_269_000);
    expect(r?.monthlyGrowth).toBe(0); // no pair
    expect(r?.burnMultiple).toBeNull();
    expect(r?.churnRate).toBeNull(); // customers(M−1) unknown
    expect(r?.ltvCents).toBeNull();
    expect(r?.ltvToCac).toBeNull();
    expect(r?.cacCents).toBe(64_000); // 1 600 000 / 25
    // g = 0 and R < E → dead
    expect(r?.defaultAlive).toBe(false);
  });

  it("gap: M−1 not closed", () => {
    const r = computeFinanceMetrics([byMonth("2024-03"), byMonth("2024-04"), byMonth("2024-06")], settings);
    expect(r?.windowMonths).toEqual(["2024-04", "2024-06"]);
    // (4 100 000 + 4 269 000) / 2 = 4 184 500
    expect(r?.avgNetBurnCents).toBe(4_184_500);
    // 03→04 = 0.1; 04→05 and 05→06 skipped
    expect(r?.monthlyGrowth).toBeCloseTo(0.1, 12);
    // not all of M−3…M closed
    expect(r?.burnMultiple).toBeNull();
    // 04: 2/100; 06: customers(05) unknown → skipped
    expect(r?.churnRate).toBeCloseTo(0.02, 12);
  });
});

describe("computeFinanceMetrics — not burning", () => {
  const months: MonthFinance[] = ["2024-01", "2024-02", "2024-03"].map((month, i) => ({
    month,
    grossBurnCents: 1_000_000,
    revenueCents: 1_200_000 + i * 100_000, // net burn −200 000, −300 000, −400 000
    cashCents: 5_000_000,
    mrrCents: 1_000_000,
    customers: 50,
    newCustomers: 1,
    churnedCustomers: 1,
    salesMarketingCents: 100_000,
  }));
  const r = computeFinanceMetrics(months, settings);
  it("runway and zero-cash date are null, shown as not burning", () => {
    expect(r?.avgNetBurnCents).toBe(-300_000);
    expect(r?.notBurning).toBe(true);
    expect(r?.runwayMonths).toBeNull();
    expect(r?.zeroCashDate).toBeNull();
    expect(r?.defaultAlive).toBe(true); // R ≥ E
    expect(r?.growthNeeded).toBe(0);
    // MRR(M−3) unknown
    expect(r?.burnMultiple).toBeNull();
  });
});

describe("computeFinanceMetrics — pre-revenue company (revenue 0, no customers)", () => {
  const months: MonthFinance[] = ["2024-03", "2024-04", "2024-05", "2024-06"].map((month) => ({
    month,
    grossBurnCents: 1_000_000,
    revenueCents: 0,
    cashCents: 10_000_000,
    mrrCents: 0,
    customers: 0,
    newCustomers: 0,
    churnedCustomers: 0,
    salesMarketingCents: 200_000,
  }));
  const r = computeFinanceMetrics(months, settings);
  it.each<[string, unknown]>([
    ["avgNetBurnCents", 1_000_000],
    ["runwayMonths", 10], // 10 000 000 / 1 000 000
    ["zeroCashDate", "2025-04-30"], // 2024-06-30 + 304
    ["monthlyGrowth", 0], // every previous revenue is 0
    ["defaultAlive", false],
    ["growthNeeded", null], // R = 0: no growth helps
    ["burnMultiple", null], // MRR did not grow (0 → 0)
    ["churnRate", null], // customers(m−1) = 0 everywhere
    ["cacCents", null], // no new customer
    ["arpaCents", null], // no customer
    ["ltvCents", null],
    ["ltvToCac", null],
    ["arrCents", 0],
  ])("%s = %j", (key, expected) => {
    expect(r?.[key as keyof FinanceMetrics]).toBe(expected);
  });
});

describe("buildMonthFinance", () => {
  it("sums actuals per closed month, S&M separately, ignores unclosed months", () => {
    const snap = { cashCents: 1, revenueCents: 2, mrrCents: 3, customers: 4, newCustomers: 5, churnedCustomers: 6 };
    const out = buildMonthFinance(
      [
        { month: "2024-06", ...snap },
        { month: "2024-05", ...snap },
      ],
      [
        { month: "2024-05", actualCents: 1_000, isSalesMarketing: false },
        { month: "2024-05", actualCents: 500, isSalesMarketing: true },
        { month: "2024-05", actualCents: null, isSalesMarketing: true },
        { month: "2024-06", actualCents: 700, isSalesMarketing: true },
        { month: "2024-07", actualCents: 9_999, isSalesMarketing: false }, // not closed
      ],
    );
    expect(out.map((m) => [m.month, m.grossBurnCents, m.salesMarketingCents])).toEqual([
      ["2024-05", 1_500, 500],
      ["2024-06", 700, 700],
    ]);
    expect(out[0]).toMatchObject(snap);
  });
});

// -------------------------------------------------------------------------------------------
// Forecast
// -------------------------------------------------------------------------------------------

/** planned spend of `cents` every month from 2024-07 to 2026-06 */
const flatPlan = (cents: number) => Object.fromEntries(monthRange("2024-07", "2026-06").map((m) => [m, cents]));

describe("requisitionMonthlyCost / isForecastRequisition", () => {
  it.each<[number, number, number]>([
    [960_000, 1.25, 100_000], // 80 000 × 1.25
    [6_000_000, 1.45, 725_000], // 500 000 × 1.45
    [100_000, 1.45, 12_083], // 8 333.33 × 1.45 = 12 083.33
  ])("round(%i / 12 × %s) = %i", (annual, factor, expected) => {
    expect(requisitionMonthlyCost(annual, factor)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ["planned", true],
    ["open", true],
    ["interviewing", true],
    ["offer", true],
    ["hired", false],
    ["cancelled", false],
  ])("status %s counted: %s", (status, expected) => {
    expect(isForecastRequisition({ status })).toBe(expected);
  });
});

describe("zeroCashCrossing", () => {
  it.each<[string, number, { month: string; cashCents: number }[], { month: string; date: string } | null]>([
    [
      "never crosses",
      100,
      [
        { month: "2024-07", cashCents: 50 },
        { month: "2024-08", cashCents: 1 },
      ],
      null,
    ],
    // exactly 0 at month end → last day
    [
      "hits 0 at month end",
      100,
      [
        { month: "2024-07", cashCents: 50 },
        { month: "2024-08", cashCents: 0 },
      ],
      { month: "2024-08", date: "2024-08-31" },
    ],
    // 100 → −200: f = 1/3, 31 days → 10.33 → day 11
    ["crosses a third into the month", 100, [{ month: "2024-10", cashCents: -200 }], { month: "2024-10", date: "2024-10-11" }],
    // f = 1/1001 → day ceil(0.03) = 1
    ["crosses right away → day 1", 1, [{ month: "2024-02", cashCents: -1_000 }], { month: "2024-02", date: "2024-02-01" }],
    ["already out of cash at M", 0, [{ month: "2024-07", cashCents: 50 }], { month: "2024-06", date: "2024-06-30" }],
    // first crossing counts even if cash recovers
    [
      "first crossing counts",
      100,
      [
        { month: "2024-07", cashCents: -100 },
        { month: "2024-08", cashCents: 500 },
      ],
      { month: "2024-07", date: "2024-07-16" },
    ], // f = 0.5 × 31 = 15.5 → 16
  ])("%s", (_name, start, series, expected) => {
    expect(zeroCashCrossing("2024-06", start, series)).toEqual(expected);
  });
});

describe("forecastCash", () => {
  // cash 1 000 000, revenue 100 000 flat, planned 200 000/month → −100 000/month without hiring
  // A: 960 000/yr × 1.25 / 12 = 100 000/month from 2024-07
  // B: 480 000/yr × 1.25 / 12 =  50 000/month from 2024-11
  // C cancelled, D hired → excluded
  const base: ForecastInput = {
    lastClosed: { month: "2024-06", cashCents: 1_000_000, revenueCents: 100_000 },
    monthlyGrowth: 0,
    plannedByMonth: flatPlan(200_000),
    requisitions: [
      { id: 1, title: "A", targetStartMonth: "2024-07", annualSalaryCents: 960_000, status: "open" },
      { id: 2, title: "B", targetStartMonth: "2024-11", annualSalaryCents: 480_000, status: "planned" },
      { id: 3, title: "C", targetStartMonth: "2024-07", annualSalaryCents: 99_999_999, status: "cancelled" },
      { id: 4, title: "D", targetStartMonth: "2024-07", annualSalaryCents: 99_999_999, status: "hired" },
    ],
    loadedCostFactor: 1.25,
    horizonMonths: 12,
  };
  const f = forecastCash(base);

  it("month rows", () => {
    expect(f.months).toHaveLength(12);
    expect(f.months[0]).toEqual({
      month: "2024-07",
      revenueCents: 100_000,
      spendWithoutHiringCents: 200_000,
      spendWithHiringCents: 300_000, // + A
      cashWithoutHiringCents: 900_000,
      cashWithHiringCents: 800_000,
    });
    expect(f.months[4]).toEqual({
      month: "2024-11",
      revenueCents: 100_000,
      spendWithoutHiringCents: 200_000,
      spendWithHiringCents: 350_000, // + A + B
      cashWithoutHiringCents: 500_000,
      cashWithHiringCents: -50_000, // 200 000 after Oct, −250 000 in Nov
    });
    expect(f.months[11].month).toBe("2025-06");
  });

  it("zero-cash dates with and without hiring", () => {
    // without: 1 000 000 − 100 000 k = 0 at k = 10 (2025-04), exactly at month end — same as runway 10
    expect(f.zeroCashMonthWithout).toBe("2025-04");
    expect(f.zeroCashDateWithout).toBe("2025-04-30");
    // with: 200 000 left after Oct, −250 000 in Nov → f = 0.8 × 30 = day 24
    expect(f.zeroCashMonthWith).toBe("2024-11");
    expect(f.zeroCashDateWith).toBe("2024-11-24");
  });

  it("Δ days per requisition (negative = the hire brings zero cash earlier)", () => {
    // without A (B only): Jul–Oct −100 000 → 600 000; then −150 000 → 0 at end of Feb → 2025-02-28;
    //   Δ = 2024-11-24 − 2025-02-28 = −(6 + 31 + 31 + 28) = −96
    // without B (A only): −200 000/month → 0 at end of Nov → 2024-11-30; Δ = −6
    expect(f.requisitionImpacts).toEqual([
      { id: 1, title: "A", monthlyCostCents: 100_000, deltaDays: -96 },
      { id: 2, title: "B", monthlyCostCents: 50_000, deltaDays: -6 },
    ]);
  });

  it("Δ days is null when a side does not cross within the horizon", () => {
    const short = forecastCash({ ...base, horizonMonths: 6 }); // 2024-07 … 2024-12
    expect(short.zeroCashDateWithout).toBeNull();
    expect(short.zeroCashDateWith).toBe("2024-11-24");
    expect(short.requisitionImpacts).toEqual([
      { id: 1, title: "A", monthlyCostCents: 100_000, deltaDays: null }, // B only crosses in 2025-02
      { id: 2, title: "B", monthlyCostCents: 50_000, deltaDays: -6 },
    ]);
  });

  it("revenue grows by g; a past target start counts from M+1; missing planned months = 0", () => {
    const r = forecastCash({
      lastClosed: { month: "2024-06", cashCents: 0 + 1, revenueCents: 100_000 },
      monthlyGrowth: 0.1,
      plannedByMonth: { "2024-07": 50_000 },
      requisitions: [{ id: 9, title: "Late", targetStartMonth: "2024-01", annualSalaryCents: 1_200_000, status: "offer" }],
      loadedCostFactor: 1.45, // 100 000 × 1.45 = 145 000/month
      horizonMonths: 3,
    });
    expect(r.months.map((m) => [m.month, m.revenueCents, m.spendWithoutHiringCents, m.spendWithHiringCents])).toEqual([
      ["2024-07", 110_000, 50_000, 195_000],
      ["2024-08", 121_000, 0, 145_000],
      ["2024-09", 133_100, 0, 145_000],
    ]);
    // without: 1 + 60 000 + 121 000 + 133 100
    expect(r.months.map((m) => m.cashWithoutHiringCents)).toEqual([60_001, 181_001, 314_101]);
    // with: 1 − 85 000 → crosses in July: f = 1 / 85 001 → day 1
    expect(r.months.map((m) => m.cashWithHiringCents)).toEqual([-84_999, -108_999, -120_899]);
    expect(r.zeroCashDateWithout).toBeNull();
    expect(r.zeroCashDateWith).toBe("2024-07-01");
    expect(r.requisitionImpacts).toEqual([{ id: 9, title: "Late", monthlyCostCents: 145_000, deltaDays: null }]);
  });

  it("no requisitions: with = without, no impacts", () => {
    const r = forecastCash({ ...base, requisitions: [] });
    expect(r.zeroCashDateWith).toBe(r.zeroCashDateWithout);
    expect(r.months.every((m) => m.cashWithHiringCents === m.cashWithoutHiringCents)).toBe(true);
    expect(r.requisitionImpacts).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------
// Budget grid — table from the strategy document (k€, Oct → Sep)
// -------------------------------------------------------------------------------------------

const K = 100_000; // 1 k€ in cents
const STRATEGY_MONTHS = monthRange("2024-10", "2025-09");
const STRATEGY: Record<string, number[]> = {
  Salaires: [15, 20, 23, 23, 23, 25, 25, 27, 30, 30, 30, 32],
  Marketing: [5, 10, 8, 8, 10, 15, 12, 15, 10, 8, 8, 10],
  Infrastructure: [2, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6],
  "Légal/Admin": [5, 2, 2, 3, 2, 3, 2, 2, 3, 2, 2, 3],
  Autres: [3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5],
};
const STRATEGY_TOTAL = [30, 38, 40, 41, 42, 52, 48, 53, 53, 50, 50, 56];
const STRATEGY_CUMULATIVE = [30, 68, 108, 149, 191, 243, 291, 344, 397, 447, 497, 553];
const strategyLines: BudgetGridLine[] = Object.entries(STRATEGY).flatMap(([category, values]) =>
  values.map((v, i) => ({ month: STRATEGY_MONTHS[i], category, plannedCents: v * K, actualCents: v * K })),
);

describe("cumulativeTotals", () => {
  it.each<[number[], number[]]>([
    [[], []],
    [[5], [5]],
    [
      [30, 38, 40],
      [30, 68, 108],
    ],
    [
      [10, -4, 0],
      [10, 6, 6],
    ],
    [STRATEGY_TOTAL, STRATEGY_CUMULATIVE],
  ])("cumulativeTotals(%j)", (values, expected) => {
    expect(cumulativeTotals(values)).toEqual(expected);
  });
});

describe("budgetGrid — strategy document table", () => {
  const grid = budgetGrid(strategyLines);

  it("months Oct 2024 → Sep 2025, categories in order", () => {
    expect(grid.months).toEqual(STRATEGY_MONTHS);
    expect(grid.categories).toEqual(["Salaires", "Marketing", "Infrastructure", "Légal/Admin", "Autres"]);
  });

  it.each(STRATEGY_MONTHS.map((m, i) => [m, STRATEGY_TOTAL[i], STRATEGY_CUMULATIVE[i]] as const))(
    "%s: gross burn = Total row = %i k€, cumulative %i k€",
    (month, total, cumulative) => {
      const i = STRATEGY_MONTHS.indexOf(month);
      expect(grossBurn(strategyLines, month)).toBe(total * K);
      expect(grid.totalRow[i]).toEqual({ month, plannedCents: total * K, actualCents: total * K, hasActual: true });
      expect(grid.cumulativeRow[i]).toEqual({ month, plannedCents: cumulative * K, actualCents: cumulative * K });
    },
  );

  it("row totals per category and grand total", () => {
    expect(grid.rows.map((r) => [r.category, r.totalActualCents / K])).toEqual([
      ["Salaires", 303], // 15+20+23+23+23+25+25+27+30+30+30+32
      ["Marketing", 119], // 5+10+8+8+10+15+12+15+10+8+8+10
      ["Infrastructure", 56], // 2+3+4+4+4+5+5+5+6+6+6+6
      ["Légal/Admin", 31], // 5+2+2+3+2+3+2+2+3+2+2+3
      ["Autres", 44], // 3+3+3+3+3+4+4+4+4+4+4+5
    ]);
    // 303 + 119 + 56 + 31 + 44 = 553 = last cumulative value
    expect(grid.grandTotal).toEqual({ plannedCents: 553 * K, actualCents: 553 * K, plannedToDateCents: 553 * K });
  });
});

describe("budgetGrid — missing actuals and gaps", () => {
  const grid = budgetGrid([
    { month: "2024-01", category: "Ops", plannedCents: 100, actualCents: 90 },
    { month: "2024-03", category: "Ops", plannedCents: 100, actualCents: null },
    { month: "2024-03", category: "Sales", plannedCents: 50, actualCents: 70 },
  ]);
  it("fills month gaps, keeps null cells, counts null actual as 0 in totals", () => {
    expect(grid.months).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(grid.rows[0].cells.map((c) => c.actualCents)).toEqual([90, null, null]);
    expect(grid.totalRow.map((t) => [t.plannedCents, t.actualCents])).toEqual([
      [100, 90],
      [0, 0],
      [150, 70],
    ]);
    expect(grid.cumulativeRow.map((t) => [t.plannedCents, t.actualCents])).toEqual([
      [100, 90],
      [100, 90],
      [250, 160],
    ]);
  });

  it("empty input", () => {
    const empty = budgetGrid([]);
    expect(empty.months).toEqual([]);
    expect(empty.rows).toEqual([]);
    expect(empty.grandTotal).toEqual({ plannedCents: 0, actualCents: 0, plannedToDateCents: 0 });
  });
});

describe("FORMULAS", () => {
  it.each(Object.entries(FORMULAS))("%s has label, formula and window text", (_key, f) => {
    expect(f.label.length).toBeGreaterThan(0);
    expect(f.formula.length).toBeGreaterThan(10);
    expect(f.window.length).toBeGreaterThan(0);
  });

  it.each<[keyof typeof FORMULAS, string]>([
    ["runway", "÷ average net burn"],
    ["zeroCashDate", "365.25 ÷ 12"],
    ["burnMultiple", "× 12"],
    ["arr", "12 × MRR"],
    ["ltv", "ARPA × gross margin"],
    ["grossMargin", "(Revenue of M − cost of revenue of M) ÷ revenue of M"],
    ["fundingRaised", "from January of M's calendar year to M inclusive"],
  ])("%s formula mentions %s", (key, fragment) => {
    expect(FORMULAS[key].formula).toContain(fragment);
  });
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

describe("budgetVsActual", () => {
  it("variance and share used per category and in total; none used where nothing is planned", () => {
    const r = budgetVsActual([
      { category: "Cloud", plannedCents: 1000, actualCents: 1200 },
      { category: "R&D", plannedCents: 0, actualCents: 300 },
    ]);
    expect(r.rows.map((l) => [l.category, l.varianceCents, l.usedShare])).toEqual([
      ["Cloud", 200, 1.2],
      ["R&D", 300, null],
    ]);
    expect(r.total).toEqual({ category: "Total", plannedCents: 1000, actualCents: 1500, varianceCents: 500, usedShare: 1.5 });
    expect(budgetVsActual([]).total.usedShare).toBeNull();
  });
});
