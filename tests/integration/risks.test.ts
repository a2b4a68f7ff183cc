import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { refreshMetricRisks } from "~/models/live-metrics.server";
import { getOverviewCounts } from "~/models/overview.server";
import {
  applyRiskRules,
  countRisksBySource,
  createRisk,
  getRiskHeatMap,
  listRiskRules,
  listRisks,
  listTechRisks,
  listTopRisks,
  RISK_SORTS,
  riskFilterFromUrl,
  setRiskStatus,
  updateRisk,
  updateRiskRule,
  type RiskInput,
} from "~/models/risks.server";
import { schema } from "../../db/client";
import {
  insertBudgetCategory,
  insertBudgetLine,
  insertCycle,
  insertDeployment,
  insertIncident,
  insertKeyResult,
  insertObjective,
  insertRisk,
  insertService,
  insertSnapshot,
  insertUser,
} from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest(seedReference);

const ruleId = (kind: string) => listRiskRules(t.db).find((r) => r.kind === kind)!.id;
const raisedRisks = () =>
  t.db
    .select()
    .from(schema.risks)
    .where(eq(schema.risks.raisedByRuleId, ruleId("runway_below_months")))
    .all();

const input: RiskInput = {
  title: "Key engineer leaves",
  description: null,
  category: "people",
  inherentLikelihood: 3,
  inherentImpact: 4,
  residualLikelihood: 2,
  residualImpact: 4,
  ownerUserId: null,
  treatment: "mitigate",
  mitigationPlan: null,
  nextReviewDate: "2026-01-15",
};

