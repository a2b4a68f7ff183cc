/**
 * The metric catalogue on a real temporary database: one expected value per metric id (a unit
 * table of the compute side), the single definitions that used to differ (headcount, deployment
 * count, closed-month actuals), targets as data, and the migration of the former gate keys.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STATIC_METRIC_IDS } from "~/lib/metrics/catalogue";
import { listAudit } from "~/models/audit.server";
import { getItBudgetVsActual } from "~/models/finance.server";
import { deleteMetricTarget, setMetricTarget, targetFor, TargetPermissionError } from "~/models/metric-targets.server";
import { COMPUTE } from "~/models/metrics/compute.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetricAt } from "~/models/metrics/history.server";
import { isKnownMetricId, listMetricIds, readFigure, readMetric, UnknownMetricError } from "~/models/metrics/readings.server";
import { getOverviewCounts } from "~/models/overview.server";
import { schema } from "~/utils/db.server";
import {
  insertBudgetCategory,
  insertBudgetLine,
  insertCycle,
  insertDeployment,
  insertEmployee,
  insertIncident,
  insertKeyResult,
  insertKpi,
  insertKpiMeasurement,
  insertKpiTarget,
  insertObjective,
  insertRequisition,
  insertService,
  insertSnapshot,
  insertTeam,
  insertUser,
} from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2026, 3, 10, 12); // 2026-04-10 12:00 UTC (14:00 in Paris, the default zone)

let cycleId = 0;

/** A small company: three closed months, one open; people; deployments; incidents; OKRs; KPIs. */
function seedCompany() {
  const ops = insertBudgetCategory(t.db, { name: "Ops" });
  const cloud = insertBudgetCategory(t.db, { name: "Cloud", isIt: true });
  const mrr: Record<string, number> = { "2026-01": 8_000_00, "2026-02": 9_000_00, "2026-03": 10_000_00 };
  const customers: Record<string, number> = { "2026-01": 10, "2026-02": 11, "2026-03": 12 };
  for (const month of ["2026-01", "2026-02", "2026-03"]) {
    insertSnapshot(t.db, {
      month,
      cashCents: 2_400_000_00,
      revenueCents: 0,
      mrrCents: mrr[month],
      customers: customers[month],
      churnedCustomers: 0,
      financingCents: month === "2026-02" ? 500_000_00 : 0,
      costOfRevenueCents: month === "2026-03" ? 2_000_00 : null,
    });
    insertBudgetLine(t.db, { categoryId: ops.id, month, plannedCents: 90_000_00, actualCents: 90_000_00 });
    insertBudgetLine(t.db, { categoryId: cloud.id, month, plannedCents: 10_000_00, actualCents: 10_000_00 });
  }
  // April is still running: planned, no actual yet, no snapshot
  insertBudgetLine(t.db, { categoryId: ops.id, month: "2026-04", plannedCents: 90_000_00 });
  insertBudgetLine(t.db, { categoryId: cloud.id, month: "2026-04", plannedCents: 10_000_00 });
  // one open requisition from April: 120 k€ a year × 1.45 = 14 500 € a month
  insertRequisition(t.db, { targetStartMonth: "2026-04", annualSalaryCents: 120_000_00, status: "open" });
  insertRequisition(t.db, { targetStartMonth: "2026-04", annualSalaryCents: 500_000_00, status: "cancelled" });

  // people: employed, starting today, starting later this month, left
  insertEmployee(t.db, { startDate: "2024-01-01" });
  insertEmployee(t.db, { startDate: "2026-04-10" });
  insertEmployee(t.db, { startDate: "2026-04-20" });
  insertEmployee(t.db, { startDate: "2025-01-01", endDate: "2026-03-01" });

  // delivery, window [NOW − 90 days, NOW)
  const api = insertService(t.db, { name: "api" });
  const web = insertService(t.db, { name: "web" });
  const d1 = insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 3 * D), commits: [{ committedAt: new Date(NOW - 3 * D - 3 * H) }] });
  insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 10 * D), commits: [{ committedAt: new Date(NOW - 10 * D - 5 * H) }] });
  insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 20 * D), isHotfix: true, commits: [{ committedAt: new Date(NOW - 20 * D - 1 * H) }] });
  insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 4 * D), status: "failure" }); // not a deployment
  insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 4 * D), environment: "staging" }); // not production
  insertDeployment(t.db, { serviceId: api.id, finishedAt: new Date(NOW - 100 * D) }); // before the window
  insertIncident(t.db, {
    serviceId: api.id,
    startedAt: new Date(NOW - 3 * D + H),
    resolvedAt: new Date(NOW - 3 * D + 2 * H),
    causeDeploymentId: d1.id,
    causeKind: "explicit",
  });
  insertIncident(t.db, { serviceId: web.id, startedAt: new Date(NOW - 5 * D), resolvedAt: new Date(NOW - 5 * D + 2 * H) });
  insertIncident(t.db, { serviceId: web.id, startedAt: new Date(NOW - 6 * D), resolvedAt: new Date(NOW - 6 * D + 6 * H) });

  // OKRs: two company objectives (50 % and 100 %), one team objective (0 %, not counted)
  const cycle = insertCycle(t.db, { name: "2026-Q2", startDate: "2026-04-01", endDate: "2026-06-30" });
  cycleId = cycle.id;
  const o1 = insertObjective(t.db, { cycleId: cycle.id });
  insertKeyResult(t.db, { objectiveId: o1.id, startValue: 0, targetValue: 100, currentValue: 50 });
  const o2 = insertObjective(t.db, { cycleId: cycle.id });
  insertKeyResult(t.db, { objectiveId: o2.id, startValue: 0, targetValue: 10, currentValue: 10 });
  const team = insertTeam(t.db, { name: "Core" });
  const o3 = insertObjective(t.db, { cycleId: cycle.id, teamId: team.id });
  insertKeyResult(t.db, { objectiveId: o3.id, startValue: 0, targetValue: 10, currentValue: 0 });

  // KPIs: a manual one and one computed from delivery
  const nps = insertKpi(t.db, { key: "nps", name: "NPS", direction: "higher" });
  insertKpiMeasurement(t.db, { kpiId: nps.id, measuredOn: "2026-03-01", value: 40 });
  insertKpiMeasurement(t.db, { kpiId: nps.id, measuredOn: "2026-04-01", value: 72 });
  insertKpiMeasurement(t.db, { kpiId: nps.id, measuredOn: "2026-05-01", value: 99 }); // after today: not yet
  insertKpiTarget(t.db, { kpiId: nps.id, cycleId: cycle.id, target: 60 });
  insertKpi(t.db, { key: "deploy_frequency", name: "Deployment frequency", direction: "higher", source: "delivery.deployments_per_day" });
}

