import { describe, expect, it } from "vitest";
import { addMonths, monthDiff } from "../months";
import { forecastCash, monthsUntil, type ForecastInput } from "./finance";
import {
  breakEvenMonth,
  evaluateTrigger,
  expectedValue,
  NO_ASSUMPTIONS,
  scaledStartMonth,
  scenarioInput,
  scenarioOutcome,
  triggerConditionHolds,
  triggerIsOn,
  type BasePlan,
  type ScenarioAssumptions,
  type Trigger,
} from "./scenarios";

const M = "2026-11";

/** planned spend flat at `burn` per month, split 60 % payroll, 15 % IT, 25 % other. */
function base(opts: { cash: number; revenue: number; growth: number; burn: number; horizon?: number; reqs?: ForecastInput["requisitions"] }): BasePlan {
  const horizon = opts.horizon ?? 36;
  const plannedByMonth: Record<string, number> = {};
  const plannedByGroup: BasePlan["plannedByGroup"] = {};
  for (let k = 1; k <= horizon; k++) {
    const m = addMonths(M, k);
    plannedByMonth[m] = opts.burn;
    const payroll = Math.round(opts.burn * 0.6);
    const it = Math.round(opts.burn * 0.15);
    (plannedByGroup as Record<string, object>)[m] = { payroll, it, other: opts.burn - payroll - it };
  }
  return {
    input: {
      lastClosed: { month: M, cashCents: opts.cash, revenueCents: opts.revenue },
      monthlyGrowth: opts.growth,
      plannedByMonth,
      requisitions: opts.reqs ?? [],
      loadedCostFactor: 1.45,
      horizonMonths: horizon,
    },
    plannedByGroup,
  };
}

const with_ = (a: Partial<ScenarioAssumptions>): ScenarioAssumptions => ({ ...NO_ASSUMPTIONS, ...a });

const REQS: ForecastInput["requisitions"] = [
  { id: 1, title: "Backend engineer", targetStartMonth: "2027-01", annualSalaryCents: 60_000_00, status: "open" },
  { id: 2, title: "Sales rep", targetStartMonth: "2027-06", annualSalaryCents: 48_000_00, status: "planned" },
  { id: 3, title: "Data engineer", targetStartMonth: "2026-09", annualSalaryCents: 66_000_00, status: "interviewing" },
  { id: 4, title: "Cancelled", targetStartMonth: "2027-02", annualSalaryCents: 90_000_00, status: "cancelled" },
];

describe("the base scenario is today's forecast", () => {
  it.each([
    ["burning, no hiring", { cash: 2_000_000_00, revenue: 50_000_00, growth: 0.03, burn: 200_000_00 }],
    ["burning, with hiring", { cash: 4_418_057_70, revenue: 9_000_000, growth: 0.0496, burn: 221_492_38, reqs: REQS }],
    ["not burning", { cash: 1_000_000_00, revenue: 300_000_00, growth: 0.01, burn: 200_000_00, reqs: REQS }],
    ["no cash left", { cash: 0, revenue: 0, growth: 0, burn: 1_000_00 }],
    ["120-month horizon", { cash: 5_000_000_00, revenue: 100_000_00, growth: 0.05, burn: 250_000_00, reqs: REQS, horizon: 120 }],
  ])("%s: input unchanged, forecast identical", (_label, o) => {
    const b = base(o);
    expect(scenarioInput(b, NO_ASSUMPTIONS)).toEqual(b.input);
    const out = scenarioOutcome(b, NO_ASSUMPTIONS);
    const today = forecastCash(b.input);
    expect(out.forecast).toEqual(today);
    expect(out.months.map((m) => m.cashCents)).toEqual(today.months.map((m) => m.cashWithHiringCents));
    expect(out.zeroCashDate).toBe(today.zeroCashDateWith);
    expect(out.zeroCashDateWithoutHiring).toBe(today.zeroCashDateWithout);
    expect(out.runwayMonths).toBe(monthsUntil(M, today.zeroCashDateWith));
  });
});

