import { describe, expect, it } from "vitest";
import { itMapsClose } from "../../../tests/helpers/mapping";
import {
  CATALOGUE,
  isKpiMetricId,
  isStaticMetricId,
  kpiMetricDefinition,
  kpiSourceMetricId,
  LEGACY_GATE_METRIC_IDS,
  metricDefinition,
  numericValue,
  STATIC_METRIC_IDS,
  type MetricScope,
  type MetricUnit,
} from "./catalogue";
import { monthsUntil, mrrGrowth, zeroCashDate } from "./finance";

/** The unit table of the catalogue: id → unit, better direction, where it is read. */
const TABLE: [string, MetricUnit, "higher" | "lower" | null, MetricScope][] = [
  ["finance.cash", "cents", "higher", "closed_month"],
  ["finance.gross_burn", "cents", "lower", "closed_month"],
  ["finance.net_burn", "cents", "lower", "closed_month"],
  ["finance.avg_net_burn", "cents", "lower", "closed_month"],
  ["finance.runway_months", "months", "higher", "closed_month"],
  ["finance.zero_cash_date", "date", "higher", "closed_month"],
  ["finance.runway_months_with_hiring_plan", "months", "higher", "forecast"],
  ["finance.zero_cash_date_with_hiring_plan", "date", "higher", "forecast"],
  ["finance.mrr", "cents", "higher", "closed_month"],
  ["finance.arr", "cents", "higher", "closed_month"],
  ["finance.mrr_growth", "fraction", "higher", "closed_month"],
  ["finance.revenue_growth", "fraction", "higher", "closed_month"],
  ["finance.customers", "count", "higher", "closed_month"],
  ["finance.churn", "fraction", "lower", "closed_month"],
  ["finance.burn_multiple", "ratio", "lower", "closed_month"],
  ["finance.cac", "cents", "lower", "closed_month"],
  ["finance.ltv", "cents", "higher", "closed_month"],
  ["finance.ltv_to_cac", "ratio", "higher", "closed_month"],
  ["finance.default_alive", "boolean", null, "closed_month"],
  ["finance.growth_needed", "fraction", "lower", "closed_month"],
  ["finance.gross_margin", "fraction", "higher", "closed_month"],
  ["finance.funding_raised", "cents", "higher", "closed_month"],
  ["people.headcount", "count", null, "today"],
  ["people.headcount_planned", "count", null, "today"],
  ["delivery.deployments", "count", "higher", "window"],
  ["delivery.deploys_per_day", "per_day", "higher", "window"],
  ["delivery.lead_time_hours", "hours", "lower", "window"],
  ["delivery.change_failure_rate", "fraction", "lower", "window"],
  ["delivery.time_to_restore_hours", "hours", "lower", "window"],
  ["delivery.mttr_hours", "hours", "lower", "window"],
  ["delivery.rework_rate", "fraction", "lower", "window"],
  ["okrs.company_progress", "progress", "higher", "cycle"],
];