/** Expected value of every static catalogue id on seedCompany() at NOW. */
const EXPECTED: Record<string, number | string | null | ((v: unknown) => void)> = {
  "finance.cash": 2_400_000_00,
  "finance.gross_burn": 100_000_00,
  "finance.net_burn": 100_000_00,
  "finance.avg_net_burn": 100_000_00,
  "finance.runway_months": 24,
  "finance.zero_cash_date": "2028-03-31", // 2026-03-31 + round(24 × 365.25 ÷ 12) = 731 days
  // with 14 500 €/month more from April: 110 000 € left after 20 months, gone on day ceil(110 000 ÷ 114 500 × 31) = 30 of month 21
  "finance.zero_cash_date_with_hiring_plan": "2027-12-30",
  "finance.runway_months_with_hiring_plan": (v) => expect(v as number).toBeCloseTo((639 * 12) / 365.25, 10),
  "finance.mrr": 10_000_00,
  "finance.arr": 120_000_00,
  "finance.mrr_growth": (v) => expect(v as number).toBeCloseTo(10_000 / 9_000 - 1, 12),
  "finance.revenue_growth": 0, // no revenue: every pair skipped
  "finance.customers": 12,
  "finance.churn": 0,
  "finance.burn_multiple": null, // M−3 is not closed
  "finance.cac": null, // no new customer
  "finance.ltv": null, // churn 0
  "finance.ltv_to_cac": null,
  "finance.default_alive": 0,
  "finance.growth_needed": (v) => expect(v === null || (typeof v === "number" && v > 0)).toBe(true),
  "finance.gross_margin": null, // a cost of revenue is recorded for March, but March's revenue is 0
  "finance.funding_raised": 500_000_00, // February's round, January … March 2026
  "people.headcount": 2, // started 2024 and today; not the 20th, not the one who left
  "people.headcount_planned": 4, // 3 employed at the end of April + the open requisition
  "delivery.deployments": 3, // successful production only, within the window
  "delivery.deploys_per_day": 3 / 90,
  "delivery.lead_time_hours": 3, // median of 3 h, 5 h, 1 h
  "delivery.change_failure_rate": 1 / 3,
  "delivery.time_to_restore_hours": 2, // median of 1 h, 2 h, 6 h
  "delivery.mttr_hours": 3, // mean
  "delivery.rework_rate": 1 / 3,
  "okrs.company_progress": 0.75,
};

