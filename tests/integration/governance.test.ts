import { describe, expect, it } from "vitest";
import { fromHumanUnits, toHumanUnits } from "~/lib/metrics/gate-units";
import { listAudit } from "~/models/audit.server";
import {
  createGate,
  evaluateGates,
  listFrameworkProgress,
  listGates,
  listMaturityAssessments,
  parseGateForm,
  recordMaturityAssessment,
  updateGate,
  updateRequirement,
} from "~/models/governance.server";
import { gateMetricReader, getEvaluatedGates, getExecutiveRiskPanels, getLiveMetricValues } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import {
  insertBudgetCategory,
  insertBudgetLine,
  insertDeployment,
  insertFramework,
  insertGate,
  insertIncident,
  insertKpi,
  insertKpiMeasurement,
  insertRequirement,
  insertService,
  insertSnapshot,
  insertUser,
} from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const NOW = Date.UTC(2026, 3, 10, 12); // 2026-04-10

function financeMonths(customers: number, mrrCents: number) {
  const cat = insertBudgetCategory(t.db, { name: "Ops" });
  for (const month of ["2026-01", "2026-02", "2026-03"]) {
    insertSnapshot(t.db, { month, cashCents: 2_400_000_00, revenueCents: 0, mrrCents: month === "2026-03" ? mrrCents : 0, customers });
    insertBudgetLine(t.db, { categoryId: cat.id, month, actualCents: 100_000_00 });
  }
}