describe("metric rules", () => {
  const noData = { runway: null, cfr: null, objectives: null };

  it("opens one risk when runway is below the threshold, and never a duplicate on repeated evaluation", () => {
    const first = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8.04 } });
    expect(first.raised).toHaveLength(1);
    const second = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8.04 } });
    expect(second.raised).toHaveLength(0);
    expect(second.updated).toHaveLength(0);
    const rows = raisedRisks();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "open", category: "financial", raisedValue: "8.0 months", raisedSubject: "company" });
    expect(rows[0].description).toContain("runway_below_months");
    expect(rows[0].description).toContain("8.0 months is below the 12.0-month threshold");
  });

  it("updates its open risk's value instead of opening another", () => {
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } });
    const r = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 5.5 } });
    expect(r.raised).toEqual([]);
    expect(r.updated).toHaveLength(1);
    const rows = raisedRisks();
    expect(rows).toHaveLength(1);
    expect(rows[0].raisedValue).toBe("5.5 months");
  });

  it("closes its risk when the cause clears, and reopens the same risk when it comes back", () => {
    const { raised } = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } });
    const cleared = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 14 } }, Date.UTC(2026, 10, 2));
    expect(cleared.closed).toEqual(raised);
    let [row] = raisedRisks();
    expect(row.status).toBe("closed");
    expect(row.ruleClearedAt?.getTime()).toBe(Date.UTC(2026, 10, 2));
    expect(row.description).toContain("the cause cleared");
    // still clear: nothing more
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 15 } })).toMatchObject({ raised: [], reopened: [], updated: [], closed: [] });
    // not burning at all is a cleared cause too; no finance data is not
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: null } }).closed).toEqual([]);
    const back = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 7 } });
    expect(back).toMatchObject({ raised: [], reopened: raised });
    [row] = raisedRisks();
    expect(raisedRisks()).toHaveLength(1);
    expect(row).toMatchObject({ status: "open", raisedValue: "7.0 months", ruleClearedAt: null });
    const { rows } = listAudit(t.db, { entityType: "risk", system: true }, { limit: 10, offset: 0 });
    expect(rows.map((r) => r.action).sort()).toEqual(["rule:close", "rule:raise", "rule:reopen"]);
  });

  it("a risk a person closed while the cause lasts stays closed until the cause clears and comes back", () => {
    const { raised } = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } });
    const ceo = insertUser(t.db, { role: "ceo" });
    setRiskStatus(t.db, ceo.id, raised[0], "closed");
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 7 } })).toMatchObject({ raised: [], reopened: [] });
    expect(raisedRisks().map((r) => r.status)).toEqual(["closed"]);
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 20 } }); // the cause clears
    expect(raisedRisks()[0].ruleClearedAt).not.toBeNull();
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 9 } }).reopened).toEqual(raised);
    expect(raisedRisks().map((r) => r.status)).toEqual(["open"]);
  });

  it("gives the company-wide risks an owner: the CEO for runway, the CTO for the change failure rate", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const cto = insertUser(t.db, { role: "cto" });
    insertUser(t.db, { role: "cto", active: false });
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 }, cfr: { rate: 0.3 } });
    const rows = t.db.select().from(schema.risks).all();
    expect(rows.map((r) => [r.category, r.ownerUserId]).sort()).toEqual([
      ["financial", ceo.id],
      ["technical", cto.id],
    ]);
  });

  it("fills in a missing owner but never replaces the owner a person chose", () => {
    const { raised } = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } });
    expect(raisedRisks()[0].ownerUserId).toBeNull(); // nobody holds the CEO role yet
    const ceo = insertUser(t.db, { role: "ceo" });
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } }).updated).toEqual(raised);
    expect(raisedRisks()[0].ownerUserId).toBe(ceo.id);
    const other = insertUser(t.db, { role: "lead" });
    t.db.update(schema.risks).set({ ownerUserId: other.id }).run();
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 6 } });
    expect(raisedRisks()[0]).toMatchObject({ ownerUserId: other.id, raisedValue: "6.0 months" });
  });

  it("does not fire when disabled, nor when not triggered", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    updateRiskRule(t.db, ceo.id, ruleId("runway_below_months"), { threshold: 12, enabled: false });
    const r = applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 3 } });
    expect(r.raised).toEqual([]);
    expect(r.findings.find((f) => f.kind === "runway_below_months")).toMatchObject({ triggered: true, enabled: false });
    updateRiskRule(t.db, ceo.id, ruleId("runway_below_months"), { threshold: 12, enabled: true });
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 12 } }).raised).toEqual([]);
    expect(applyRiskRules(t.db, { ...noData, runway: { runwayMonths: null } }).raised).toEqual([]);
    expect(raisedRisks()).toHaveLength(0);
  });

  it("raises a CFR risk in percent and one risk per off-track objective, owned by the objective's owner", () => {
    const owner = insertUser(t.db, { role: "lead" });
    const r = applyRiskRules(t.db, {
      runway: null,
      cfr: { rate: 0.2 },
      objectives: {
        objectives: [
          { id: 1, title: "Ship v2", progress: 0.1, expected: 0.6, elapsedShare: 0.6, ownerUserId: owner.id },
          { id: 2, title: "Hire", progress: 0.55, expected: 0.6, elapsedShare: 0.6 },
          { id: 3, title: "Fresh", progress: 0, expected: 0.6, elapsedShare: 0.6 },
        ],
      },
    });
    expect(r.raised).toHaveLength(3);
    const rows = listRisks(t.db, { status: "all" }, { sort: { id: "title", desc: false } }).rows;
    expect(rows.map((x) => [x.title, x.raisedValue, x.ownerUserId])).toEqual([
      ["Change failure rate above 15.0 % over 30 days", "20.0 %", null],
      ["Objective off track: Fresh", "0 % progress, 60 % expected", null],
      ["Objective off track: Ship v2", "10 % progress, 60 % expected", owner.id],
    ]);
  });

  it("one risk per cause: objectives aligned under an off-track objective are named in its risk, not raised apart", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const lead = insertUser(t.db, { role: "lead" });
    const o = (id: number, parentId: number | null, progress: number, ownerUserId: number) => ({
      id,
      title: `Objective ${id}`,
      progress,
      expected: 0.6,
      elapsedShare: 0.6,
      parentId,
      ownerUserId,
    });
    // 10 (company) ← 11 (team), both off track; 12 under 10 is on track
    const input = { ...noData, objectives: { objectives: [o(10, null, 0.1, ceo.id), o(11, 10, 0.05, lead.id), o(12, 10, 0.55, lead.id)] } };
    const r = applyRiskRules(t.db, input);
    expect(r.raised).toHaveLength(1);
    const [risk] = t.db.select().from(schema.risks).all();
    expect(risk).toMatchObject({ raisedSubject: "objective:10", ownerUserId: ceo.id, title: "Objective off track: Objective 10" });
    expect(risk.description).toContain('Also off track under it: "Objective 11" (5 %)');
    expect(r.findings.find((f) => f.subject === "objective:11")).toMatchObject({ state: "clear", triggered: false });
    // the parent back on track: the team objective is now its own cause (its own risk, its own owner)
    const r2 = applyRiskRules(t.db, { ...noData, objectives: { objectives: [o(10, null, 0.55, ceo.id), o(11, 10, 0.05, lead.id)] } });
    expect(r2.closed).toEqual([risk.id]);
    expect(r2.raised).toHaveLength(1);
    expect(t.db.select().from(schema.risks).where(eq(schema.risks.id, r2.raised[0])).get()).toMatchObject({
      raisedSubject: "objective:11",
      ownerUserId: lead.id,
    });
  });

  it("closes an objective's risk when the objective leaves the current cycle; no data closes nothing", () => {
    const input = { ...noData, objectives: { objectives: [{ id: 5, title: "Old", progress: 0.1, expected: 0.9, elapsedShare: 0.9 }] } };
    const { raised } = applyRiskRules(t.db, input);
    expect(applyRiskRules(t.db, { ...noData, objectives: null }).closed).toEqual([]);
    expect(applyRiskRules(t.db, { ...noData, objectives: { objectives: [] } }).closed).toEqual(raised);
  });

  it("writes audit entries with the system actor", () => {
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 8 } });
    applyRiskRules(t.db, { ...noData, runway: { runwayMonths: 6 } });
    const { rows } = listAudit(t.db, { entityType: "risk", system: true }, { limit: 10, offset: 0 });
    expect(rows.map((r) => r.action).sort()).toEqual(["rule:raise", "rule:update"]);
    expect(rows.every((r) => r.actorUserId === null && r.actorTokenId === null)).toBe(true);
  });

  it("evaluates against live finance values (refreshMetricRisks)", () => {
    const cat = insertBudgetCategory(t.db, { name: "Payroll X" });
    for (const [month, cash] of [
      ["2026-01", 1_000_000_00],
      ["2026-02", 800_000_00],
      ["2026-03", 600_000_00],
    ] as const) {
      insertSnapshot(t.db, { month, cashCents: cash, revenueCents: 0 });
      insertBudgetLine(t.db, { categoryId: cat.id, month, actualCents: 200_000_00 });
    }
    // runway = 600 k€ / 200 k€ = 3 months < 12
    const now = Date.UTC(2026, 3, 10);
    const r = refreshMetricRisks(t.db, now);
    expect(r.findings.find((f) => f.kind === "runway_below_months")).toMatchObject({ triggered: true, value: 3 });
    expect(raisedRisks()).toHaveLength(1);
    // page after page: the same risk, nothing written again, the home count unchanged
    for (let i = 0; i < 3; i++) expect(refreshMetricRisks(t.db, now)).toMatchObject({ raised: [], updated: [], reopened: [], closed: [] });
    expect(raisedRisks()).toHaveLength(1);
    expect(getOverviewCounts(t.db, now)).toMatchObject({ openRisksRule: 1, openRisksPeople: 0 });
  });

  it("evaluates the change failure rate rule over the 30 days its name says, not the catalogue's 90", () => {
    const now = Date.UTC(2026, 5, 30);
    const day = 86_400_000;
    const svc = insertService(t.db, { name: "cfr-window" });
    const failing = (finishedAt: number) => {
      const d = insertDeployment(t.db, { serviceId: svc.id, finishedAt: new Date(finishedAt) });
      insertIncident(t.db, { serviceId: svc.id, startedAt: new Date(finishedAt + 60_000), causeDeploymentId: d.id, causeKind: "explicit" });
    };
    // 31–90 days ago: 4 deployments, each the cause of an incident (the 90-day rate would be 4 / 8 = 50 %)
    for (let i = 0; i < 4; i++) failing(now - 60 * day + i * 3_600_000);
    // the last 30 days: 4 clean deployments
    for (let i = 0; i < 4; i++) insertDeployment(t.db, { serviceId: svc.id, finishedAt: new Date(now - 10 * day + i * 3_600_000) });
    const cfr = () => refreshMetricRisks(t.db, now).findings.find((f) => f.kind === "cfr_above_percent_30d");
    expect(cfr()).toMatchObject({ triggered: false, value: 0 });
    // one failure within the 30 days: 1 / 5 = 20 % > 15 %
    failing(now - 5 * day);
    expect(cfr()).toMatchObject({ triggered: true, value: 20 });
  });

  it("evaluates the objective rule from the current OKR cycle", () => {
    const cycle = insertCycle(t.db, { startDate: "2026-01-01", endDate: "2026-03-31" });
    const owner = insertUser(t.db, { role: "lead" });
    const o = insertObjective(t.db, { cycleId: cycle.id, title: "Reach 15 customers", ownerUserId: owner.id });
    insertKeyResult(t.db, { objectiveId: o.id, startValue: 0, targetValue: 100, currentValue: 5 });
    const now = Date.UTC(2026, 1, 25); // ~62 % of the cycle
    const r = refreshMetricRisks(t.db, now);
    const f = r.findings.find((x) => x.subject === `objective:${o.id}`);
    expect(f?.triggered).toBe(true);
    expect(r.raised).toHaveLength(1);
    expect(t.db.select().from(schema.risks).get()?.ownerUserId).toBe(owner.id);
  });
});