describe("the compute function of every catalogue id", () => {
  it("the expected table covers every static id", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...STATIC_METRIC_IDS].sort());
    expect(Object.keys(COMPUTE).sort()).toEqual([...STATIC_METRIC_IDS].sort());
  });

  it.each(Object.keys(EXPECTED))("%s", (id) => {
    seedCompany();
    const ctx = new MetricContext(t.db, NOW);
    const r = readMetric(ctx, id);
    const expected = EXPECTED[id];
    if (typeof expected === "function") expected(r.value);
    else if (typeof expected === "number" && !Number.isInteger(expected)) expect(r.value as number).toBeCloseTo(expected, 12);
    else expect(r.value).toBe(expected);
    // where it was read
    if (id.startsWith("finance.")) expect(r.asOf).toBe("2026-03");
    if (id.startsWith("delivery.")) expect(r.window).toEqual({ from: NOW - 90 * D, to: NOW });
    if (id.startsWith("people.") || id.startsWith("okrs.")) expect(r.asOf).toBe("2026-04-10");
    expect(ctx.failed).toEqual([]);
  });

  it("every id is 'no data' (null), never 0, on an empty database — except counts", () => {
    const ctx = new MetricContext(t.db, NOW);
    for (const id of STATIC_METRIC_IDS) {
      const v = readMetric(ctx, id).value;
      if (id === "delivery.deployments" || id.startsWith("people.")) expect(v).toBe(0);
      else expect(v, id).toBeNull();
    }
  });

  it("KPIs: a manual KPI is its latest measurement up to today; a computed one equals its catalogue metric", () => {
    seedCompany();
    const ctx = new MetricContext(t.db, NOW);
    expect(readMetric(ctx, "kpi.nps")).toEqual({ value: 72, asOf: "2026-04-01" });
    expect(readMetric(ctx, "kpi.deploy_frequency")).toEqual(readMetric(ctx, "delivery.deploys_per_day"));
    expect(listMetricIds(ctx).sort()).toEqual([...STATIC_METRIC_IDS, "kpi.nps", "kpi.deploy_frequency"].sort());
    expect(isKnownMetricId(ctx, "kpi.nps")).toBe(true);
    expect(isKnownMetricId(ctx, "kpi.nope")).toBe(false);
    expect(() => readMetric(ctx, "kpi.nope")).toThrow(UnknownMetricError);
    expect(() => readMetric(ctx, "finance.nope")).toThrow(UnknownMetricError);
  });

  it("the runway that knows the hiring plan is shorter than the one that does not", () => {
    seedCompany();
    const ctx = new MetricContext(t.db, NOW);
    expect(readMetric(ctx, "finance.runway_months_with_hiring_plan").value as number).toBeLessThan(readMetric(ctx, "finance.runway_months").value as number);
  });

  it("a context reads each source once however many figures use it", () => {
    seedCompany();
    const ctx = new MetricContext(t.db, NOW);
    const client = t.db.$client;
    const prepare = client.prepare.bind(client);
    const statements: string[] = [];
    client.prepare = ((text: string) => (statements.push(text), prepare(text))) as typeof client.prepare;
    try {
      for (const id of STATIC_METRIC_IDS) readMetric(ctx, id);
      const first = statements.length;
      for (const id of STATIC_METRIC_IDS) readMetric(ctx, id);
      expect(statements.length).toBe(first); // the second pass is all cache
    } finally {
      client.prepare = prepare;
    }
  });
});

