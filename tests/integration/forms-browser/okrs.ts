/** Browser posts of the forms of OKRs (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertKeyResult, insertObjective } from "../../../seeds/builders";
import { expectAudit, expectRefusedKeepingInput, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function okrCases() {
  describe("OKRs", () => {
    const coreObjective = (title: string) => insertObjective(w.db, { cycleId: w.openCycleId, teamId: w.core, title });

    it("okrs._index#create-cycle and #close-cycle", async () => {
      const s = await submit("ceo", "/okrs", { intent: "create-cycle" }, (f) =>
        f.fill("name", "2031-Q1").fill("startDate", "2031-01-01").fill("endDate", "2031-03-31"),
      );
      expect(s.res.status).toBe(302);
      const cycle = one<{ id: number; status: string }>(sql`select id, status from cycles where name = '2031-Q1'`);
      expect(cycle.status).toBe("open");
      expect(s.res.location).toBe(`/okrs?cycle=${cycle.id}`);
      expectAudit(s.audits, { entityType: "cycle", action: "create", entityId: cycle.id, actor: w.ids.ceo });
      const c = await submitOk("ceo", `/okrs?cycle=${cycle.id}`, { intent: "close-cycle", cycleId: String(cycle.id) });
      expect(one(sql`select status from cycles where id = ${cycle.id}`)).toEqual({ status: "closed" });
      expectAudit(c.audits, { entityType: "cycle", action: "close", entityId: cycle.id, actor: w.ids.ceo });
    });

    it("okrs._index#create-objective: a lead, for the Core squad, no parent", async () => {
      const s = await submit("lead", `/okrs?cycle=${w.openCycleId}`, { intent: "create-objective" }, (f) =>
        f.fill("title", "Form objective").select("teamId", String(w.core)).select("parentId", ""),
      );
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; teamId: number; parentId: number | null }>(
        sql`select id, team_id as teamId, parent_id as parentId from objectives where title = 'Form objective'`,
      );
      expect(row).toMatchObject({ teamId: w.core, parentId: null });
      expectAudit(s.audits, { entityType: "objective", action: "create", entityId: row.id, actor: w.ids.lead });
    });

    it("okrs._index#create-cycle refused (end before start): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/okrs", { intent: "create-cycle" }, (f) =>
        f.fill("name", "Kept cycle").fill("startDate", "2032-03-31").fill("endDate", "2032-01-01"),
      );
    });

    it("okrs.$objectiveId#update-objective: a lead edits a Core objective, owner cleared", async () => {
      const o = coreObjective("Objective to edit");
      const s = await submitOk("lead", `/okrs/${o.id}`, { intent: "update-objective" }, (f) => f.fill("title", "Objective edited").select("ownerUserId", ""));
      expect(one(sql`select title, owner_user_id as owner from objectives where id = ${o.id}`)).toEqual({ title: "Objective edited", owner: null });
      expectAudit(s.audits, { entityType: "objective", entityId: o.id, actor: w.ids.lead });
    });

    it("okrs.$objectiveId#archive-objective and #restore-objective", async () => {
      const o = coreObjective("Objective to archive");
      const a = await submitOk("ceo", `/okrs/${o.id}`, { intent: "archive-objective" });
      expect(one<{ a: number | null }>(sql`select archived_at as a from objectives where id = ${o.id}`).a).not.toBeNull();
      expectAudit(a.audits, { entityType: "objective", entityId: o.id, actor: w.ids.ceo });
      const r = await submitOk("ceo", `/okrs/${o.id}`, { intent: "restore-objective" });
      expect(one<{ a: number | null }>(sql`select archived_at as a from objectives where id = ${o.id}`).a).toBeNull();
      expectAudit(r.audits, { entityType: "objective", entityId: o.id, actor: w.ids.ceo });
    });

    it("okrs.$objectiveId#create-kr: a percent KR, unit and owner left empty", async () => {
      const o = coreObjective("Objective for a KR");
      const s = await submit("lead", `/okrs/${o.id}`, { intent: "create-kr" }, (f) =>
        f.fill("title", "Form KR").select("kind", "percent").fill("startValue", "10").fill("targetValue", "80"),
      );
      expect(s.sent).toContainEqual(["ownerUserId", ""]);
      expect(s.res.status).toBe(200);
      const kr = one<{ id: number }>(sql`select id from key_results where objective_id = ${o.id}`);
      expect(one(sql`select kind, start_value as s, target_value as t, unit, owner_user_id as owner, weight from key_results where id = ${kr.id}`)).toEqual({
        kind: "percent",
        s: 10,
        t: 80,
        unit: "%",
        owner: null,
        weight: 1,
      });
      expectAudit(s.audits, { entityType: "key_result", action: "create", entityId: kr.id, actor: w.ids.lead });
    });

    it("okrs.$objectiveId#create-kr refused (percent above 100): 400, input kept", async () => {
      const o = coreObjective("Objective for a bad KR");
      await expectRefusedKeepingInput("lead", `/okrs/${o.id}`, { intent: "create-kr" }, (f) =>
        f.fill("title", "Kept KR").select("kind", "percent").fill("startValue", "0").fill("targetValue", "150"),
      );
    });

    it("okrs.$objectiveId#update-kr, #archive-kr, #restore-kr", async () => {
      const o = coreObjective("Objective with KRs");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to edit", startValue: 0, targetValue: 10 });
      const u = await submitOk("lead", `/okrs/${o.id}`, { intent: "update-kr", keyResultId: String(kr.id) }, (f) =>
        f.fill("targetValue", "20").fill("weight", "2"),
      );
      expect(one(sql`select target_value as t, weight from key_results where id = ${kr.id}`)).toEqual({ t: 20, weight: 2 });
      expectAudit(u.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
      const a = await submitOk("lead", `/okrs/${o.id}`, { intent: "archive-kr", keyResultId: String(kr.id) });
      expect(one<{ a: number | null }>(sql`select archived_at as a from key_results where id = ${kr.id}`).a).not.toBeNull();
      expectAudit(a.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
      const r = await submitOk("lead", `/okrs/${o.id}`, { intent: "restore-kr", keyResultId: String(kr.id) });
      expect(one<{ a: number | null }>(sql`select archived_at as a from key_results where id = ${kr.id}`).a).toBeNull();
      expectAudit(r.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
    });

    it("okrs.$objectiveId#update-kr refused (weight not a number): 400, the KR's row keeps the input", async () => {
      const o = coreObjective("Objective with a KR to break");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR kept", startValue: 0, targetValue: 10 });
      await expectRefusedKeepingInput("lead", `/okrs/${o.id}`, { intent: "update-kr", keyResultId: String(kr.id) }, (f) =>
        f.fill("title", "Typed KR title").fill("weight", "heavy"),
      );
    });

    it("okrs.$objectiveId#carry-over: into the next cycle", async () => {
      const o = coreObjective("Objective to carry");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to carry", startValue: 0, targetValue: 10, currentValue: 4 });
      const s = await submit("ceo", `/okrs/${o.id}`, { intent: "carry-over", keyResultId: String(kr.id) });
      expect(s.res.status).toBe(302);
      const copy = one<{ id: number; s: number }>(sql`select id, start_value as s from key_results where carried_from_id = ${kr.id}`);
      expect(copy.s).toBe(4);
      expectAudit(s.audits, { entityType: "key_result", action: "carry_over", actor: w.ids.ceo });
    });

    it("okrs.kr.$keyResultId#checkin: redirected back to the history (303), check-in and KR value written", async () => {
      const o = coreObjective("Objective to check in");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to check in", startValue: 0, targetValue: 10 });
      const s = await submit("lead", `/okrs/kr/${kr.id}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
        f.fill("value", "6").fill("confidence", "8").fill("note", "Good week"),
      );
      expect(s.res.status).toBe(303);
      expect(s.res.location).toBe(`/okrs/kr/${kr.id}#kr-${kr.id}`);
      expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 6, confidence: 8, note: "Good week" });
      expect(one(sql`select current_value as v from key_results where id = ${kr.id}`)).toEqual({ v: 6 });
      expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
    });

    it("okrs.mine#checkin: from 'My key results', note left empty", async () => {
      const o = coreObjective("Objective on my page");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR on my page", startValue: 0, targetValue: 100 });
      const s = await submit("lead", `/okrs/mine?cycle=${w.openCycleId}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
        f.fill("value", "25").fill("confidence", "6"),
      );
      expect(s.sent).toContainEqual(["note", ""]);
      expect(s.res.status).toBe(303);
      expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 25, confidence: 6, note: null });
      expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
    });

    it("inbox#checkin: the inline check-in of the inbox, redirected back (303), the key result leaves the inbox", async () => {
      const o = coreObjective("Objective in the inbox");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR in the inbox", startValue: 0, targetValue: 10, ownerUserId: w.ids.lead });
      const s = await submit("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) => f.fill("value", "4").fill("confidence", "5"));
      expect(s.page.html).toContain("KR in the inbox");
      expect(s.sent).toContainEqual(["note", ""]);
      expect(s.res.status).toBe(303);
      expect(s.res.location).toBe(`/inbox#kr-${kr.id}`);
      expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 4, confidence: 5, note: null });
      expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
      const after = await w.as("lead").get("/inbox");
      expect(after.html).not.toContain("KR in the inbox");
    });

    it("inbox#checkin: a linked key result's form has no value field; confidence and a note are recorded", async () => {
      const o = coreObjective("Objective with a linked KR in the inbox");
      const kr = insertKeyResult(w.db, {
        objectiveId: o.id,
        title: "Linked KR in the inbox",
        startValue: 0,
        targetValue: 50,
        ownerUserId: w.ids.lead,
        metricId: "finance.customers",
      });
      const s = await submit("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) => f.fill("confidence", "8").fill("note", "On the way"));
      expect(s.sent.map(([n]) => n)).not.toContain("value");
      expect(s.res.status).toBe(303);
      expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({
        value: null,
        confidence: 8,
        note: "On the way",
      });
    });

    it("inbox#checkin refused (value not a number): 400, input kept, the item still in the inbox", async () => {
      const o = coreObjective("Objective for a bad inbox check-in");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR bad inbox check-in", startValue: 0, targetValue: 10, ownerUserId: w.ids.lead });
      const r = await expectRefusedKeepingInput("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
        f.fill("value", "four").fill("confidence", "6").fill("note", "kept"),
      );
      expect(r.messages.join(" ")).toMatch(/must be a number/);
      expect(r.res.html).toContain("KR bad inbox check-in");
    });

    it("okrs.kr.$keyResultId#checkin refused (confidence out of range): 400, input kept", async () => {
      const o = coreObjective("Objective for a bad check-in");
      const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR bad check-in", startValue: 0, targetValue: 10 });
      await expectRefusedKeepingInput("lead", `/okrs/kr/${kr.id}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
        f.fill("value", "3").fill("confidence", "11").fill("note", "kept"),
      );
    });
  });
}