describe("decision gates on live values", () => {
  it("gathers live values from finance and delivery, null where there is no data", () => {
    financeMonths(16, 9_000_00);
    const v = getLiveMetricValues(t.db, NOW);
    expect(v["finance.customers"]).toBe(16);
    expect(v["finance.arr"]).toBe(108_000_00);
    expect(v["finance.runway_months"]).toBeCloseTo(24);
    expect(v["delivery.change_failure_rate"]).toBeNull();
    expect(v["delivery.deploys_per_day"]).toBeNull();
    expect(v["people.headcount"]).toBe(0);
  });

  it("Series A gate: go once customers ≥ 15 and ARR ≥ 100 k€; no-go past its due date otherwise", () => {
    insertGate(t.db, {
      name: "Series A",
      dueDate: "2026-03-31",
      criteria: [
        { metric: "finance.customers", operator: ">=", threshold: 15 },
        { metric: "finance.arr", operator: ">=", threshold: 100_000_00 },
      ],
    });
    // no finance at all: no data → not met → no-go (past due)
    let [g] = getEvaluatedGates(t.db, NOW);
    expect(g.verdict).toBe("no_go");
    expect(g.criteria.map((c) => c.outcome)).toEqual(["no_data", "no_data"]);
    financeMonths(12, 9_000_00);
    [g] = getEvaluatedGates(t.db, NOW);
    expect(g.verdict).toBe("no_go");
    expect(g.criteria.map((c) => [c.value, c.outcome])).toEqual([
      [12, "not_met"],
      [108_000_00, "met"],
    ]);
    insertSnapshot(t.db, { month: "2026-04", cashCents: 2_300_000_00, mrrCents: 9_000_00, customers: 15 });
    [g] = getEvaluatedGates(t.db, NOW);
    expect(g.verdict).toBe("go");
  });

  it("public launch and expansion gates: latest KPI measurements and 'profitable' (net burn ≤ 0)", () => {
    const nps = insertKpi(t.db, { key: "nps", name: "NPS", direction: "higher" });
    const bugs = insertKpi(t.db, { key: "bugs_p0", name: "P0 bugs", direction: "lower" });
    insertGate(t.db, {
      name: "Public launch",
      dueDate: "2026-02-28",
      criteria: [
        { metric: "kpi.nps", operator: ">", threshold: 60 },
        { metric: "kpi.bugs_p0", operator: "<=", threshold: 0 },
      ],
    });
    insertGate(t.db, { name: "Expansion", dueDate: "2026-12-31", criteria: [{ metric: "finance.net_burn", operator: "<=", threshold: 0 }] });
    insertKpiMeasurement(t.db, { kpiId: nps.id, measuredOn: "2026-03-01", value: 72 });
    insertKpiMeasurement(t.db, { kpiId: nps.id, measuredOn: "2026-01-01", value: 40 }); // older: ignored
    insertKpiMeasurement(t.db, { kpiId: bugs.id, measuredOn: "2026-03-01", value: 2 });
    let [launch, expansion] = getEvaluatedGates(t.db, NOW);
    expect(launch.criteria.map((c) => [c.value, c.outcome])).toEqual([
      [72, "met"],
      [2, "not_met"],
    ]);
    expect(launch.verdict).toBe("no_go");
    expect(expansion.criteria[0].outcome).toBe("no_data");
    insertKpiMeasurement(t.db, { kpiId: bugs.id, measuredOn: "2026-03-15", value: 0 });
    financeMonths(16, 9_000_00); // burning 100 k€ a month, no revenue
    [launch, expansion] = getEvaluatedGates(t.db, NOW);
    expect(launch.verdict).toBe("go");
    expect(expansion.criteria[0].value).toBe(100_000_00);
    expect(expansion.verdict).toBe("pending");
  });

  it("a page reads each live source once: the rules and the gates share one finance and one delivery read", () => {
    financeMonths(16, 9_000_00);
    insertGate(t.db, { name: "Series A", dueDate: "2026-12-31", criteria: [{ metric: "finance.customers", operator: ">=", threshold: 15 }] });
    const src = new MetricContext(t.db, NOW);
    expect(src.finance()).toBe(src.finance()); // the same object: read once
    const client = t.db.$client;
    const prepare = client.prepare.bind(client);
    const statements: string[] = [];
    client.prepare = ((text: string) => (statements.push(text), prepare(text))) as typeof client.prepare;
    try {
      const panels = getExecutiveRiskPanels(t.db, NOW);
      expect(panels.gates.map((g) => g.verdict)).toEqual(["go"]);
    } finally {
      client.prepare = prepare;
    }
    const snapshotReads = statements.filter((q) => /from\s+"?finance_snapshots"?/i.test(q));
    const alone = (() => {
      const list: string[] = [];
      client.prepare = ((text: string) => (list.push(text), prepare(text))) as typeof client.prepare;
      try {
        new MetricContext(t.db, NOW).finance();
      } finally {
        client.prepare = prepare;
      }
      return list.filter((q) => /from\s+"?finance_snapshots"?/i.test(q));
    })();
    expect(alone.length).toBeGreaterThan(0);
    expect(snapshotReads.length).toBe(alone.length); // not twice: rules + gates share the read
  });

  it("pending before the due date, change failure rate from the catalogue window (90 days)", () => {
    const svc = insertService(t.db, { name: "api" });
    const d1 = insertDeployment(t.db, { serviceId: svc.id, environment: "production", status: "success", finishedAt: new Date(NOW - 2 * 86_400_000) });
    insertDeployment(t.db, { serviceId: svc.id, environment: "production", status: "success", finishedAt: new Date(NOW - 3 * 86_400_000) });
    insertIncident(t.db, { serviceId: svc.id, startedAt: new Date(NOW - 2 * 86_400_000 + 3600_000), causeDeploymentId: d1.id, causeKind: "explicit" });
    insertGate(t.db, { name: "Elite", dueDate: "2026-12-31", criteria: [{ metric: "delivery.change_failure_rate", operator: "<", threshold: 0.05 }] });
    const [g] = getEvaluatedGates(t.db, NOW);
    expect(g.criteria[0].value).toBe(0.5);
    expect(g.verdict).toBe("pending");
    const reader = gateMetricReader(new MetricContext(t.db, NOW));
    const [later] = evaluateGates(
      t.db,
      listGates(t.db),
      { ...reader, value: (id: string) => (id === "delivery.change_failure_rate" ? 0.01 : reader.value(id)) },
      "2027-01-01",
    );
    expect(later.verdict).toBe("go");
  });

  it("the gate form converts human units and the writes are audited", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const fd = new FormData();
    /** Sets these fields of the form (the others keep their value) and parses it. */
    const parseWith = (changes: Record<string, string>) => {
      for (const [name, value] of Object.entries(changes)) fd.set(name, value);
      return parseGateForm(fd, "create");
    };
    /** The fields a refused form names. */
    const refusedFields = (changes: Record<string, string>) => {
      const r = parseWith(changes);
      expect(r.ok).toBe(false);
      return r.ok ? [] : Object.keys(r.reply.fieldErrors).sort();
    };
    const parsed = parseWith({
      name: "Series A",
      dueDate: "2026-06-30",
      metric_0: "finance.arr",
      operator_0: ">=",
      threshold_0: "100",
      metric_1: "delivery.change_failure_rate",
      operator_1: "<=",
      threshold_1: "5",
      metric_2: "",
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data.criteria).toEqual([
      { metric: "finance.arr", operator: ">=", threshold: 100_000_00 },
      { metric: "delivery.change_failure_rate", operator: "<=", threshold: 0.05 },
    ]);
    const id = createGate(t.db, ceo.id, parsed.data);
    updateGate(t.db, ceo.id, id, { ...parsed.data, criteria: parsed.data.criteria.slice(0, 1) });
    expect(listGates(t.db)[0].criteria).toHaveLength(1);
    expect(listAudit(t.db, { entityType: "decision_gate" }, { limit: 5, offset: 0 }).rows.map((r) => r.action)).toEqual(["update", "create"]);

    expect(refusedFields({ threshold_1: "abc", metric_2: "nonsense" })).toEqual(["metric_2", "threshold_1"]);
    // thresholds are decimal numbers (a comma allowed), nothing else Number() would take
    expect(refusedFields({ metric_2: "", threshold_1: "0x10", operator_0: "=~" })).toEqual(["operator_0", "threshold_1"]);
    const comma = parseWith({ threshold_1: "4,5", operator_0: ">=" });
    expect(comma.ok && comma.data.criteria[1].threshold).toBe(0.045);
  });

  it("human units round-trip", () => {
    expect(fromHumanUnits("finance.arr", 100)).toBe(100_000_00);
    expect(toHumanUnits("finance.arr", 100_000_00)).toBe(100);
    expect(fromHumanUnits("finance.revenue_growth", 5)).toBe(0.05);
    expect(toHumanUnits("delivery.change_failure_rate", 0.05)).toBe(5);
    expect(fromHumanUnits("finance.burn_multiple", 2)).toBe(2);
    expect(fromHumanUnits("finance.runway_months", 18)).toBe(18);
  });
});

