/** Browser posts of the forms of finance and delivery (run in order by tests/integration/forms-browser-posts.test.ts). */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertIncident } from "../../../seeds/builders";
import { expectAudit, expectRefusedKeepingInput, fillAll, one, submit, submitOk, w } from "../../helpers/browser-posts";

export function financeCases() {
  describe("finance (CEO, CTO on IT categories)", () => {
    // the latest closed month: inside the grid's default range
    const latestClosedMonth = () => one<{ m: string }>(sql`select max(month) as m from finance_snapshots`).m;
    const category = (it: boolean) => one<{ id: number }>(sql`select id from budget_categories where is_it = ${it ? 1 : 0} order by id limit 1`).id;

    it("budgets#save-line: planned typed, actual left empty (not recorded)", async () => {
      const cat = category(false);
      const month = latestClosedMonth();
      const s = await submit("ceo", `/budgets?edit=${cat}:${month}`, { intent: "save-line" }, (f) => f.fill("planned", "1 234,50").fill("actual", ""));
      expect(s.sent).toContainEqual(["actual", ""]);
      expect(s.res.status).toBe(302);
      expect(s.res.location).toContain(`saved=${cat}`);
      expect(one(sql`select planned_cents as p, actual_cents as a from budget_lines where category_id = ${cat} and month = ${month}`)).toEqual({
        p: 123450,
        a: null,
      });
      expectAudit(s.audits, { entityType: "budget_line", actor: w.ids.ceo });
    });

    it("budgets#save-line: the CTO on an IT category", async () => {
      const cat = category(true);
      const month = latestClosedMonth();
      const s = await submit("cto", `/budgets?edit=${cat}:${month}`, { intent: "save-line" }, (f) => f.fill("planned", "800").fill("actual", "750.25"));
      expect(s.res.status).toBe(302);
      expect(one(sql`select planned_cents as p, actual_cents as a from budget_lines where category_id = ${cat} and month = ${month}`)).toEqual({
        p: 80000,
        a: 75025,
      });
      expectAudit(s.audits, { entityType: "budget_line", actor: w.ids.cto });
    });

    it("budgets#save-line refused (negative planned): 400, input kept", async () => {
      const cat = category(false);
      await expectRefusedKeepingInput("ceo", `/budgets?edit=${cat}:${latestClosedMonth()}`, { intent: "save-line" }, (f) =>
        f.fill("planned", "-5").fill("actual", "12"),
      );
    });

    it("budgets#import: a CSV file (multipart)", async () => {
      const name = one<{ name: string }>(sql`select name from budget_categories where is_it = 0 order by id limit 1`).name;
      const csv = `month,category,planned,actual\n2030-01,${name},1000,\n2030-02,${name},1000.50,900\n`;
      const s = await submit("ceo", "/budgets", { intent: "import" }, (f) => f.attach("file", new File([csv], "budget.csv", { type: "text/csv" })));
      expect(s.form.enctype).toBe("multipart/form-data");
      expect(s.res.status).toBe(200);
      expect(s.res.html).toContain("Imported 2 rows");
      expect(one<{ n: number }>(sql`select count(*) as n from budget_lines where month in ('2030-01', '2030-02')`).n).toBe(2);
      expectAudit(s.audits, { entityType: "budget_line", action: "import", actor: w.ids.ceo });
    });

    // the figures of a 2031 snapshot the two saves below share
    const SNAPSHOT_2031 = { revenue: "20000", customers: "30", newCustomers: "2", churnedCustomers: "0" };

    it("finance.snapshots#save-snapshot: a cost of revenue typed is stored; left empty it is not recorded", async () => {
      const s = await submit("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
        fillAll(f, { ...SNAPSHOT_2031, month: "2031-02", cash: "1000000", mrr: "21000", costOfRevenue: "5000,50" }),
      );
      expect(s.res.status).toBe(302);
      expect(one(sql`select cost_of_revenue_cents as c from finance_snapshots where month = '2031-02'`)).toEqual({ c: 500050 });
      expectAudit(s.audits, { entityType: "finance_snapshot", actor: w.ids.ceo });
    });

    it("finance.snapshots#save-snapshot: financing left empty means 0", async () => {
      const s = await submit("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
        fillAll(f, { ...SNAPSHOT_2031, month: "2031-01", cash: "1 000 000", mrr: "21000,50" }),
      );
      expect(s.sent).toContainEqual(["financing", ""]);
      expect(s.res.status).toBe(302);
      expect(one(sql`select cash_cents as c, mrr_cents as m, customers as n, financing_cents as f from finance_snapshots where month = '2031-01'`)).toEqual({
        c: 100000000,
        m: 2100050,
        n: 30,
        f: 0,
      });
      expectAudit(s.audits, { entityType: "finance_snapshot", actor: w.ids.ceo });
    });

    it("finance.snapshots#save-snapshot refused (new customers above customers): 400, input kept", async () => {
      await expectRefusedKeepingInput("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
        fillAll(f, { month: "2031-02", cash: "5", revenue: "1", mrr: "1", customers: "1", newCustomers: "2", churnedCustomers: "0" }),
      );
    });

    it("finance.snapshots#import: a CSV file", async () => {
      const csv = "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2031-03,900000,21000,21500,31,1,0,\n";
      const s = await submitOk("ceo", "/finance/snapshots", { intent: "import" }, (f) =>
        f.attach("file", new File([csv], "snapshots.csv", { type: "text/csv" })),
      );
      expect(one<{ n: number }>(sql`select count(*) as n from finance_snapshots where month = '2031-03'`).n).toBe(1);
      expectAudit(s.audits, { entityType: "finance_snapshot", action: "import", actor: w.ids.ceo });
    });
  });
}

