import { describe, expect, it } from "vitest";
import { formatGateValue, fromHumanUnits, humanUnitLabel, humanUnitOf, toHumanUnits } from "./gate-units";

describe("gate threshold units", () => {
  it.each([
    ["arr_cents", 100, 100_000_00],
    ["mrr_cents", 8.5, 8_500_00],
    ["cash_cents", 0.01, 1_000],
    ["change_failure_rate_30d", 5, 0.05],
    ["monthly_growth", 7.5, 0.075],
    ["burn_multiple", 2, 2],
    ["runway_months", 18, 18],
    ["customers", 15, 15],
    ["lead_time_hours_30d", 2, 2],
    ["deploys_per_day_30d", 50, 50],
    ["headcount", 60, 60],
  ] as const)("%s: %s typed → %s stored, and back", (metric, human, stored) => {
    expect(fromHumanUnits(metric, human)).toBe(stored);
    expect(toHumanUnits(metric, stored)).toBe(human);
  });

  it("names the human unit", () => {
    expect(humanUnitOf("burn_multiple")).toBe("ratio");
    expect(humanUnitLabel("arr_cents")).toBe("k€");
    expect(humanUnitLabel("arr_cents", "USD")).toBe("k USD");
    expect(humanUnitLabel("change_failure_rate_30d")).toBe("%");
    expect(humanUnitLabel("customers")).toBe("");
  });

  it("formats values in their unit, 'no data' for null", () => {
    const fmt = { locale: "en-GB", currency: "EUR" };
    expect(formatGateValue("customers", null, fmt)).toBe("no data");
    expect(formatGateValue("customers", 18, fmt)).toBe("18");
    expect(formatGateValue("arr_cents", 100_000_00, fmt)).toBe("€100,000");
    expect(formatGateValue("change_failure_rate_30d", 0.049, fmt)).toBe("4.9%");
    expect(formatGateValue("runway_months", 67.94, fmt)).toBe("67.9 months");
    expect(formatGateValue("burn_multiple", 0.5412, fmt)).toBe("0.54×");
    expect(formatGateValue("unknown_metric", 3, fmt)).toBe("3");
  });
});