describe("the metric catalogue", () => {
  it.each(TABLE)("%s: %s, %s is better, read %s", (id, unit, direction, scope) => {
    const d = metricDefinition(id);
    expect(d).not.toBeNull();
    expect(d!.unit).toBe(unit);
    expect(d!.direction).toBe(direction);
    expect(d!.scope).toBe(scope);
    expect(d!.label.length).toBeGreaterThan(2);
    expect(d!.formula.length).toBeGreaterThan(8);
    expect(d!.window.length).toBeGreaterThan(5);
    expect(d!.finance).toBe(id.startsWith("finance."));
    expect(d!.domain).toBe(id.split(".")[0]);
  });

  it("the table above covers the whole catalogue, each id once", () => {
    expect([...STATIC_METRIC_IDS].sort()).toEqual(TABLE.map((r) => r[0]).sort());
    expect(new Set(CATALOGUE.map((d) => d.id)).size).toBe(CATALOGUE.length);
  });

  it("the delivery metrics say their window is the 90 days before now", () => {
    for (const d of CATALOGUE.filter((x) => x.domain === "delivery")) expect(d.window).toMatch(/90 days before now/);
  });

  it("a deployment count is successful production deployments", () => {
    expect(metricDefinition("delivery.deployments")!.formula).toMatch(/successful production deployments/i);
  });

  it("gross margin and funding raised state their formula and window exactly", () => {
    const gm = metricDefinition("finance.gross_margin")!;
    expect(gm.formula).toContain("(Revenue of M − cost of revenue of M) ÷ revenue of M");
    expect(gm.formula).toMatch(/none when M's cost of revenue was not recorded or its revenue is 0/);
    expect(gm.window).toMatch(/^As of M.*Month M\.$/);
    const fr = metricDefinition("finance.funding_raised")!;
    expect(fr.formula).toContain("Σ financing inflow (equity and debt raised)");
    expect(fr.formula).toContain("from January of M's calendar year to M inclusive");
    expect(fr.window).toMatch(/January of M's calendar year … M/);
  });

  it("headcount counts start ≤ today < end", () => {
    expect(metricDefinition("people.headcount")!.formula).toMatch(/start date ≤ today < end date/);
  });

  it("interface text cites no strategy document", () => {
    for (const d of CATALOGUE) expect(`${d.label} ${d.formula} ${d.window}`).not.toMatch(/\b00\d\b|strategy document/i);
  });

  it.each(["", "finance", "finance.", "nope.cash", "finance.cash.extra", "toString", "kpi.nps"])("%j is not a static id", (id) => {
    expect(isStaticMetricId(id)).toBe(false);
  });

  it.each([
    ["kpi.nps", true],
    ["kpi.bugs_p0", true],
    ["kpi.", false],
    ["kpi.NPS", false],
    ["kpi.a-b", false],
    ["kpis.nps", false],
  ] as const)("isKpiMetricId(%j) = %s", (id, expected) => {
    expect(isKpiMetricId(id)).toBe(expected);
  });

  it("a manual KPI is its latest measurement, in its own unit", () => {
    const d = kpiMetricDefinition({ key: "nps", name: "NPS", unit: null, direction: "higher", source: "manual" });
    expect(d).toMatchObject({ id: "kpi.nps", domain: "kpi", label: "NPS", unit: "measure", direction: "higher", scope: "latest_measurement", finance: false });
  });

  it("a computed KPI is the catalogue metric its source names: same unit, formula and window", () => {
    const d = kpiMetricDefinition({
      key: "deploy_frequency",
      name: "Deployment frequency",
      unit: "per day",
      direction: "higher",
      source: "delivery.deployments_per_day",
    });
    const base = metricDefinition("delivery.deploys_per_day")!;
    expect(d).toMatchObject({ id: "kpi.deploy_frequency", unit: base.unit, formula: base.formula, window: base.window, scope: "window" });
    expect(kpiSourceMetricId("manual")).toBeNull();
    expect(kpiSourceMetricId("finance.customers")).toBe("finance.customers");
  });

  it("every former gate key maps to a catalogue id", () => {
    for (const id of Object.values(LEGACY_GATE_METRIC_IDS)) expect(isStaticMetricId(id) || isKpiMetricId(id)).toBe(true);
    expect(LEGACY_GATE_METRIC_IDS.deploys_per_day_30d).toBe("delivery.deploys_per_day");
  });

  it.each([
    [3, 3],
    [0, 0],
    ["2027-01-31", null],
    [null, null],
    [Number.NaN, null],
  ] as const)("numericValue(%j) = %j", (v, expected) => {
    expect(numericValue(v)).toBe(expected);
  });
});

describe("catalogue formulas", () => {
  itMapsClose(
    "monthsUntil(%s, %s) ≈ %s",
    monthsUntil,
    [
      ["2026-11", "2026-11-30", 0],
      ["2026-11", "2027-11-30", 12],
      ["2026-11", null, null],
    ],
    1,
  );

  it("monthsUntil inverts zeroCashDate to within half a day", () => {
    for (const r of [0.5, 6.3, 17.96, 18, 62.4]) {
      expect(Math.abs(monthsUntil("2026-11", zeroCashDate("2026-11", r))! - r)).toBeLessThan(0.5 / (365.25 / 12));
    }
  });

  itMapsClose(
    "mrrGrowth(%d, %j) = %j",
    mrrGrowth,
    [
      [110_00, 100_00, 0.1],
      [90_00, 100_00, -0.1],
      [100_00, 0, null],
      [100_00, null, null],
    ],
    10,
  );
});
