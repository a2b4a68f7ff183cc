/** Browser posts of the forms of risks (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getBoardPack, packableMonth } from "~/models/board-pack.server";
import { insertRisk } from "../../../seeds/builders";
import { expectAudit, expectRefusedKeepingInput, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function riskCases() {
  describe("risks", () => {
    it("risks.new#*: the CTO adds a risk, review date and plan left empty", async () => {
      const s = await submit("cto", "/risks/new", { intent: "risk" }, (f) =>
        f.fill("title", "Form risk").select("category", "security").select("inherentImpact", "5"),
      );
      expect(s.sent).toContainEqual(["nextReviewDate", ""]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; status: string; impact: number; review: string | null }>(
        sql`select id, status, inherent_impact as impact, next_review_date as review from risks where title = 'Form risk'`,
      );
      expect(row).toMatchObject({ status: "open", impact: 5, review: null });
      expect(s.res.location).toBe(`/risks/${row.id}?created=1`);
      expectAudit(s.audits, { entityType: "risk", action: "create", entityId: row.id, actor: w.ids.cto });
    });

    it("risks.new#*: a lead proposes a risk (status 'proposed')", async () => {
      const s = await submit("lead", "/risks/new", { intent: "risk" }, (f) => f.fill("title", "Form proposal risk"));
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; status: string; by: number }>(
        sql`select id, status, proposed_by_user_id as by from risks where title = 'Form proposal risk'`,
      );
      expect(row).toMatchObject({ status: "proposed", by: w.ids.lead });
      expectAudit(s.audits, { entityType: "risk", entityId: row.id, actor: w.ids.lead });
    });

    it("risks.new#* refused (title too short): 400, input kept", async () => {
      await expectRefusedKeepingInput("cto", "/risks/new", { intent: "risk" }, (f) =>
        f.fill("title", "ab").fill("mitigationPlan", "Plan kept\nover two lines").select("treatment", "accept"),
      );
    });

    it("risks.$riskId#status: closed with its button", async () => {
      const r = insertRisk(w.db, { title: "Risk to close", status: "open" });
      const s = await submitOk("cto", `/risks/${r.id}`, { intent: "status", status: "closed" });
      expect(one(sql`select status from risks where id = ${r.id}`)).toEqual({ status: "closed" });
      expectAudit(s.audits, { entityType: "risk", entityId: r.id, actor: w.ids.cto });
    });

    it("risks.$riskId#update: edited, owner cleared", async () => {
      const r = insertRisk(w.db, { title: "Risk to edit", ownerUserId: w.ids.cto });
      const s = await submitOk("ceo", `/risks/${r.id}`, { intent: "update" }, (f) =>
        f.fill("title", "Risk edited").select("ownerUserId", "").select("residualLikelihood", "1"),
      );
      expect(one(sql`select title, owner_user_id as owner, residual_likelihood as rl from risks where id = ${r.id}`)).toEqual({
        title: "Risk edited",
        owner: null,
        rl: 1,
      });
      expectAudit(s.audits, { entityType: "risk", action: "update", entityId: r.id, actor: w.ids.ceo });
    });

    it("targets#set: the CTO sets a delivery target for one cycle, typed in % (comma decimal)", async () => {
      const cycle = one<{ id: number }>(sql`select id from cycles order by start_date desc limit 1`);
      const s = await submitOk("cto", "/targets", { intent: "set" }, (f) =>
        f
          .select("metricId", "delivery.change_failure_rate")
          .select("cycleId", String(cycle.id))
          .select("comparison", "<")
          .fill("value", "4,5")
          .fill("note", "Stricter next cycle"),
      );
      const row = one<{ id: number; value: number; comparison: string }>(
        sql`select id, value, comparison from metric_targets where metric_id = 'delivery.change_failure_rate' and cycle_id = ${cycle.id}`,
      );
      expect(row).toMatchObject({ value: 0.045, comparison: "<" });
      expectAudit(s.audits, { entityType: "metric_target", action: "create", entityId: row.id, actor: w.ids.cto });
    });

    it("targets#set refused (not a number): 400, input kept", async () => {
      await expectRefusedKeepingInput("cto", "/targets", { intent: "set" }, (f) =>
        f.select("metricId", "delivery.lead_time_hours").fill("value", "two hours").fill("note", "kept note"),
      );
    });

    it("targets#delete: the CTO removes a delivery target", async () => {
      const row = one<{ id: number }>(sql`select id from metric_targets where metric_id = 'delivery.lead_time_hours' and cycle_id is null`);
      const s = await submitOk("cto", "/targets", { intent: "delete", id: String(row.id) });
      expect(one(sql`select id from metric_targets where id = ${row.id}`)).toBeUndefined();
      expectAudit(s.audits, { entityType: "metric_target", action: "delete", entityId: row.id, actor: w.ids.cto });
    });

    it("reports.board.$month#comment: the CEO writes a section's commentary on the draft pack", async () => {
      const month = packableMonth(w.db)!;
      const s = await submitOk("ceo", `/reports/board/${month}`, { intent: "comment", section: "revenue" }, (f) =>
        f.fill("text", "MRR grows on plan.\r\nChurn is flat."),
      );
      expect(getBoardPack(w.db, month)?.commentary).toEqual({ revenue: "MRR grows on plan.\nChurn is flat." });
      expectAudit(s.audits, { entityType: "board_pack", action: "update", entityId: month, actor: w.ids.ceo });
    });

    it("reports.board.$month#comment refused (over 4000 characters): 400, input kept", async () => {
      const month = packableMonth(w.db)!;
      await expectRefusedKeepingInput("ceo", `/reports/board/${month}`, { intent: "comment", section: "cash" }, (f) => f.fill("text", "y".repeat(4001)));
    });

    it("reports.board.$month#publish refused (confirmation unticked, i.e. absent): 400, nothing published", async () => {
      const month = packableMonth(w.db)!;
      await expectRefusedKeepingInput("ceo", `/reports/board/${month}`, { intent: "publish" }, (f) => f.uncheck("confirm", "yes"));
      expect(getBoardPack(w.db, month)?.status).toBe("draft");
    });

    it("reports.board.$month#publish: ticked, the pack is published with its figures", async () => {
      const month = packableMonth(w.db)!;
      const s = await submitOk("ceo", `/reports/board/${month}`, { intent: "publish" }, (f) => f.check("confirm", "yes"));
      const pack = getBoardPack(w.db, month)!;
      expect(pack.status).toBe("published");
      expect(Object.keys(pack.figures!.metrics)).toContain("finance.runway_months_with_hiring_plan");
      expectAudit(s.audits, { entityType: "board_pack", action: "publish", entityId: month, actor: w.ids.ceo });
    });

    it("risks.rules#rule: 'enabled' unticked (absent) → the rule is disabled", async () => {
      const rule = one<{ id: number; threshold: number }>(sql`select id, threshold from risk_rules where kind = 'runway_below_months'`);
      const s = await submit("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.uncheck("enabled"));
      expect(s.sent.map(([n]) => n)).not.toContain("enabled");
      expect(s.res.status).toBe(200);
      expect(one(sql`select enabled, threshold from risk_rules where id = ${rule.id}`)).toEqual({ enabled: 0, threshold: rule.threshold });
      expectAudit(s.audits, { entityType: "risk_rule", entityId: rule.id, actor: w.ids.cto });
    });

    it("risks.rules#rule: ticked again, threshold changed", async () => {
      const rule = one<{ id: number }>(sql`select id from risk_rules where kind = 'runway_below_months'`);
      const s = await submitOk("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.check("enabled").fill("threshold", "9"));
      expect(one(sql`select enabled, threshold from risk_rules where id = ${rule.id}`)).toEqual({ enabled: 1, threshold: 9 });
      expectAudit(s.audits, { entityType: "risk_rule", entityId: rule.id, actor: w.ids.cto });
    });

    it("risks.rules#rule refused (threshold out of range, box unticked): 400, input kept", async () => {
      const rule = one<{ id: number }>(sql`select id from risk_rules where kind = 'cfr_above_percent_30d'`);
      await expectRefusedKeepingInput("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.fill("threshold", "150").uncheck("enabled"));
    });
  });
}