describe("gross margin, funding raised and readings as of a past day", () => {
  it("gross margin is (revenue − cost of revenue) ÷ revenue of M; funding raised sums January … M of M's year only", () => {
    insertSnapshot(t.db, { month: "2025-11", cashCents: 1_000_00, revenueCents: 10_000_00, financingCents: 900_000_00, costOfRevenueCents: 3_000_00 });
    insertSnapshot(t.db, { month: "2026-01", cashCents: 1_000_00, revenueCents: 20_000_00, financingCents: 100_000_00, costOfRevenueCents: 5_000_00 });
    insertSnapshot(t.db, { month: "2026-02", cashCents: 1_000_00, revenueCents: 40_000_00, financingCents: 200_000_00, costOfRevenueCents: 10_000_00 });
    const ctx = new MetricContext(t.db, NOW);
    expect(readMetric(ctx, "finance.gross_margin")).toEqual({ value: 0.75, asOf: "2026-02" });
    expect(readMetric(ctx, "finance.funding_raised")).toEqual({ value: 300_000_00, asOf: "2026-02" });
    // the year before, as of its last closed month: November 2025
    expect(readMetricAt(ctx, "finance.funding_raised", "2025-12-31", "2025-01-01")).toEqual({ value: 900_000_00, asOf: "2025-11" });
    expect(readMetricAt(ctx, "finance.gross_margin", "2025-12-31", "2025-01-01")).toEqual({ value: 0.7, asOf: "2025-11" });
    // nothing closed in 2024: no data, never 2025's or an invented 0
    expect(readMetricAt(ctx, "finance.funding_raised", "2024-12-31", "2024-01-01").value).toBeNull();
    expect(readMetricAt(ctx, "finance.customers", "2024-12-31", "2024-01-01").value).toBeNull();
  });

  it("a month without a recorded cost of revenue has no gross margin", () => {
    insertSnapshot(t.db, { month: "2026-03", revenueCents: 40_000_00 });
    expect(readMetric(new MetricContext(t.db, NOW), "finance.gross_margin").value).toBeNull();
  });

  it("readMetricAt: headcount on the day, delivery over the 90 days to that day, a KPI's latest measurement, forecasts none", () => {
    seedCompany();
    const ctx = new MetricContext(t.db, NOW);
    // employed on 2025-12-31: the 2024 starter and the 2025 starter who left in 2026
    expect(readMetricAt(ctx, "people.headcount", "2025-12-31").value).toBe(2);
    expect(readMetricAt(ctx, "people.headcount_planned", "2025-12-31").value).toBeNull();
    expect(readMetricAt(ctx, "finance.runway_months_with_hiring_plan", "2025-12-31").value).toBeNull();
    expect(readMetricAt(ctx, "kpi.nps", "2026-03-15")).toEqual({ value: 40, asOf: "2026-03-01" });
    expect(readMetricAt(ctx, "kpi.nps", "2026-03-15", "2026-03-02").value).toBeNull();
    // the deployment 100 days before NOW falls in the window ending 2026-01-01 (NOW − 99 days)
    expect(readMetricAt(ctx, "delivery.deployments", "2026-01-01").value).toBe(1);
    // on or after today: today's reading
    expect(readMetricAt(ctx, "finance.customers", "2026-12-31")).toEqual(readMetric(ctx, "finance.customers"));
  });
});

describe("one definition each for what used to differ", () => {
  it("home counts the same deployments and headcount as the catalogue", () => {
    seedCompany();
    const c = getOverviewCounts(t.db, NOW);
    expect(c.productionDeploys90d).toBe(3); // failed, staging and older ones left out
    expect(c.employees).toBe(2); // people starting later are not current
  });

  it("IT budget vs actual counts closed months only (the running month has no actuals yet)", () => {
    seedCompany();
    const rows = getItBudgetVsActual(t.db, { fromMonth: "2026-01", toMonth: "2026-04" });
    expect(rows).toEqual([{ category: "Cloud", plannedCents: 30_000_00, actualCents: 30_000_00 }]);
  });
});

