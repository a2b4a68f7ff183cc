import { describe, expect, it } from "vitest";
import { formatGateValue, fromHumanUnits, humanUnitLabel, humanUnitOf, toHumanUnits } from "./gate-units";

describe("gate threshold units", () => {
  it.each([
    ["finance.arr", 100, 100_000_00],
    ["finance.mrr", 8.5, 8_500_00],
    ["finance.cash", 0.01, 1_000],
    ["delivery.change_failure_rate", 5, 0.05],
    ["finance.revenue_growth", 7.5, 0.075],
    ["finance.burn_multiple", 2, 2],
    ["finance.runway_months_with_hiring_plan", 18, 18],
    ["finance.customers", 15, 15],
    ["delivery.lead_time_hours", 2, 2],
    ["delivery.deploys_per_day", 50, 50],
    ["people.headcount", 60, 60],
    ["okrs.company_progress", 70, 0.7],
    ["kpi.nps", 60, 60],
  ] as const)("%s: %s typed → %s stored, and back", (metric, human, stored) => {
    expect(fromHumanUnits(metric, human)).toBe(stored);
    expect(toHumanUnits(metric, stored)).toBe(human);
  });

  it("names the human unit", () => {
    expect(humanUnitOf("finance.burn_multiple")).toBe("ratio");
    expect(humanUnitOf("kpi.nps")).toBe("measure");
    expect(humanUnitLabel("finance.arr")).toBe("k€");
    expect(humanUnitLabel("finance.arr", "USD")).toBe("k USD");
    expect(humanUnitLabel("delivery.change_failure_rate")).toBe("%");
    expect(humanUnitLabel("finance.customers")).toBe("");
  });

  it("formats values in their unit, 'no data' for null", () => {
    const fmt = { locale: "en-GB", currency: "EUR" };
    expect(formatGateValue("finance.customers", null, fmt)).toBe("no data");
    expect(formatGateValue("finance.customers", 18, fmt)).toBe("18");
    expect(formatGateValue("finance.arr", 100_000_00, fmt)).toBe("€100,000");
    expect(formatGateValue("delivery.change_failure_rate", 0.049, fmt)).toBe("4.9%");
    expect(formatGateValue("finance.runway_months", 67.94, fmt)).toBe("67.9 months");
    expect(formatGateValue("finance.burn_multiple", 0.5412, fmt)).toBe("0.54×");
    expect(formatGateValue("unknown_metric", 3, fmt)).toBe("3");
  });

  it("shows enough precision to see why a criterion fails", () => {
    const fmt = { locale: "fr-FR", currency: "EUR" };
    // the case: 'growth ≥ 5,0 % — now 5,0 % · Not met'
    expect(formatGateValue("finance.revenue_growth", 0.0496, fmt, 0.05)).toBe("4,96\u00a0%");
    expect(formatGateValue("finance.revenue_growth", 0.05, fmt, 0.05)).toBe("5,0\u00a0%");
    expect(formatGateValue("finance.revenue_growth", 0.12, fmt, 0.05)).toBe("12,0\u00a0%");
    expect(formatGateValue("finance.runway_months_with_hiring_plan", 17.96, fmt, 18)).toBe("17,96 months");
    expect(formatGateValue("finance.burn_multiple", 2.004, fmt, 2)).toBe("2,004×");
    expect(formatGateValue("finance.customers", 14.5, fmt, 15)).toBe("14,5");
    expect(formatGateValue("delivery.time_to_restore_hours", 0.5004, fmt, 0.5)).toBe("0,5004 h");
    expect(formatGateValue("delivery.time_to_restore_hours", 6.7, fmt, 0.5)).toBe("6,7\u202fh"); // Intl's unit style: a narrow no-break space
    expect(formatGateValue("finance.arr", 99_999_99, fmt, 100_000_00)).toBe("99\u202f999,99\u00a0€");
  });
});