describe("compliance and maturity", () => {
  it("progress per framework over applicable requirements", () => {
    const f = insertFramework(t.db, { key: "gdpr", name: "GDPR" });
    insertFramework(t.db, { key: "soc2", name: "SOC 2" });
    insertRequirement(t.db, { frameworkId: f.id, status: "done", result: "compliant" });
    insertRequirement(t.db, { frameworkId: f.id, status: "done", result: "partial" });
    insertRequirement(t.db, { frameworkId: f.id, status: "todo", result: null });
    insertRequirement(t.db, { frameworkId: f.id, status: "done", result: "not_applicable" });
    const [gdpr, soc2] = listFrameworkProgress(t.db);
    expect(gdpr).toMatchObject({ total: 4, applicable: 3, done: 2, compliant: 1 });
    expect(gdpr.doneShare).toBeCloseTo(2 / 3);
    expect(gdpr.compliantShare).toBeCloseTo(1 / 3);
    expect(soc2).toMatchObject({ total: 0, doneShare: null, compliantShare: null });
  });

  it("requirement updates and maturity assessments are audited", () => {
    const cto = insertUser(t.db, { role: "cto" });
    const f = insertFramework(t.db);
    const r = insertRequirement(t.db, { frameworkId: f.id });
    updateRequirement(t.db, cto.id, r.id, { status: "done", result: "compliant", ownerUserId: cto.id, evidenceUrl: "https://example.com/e.pdf" });
    const scores = { process: 2, documentation: 2, governance: 2, controls: 3, audit: 1 };
    recordMaturityAssessment(t.db, cto.id, { assessedOn: "2026-03-01", scores, notes: { audit: "none yet" } });
    recordMaturityAssessment(t.db, cto.id, { assessedOn: "2026-03-01", scores: { ...scores, audit: 2 }, notes: {} });
    const all = listMaturityAssessments(t.db);
    expect(all).toHaveLength(1);
    expect(all[0].scores.audit).toBe(2);
    const { rows } = listAudit(t.db, {}, { limit: 10, offset: 0 });
    expect(rows.map((x) => `${x.entityType}:${x.action}`)).toEqual([
      "maturity_assessment:update",
      "maturity_assessment:create",
      "compliance_requirement:update",
    ]);
  });
});