describe("a funding event moves the zero-cash date by exactly amount ÷ burn", () => {
  // constant burn B, no revenue, cash 10 B: zero cash on the last day of M+10
  const B = 100_000_00;
  it.each([
    [1, "2027-01"],
    [3, "2027-02"],
    [6, "2027-06"],
    [12, "2027-09"],
  ])("amount = %i × burn in %s", (multiple, month) => {
    const b = base({ cash: 10 * B, revenue: 0, growth: 0, burn: B, horizon: 60 });
    const before = scenarioOutcome(b, NO_ASSUMPTIONS);
    const after = scenarioOutcome(b, with_({ funding: [{ month, amountCents: multiple * B }] }));
    expect(before.zeroCashDate).toBe("2027-09-30");
    expect(monthDiff(before.zeroCashDate!.slice(0, 7), after.zeroCashDate!.slice(0, 7))).toBe(multiple);
    // exactly 0 at a month's end: the last day of that month
    expect(after.zeroCashDate).toBe(`${addMonths("2027-09", multiple)}-${after.zeroCashDate!.slice(8)}`);
    expect(after.months.find((m) => m.month === month)?.fundingCents).toBe(multiple * B);
    // spend is shown without the funding taken off
    expect(after.months.every((m) => m.spendCents === B)).toBe(true);
  });

  it("half a month's burn moves it by half a month (within the month, interpolated)", () => {
    const b = base({ cash: 10 * B, revenue: 0, growth: 0, burn: B, horizon: 60 });
    const after = scenarioOutcome(b, with_({ funding: [{ month: "2027-01", amountCents: B / 2 }] }));
    expect(after.zeroCashDate).toBe("2027-10-16"); // 31 days × 0.5 → day 16
  });
});

describe("a hiring freeze", () => {
  const b = base({ cash: 3_000_000_00, revenue: 40_000_00, growth: 0.02, burn: 150_000_00, reqs: REQS });
  const today = forecastCash(b.input);

  it("from the first forecast month equals the forecast without the hiring plan", () => {
    const out = scenarioOutcome(b, with_({ hiringFreezeFrom: addMonths(M, 1) }));
    expect(out.months.map((m) => m.cashCents)).toEqual(today.months.map((m) => m.cashWithoutHiringCents));
    expect(out.zeroCashDate).toBe(today.zeroCashDateWithout);
  });

  it.each(["2027-01", "2027-02", "2027-06", "2027-07"])("from %s: the hires starting before it only, and no new cost after it", (freeze) => {
    const out = scenarioOutcome(b, with_({ hiringFreezeFrom: freeze }));
    // the overdue requisition (2026-09) starts costing in M+1 = 2026-12
    const expected = forecastCash({ ...b.input, requisitions: REQS.filter((r) => (r.targetStartMonth < "2026-12" ? "2026-12" : r.targetStartMonth) < freeze) });
    expect(out.forecast).toEqual(expected);
    const hiringCost = out.forecast.months.filter((m) => m.month >= freeze).map((m) => m.spendWithHiringCents - m.spendWithoutHiringCents);
    expect(new Set(hiringCost).size).toBe(1);
  });
});

describe("hiring speed", () => {
  it.each([
    ["2027-09", 1, "2027-09"],
    ["2027-09", 2, "2027-04"], // 10 months away → 5
    ["2027-08", 2, "2027-04"], // 9 → ceil(4.5) = 5
    ["2027-09", 0.5, "2028-07"], // 10 → 20
    ["2026-12", 2, "2026-12"], // already due next month
    ["2026-06", 0.5, "2026-06"], // overdue: counted from M+1 anyway
  ])("a start in %s at speed %s moves to %s", (start, speed, expected) => {
    expect(scaledStartMonth(M, start, speed)).toBe(expected);
  });

  it("twice as fast brings the zero-cash date earlier; half as fast later", () => {
    const b = base({ cash: 3_000_000_00, revenue: 40_000_00, growth: 0.02, burn: 150_000_00, reqs: REQS });
    const plan = scenarioOutcome(b, NO_ASSUMPTIONS).zeroCashDate!;
    expect(scenarioOutcome(b, with_({ hiringSpeed: 2 })).zeroCashDate! < plan).toBe(true);
    expect(scenarioOutcome(b, with_({ hiringSpeed: 0.5 })).zeroCashDate! > plan).toBe(true);
  });

  it("refuses a speed of 0", () => {
    expect(() => scenarioInput(base({ cash: 1, revenue: 0, growth: 0, burn: 1 }), with_({ hiringSpeed: 0 }))).toThrow(RangeError);
  });
});

