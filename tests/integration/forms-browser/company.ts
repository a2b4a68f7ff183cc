/** Browser posts of the forms of company structure: teams, budget categories, frameworks, imports, first run (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertUser } from "../../../seeds/builders";
import { covered, expectAudit, expectRefusedKeepingInput, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function companyCases() {
  describe("company structure: teams, budget categories, frameworks, imports, first run", () => {
    const teamIdOf = (name: string) => one<{ id: number }>(sql`select id from teams where name = ${name}`).id;
    const categoryIdOf = (name: string) => one<{ id: number }>(sql`select id from budget_categories where name = ${name}`).id;

    it("teams#create, #update, #archive, #restore: a tech team created, renamed, archived and restored (CTO)", async () => {
      const c = await submitOk("cto", "/teams", { intent: "create" }, (f) => f.fill("name", "Data Platform").select("kind", "tech"));
      const id = teamIdOf("Data Platform");
      expectAudit(c.audits, { entityType: "team", action: "create", entityId: id, actor: w.ids.cto });
      const u = await submitOk("cto", "/teams", { intent: "update", teamId: String(id) }, (f) => f.fill("name", "Data"));
      expectAudit(u.audits, { entityType: "team", action: "update", entityId: id, actor: w.ids.cto });
      await submitOk("cto", "/teams", { intent: "archive", teamId: String(id) });
      expect(one(sql`select archived_at is not null as archived from teams where id = ${id}`)).toEqual({ archived: 1 });
      const r = await submitOk("cto", "/teams", { intent: "restore", teamId: String(id) });
      expectAudit(r.audits, { entityType: "team", action: "restore", entityId: id, actor: w.ids.cto });
    });

    it("teams#create refused (name taken): 400, the input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/teams", { intent: "create" }, (f) => f.fill("name", "core").select("kind", "non-tech"));
    });

    it("teams#set-lead, #unset-lead: the CEO makes a viewer lead of Core, then takes it back", async () => {
      const v = insertUser(w.db, { email: "future.lead@innovatech.test", name: "Future Lead", role: "viewer" });
      const s = await submitOk("ceo", `/teams?team=${w.core}`, { intent: "set-lead" }, (f) => f.select("userId", String(v.id)));
      expect(one(sql`select role, team_id as teamId from users where id = ${v.id}`)).toEqual({ role: "lead", teamId: w.core });
      expectAudit(s.audits, { entityType: "user", action: "set-lead", entityId: v.id, actor: w.ids.ceo });
      await submitOk("ceo", `/teams?team=${w.core}`, { intent: "unset-lead", userId: String(v.id) });
      expect(one(sql`select role from users where id = ${v.id}`)).toEqual({ role: "viewer" });
    });

    it("budgets_.categories#create, #update, #envelope, #archive, #restore (CEO); an unticked box is absent", async () => {
      const c = await submit("ceo", "/budgets/categories", { intent: "create" }, (f) => f.fill("name", "ML/AI").select("group", "it"));
      expect(c.sent.map(([n]) => n)).not.toContain("isSalesMarketing");
      expect(c.res.status).toBe(200);
      const id = categoryIdOf("ML/AI");
      expectAudit(c.audits, { entityType: "budget_category", action: "create", entityId: id, actor: w.ids.ceo });
      await submitOk("ceo", "/budgets/categories", { intent: "update", categoryId: String(id) }, (f) => f.fill("name", "ML and AI").check("isSalesMarketing"));
      expect(one(sql`select name, is_sales_marketing as sm, is_it as it from budget_categories where id = ${id}`)).toEqual({ name: "ML and AI", sm: 1, it: 1 });
      await submitOk("ceo", "/budgets/categories?year=2026", { intent: "envelope", categoryId: String(id) }, (f) => f.fill("amount", "12 000"));
      expect(one(sql`select amount_cents as a from budget_envelopes where category_id = ${id} and fiscal_year = 2026`)).toEqual({ a: 1_200_000 });
      await submitOk("ceo", "/budgets/categories", { intent: "archive", categoryId: String(id) });
      const r = await submitOk("ceo", "/budgets/categories", { intent: "restore", categoryId: String(id) });
      expectAudit(r.audits, { entityType: "budget_category", action: "restore", entityId: id, actor: w.ids.ceo });
    });

    it("budgets_.categories#envelope refused (negative amount): 400, the input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/budgets/categories?year=2026", { intent: "envelope", categoryId: String(categoryIdOf("Salaries")) }, (f) =>
        f.fill("amount", "-5"),
      );
    });

    it("governance.compliance#create-framework, #update-framework: HDS added, then given a target date (CTO)", async () => {
      const c = await submitOk("cto", "/governance/compliance", { intent: "create-framework" }, (f) => f.fill("name", "HDS").fill("targetDate", "2027-06-30"));
      const id = one<{ id: number }>(sql`select id from compliance_frameworks where key = 'hds'`).id;
      expectAudit(c.audits, { entityType: "compliance_framework", action: "create", entityId: id, actor: w.ids.cto });
      await submitOk("cto", "/governance/compliance", { intent: "update-framework", frameworkId: String(id) }, (f) => f.fill("targetDate", "2027-09-30"));
      expect(one(sql`select target_date as d from compliance_frameworks where id = ${id}`)).toEqual({ d: "2027-09-30" });
    });

    it("governance.compliance#import: requirements from a CSV file (multipart)", async () => {
      const csv = "framework,ref,title,status,result,owner,evidence_url\nHDS,HDS-1,Hosting certified,todo,,,\n";
      await submitOk("ceo", "/governance/compliance", { intent: "import" }, (f) => f.attach("file", new File([csv], "hds.csv", { type: "text/csv" })));
      expect(one(sql`select count(*) as n from compliance_requirements where ref = 'HDS-1'`)).toEqual({ n: 1 });
    });

    it("governance.compliance#archive-framework, #restore-framework: HDS no longer followed (its requirement kept), then followed again (CTO)", async () => {
      const id = one<{ id: number }>(sql`select id from compliance_frameworks where key = 'hds'`).id;
      const archived = () => one(sql`select archived_at is not null as a from compliance_frameworks where id = ${id}`);
      const a = await submitOk("cto", "/governance/compliance", { intent: "archive-framework", frameworkId: String(id) });
      expectAudit(a.audits, { entityType: "compliance_framework", action: "archive", entityId: id, actor: w.ids.cto });
      expect(archived()).toEqual({ a: 1 });
      expect(one(sql`select count(*) as n from compliance_requirements where framework_id = ${id}`)).toEqual({ n: 1 });
      const r = await submitOk("cto", "/governance/compliance", { intent: "restore-framework", frameworkId: String(id) });
      expectAudit(r.audits, { entityType: "compliance_framework", action: "restore", entityId: id, actor: w.ids.cto });
      expect(archived()).toEqual({ a: 0 });
    });

    it("import#*: employees from the template's columns (CEO)", async () => {
      const csv = "id,name,team,title,start_date,end_date,annual_salary\n,Imported Person,Core,Engineer,2024-01-15,,60000\n";
      const s = await submitOk("ceo", "/import", { kind: "employees" }, (f) => f.attach("file", new File([csv], "employees.csv", { type: "text/csv" })));
      expect(one(sql`select count(*) as n from employees where name = 'Imported Person'`)).toEqual({ n: 1 });
      expectAudit(s.audits, { entityType: "employee", action: "import", actor: w.ids.ceo });
    });

    it("setup#*: the first-run form is a 404 once a user exists (its journey on an empty install: tests/e2e/fresh-install.spec.ts, tests/integration/setup.test.ts)", async () => {
      const res = await w.as("anonymous").get("/setup");
      expect(res.status).toBe(404);
      covered.add("setup#*");
    });
  });
}