describe("targets as data", () => {
  it("a cycle's own target wins over the open-ended one; KPI targets come from kpi_targets", () => {
    seedCompany();
    const cto = insertUser(t.db, { role: "cto", name: "Carla CTO" });
    const other = insertCycle(t.db, { name: "2026-Q3", startDate: "2026-07-01", endDate: "2026-09-30" });
    expect(targetFor(t.db, "delivery.deploys_per_day", cycleId)).toBeNull();
    setMetricTarget(t.db, cto, { metricId: "delivery.deploys_per_day", cycleId: null, comparison: ">=", value: 50, note: "Company delivery target" });
    setMetricTarget(t.db, cto, { metricId: "delivery.deploys_per_day", cycleId, comparison: ">=", value: 20, note: null });
    expect(targetFor(t.db, "delivery.deploys_per_day", cycleId)).toMatchObject({ cycleId, comparison: ">=", value: 20, setBy: "Carla CTO" });
    expect(targetFor(t.db, "delivery.deploys_per_day", other.id)).toMatchObject({ cycleId: null, value: 50, note: "Company delivery target" });
    expect(targetFor(t.db, "delivery.deploys_per_day")).toMatchObject({ cycleId: null, value: 50 });
    expect(targetFor(t.db, "kpi.nps", cycleId)).toMatchObject({ comparison: ">=", value: 60, source: "kpi_targets" });
    expect(targetFor(t.db, "kpi.nps", other.id)).toBeNull();
    // the figure carries the target of the current cycle
    expect(readFigure(new MetricContext(t.db, NOW), "delivery.deploys_per_day").target).toMatchObject({ value: 20 });
  });

  it("setting again updates the row; writes are audited; CTO sets delivery only, CEO finance", () => {
    const cto = insertUser(t.db, { role: "cto" });
    const ceo = insertUser(t.db, { role: "ceo" });
    const lead = insertUser(t.db, { role: "lead" });
    const a = setMetricTarget(t.db, cto, { metricId: "delivery.change_failure_rate", cycleId: null, comparison: "<", value: 0.05, note: null });
    const b = setMetricTarget(t.db, cto, { metricId: "delivery.change_failure_rate", cycleId: null, comparison: "<", value: 0.04, note: null });
    expect(a).toEqual({ id: a.id, created: true });
    expect(b).toEqual({ id: a.id, created: false });
    expect(t.db.select().from(schema.metricTargets).all()).toHaveLength(1);
    expect(() => setMetricTarget(t.db, cto, { metricId: "finance.burn_multiple", cycleId: null, comparison: "<=", value: 2, note: null })).toThrow(
      TargetPermissionError,
    );
    expect(() => setMetricTarget(t.db, lead, { metricId: "delivery.change_failure_rate", cycleId: null, comparison: "<", value: 0.1, note: null })).toThrow(
      TargetPermissionError,
    );
    setMetricTarget(t.db, ceo, { metricId: "finance.burn_multiple", cycleId: null, comparison: "<=", value: 2, note: null });
    expect(() => deleteMetricTarget(t.db, cto, t.db.select().from(schema.metricTargets).all()[1].id)).toThrow(TargetPermissionError);
    expect(deleteMetricTarget(t.db, cto, a.id)).toBe(true);
    expect(deleteMetricTarget(t.db, cto, a.id)).toBe(false);
    expect(listAudit(t.db, { entityType: "metric_target" }, { limit: 10, offset: 0 }).rows.map((r) => r.action)).toEqual([
      "delete",
      "create",
      "update",
      "create",
    ]);
  });
});

describe("migration 0014: gate criteria name catalogue ids", () => {
  it("renames every former key; a gate deciding on hiring judges the runway with the hiring plan", () => {
    const sqlText = fs.readFileSync(path.join(process.cwd(), "db/migrations/0014_metric_targets.sql"), "utf8");
    const updates = sqlText
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => /^(--[^\n]*\n)*\s*UPDATE/i.test(s));
    expect(updates).toHaveLength(2);
    const hiring = t.db.insert(schema.decisionGates).values({ name: "Hiring acceleration", dueDate: "2026-12-31" }).returning().get();
    const seriesA = t.db.insert(schema.decisionGates).values({ name: "Series A", dueDate: "2026-12-31" }).returning().get();
    const legacy = ["runway_months", "monthly_growth", "deploys_per_day_30d", "kpi_nps", "headcount"];
    for (const metric of legacy) t.db.insert(schema.gateCriteria).values({ gateId: hiring.id, metric, operator: ">=", threshold: 1 }).run();
    t.db.insert(schema.gateCriteria).values({ gateId: seriesA.id, metric: "runway_months", operator: ">=", threshold: 12 }).run();
    for (const u of updates) t.db.$client.exec(u);
    const rows = t.db
      .select({ gateId: schema.gateCriteria.gateId, metric: schema.gateCriteria.metric })
      .from(schema.gateCriteria)
      .orderBy(schema.gateCriteria.id)
      .all();
    expect(rows.map((r) => r.metric)).toEqual([
      "finance.runway_months_with_hiring_plan",
      "finance.revenue_growth",
      "delivery.deploys_per_day",
      "kpi.nps",
      "people.headcount",
      "finance.runway_months",
    ]);
  });
});
