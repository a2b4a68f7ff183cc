/** Browser posts of the forms of hiring and KPIs (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertKpi, insertKpiMeasurement, insertRequisition } from "../../../seeds/builders";
import { expectAudit, expectRefusedKeepingInput, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function hiringCases() {
  describe("hiring", () => {
    it("hiring._index#status: 'next' on a tech team's requisition", async () => {
      const r = insertRequisition(w.db, { title: "Next me", teamId: w.core, status: "planned", targetStartMonth: "2027-03" });
      const s = await submitOk("cto", "/hiring?q=Next%20me", { intent: "status", requisitionId: String(r.id), change: "next" });
      expect(one(sql`select status from requisitions where id = ${r.id}`)).toEqual({ status: "open" });
      expectAudit(s.audits, { entityType: "requisition", action: "status", entityId: r.id, actor: w.ids.cto });
    });

    it("hiring._index#status: cancel, then reopen", async () => {
      const r = insertRequisition(w.db, { title: "Cancel me", teamId: w.core, status: "open", targetStartMonth: "2027-03" });
      await submitOk("ceo", "/hiring?q=Cancel%20me", { intent: "status", requisitionId: String(r.id), change: "cancel" });
      expect(one(sql`select status from requisitions where id = ${r.id}`)).toEqual({ status: "cancelled" });
      const o = await submitOk("ceo", "/hiring?q=Cancel%20me", { intent: "status", requisitionId: String(r.id), change: "reopen" });
      expect(one<{ status: string }>(sql`select status from requisitions where id = ${r.id}`).status).not.toBe("cancelled");
      expectAudit(o.audits, { entityType: "requisition", entityId: r.id, actor: w.ids.ceo });
    });

    it("hiring.new#*: the CTO creates a requisition (objective and source left empty)", async () => {
      const s = await submit("cto", "/hiring/new", {}, (f) =>
        f
          .fill("title", "Form SRE")
          .select("teamId", String(w.teamId("Platform")))
          .fill("annualSalary", "70 000")
          .fill("targetStartMonth", "2027-05"),
      );
      expect(s.sent).toContainEqual(["objectiveId", ""]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; salary: number; status: string; source: string | null; objectiveId: number | null }>(
        sql`select id, annual_salary_cents as salary, status, source, objective_id as objectiveId from requisitions where title = 'Form SRE'`,
      );
      expect(row).toMatchObject({ salary: 7000000, source: null, objectiveId: null });
      expect(s.res.location).toBe(`/hiring?created=${row.id}`);
      expectAudit(s.audits, { entityType: "requisition", action: "create", entityId: row.id, actor: w.ids.cto });
    });

    it("hiring.new#*: a lead proposes a hire for their team (saved as planned)", async () => {
      const s = await submit("lead", "/hiring/new", {}, (f) => f.fill("title", "Form proposal").fill("annualSalary", "52000"));
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; status: string; teamId: number }>(
        sql`select id, status, team_id as teamId from requisitions where title = 'Form proposal'`,
      );
      expect(row).toMatchObject({ status: "planned", teamId: w.core });
      expectAudit(s.audits, { entityType: "requisition", entityId: row.id, actor: w.ids.lead });
    });

    it("hiring.new#* refused (salary not an amount): 400, input kept", async () => {
      await expectRefusedKeepingInput("cto", "/hiring/new", {}, (f) => f.fill("title", "Kept role").fill("annualSalary", "lots").fill("source", "Referral"));
    });

    it("hiring.$requisitionId#*: edited, the salary left as shown", async () => {
      const r = insertRequisition(w.db, { title: "Edit me", teamId: w.core, targetStartMonth: "2027-04", annualSalaryCents: 60_000_00 });
      const s = await submit("ceo", `/hiring/${r.id}`, {}, (f) => f.select("priority", "P0").fill("title", "Edited role"));
      expect(s.res.status).toBe(302);
      expect(one(sql`select title, priority, annual_salary_cents as s from requisitions where id = ${r.id}`)).toEqual({
        title: "Edited role",
        priority: "P0",
        s: 6000000,
      });
      expectAudit(s.audits, { entityType: "requisition", action: "update", entityId: r.id, actor: w.ids.ceo });
    });

    it("hiring.employees_.new#*: an employee without an end date", async () => {
      const s = await submit("ceo", "/hiring/employees/new", {}, (f) =>
        f
          .fill("name", "Form Employee")
          .select("teamId", String(w.core))
          .fill("title", "Engineer")
          .fill("startDate", "2026-01-05")
          .fill("annualSalary", "58000"),
      );
      expect(s.sent).toContainEqual(["endDate", ""]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; end: string | null; salary: number }>(
        sql`select id, end_date as end, annual_salary_cents as salary from employees where name = 'Form Employee'`,
      );
      expect(row).toMatchObject({ end: null, salary: 5800000 });
      expectAudit(s.audits, { entityType: "employee", action: "create", entityId: row.id, actor: w.ids.ceo });
    });

    it("hiring.employees_.new#* refused (end before start): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/hiring/employees/new", {}, (f) =>
        f.fill("name", "Kept Person").fill("title", "Engineer").fill("startDate", "2026-02-01").fill("endDate", "2026-01-01").fill("annualSalary", "50000"),
      );
    });
  });
}

export function kpiCases() {
  describe("KPIs", () => {
    it("kpis._index#create-kpi: a lead creates a KPI, unit and description left empty", async () => {
      const s = await submit("lead", "/kpis", { intent: "create-kpi" }, (f) => f.fill("key", "form_kpi").fill("name", "Form KPI").select("direction", "lower"));
      expect(s.sent).toContainEqual(["unit", ""]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; unit: string | null; direction: string }>(sql`select id, unit, direction from kpis where key = 'form_kpi'`);
      expect(row).toMatchObject({ unit: null, direction: "lower" });
      expect(s.res.location).toBe(`/kpis/${row.id}`);
      expectAudit(s.audits, { entityType: "kpi", action: "create", entityId: row.id, actor: w.ids.lead });
    });

    it("kpis._index#import: measurements pasted as CSV", async () => {
      const s = await submit("cto", "/kpis", { intent: "import" }, (f) => f.fill("csv", "kpi_key,measured_on,value,note\nform_kpi,2025-03-01,12.5,\n"));
      expect(s.res.status, s.res.html.slice(0, 0)).toBe(200);
      expect(one(sql`select value from kpi_measurements m join kpis k on k.id = m.kpi_id where k.key = 'form_kpi' and measured_on = '2025-03-01'`)).toEqual({
        value: 12.5,
      });
      expect(s.audits.some((a) => a.entityType === "kpi_measurement" && a.actorUserId === w.ids.cto)).toBe(true);
    });

    it("kpis._index#create-kpi refused (bad key): 400, input kept", async () => {
      await expectRefusedKeepingInput("lead", "/kpis", { intent: "create-kpi" }, (f) =>
        f.fill("key", "Bad Key!").fill("name", "Kept name").fill("description", "line one\nline two"),
      );
    });

    it("kpis.$kpiId#update-kpi", async () => {
      const kpi = insertKpi(w.db, { key: "edit_me", name: "Edit me" });
      const s = await submitOk("cto", `/kpis/${kpi.id}`, { intent: "update-kpi" }, (f) => f.fill("name", "Edited KPI").fill("unit", "ms"));
      expect(one(sql`select name, unit from kpis where id = ${kpi.id}`)).toEqual({ name: "Edited KPI", unit: "ms" });
      expectAudit(s.audits, { entityType: "kpi", action: "update", entityId: kpi.id, actor: w.ids.cto });
    });

    it("kpis.$kpiId#target: set, then cleared (empty field)", async () => {
      const kpi = insertKpi(w.db, { key: "target_me", name: "Target me" });
      const set = await submitOk("ceo", `/kpis/${kpi.id}`, { intent: "target", cycleId: String(w.openCycleId) }, (f) => f.fill("target", "42"));
      expect(one(sql`select target from kpi_targets where kpi_id = ${kpi.id} and cycle_id = ${w.openCycleId}`)).toEqual({ target: 42 });
      expectAudit(set.audits, { entityType: "kpi_target", actor: w.ids.ceo });
      const cleared = await submitOk("ceo", `/kpis/${kpi.id}`, { intent: "target", cycleId: String(w.openCycleId) }, (f) => f.fill("target", ""));
      expect(one(sql`select count(*) as n from kpi_targets where kpi_id = ${kpi.id} and cycle_id = ${w.openCycleId}`)).toEqual({ n: 0 });
      expectAudit(cleared.audits, { entityType: "kpi_target", actor: w.ids.ceo });
    });

    it("kpis.$kpiId#measure: a lead records a value, note left empty", async () => {
      const kpi = insertKpi(w.db, { key: "measure_me", name: "Measure me" });
      const s = await submitOk("lead", `/kpis/${kpi.id}`, { intent: "measure" }, (f) => f.fill("measuredOn", "2025-05-02").fill("value", "7,5"));
      expect(one(sql`select value, note from kpi_measurements where kpi_id = ${kpi.id} and measured_on = '2025-05-02'`)).toEqual({ value: 7.5, note: null });
      expectAudit(s.audits, { entityType: "kpi_measurement", actor: w.ids.lead });
    });

    it("kpis.$kpiId#measure refused (value not a number): 400, input kept", async () => {
      const kpi = insertKpi(w.db, { key: "measure_bad", name: "Measure bad" });
      await expectRefusedKeepingInput("lead", `/kpis/${kpi.id}`, { intent: "measure" }, (f) =>
        f.fill("measuredOn", "2025-05-03").fill("value", "seven").fill("note", "kept note"),
      );
    });

    it("kpis.$kpiId#delete-measurement", async () => {
      const kpi = insertKpi(w.db, { key: "delete_me", name: "Delete me" });
      const m = insertKpiMeasurement(w.db, { kpiId: kpi.id, measuredOn: "2025-01-10", value: 3 });
      const s = await submitOk("ceo", `/kpis/${kpi.id}`, { intent: "delete-measurement", measurementId: String(m.id) });
      expect(one(sql`select count(*) as n from kpi_measurements where id = ${m.id}`)).toEqual({ n: 0 });
      expectAudit(s.audits, { entityType: "kpi_measurement", actor: w.ids.ceo });
    });
  });
}
