/** Browser posts of the forms of governance and plans (scenarios, roadmap, multi-year plan, gate decisions) (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertGate } from "../../../seeds/builders";
import { expectAudit, expectRefusedKeepingInput, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function governanceCases() {
  describe("governance", () => {
    it("governance.compliance#update: status and result changed, evidence left empty", async () => {
      const req = one<{ id: number }>(sql`select id from compliance_requirements order by id limit 1`).id;
      const s = await submitOk("cto", "/governance/compliance", { intent: "update", requirementId: String(req) }, (f) =>
        f.select("status", "in_progress").select("result", "").fill("evidenceUrl", ""),
      );
      expect(one(sql`select status, result, evidence_url as e from compliance_requirements where id = ${req}`)).toEqual({
        status: "in_progress",
        result: null,
        e: null,
      });
      expectAudit(s.audits, { entityType: "compliance_requirement", entityId: req, actor: w.ids.cto });
    });

    it("governance.compliance#create", async () => {
      const s = await submitOk("ceo", "/governance/compliance", { intent: "create" }, (f) =>
        f.fill("ref", "A.5.99").fill("title", "Form-made requirement").fill("evidenceUrl", "https://wiki.example.test/a599"),
      );
      const row = one<{ id: number; status: string }>(sql`select id, status from compliance_requirements where ref = 'A.5.99'`);
      expect(row.status).toBe("todo");
      expectAudit(s.audits, { entityType: "compliance_requirement", action: "create", entityId: row.id, actor: w.ids.ceo });
    });

    it("governance.compliance#create refused (javascript: link): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/governance/compliance", { intent: "create" }, (f) =>
        f.fill("ref", "A.5.100").fill("title", "Kept title").fill("evidenceUrl", "javascript:alert(1)"),
      );
    });

    it("governance.gates._index#*: a gate with one criterion, the other rows left empty", async () => {
      const s = await submit("ceo", "/governance/gates", { intent: "create" }, (f) =>
        f.fill("name", "Form gate").fill("dueDate", "2027-06-30").select("metric_0", "finance.customers").fill("threshold_0", "15"),
      );
      expect(s.sent).toContainEqual(["metric_1", ""]);
      expect(s.res.status).toBe(200);
      const gate = one<{ id: number }>(sql`select id from decision_gates where name = 'Form gate'`);
      expect(w.db.all(sql`select metric, operator, threshold from gate_criteria where gate_id = ${gate.id}`)).toEqual([
        { metric: "finance.customers", operator: ">=", threshold: 15 },
      ]);
      expectAudit(s.audits, { entityType: "decision_gate", action: "create", entityId: gate.id, actor: w.ids.ceo });
    });

    it("governance.gates._index#* refused (name too short, bad threshold): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/governance/gates", { intent: "create" }, (f) =>
        f.fill("name", "ab").select("metric_0", "finance.customers").fill("threshold_0", "many"),
      );
    });

    it("governance.gates.$gateId#update: edited", async () => {
      const gate = insertGate(w.db, {
        name: "Gate to edit",
        dueDate: "2027-01-31",
        criteria: [{ metric: "finance.customers", operator: ">=", threshold: 10 }],
      });
      const s = await submit("ceo", `/governance/gates/${gate.id}`, { intent: "update" }, (f) =>
        f.fill("name", "Gate edited").select("metric_0", "").fill("threshold_0", ""),
      );
      expect(s.res.status).toBe(302);
      expect(one(sql`select name from decision_gates where id = ${gate.id}`)).toEqual({ name: "Gate edited" });
      expect(one<{ n: number }>(sql`select count(*) as n from gate_criteria where gate_id = ${gate.id}`).n).toBe(0);
      expectAudit(s.audits, { entityType: "decision_gate", action: "update", entityId: gate.id, actor: w.ids.ceo });
    });

    it("governance.gates.$gateId#delete", async () => {
      const gate = insertGate(w.db, { name: "Gate to delete" });
      const s = await submit("ceo", `/governance/gates/${gate.id}`, { intent: "delete" });
      expect(s.res.status).toBe(302);
      expect(one(sql`select count(*) as n from decision_gates where id = ${gate.id}`)).toEqual({ n: 0 });
      expectAudit(s.audits, { entityType: "decision_gate", action: "delete", entityId: gate.id, actor: w.ids.ceo });
    });

    it("governance.maturity#assess: scores chosen, notes left empty", async () => {
      const s = await submit("cto", "/governance/maturity", { intent: "assess" }, (f) =>
        f.fill("assessedOn", "2025-06-30").select("score_process", "4").select("score_audit", "3"),
      );
      expect(s.sent).toContainEqual(["note_process", ""]);
      expect(s.res.status).toBe(200);
      const rows = w.db.all<{ indicator: string; score: number; note: string | null }>(
        sql`select indicator, score, note from maturity_scores where assessed_on = '2025-06-30' order by indicator`,
      );
      expect(rows).toHaveLength(5);
      expect(rows.find((r) => r.indicator === "process")).toEqual({ indicator: "process", score: 4, note: null });
      expectAudit(s.audits, { entityType: "maturity_assessment", actor: w.ids.cto });
    });
  });
}

export function planCases() {
  describe("plans: scenarios, roadmap, multi-year plan, gate decisions", () => {
    const idOf = (q: ReturnType<typeof sql>) => one<{ id: number }>(q).id;

    it("scenarios#create, #update (unticked 'raise a risk' absent), #delete (CEO)", async () => {
      const c = await submitOk("ceo", "/scenarios", { intent: "create" }, (f) =>
        f.fill("name", "D — Browser").fill("probability", "5").fill("funding_month_0", "2027-06").fill("funding_amount_0", "250000"),
      );
      const id = idOf(sql`select id from scenarios where name = 'D — Browser'`);
      expect(one(sql`select month, amount_cents as a from scenario_funding_events where scenario_id = ${id}`)).toEqual({ month: "2027-06", a: 25_000_000 });
      expectAudit(c.audits, { entityType: "scenario", action: "create", entityId: id, actor: w.ids.ceo });
      const slow = idOf(sql`select id from scenarios where name like 'C%'`);
      const u = await submit("ceo", `/scenarios?edit=${slow}`, { intent: "update", scenarioId: String(slow) }, (f) =>
        f.uncheck("raisesRisk").fill("probability", "25"),
      );
      expect(u.sent.map(([n]) => n)).not.toContain("raisesRisk");
      expect(u.res.status).toBe(200);
      expect(one(sql`select raises_risk as r, probability as p from scenarios where id = ${slow}`)).toEqual({ r: 0, p: 0.25 });
      const d = await submitOk("ceo", "/scenarios", { intent: "delete", scenarioId: String(id) });
      expectAudit(d.audits, { entityType: "scenario", action: "delete", entityId: id, actor: w.ids.ceo });
    });

    it("scenarios#create refused (a funding amount without its month): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/scenarios", { intent: "create" }, (f) =>
        f.fill("name", "E").fill("probability", "5").fill("funding_amount_1", "1000"),
      );
    });

    it("roadmap#create, #update, #status, #delete; import#* roadmap items from a file (a lead, their squad)", async () => {
      const c = await submitOk("lead", "/roadmap", { intent: "create" }, (f) =>
        f.fill("key", "core-90").fill("title", "Browser item").fill("quarter", "2027-Q1"),
      );
      const id = idOf(sql`select id from roadmap_items where key = 'CORE-90'`);
      expect(one(sql`select team_id as t, status from roadmap_items where id = ${id}`)).toEqual({ t: w.core, status: "planned" });
      expectAudit(c.audits, { entityType: "roadmap_item", action: "create", entityId: id, actor: w.ids.lead });
      await submitOk("lead", `/roadmap?edit=${id}`, { intent: "update", itemId: String(id) }, (f) => f.fill("sprint", "Sprint 9"));
      await submitOk("lead", "/roadmap", { intent: "status", itemId: String(id) }, (f) => f.select("status", "done"));
      expect(one(sql`select status, sprint from roadmap_items where id = ${id}`)).toEqual({ status: "done", sprint: "Sprint 9" });
      const csv = "key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-91,Imported item,Core,2027-Q1,,planned,lead@innovatech.test,\n";
      const im = await submitOk("lead", "/import", { kind: "roadmap" }, (f) => f.attach("file", new File([csv], "roadmap.csv", { type: "text/csv" })));
      const imported = idOf(sql`select id from roadmap_items where key = 'CORE-91'`);
      expectAudit(im.audits, { entityType: "roadmap_item", action: "import", entityId: imported, actor: w.ids.lead });
      // and the import itself, with its counts
      expect(im.audits.filter((a) => a.entityType === "roadmap_item" && a.action === "import" && a.entityId === null)).toHaveLength(1);
      const d = await submitOk("lead", `/roadmap?edit=${id}`, { intent: "delete", itemId: String(id) });
      expectAudit(d.audits, { entityType: "roadmap_item", action: "delete", entityId: id, actor: w.ids.lead });
    });

    it("roadmap#create refused (bad key): 400, input kept", async () => {
      await expectRefusedKeepingInput("lead", "/roadmap", { intent: "create" }, (f) =>
        f.fill("key", "not a key").fill("title", "x").fill("quarter", "2027-Q1"),
      );
    });

    it("strategy#target, #delete-target, #milestone, #delete-milestone (CEO)", async () => {
      const t = await submitOk("ceo", "/strategy", { intent: "target" }, (f) => f.select("metricId", "finance.mrr").fill("value", "150"));
      const tid = idOf(sql`select id from plan_targets where metric_id = 'finance.mrr'`);
      expect(one(sql`select value from plan_targets where id = ${tid}`)).toEqual({ value: 15_000_000 });
      expectAudit(t.audits, { entityType: "plan_target", entityId: tid, actor: w.ids.ceo });
      await submitOk("ceo", "/strategy", { intent: "delete-target", targetId: String(tid) });
      const m = await submitOk("ceo", "/strategy", { intent: "milestone" }, (f) =>
        f.fill("title", "Browser milestone").fill("dueDate", "2027-03-31").fill("evidence", "Signed"),
      );
      const mid = idOf(sql`select id from milestones where title = 'Browser milestone'`);
      expectAudit(m.audits, { entityType: "milestone", action: "create", entityId: mid, actor: w.ids.ceo });
      await submitOk("ceo", "/strategy", { intent: "delete-milestone", milestoneId: String(mid) });
    });

    it("strategy#milestone refused (a comparison without a metric): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/strategy", { intent: "milestone" }, (f) =>
        f.fill("title", "X").fill("dueDate", "2027-03-31").select("comparison", ">="),
      );
    });

    it("governance.decisions.$gateId#add-criterion, #check (CTO, unticked = absent), #decide, #delete-criterion", async () => {
      const gate = idOf(sql`select id from decision_gates where name = 'European expansion'`);
      await submitOk("ceo", `/governance/decisions/${gate}`, { intent: "add-criterion" }, (f) => f.fill("label", "Board approval"));
      const crit = idOf(sql`select id from gate_manual_criteria where gate_id = ${gate} and label = 'Board approval'`);
      await submitOk("cto", `/governance/decisions/${gate}`, { intent: "check", criterionId: String(crit) }, (f) =>
        f.check("checked").fill("note", "Minutes of the board"),
      );
      expect(one(sql`select checked, note from gate_manual_criteria where id = ${crit}`)).toEqual({ checked: 1, note: "Minutes of the board" });
      const un = await submit("cto", `/governance/decisions/${gate}`, { intent: "check", criterionId: String(crit) }, (f) => f.uncheck("checked"));
      expect(un.sent.map(([n]) => n)).not.toContain("checked");
      expect(one(sql`select checked from gate_manual_criteria where id = ${crit}`)).toEqual({ checked: 0 });
      expectAudit(un.audits, { entityType: "gate_manual_criterion", action: "uncheck", entityId: crit, actor: w.ids.cto });
      await submitOk("ceo", `/governance/decisions/${gate}`, { intent: "decide" }, (f) =>
        f.select("decision", "alternative").fill("alternative", "Focus on France").fill("rationale", "Not profitable yet."),
      );
      expect(one(sql`select decision, alternative from gate_decisions where gate_id = ${gate}`)).toEqual({
        decision: "alternative",
        alternative: "Focus on France",
      });
      await submitOk("ceo", `/governance/decisions/${gate}`, { intent: "delete-criterion", criterionId: String(crit) });
    });

    it("governance.decisions.$gateId#decide refused (no rationale): 400, input kept", async () => {
      const gate = idOf(sql`select id from decision_gates where name = 'European expansion'`);
      await expectRefusedKeepingInput("ceo", `/governance/decisions/${gate}`, { intent: "decide" }, (f) => f.select("decision", "go"));
    });
  });
}
