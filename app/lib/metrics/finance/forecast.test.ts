import { describe, expect, it } from "vitest";
import { dayDiff, monthRange } from "../../months";
import { forecastCash, type ForecastInput, forecastTotals, isForecastRequisition, requisitionMonthlyCost, zeroCashCrossing } from "../finance";

// -------------------------------------------------------------------------------------------
// Forecast
// -------------------------------------------------------------------------------------------

/** A small seeded generator: rnd(n) is a whole number in [0, n). */
function seeded(seed: number) {
  return (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
}

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

  it("Δ days equals a second forecast run without that requisition (60 random plans)", () => {
    const rnd = seeded(7);
    const months = monthRange("2024-01", "2026-12");
    for (let run = 0; run < 60; run++) {
      const input: ForecastInput = {
        ...base,
        lastClosed: { month: "2024-06", cashCents: 500_000 + rnd(3_000_000), revenueCents: rnd(150_000) },
        monthlyGrowth: rnd(5) / 100,
        requisitions: Array.from({ length: 1 + rnd(12) }, (_, i) => ({
          id: i + 1,
          title: `R${i + 1}`,
          targetStartMonth: months[rnd(months.length)],
          annualSalaryCents: 100_000 + rnd(2_000_000),
          status: ["planned", "open", "offer", "hired", "cancelled"][rnd(5)],
        })),
        horizonMonths: 6 + rnd(30),
      };
      const all = forecastCash(input);
      for (const impact of all.requisitionImpacts) {
        const without = forecastCash({ ...input, requisitions: input.requisitions.filter((r) => r.id !== impact.id) });
        const expected = all.zeroCashDateWith === null || without.zeroCashDateWith === null ? null : dayDiff(without.zeroCashDateWith, all.zeroCashDateWith);
        expect(impact.deltaDays).toBe(expected);
      }
    }
  });

  it("forecastTotals, from the plan's cost per start month, gives forecastCash's series and zero-cash dates exactly (60 random plans)", () => {
    const rnd = seeded(11);
    const months = monthRange("2024-01", "2026-12");
    let crossed = 0;
    for (let run = 0; run < 60; run++) {
      const input: ForecastInput = {
        ...base,
        lastClosed: { month: "2024-06", cashCents: 500_000 + rnd(3_000_000), revenueCents: rnd(150_000) },
        monthlyGrowth: rnd(5) / 100,
        loadedCostFactor: 1 + rnd(50) / 100,
        requisitions: Array.from({ length: rnd(15) }, (_, i) => ({
          id: i + 1,
          title: `R${i + 1}`,
          targetStartMonth: months[rnd(months.length)],
          annualSalaryCents: 100_000 + rnd(2_000_000),
          status: ["planned", "open", "offer", "hired", "cancelled"][rnd(5)],
        })),
        horizonMonths: rnd(40),
      };
      // what hiringPlanCostByStartMonth sums in SQL: each counted requisition's rounded monthly cost, per start month
      const costs = new Map<string, number>();
      for (const r of input.requisitions.filter(isForecastRequisition)) {
        costs.set(r.targetStartMonth, (costs.get(r.targetStartMonth) ?? 0) + requisitionMonthlyCost(r.annualSalaryCents, input.loadedCostFactor));
      }
      const { requisitions: _r, ...plan } = input;
      const totals = forecastTotals({
        ...plan,
        costByStartMonth: [...costs].map(([targetStartMonth, monthlyCostCents]) => ({ targetStartMonth, monthlyCostCents })),
      });
      const { requisitionImpacts: _i, ...full } = forecastCash(input);
      expect(totals).toEqual(full);
      if (full.zeroCashDateWith !== null) crossed++;
    }
    expect(crossed).toBeGreaterThan(5); // the dates were compared, not only nulls
    expect(() => forecastTotals({ ...base, costByStartMonth: [], horizonMonths: -1 })).toThrow(RangeError);
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
