import { describe, expect, it } from "vitest";
import { itMaps, itRejects } from "../../../tests/helpers/mapping";
import {
  FORMULAS,
  GATE_METRIC_IDS,
  MATURITY_INDICATORS,
  MATURITY_INDICATOR_KEYS,
  compareCriterion,
  evaluateGate,
  isGateMetricId,
  maturityLevelLabel,
  type GateCriterionInput,
  type GateVerdict,
} from "./governance";

describe("compareCriterion", () => {
  itMaps("%s %s %s → %s", compareCriterion, [
    [null, ">=", 10, "no_data"],
    [null, "<", 10, "no_data"],
    [Number.NaN, ">", 10, "no_data"],
    [10, ">=", 10, "met"],
    [9.99, ">=", 10, "not_met"],
    [10, ">", 10, "not_met"],
    [10.01, ">", 10, "met"],
    [10, "<=", 10, "met"],
    [10.01, "<=", 10, "not_met"],
    [10, "<", 10, "not_met"],
    [9.99, "<", 10, "met"],
    [0, ">=", 0, "met"],
    [0, ">", 0, "not_met"],
    [-1, "<", 0, "met"],
    [0.15, "<=", 0.15, "met"],
  ]);
});

describe("evaluateGate", () => {
  const met: GateCriterionInput = { metric: "customers", operator: ">=", threshold: 10, value: 12 };
  const notMet: GateCriterionInput = { metric: "runway_months", operator: ">=", threshold: 12, value: 8 };
  const noData: GateCriterionInput = { metric: "change_failure_rate_30d", operator: "<=", threshold: 0.15, value: null };

  it.each<[string, GateCriterionInput[], string, string, GateVerdict]>([
    ["all met before due → go", [met, met], "2024-06-30", "2024-06-01", "go"],
    ["all met on due date → go", [met], "2024-06-30", "2024-06-30", "go"],
    ["all met after due → go", [met], "2024-06-30", "2024-09-01", "go"],
    ["one unmet before due → pending", [met, notMet], "2024-06-30", "2024-06-29", "pending"],
    ["one unmet on due date → no_go", [met, notMet], "2024-06-30", "2024-06-30", "no_go"],
    ["one unmet after due → no_go", [met, notMet], "2024-06-30", "2024-07-01", "no_go"],
    ["no data before due → pending", [met, noData], "2024-06-30", "2024-06-01", "pending"],
    ["no data on due date → no_go", [met, noData], "2024-06-30", "2024-06-30", "no_go"],
    ["no criteria before due → pending", [], "2024-06-30", "2024-06-01", "pending"],
    ["no criteria after due → pending", [], "2024-06-30", "2024-07-01", "pending"],
    ["across a year boundary", [notMet], "2025-01-01", "2024-12-31", "pending"],
  ])("%s", (_name, criteria, dueDate, today, verdict) => {
    expect(evaluateGate({ dueDate, criteria }, today).verdict).toBe(verdict);
  });

  const checked = { checked: true };
  const unchecked = { checked: false };
  it.each<[string, GateCriterionInput[], { checked: boolean }[], string, string, GateVerdict]>([
    ["metrics met, manual checked → go", [met], [checked, checked], "2024-06-30", "2024-06-01", "go"],
    ["metrics met, one manual unchecked before due → pending", [met], [checked, unchecked], "2024-06-30", "2024-06-01", "pending"],
    ["metrics met, one manual unchecked on due date → no_go", [met], [unchecked], "2024-06-30", "2024-06-30", "no_go"],
    ["manual only, all checked → go", [], [checked], "2024-06-30", "2024-07-01", "go"],
    ["manual only, unchecked after due → no_go", [], [unchecked], "2024-06-30", "2024-07-01", "no_go"],
    ["manual checked but a metric unmet after due → no_go", [notMet], [checked], "2024-06-30", "2024-07-01", "no_go"],
    ["no manual criterion: the metric verdict", [met], [], "2024-06-30", "2024-07-01", "go"],
  ])("with manual criteria: %s", (_name, criteria, manual, dueDate, today, verdict) => {
    const r = evaluateGate({ dueDate, criteria, manual }, today);
    expect(r.verdict).toBe(verdict);
    expect(r.manual).toEqual(manual);
  });

  it("returns every criterion, in order, with its outcome and extra fields kept", () => {
    const result = evaluateGate(
      {
        dueDate: "2024-06-30",
        criteria: [
          { ...met, id: 1 },
          { ...notMet, id: 2 },
          { ...noData, id: 3 },
        ],
      },
      "2024-06-01",
    );
    expect(result.criteria.map((c) => [c.id, c.metric, c.outcome])).toEqual([
      [1, "customers", "met"],
      [2, "runway_months", "not_met"],
      [3, "change_failure_rate_30d", "no_data"],
    ]);
  });

  it.each<[string, string]>([
    ["30/06/2024", "2024-06-01"],
    ["2024-06-30", "June 1"],
  ])("rejects malformed dates (%s, %s)", (dueDate, today) => {
    expect(() => evaluateGate({ dueDate, criteria: [met] }, today)).toThrow(RangeError);
  });
});

describe("gate metrics are catalogue ids", () => {
  it.each([
    "finance.customers",
    "finance.arr",
    "finance.runway_months",
    "finance.runway_months_with_hiring_plan",
    "finance.revenue_growth",
    "finance.burn_multiple",
    "delivery.change_failure_rate",
    "delivery.deploys_per_day",
    "people.headcount",
    "kpi.nps",
  ])("%s may be a criterion", (id) => {
    expect(isGateMetricId(id)).toBe(true);
  });

  it.each(["nope", "toString", "constructor", "", "customers", "runway_months", "finance.zero_cash_date", "kpi.", "kpi.NPS"])(
    "%j may not (unknown, legacy key, or a date)",
    (id) => {
      expect(isGateMetricId(id)).toBe(false);
    },
  );

  it("every static gate metric id is in the catalogue and numeric", () => {
    expect(GATE_METRIC_IDS.length).toBeGreaterThan(20);
    for (const id of GATE_METRIC_IDS) expect(isGateMetricId(id)).toBe(true);
    expect(GATE_METRIC_IDS).not.toContain("finance.zero_cash_date");
  });
});

describe("maturity", () => {
  itMaps("maturityLevelLabel(%s) = %s", maturityLevelLabel, [
    [1, "None / initial"],
    [2, "Repeatable"],
    [3, "Defined"],
    [4, "Managed"],
    [5, "Optimised"],
    [1.4, "None / initial"],
    [2.5, "Defined"],
    [4.6, "Optimised"],
  ]);

  itRejects("rejects %s", maturityLevelLabel, [[0], [0.99], [5.01], [6], [Number.NaN]]);

  it.each(MATURITY_INDICATOR_KEYS.map((k) => [k]))("indicator %s has a label", (key) => {
    expect(MATURITY_INDICATORS[key].label.length).toBeGreaterThan(0);
  });

  it("has the five indicators of the data model", () => {
    expect(Object.keys(MATURITY_INDICATORS)).toEqual(["process", "documentation", "governance", "controls", "audit"]);
  });
});

describe("FORMULAS", () => {
  it.each(Object.entries(FORMULAS))("%s is documented", (_key, f) => {
    expect(f.formula.length).toBeGreaterThan(10);
  });
});