describe("cost change and growth", () => {
  const b = base({ cash: 2_000_000_00, revenue: 50_000_00, growth: 0.03, burn: 200_000_00 });
  it.each([
    [{ payroll: -0.3, it: 0, other: 0 }, 200_000_00 - 36_000_00],
    [{ payroll: -0.3, it: -0.3, other: -0.3 }, 140_000_00],
    [{ payroll: 0, it: 0.5, other: 0 }, 215_000_00],
    [{ payroll: 0.1, it: 0, other: -0.2 }, 200_000_00 + 12_000_00 - 10_000_00],
  ])("%j: each month's planned spend becomes %i", (costChange, planned) => {
    const input = scenarioInput(b, with_({ costChange }));
    for (let k = 1; k <= 36; k++) expect(input.plannedByMonth[addMonths(M, k)]).toBe(planned);
  });

  it.each([
    [0.1, null, 0.1],
    [null, 0.02, 0.01],
    [0.08, 0.03, 0.05],
    [null, null, 0.03],
  ])("growth %s with extra churn %s → %s", (revenueGrowth, extraChurn, g) => {
    expect(scenarioInput(b, with_({ revenueGrowth, extraChurn })).monthlyGrowth).toBeCloseTo(g, 12);
  });

  it("break-even: the first month whose revenue covers its spend", () => {
    expect(
      breakEvenMonth([
        { month: "2027-01", revenueCents: 5, spendCents: 10 },
        { month: "2027-02", revenueCents: 10, spendCents: 10 },
      ]),
    ).toBe("2027-02");
    expect(breakEvenMonth([{ month: "2027-01", revenueCents: 5, spendCents: 10 }])).toBeNull();
    const fast = scenarioOutcome(b, with_({ revenueGrowth: 0.2 }));
    expect(fast.breakEvenMonth).toBe("2027-07"); // 50 k × 1.2^k ≥ 200 k from k = 8 (log 4 ÷ log 1.2 = 7.6)
    expect(fast.breakEvenMonth).not.toBeNull();
    // at 3 % a month, revenue catches up after ceil(log 4 ÷ log 1.03) = 47 months: beyond the 36-month horizon
    expect(scenarioOutcome(b, NO_ASSUMPTIONS).breakEvenMonth).toBeNull();
    expect(scenarioOutcome(base({ cash: 2_000_000_00, revenue: 50_000_00, growth: 0.03, burn: 200_000_00, horizon: 60 }), NO_ASSUMPTIONS).breakEvenMonth).toBe(
      addMonths(M, 47),
    );
  });
});

describe("triggers", () => {
  const t = (comparison: Trigger["comparison"], value: number, value2: number | null = null, by: string | null = "2027-05-31"): Trigger => ({
    metricId: "finance.customers",
    comparison,
    value,
    value2,
    by,
  });
  it.each([
    [t(">=", 50), 50, true],
    [t(">=", 50), 49, false],
    [t(">", 50), 50, false],
    [t("<", 15), 14, true],
    [t("<", 15), 15, false],
    [t("<=", 15), 15, true],
    [t("between", 15, 30), 15, true],
    [t("between", 15, 30), 30, true],
    [t("between", 15, 30), 31, false],
    [t("between", 30, 15), 20, true],
  ])("%j with %i → %s", (trigger, value, holds) => {
    expect(triggerConditionHolds(value, trigger)).toBe(holds);
  });

  it.each([
    [t(">=", 50), 60, "2027-01-10", "holds"],
    [t(">=", 50), 20, "2027-01-10", "waiting"],
    [t(">=", 50), 60, "2027-05-31", "holds"],
    [t(">=", 50), 60, "2027-06-01", "met"],
    [t(">=", 50), 20, "2027-06-01", "missed"],
    [t(">=", 50), null, "2027-01-10", "no_data"],
    [t(">=", 50, null, null), 20, "2099-01-01", "waiting"],
  ] as const)("%j, value %s on %s → %s", (trigger, value, today, state) => {
    expect(evaluateTrigger(trigger, value, today)).toBe(state);
  });

  it("on = holds or met", () => {
    expect(["holds", "met", "waiting", "missed", "no_data"].map((s) => triggerIsOn(s as never))).toEqual([true, true, false, false, false]);
  });

  it("expected value weights by probability", () => {
    expect(
      expectedValue([
        { probability: 0.2, value: 10 },
        { probability: 0.6, value: 20 },
        { probability: 0.2, value: 40 },
      ]),
    ).toBeCloseTo(22, 10);
    expect(
      expectedValue([
        { probability: 0.5, value: null },
        { probability: 0.5, value: 1 },
      ]),
    ).toBeNull();
    expect(expectedValue([])).toBeNull();
  });
});