export function deliveryCases() {
  describe("delivery (CTO)", () => {
    const service = (name = "api-gateway") => one<{ id: number }>(sql`select id from services where name = ${name}`).id;
    const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace(/\.\d+Z$/, "Z");

    it("delivery.import#*: deployments pasted into the text area (radio left on its default)", async () => {
      const csv = `external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nform-dep-1,api-gateway,production,success,${iso(3_600_000)},${iso(3_000_000)},${iso(7_200_000)},,\n`;
      const s = await submit("cto", "/delivery/import", { kind: "deployments" }, (f) => f.fill("csv", csv));
      expect(s.form.enctype).toBe("multipart/form-data");
      expect(s.res.status).toBe(200);
      expect(one<{ n: number }>(sql`select count(*) as n from deployments where external_id = 'form-dep-1'`).n).toBe(1);
      expectAudit(s.audits, { entityType: "deployment", action: "import", actor: w.ids.cto });
    });

    it("delivery.import#*: incidents as a file, the 'incidents' radio picked", async () => {
      const csv = `external_id,service,title,severity,started_at,resolved_at,caused_by_external_id\nform-inc-1,api-gateway,Imported from a form,SEV2,${iso(2_000_000)},,\n`;
      const s = await submit("cto", "/delivery/import", { kind: "deployments" }, (f) =>
        f.check("kind", "incidents").attach("file", new File([csv], "incidents.csv", { type: "text/csv" })),
      );
      expect(s.sent).toContainEqual(["kind", "incidents"]);
      expect(s.res.status).toBe(200);
      expect(one<{ n: number }>(sql`select count(*) as n from incidents where external_id = 'form-inc-1'`).n).toBe(1);
      expectAudit(s.audits, { entityType: "incident", action: "import", actor: w.ids.cto });
    });

    it("delivery.incidents.new#*: 'No deployment caused it' NOT ticked → created, cause inferred", async () => {
      const s = await submit("cto", "/delivery/incidents/new", {}, (f) =>
        f.select("serviceId", String(service())).fill("title", "Checkout errors (form, no box)").select("severity", "SEV2"),
      );
      expect(s.sent.map(([n]) => n)).not.toContain("noCause");
      expect(s.sent).toContainEqual(["resolvedAt", ""]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; kind: string | null; resolved: number | null }>(
        sql`select id, cause_kind as kind, resolved_at as resolved from incidents where title = 'Checkout errors (form, no box)'`,
      );
      expect(s.res.location).toBe(`/delivery/incidents/${row.id}`);
      expect(row.kind).not.toBe("none");
      expect(row.resolved).toBeNull();
      expectAudit(s.audits, { entityType: "incident", action: "create", entityId: row.id, actor: w.ids.cto });
    });

    it("delivery.incidents.new#*: 'No deployment caused it' ticked → cause cleared", async () => {
      const s = await submit("cto", "/delivery/incidents/new", {}, (f) =>
        f.select("serviceId", String(service())).fill("title", "Cloud provider outage (form)").check("noCause"),
      );
      expect(s.sent).toContainEqual(["noCause", "on"]);
      expect(s.res.status).toBe(302);
      const row = one<{ id: number; kind: string | null; dep: number | null }>(
        sql`select id, cause_kind as kind, cause_deployment_id as dep from incidents where title = 'Cloud provider outage (form)'`,
      );
      expect(row).toMatchObject({ kind: "none", dep: null });
      expectAudit(s.audits, { entityType: "incident", entityId: row.id, actor: w.ids.cto });
    });

    it("delivery.incidents.new#* refused (no title): 400, the service, times and ticked box kept", async () => {
      await expectRefusedKeepingInput("cto", "/delivery/incidents/new", {}, (f) =>
        f.select("serviceId", String(service())).fill("title", "").check("noCause").fill("externalId", "INC-kept"),
      );
    });

    it("delivery.incidents.$incidentId#details: title and severity changed, 'resolved' left empty (open)", async () => {
      const inc = insertIncident(w.db, { serviceId: service(), title: "Details to change", severity: "SEV3", startedAt: new Date(Date.now() - 3_600_000) });
      const s = await submit("cto", `/delivery/incidents/${inc.id}`, { intent: "details" }, (f) =>
        f.fill("title", "Details changed").select("severity", "SEV1"),
      );
      expect(s.sent).toContainEqual(["resolvedAt", ""]);
      expect(s.res.status).toBe(200);
      expect(one(sql`select title, severity, resolved_at as r from incidents where id = ${inc.id}`)).toEqual({
        title: "Details changed",
        severity: "SEV1",
        r: null,
      });
      expectAudit(s.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
    });

    it("delivery.incidents.$incidentId#resolve and #reopen", async () => {
      const inc = insertIncident(w.db, { serviceId: service(), title: "To resolve", startedAt: new Date(Date.now() - 7_200_000) });
      const r = await submitOk("cto", `/delivery/incidents/${inc.id}`, { intent: "resolve" });
      expect(one<{ r: number | null }>(sql`select resolved_at as r from incidents where id = ${inc.id}`).r).not.toBeNull();
      expectAudit(r.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
      const o = await submitOk("cto", `/delivery/incidents/${inc.id}`, { intent: "reopen" });
      expect(one<{ r: number | null }>(sql`select resolved_at as r from incidents where id = ${inc.id}`).r).toBeNull();
      expectAudit(o.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
    });

    it("delivery.incidents.$incidentId#cause: 'no deployment caused it' chosen", async () => {
      const inc = insertIncident(w.db, { serviceId: service(), title: "Cause to clear", startedAt: new Date(Date.now() - 3_600_000) });
      const s = await submitOk("cto", `/delivery/incidents/${inc.id}`, { intent: "cause" }, (f) => f.select("cause", "none"));
      expect(one(sql`select cause_kind as k, cause_deployment_id as d from incidents where id = ${inc.id}`)).toEqual({ k: "none", d: null });
      expectAudit(s.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
    });

    it("delivery.incidents.$incidentId#details refused (resolved before started): 400, input kept", async () => {
      const inc = insertIncident(w.db, { serviceId: service(), title: "Keep my times", startedAt: new Date(Date.now() - 3_600_000) });
      await expectRefusedKeepingInput("cto", `/delivery/incidents/${inc.id}`, { intent: "details" }, (f) =>
        f.fill("title", "Typed title").fill("startedAt", "2026-01-02T10:00").fill("resolvedAt", "2026-01-01T10:00"),
      );
    });

    it("delivery.services#create: a service with its team", async () => {
      const s = await submitOk("ceo", "/delivery/services", { intent: "create" }, (f) => f.fill("name", "search-api").select("teamId", String(w.core)));
      const row = one<{ id: number; teamId: number }>(sql`select id, team_id as teamId from services where name = 'search-api'`);
      expect(row.teamId).toBe(w.core);
      expectAudit(s.audits, { entityType: "service", action: "create", entityId: row.id, actor: w.ids.ceo });
    });

    it("delivery.services#update: renamed, team set to none (empty option)", async () => {
      const id = service("search-api");
      const s = await submit("cto", "/delivery/services", { intent: "update", serviceId: String(id) }, (f) =>
        f.fill("name", "search-service").select("teamId", ""),
      );
      expect(s.sent).toContainEqual(["teamId", ""]);
      expect(s.res.status).toBe(200);
      expect(one(sql`select name, team_id as teamId from services where id = ${id}`)).toEqual({ name: "search-service", teamId: null });
      expectAudit(s.audits, { entityType: "service", entityId: id, actor: w.ids.cto });
    });

    it("delivery.services#update refused (bad name): 400, the row keeps the typed name", async () => {
      const id = service("search-service");
      await expectRefusedKeepingInput("cto", "/delivery/services", { intent: "update", serviceId: String(id) }, (f) =>
        f.fill("name", "-bad name!").select("teamId", String(w.payments)),
      );
    });
  });
}