describe("register writes and queries", () => {
  it("a proposal is created 'proposed' whatever status is asked, accepted to open, all audited", () => {
    const lead = insertUser(t.db, { role: "lead" });
    const ceo = insertUser(t.db, { role: "ceo" });
    const id = createRisk(t.db, lead.id, { ...input, status: "open" }, "propose");
    expect(t.db.select().from(schema.risks).where(eq(schema.risks.id, id)).get()).toMatchObject({ status: "proposed", proposedByUserId: lead.id });
    setRiskStatus(t.db, ceo.id, id, "open");
    updateRisk(t.db, ceo.id, id, { ...input, residualImpact: 2, status: "monitoring" });
    setRiskStatus(t.db, ceo.id, id, "closed");
    const { rows } = listAudit(t.db, { entityType: "risk", entityId: String(id) }, { limit: 10, offset: 0 });
    expect(rows.map((r) => r.action).reverse()).toEqual(["propose", "accept", "update", "close"]);
    expect(rows.reverse()[0].actorUserId).toBe(lead.id);
  });

  it("filters by level, overdue and heat-map cell in SQL, and counts the heat map", () => {
    insertRisk(t.db, { title: "A", residualLikelihood: 5, residualImpact: 5, inherentLikelihood: 5, inherentImpact: 5, nextReviewDate: "2020-01-01" });
    insertRisk(t.db, { title: "B", residualLikelihood: 2, residualImpact: 2, inherentLikelihood: 4, inherentImpact: 5 });
    insertRisk(t.db, {
      title: "C",
      residualLikelihood: 2,
      residualImpact: 2,
      inherentLikelihood: 4,
      inherentImpact: 5,
      status: "closed",
      nextReviewDate: "2020-01-01",
    });
    const list = (q: string) =>
      listRisks(t.db, riskFilterFromUrl(new URL(`http://x/risks?${q}`)), { sort: { id: "title", desc: false } }).rows.map((r) => r.title);
    expect(list("")).toEqual(["A", "B"]);
    expect(list("status=all")).toEqual(["A", "B", "C"]);
    expect(list("level=critical")).toEqual(["A"]);
    expect(list("level=low")).toEqual(["B"]);
    expect(list("overdue=1")).toEqual(["A"]);
    expect(list("kind=inherent&l=4&i=5")).toEqual(["B"]);
    expect(list("kind=residual&l=2&i=2&status=all")).toEqual(["B", "C"]);
    expect(list("kind=bogus&l=9&i=0")).toEqual(["A", "B"]);
    const map = getRiskHeatMap(t.db, {}, "inherent");
    expect(map.total).toBe(2);
    expect(map.cells[5 - 4][5 - 1].riskIds).toHaveLength(1);
    expect(map.cells[0][4]).toMatchObject({ likelihood: 5, impact: 5, level: "critical" });
  });

  it("separates the risks raised by rules from those entered by people (filter and counts)", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    createRisk(t.db, ceo.id, { ...input, title: "Entered" }, "create");
    createRisk(t.db, ceo.id, { ...input, title: "Proposed" }, "propose");
    applyRiskRules(t.db, { runway: { runwayMonths: 3 }, cfr: null, objectives: null });
    const titles = (q: string) =>
      listRisks(t.db, riskFilterFromUrl(new URL(`http://x/risks?${q}`)), { sort: { id: "title", desc: false } }).rows.map((r) => r.title);
    expect(titles("source=people")).toEqual(["Entered", "Proposed"]);
    expect(titles("source=rule")).toEqual(["Runway below 12.0 months"]);
    expect(titles("source=robots")).toHaveLength(3); // an unknown value is ignored
    expect(countRisksBySource(t.db, riskFilterFromUrl(new URL("http://x/risks?source=rule")))).toEqual({ people: 2, rule: 1 });
    expect(countRisksBySource(t.db, { status: "proposed" })).toEqual({ people: 1, rule: 0 });
  });

  it("sorts by every sortable column in SQL, both directions, and pages", () => {
    const ada = insertUser(t.db, { name: "Ada" });
    const bob = insertUser(t.db, { name: "Bob" });
    insertRisk(t.db, { title: "x", ownerUserId: bob.id, nextReviewDate: "2026-02-01" });
    insertRisk(t.db, { title: "y", ownerUserId: ada.id });
    insertRisk(t.db, { title: "z", ownerUserId: null, nextReviewDate: "2026-01-01" });
    for (const id of RISK_SORTS) for (const desc of [false, true]) expect(listRisks(t.db, {}, { sort: { id, desc } }).rows).toHaveLength(3);
    expect(listRisks(t.db, {}, { sort: { id: "owner", desc: false } }).rows.map((r) => r.ownerName)).toEqual([null, "Ada", "Bob"]);
    expect(listRisks(t.db, {}, { sort: { id: "nextReviewDate", desc: false } }).rows.map((r) => r.title)).toEqual(["z", "x", "y"]);
    const page2 = listRisks(t.db, {}, { sort: { id: "title", desc: false }, limit: 2, offset: 2 });
    expect(page2).toMatchObject({ total: 3 });
    expect(page2.rows.map((r) => r.title)).toEqual(["z"]);
    expect(listRisks(t.db, { ownerUserId: ada.id }, { sort: { id: "title", desc: false } }).rows.map((r) => r.title)).toEqual(["y"]);
    expect(listRisks(t.db, { q: "y" }, { sort: { id: "title", desc: false } }).rows.map((r) => r.title)).toEqual(["y"]);
  });

  it("ranks top and technical risks by residual score", () => {
    insertRisk(t.db, { title: "Low tech", category: "technical", residualLikelihood: 1, residualImpact: 1 });
    insertRisk(t.db, { title: "Sec", category: "security", residualLikelihood: 4, residualImpact: 4 });
    insertRisk(t.db, { title: "Money", category: "financial", residualLikelihood: 5, residualImpact: 5 });
    insertRisk(t.db, { title: "Proposed", category: "technical", residualLikelihood: 5, residualImpact: 5, status: "proposed" });
    expect(listTopRisks(t.db).map((r) => r.title)).toEqual(["Money", "Sec", "Low tech"]);
    const tech = listTechRisks(t.db);
    expect(tech.total).toBe(2);
    expect(tech.risks.map((r) => r.title)).toEqual(["Sec", "Low tech"]);
  });
});
