/**
 * Plans on the demo data: scenarios over today's forecast (base = the catalogue's forecast, salaries
 * never reach a viewer), scenario triggers raising one risk per cause, gate decisions freezing their
 * criteria, the roadmap's rights and its completion on the key result page.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getGateStanding, listGateDecisions, recordGateDecision, stillSupported } from "~/models/gate-decisions.server";
import { refreshMetricRisks } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import { getKeyResultRoadmap } from "~/models/roadmap.server";
import { compareScenarios, getScenario, listScenarios, updateScenario } from "~/models/scenarios.server";
import { getPlanView } from "~/models/strategy.server";
import { demoWorld, type World } from "../helpers/demo-world";
import { callAction, formRequest } from "../helpers/forms";

let w: World;
beforeAll(async () => {
  w = await demoWorld();
}, 60_000);
afterAll(() => w?.cleanup());

const actor = (role: "ceo" | "cto" | "lead" | "viewer") => ({ id: w.ids[role], role, teamId: role === "lead" ? w.core : null });

describe("scenarios", () => {
  it("the base plan is today's forecast exactly (the catalogue's runway and zero-cash date with the hiring plan)", () => {
    const ctx = new MetricContext(w.db);
    const c = compareScenarios(ctx, actor("ceo"))!;
    expect(c.hiringPlanHidden).toBe(false);
    expect(c.base.zeroCashDate).toBe(readMetric(ctx, "finance.zero_cash_date_with_hiring_plan").value);
    expect(c.base.runwayMonths).toBe(readMetric(ctx, "finance.runway_months_with_hiring_plan").value);
    expect(c.base.cash.map((m) => m.cashCents)).toEqual(ctx.forecast()!.months.map((m) => m.cashWithHiringCents));
    expect(c.scenarios.map((s) => s.name)).toEqual(["A — Hyper-growth", "B — Normal growth", "C — Slow growth"]);
    // the slow scenario (costs −30 %, hiring frozen, bridge) lasts longer than the base plan; hyper-growth hires twice as fast
    const [a, , cSlow] = c.scenarios;
    expect(cSlow.figures.zeroCashDate === null || cSlow.figures.zeroCashDate > c.base.zeroCashDate!).toBe(true);
    expect(a.figures.cash[0].cashCents).not.toBe(c.base.cash[0].cashCents);
  });

  it("a viewer sees every scenario without the hiring plan, and no salary in the page's data", async () => {
    const ctx = new MetricContext(w.db);
    const c = compareScenarios(ctx, actor("viewer"))!;
    expect(c.hiringPlanHidden).toBe(true);
    expect(c.base.zeroCashDate).toBe(ctx.forecast()!.zeroCashDateWithout);
    expect(c.base.cash.map((m) => m.cashCents)).toEqual(ctx.forecast()!.months.map((m) => m.cashWithoutHiringCents));
    const page = await w.as("viewer").get("/scenarios");
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/annualSalary|monthlyCost|salary/i);
    expect(page.html).toContain("without any hiring plan");
    expect(page.forms.filter((f) => f.method === "post" && new URL(f.action).pathname === "/scenarios")).toEqual([]);
    const csv = await w.as("viewer").get("/scenarios.csv");
    expect(csv.status).toBe(200);
  });

  it("a viewer and the CTO may not write a scenario (403), the CEO may", async () => {
    const { action } = await import("~/routes/scenarios");
    for (const role of ["viewer", "cto", "lead"] as const) {
      const r = await callAction(
        action,
        formRequest("/scenarios", { intent: "delete", scenarioId: String(listScenarios(w.db)[0].id) }, { cookie: w.cookies[role] }),
      );
      expect(r.status, role).toBe(403);
    }
    expect(listScenarios(w.db)).toHaveLength(3);
  });

  it("a trigger that holds raises one risk, updated not duplicated, closed when it clears", () => {
    const slow = listScenarios(w.db).find((s) => s.name.startsWith("C"))!;
    const count = () => w.db.get<{ n: number }>(sql`select count(*) as n from risks where raised_subject = ${`scenario:${slow.id}`} and status <> 'closed'`).n;
    refreshMetricRisks(w.db);
    expect(count()).toBe(0); // 17 customers: "< 15" does not hold
    const { id: _i, sortOrder: _s, ...input } = getScenario(w.db, slow.id)!;
    updateScenario(w.db, w.ids.ceo, slow.id, { ...input, triggerValue: 100 });
    refreshMetricRisks(w.db);
    refreshMetricRisks(w.db);
    expect(count()).toBe(1);
    const risk = w.db.get<{ title: string; owner: number; value: string }>(
      sql`select title, owner_user_id as owner, raised_value as value from risks where raised_subject = ${`scenario:${slow.id}`}`,
    );
    expect(risk.title).toBe("Scenario under way: C — Slow growth");
    expect(risk.owner).toBe(w.ids.ceo);
    expect(risk.value).toContain("trigger < 100");
    // executive dashboard: "On track for" names it
    const ctx = new MetricContext(w.db);
    expect(compareScenarios(ctx, actor("ceo"))!.scenarios.find((s) => s.id === slow.id)!.trigger!.on).toBe(true);
    updateScenario(w.db, w.ids.ceo, slow.id, { ...input, triggerValue: 15 });
    refreshMetricRisks(w.db);
    expect(count()).toBe(0);
    expect(w.db.get<{ n: number }>(sql`select count(*) as n from risks where raised_subject = ${`scenario:${slow.id}`}`).n).toBe(1);
  });

  it("the executive dashboard says which scenario we are on track for", async () => {
    const page = await w.as("viewer").get("/dashboards/executive");
    expect(page.status).toBe(200);
    expect(page.html).toContain("On track for B — Normal growth");
  });
});

describe("gate decisions", () => {
  it("a decision freezes the criteria's values; today's figures are compared with it", () => {
    const gateId = w.db.get<{ id: number }>(sql`select id from decision_gates where name = 'Series A readiness'`).id;
    const ctx = new MetricContext(w.db);
    const before = getGateStanding(ctx, gateId)!;
    const id = recordGateDecision(ctx, w.ids.ceo, gateId, { decision: "go", alternative: null, rationale: "Raise now." });
    expect(id).not.toBeNull();
    const [d] = listGateDecisions(w.db, gateId);
    expect(d.decision).toBe("go");
    expect(d.snapshot.criteria.map((c) => c.value)).toEqual(before.gate.criteria.map((c) => c.value));
    expect(d.snapshot.manual).toEqual([{ label: "Data room complete", checked: false, checkedBy: null, note: null }]);
    // the manual criterion is not checked: the gate is not a go today, so the go is not supported
    expect(before.verdict).not.toBe("go");
    expect(stillSupported("go", before.verdict)).toBe(false);
    // the figures change later: the decision keeps the values it was taken on
    const M = w.db.get<{ m: string }>(sql`select max(month) as m from finance_snapshots`).m;
    w.db.run(sql`update finance_snapshots set customers = customers + 40 where month = ${M}`);
    const after = getGateStanding(new MetricContext(w.db), gateId)!;
    const [again] = listGateDecisions(w.db, gateId);
    expect(after.gate.criteria.find((c) => c.metric === "finance.customers")!.value).toBe(
      before.gate.criteria.find((c) => c.metric === "finance.customers")!.value! + 40,
    );
    expect(again.snapshot).toEqual(d.snapshot);
    w.db.run(sql`update finance_snapshots set customers = customers - 40 where month = ${M}`);
    expect(
      w.db.get<{ n: number }>(sql`select count(*) as n from audit_log where entity_type = 'gate_decision' and entity_id = ${String(id)} and action = 'decide'`)
        .n,
    ).toBe(1);
  });

  it("the CTO checks a manual criterion but may not record a decision; a viewer neither", async () => {
    const { action } = await import("~/routes/governance.decisions.$gateId");
    const gateId = w.db.get<{ id: number }>(sql`select id from decision_gates where name = 'Series A readiness'`).id;
    const crit = w.db.get<{ id: number }>(sql`select id from gate_manual_criteria where gate_id = ${gateId}`).id;
    const post = (role: "cto" | "viewer", body: Record<string, string>) =>
      callAction(action, formRequest(`/governance/decisions/${gateId}`, body, { cookie: w.cookies[role] }), { gateId: String(gateId) });
    expect((await post("cto", { intent: "decide", decision: "go", rationale: "x" })).status).toBe(403);
    expect((await post("viewer", { intent: "check", criterionId: String(crit), checked: "on" })).status).toBe(403);
    expect((await post("cto", { intent: "check", criterionId: String(crit), checked: "on", note: "Checked with the lawyers" })).status).toBe(200);
    const standing = getGateStanding(new MetricContext(w.db), gateId)!;
    expect(standing.manual[0]).toMatchObject({ checked: true, checkedByName: "Julien Moreau", note: "Checked with the lawyers" });
  });
});

describe("roadmap and multi-year plan", () => {
  it("a lead moves their squad's item to done and the key result's completion changes; another squad's item is refused", async () => {
    const { action } = await import("~/routes/roadmap");
    const item = w.db.get<{ id: number; kr: number }>(
      sql`select i.id, l.key_result_id as kr from roadmap_items i join roadmap_item_key_results l on l.item_id = i.id where i.key = 'CORE-02'`,
    );
    const before = getKeyResultRoadmap(w.db, item.kr).progress;
    const r = await callAction(action, formRequest("/roadmap", { intent: "status", itemId: String(item.id), status: "done" }, { cookie: w.cookies.lead }));
    expect(r.status).toBe(200);
    const after = getKeyResultRoadmap(w.db, item.kr).progress;
    expect(after.done).toBe(before.done + 1);
    const pay = w.db.get<{ id: number }>(sql`select id from roadmap_items where key = 'PAY-01'`).id;
    const refused = await callAction(action, formRequest("/roadmap", { intent: "status", itemId: String(pay), status: "done" }, { cookie: w.cookies.lead }));
    expect(refused.status).toBe(403);
    const page = await w.as("viewer").get(`/okrs/kr/${item.kr}`);
    expect(page.html).toContain("CORE-02");
  });

  it("plan vs actual: the current year's gap is the catalogue figure minus the target", () => {
    const ctx = new MetricContext(w.db);
    const plan = getPlanView(ctx);
    const customers = plan.rows.find((r) => r.metricId === "finance.customers")!;
    const actual = readMetric(ctx, "finance.customers").value as number;
    expect(customers.actual).toBe(actual);
    const thisYear = customers.years.find((y) => y.year === plan.currentYear);
    if (thisYear?.target != null) expect(thisYear.gap).toBe(actual - thisYear.target);
    expect(plan.years.length).toBeLessThanOrEqual(5);
  });

  it("a past plan year shows the value it ended on, read from the data, and its gap; a year without data says so", () => {
    const ctx = new MetricContext(w.db);
    const plan = getPlanView(ctx);
    const last = plan.currentYear - 1;
    expect(plan.years).toContain(last);
    const cell = (id: string) => plan.rows.find((r) => r.metricId === id)!.years.find((y) => y.year === last)!;
    // customers: December's snapshot of last year
    const dec = w.db.get<{ customers: number; revenue: number; cost: number | null }>(
      sql`select customers, revenue_cents as revenue, cost_of_revenue_cents as cost from finance_snapshots where month = ${`${last}-12`}`,
    );
    const customers = cell("finance.customers");
    expect(customers.kind).toBe("past");
    expect(customers.actual).toBe(dec.customers);
    expect(customers.asOf).toBe(`${last}-12`);
    expect(customers.gap).toBe(dec.customers - customers.target!);
    expect(customers.met).toBe(dec.customers >= customers.target!);
    // funding raised: the financing of last year's closed months only
    const raised = w.db.get<{ s: number }>(sql`select coalesce(sum(financing_cents), 0) as s from finance_snapshots where month like ${`${last}-%`}`).s;
    expect(cell("finance.funding_raised").actual).toBe(raised);
    // gross margin: December's (revenue − cost of revenue) ÷ revenue
    expect(cell("finance.gross_margin").actual).toBeCloseTo((dec.revenue - dec.cost!) / dec.revenue, 12);
    // headcount: employed on 31 December
    const employed = w.db.get<{ n: number }>(
      sql`select count(*) as n from employees where start_date <= ${`${last}-12-31`} and (end_date is null or end_date > ${`${last}-12-31`})`,
    ).n;
    expect(cell("people.headcount").actual).toBe(employed);
    // a future year: its target only
    const future = plan.rows.find((r) => r.metricId === "finance.customers")!.years.find((y) => y.kind === "future")!;
    expect([future.actual, future.gap]).toEqual([null, null]);
  });

  it("a past year the data does not reach has no data, never an invented figure; the page says so", async () => {
    const { setPlanTarget, deletePlanTarget } = await import("~/models/strategy.server");
    const ctx = new MetricContext(w.db);
    const year = getPlanView(ctx).years[0];
    // the plan's first year is last year; a target on a metric without history then (planned headcount)
    const id = setPlanTarget(w.db, w.ids.ceo, { metricId: "people.headcount_planned", year, value: 25, note: null });
    try {
      const c = getPlanView(new MetricContext(w.db))
        .rows.find((r) => r.metricId === "people.headcount_planned")!
        .years.find((y) => y.year === year)!;
      expect([c.kind, c.actual, c.gap, c.met]).toEqual(["past", null, null, null]);
      const page = await w.as("viewer").get("/strategy");
      expect(page.html).toMatch(/data-plan-metric="people.headcount_planned"[\s\S]*?no data/);
    } finally {
      deletePlanTarget(w.db, w.ids.ceo, id);
    }
  });
});

describe("a gate's verdict counts its manual criteria everywhere", () => {
  const verdictIn = (html: string, marker: string) => {
    const at = html.indexOf(marker);
    expect(at, marker).toBeGreaterThan(-1);
    return /data-testid="gate-verdict">([^<]+)</.exec(html.slice(at))![1];
  };

  it("checking a manual criterion turns the gates list and the executive panel to Go together", async () => {
    const { insertGate } = await import("../../seeds/builders");
    const { action } = await import("~/routes/governance.decisions.$gateId");
    // every metric criterion met (there are paying customers), due date passed
    const gate = insertGate(w.db, { name: "Manual gate", dueDate: "2020-01-01", criteria: [{ metric: "finance.customers", operator: ">=", threshold: 1 }] });
    const add = await callAction(
      action,
      formRequest(`/governance/decisions/${gate.id}`, { intent: "add-criterion", label: "Board approval" }, { cookie: w.cookies.ceo }),
      { gateId: String(gate.id) },
    );
    expect(add.status).toBe(200);
    const crit = w.db.get<{ id: number }>(sql`select id from gate_manual_criteria where gate_id = ${gate.id}`).id;
    const read = async () => ({
      list: verdictIn((await w.as("viewer").get("/governance/gates")).html, `id="gate-${gate.id}"`),
      exec: verdictIn((await w.as("ceo").get("/dashboards/executive")).html, `data-testid="gate-${gate.id}"`),
      pack: (await import("~/models/board-pack.server")).assembleBoardPack(w.db)!.gates.find((g) => g.id === gate.id)!.verdict,
    });
    expect(await read()).toEqual({ list: "No-go", exec: "No-go", pack: "no_go" });
    const check = await callAction(
      action,
      formRequest(
        `/governance/decisions/${gate.id}`,
        { intent: "check", criterionId: String(crit), checked: "on", note: "Minuted" },
        { cookie: w.cookies.cto },
      ),
      { gateId: String(gate.id) },
    );
    expect(check.status).toBe(200);
    expect(await read()).toEqual({ list: "Go", exec: "Go", pack: "go" });
    const decide = await callAction(
      action,
      formRequest(`/governance/decisions/${gate.id}`, { intent: "decide", decision: "go", rationale: "All set" }, { cookie: w.cookies.ceo }),
      {
        gateId: String(gate.id),
      },
    );
    expect(decide.status).toBe(200);
    // the board pack lists the last decision with who and when
    const packGate = (await import("~/models/board-pack.server")).assembleBoardPack(w.db)!.gates.find((g) => g.id === gate.id)!;
    expect(packGate.lastDecision).toMatchObject({ decision: "go", decidedByName: expect.any(String) });
    expect(packGate.manual).toEqual([{ label: "Board approval", checked: true, checkedByName: expect.any(String) }]);
    w.db.run(sql`delete from decision_gates where id = ${gate.id}`);
  });
});

describe("roadmap import through the /import hub", () => {
  it("a lead imports their squad's items; a file with another squad's row writes nothing and names the row", async () => {
    const { importRoadmapCsv } = await import("~/models/roadmap.server");
    const head = "key,title,team,quarter,sprint,status,owner_email,key_result_ids\n";
    const bad = importRoadmapCsv(w.db, actor("lead"), `${head}CORE-80,Ours,Core,2027-Q1,,planned,,\nPAY-80,Theirs,Payments,2027-Q1,,planned,,\n`, "test");
    expect(bad).toEqual({ ok: false, errors: [{ row: 3, field: "team", message: "you may not edit this squad's items" }] });
    expect(w.db.get<{ n: number }>(sql`select count(*) as n from roadmap_items where key in ('CORE-80', 'PAY-80')`).n).toBe(0);
    const ok = importRoadmapCsv(w.db, actor("lead"), `${head}CORE-80,Ours,Core,2027-Q1,,planned,,\n`, "test");
    expect(ok).toEqual({ ok: true, rows: 1, created: 1, updated: 0 });
    const audit = w.db.get<{ n: number }>(
      sql`select count(*) as n from audit_log where entity_type = 'roadmap_item' and action = 'import' and entity_id is null`,
    );
    expect(audit.n).toBeGreaterThan(0);
  });
});
