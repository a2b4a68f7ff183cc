import { describe, expect, it } from "vitest";
import { DEFAULT_FINANCE_SETTINGS, buildMonthFinance, computeFinanceMetrics, type FinanceMetrics, isDefaultAlive, type MonthFinance } from "../finance";

const settings = DEFAULT_FINANCE_SETTINGS; // gross margin 0.75, loaded cost 1.45

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
