/**
 * Importing a company's own history: employees, requisitions and OKRs from CSV (all or nothing,
 * every bad row named, the export re-imports), the templates (the export's header row), the
 * /import hub's permission checks, and the CEO's Getting-started checklist.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/lib/csv";
import { importEmployeesCsv, importRequisitionsCsv } from "~/models/hiring-import.server";
import { employeesCsvRows, requisitionsCsvRows } from "~/models/hiring.server";
import { exportOkrsCsv, importOkrsCsv } from "~/models/okrs-import.server";
import { getSetupChecklist } from "~/models/setup.server";
import { action as importAction } from "~/routes/import";
import { loader as templateLoader } from "~/routes/import_.template.$kind";
import { insertCycle, insertService, insertSnapshot, insertTeam, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { args, cookieFor } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest((db) => db.transaction((tx) => seedReference(tx)));

const count = (table: string) => t.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;

describe("employees CSV", () => {
  it("creates employees all or nothing, names every bad row, and the export re-imports as updates", () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    insertTeam(t.db, { name: "Core" });
    insertTeam(t.db, { name: "Old", archivedAt: new Date() });
    const bad = importEmployeesCsv(
      t.db,
      ceo,
      "id,name,team,title,start_date,end_date,annual_salary\n,Ada,Core,Engineer,2024-01-15,,60000\n,Bob,Nowhere,Engineer,2024-02-30,,abc\n,Cy,Old,PM,2024-03-01,2024-01-01,50000\n99,Dee,,CFO,2024-01-01,,90000\n",
      "test",
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => `${e.row}:${e.field}`)).toEqual(["3:start_date", "3:annual_salary", "4:team", "5:id"]);
    expect(count("employees")).toBe(0);

    const ok = importEmployeesCsv(
      t.db,
      ceo,
      "id,name,team,title,start_date,end_date,annual_salary\n,Ada,core,Engineer,2024-01-15,,60000\n,Dee,,CFO,2024-01-01,,90 000.50\n",
      "test",
    );
    expect(ok).toEqual({ ok: true, rows: 2, created: 2, updated: 0 });
    const { headers, rows } = employeesCsvRows(t.db, ceo, {}, { id: "name", desc: false });
    const again = importEmployeesCsv(t.db, ceo, toCsv(headers, rows), "round-trip");
    expect(again).toEqual({ ok: true, rows: 2, created: 0, updated: 2 });
    expect(t.db.get<{ cents: number }>(sql`select annual_salary_cents as cents from employees where name = 'Dee'`).cents).toBe(9_000_050);
    expect(t.db.all<{ action: string }>(sql`select action from audit_log where entity_type = 'employee' order by id`).map((a) => a.action)).toEqual([
      "create",
      "create",
      "import",
      "update",
      "update",
      "import",
    ]);
  });

  it("only the CEO imports employees (the file holds salaries)", async () => {
    const cto = insertUser(t.db, { role: "cto" });
    const cookie = await cookieFor(cto.id);
    const body = new FormData();
    body.set("kind", "employees");
    body.set("file", new File(["id,name,team,title,start_date,end_date,annual_salary\n,Ada,,Eng,2024-01-01,,1000\n"], "e.csv"));
    let status = 0;
    try {
      await importAction(args(new Request("http://localhost/import", { method: "POST", headers: { Cookie: cookie }, body })));
    } catch (e) {
      status = (e as { init?: { status?: number } }).init?.status ?? 0;
    }
    expect(status).toBe(403);
    expect(count("employees")).toBe(0);
  });
});

describe("requisitions CSV", () => {
  it("the CTO imports requisitions for tech teams only; a new row needs a salary; the export re-imports", () => {
    const cto = insertUser(t.db, { role: "cto" });
    insertTeam(t.db, { name: "Platform", isTech: true });
    insertTeam(t.db, { name: "Sales", isTech: false });
    const head = "id,title,team,profile,priority,target_start_month,status,source,objective,annual_salary\n";
    const bad = importRequisitionsCsv(
      t.db,
      cto,
      `${head},SRE,Platform,Senior,P0,2027-01,open,,,70000\n,AE,Sales,,P1,2027-02,planned,,,50000\n,Dev,Platform,,P4,2027-13,planned,,Ghost objective,\n`,
      "t",
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => `${e.row}:${e.field}`)).toEqual(["3:team", "4:priority", "4:target_start_month"]);
    const ok = importRequisitionsCsv(t.db, cto, `${head},SRE,Platform,Senior,P0,2027-01,open,referral,,70000\n`, "t");
    expect(ok).toEqual({ ok: true, rows: 1, created: 1, updated: 0 });
    const exported = requisitionsCsvRows(t.db, cto, {}, { id: "targetStartMonth", desc: false });
    expect(exported.headers).toEqual(["id", "title", "team", "profile", "priority", "target_start_month", "status", "source", "objective", "annual_salary"]);
    expect(importRequisitionsCsv(t.db, cto, toCsv(exported.headers, exported.rows), "rt")).toEqual({ ok: true, rows: 1, created: 0, updated: 1 });
    expect(t.db.get<{ s: number; st: string }>(sql`select annual_salary_cents as s, status as st from requisitions`)).toEqual({ s: 7_000_000, st: "open" });
  });
});

describe("OKRs CSV", () => {
  it("creates objectives with their key results, refuses what a lead may not touch, and round-trips through the export", () => {
    const ceo = insertUser(t.db, { role: "ceo", email: "ceo@acme.test", name: "Ann" });
    const core = insertTeam(t.db, { name: "Core" });
    insertTeam(t.db, { name: "Payments" });
    const lead = insertUser(t.db, { role: "lead", teamId: core.id, email: "lead@acme.test" });
    const cycle = insertCycle(t.db, { name: "2027-Q1", startDate: "2027-01-01", endDate: "2027-03-31" });
    const head = "cycle,objective,objective_description,team,objective_owner,key_result,kind,start,target,current,unit,weight,kr_owner\n";
    const csv =
      head +
      "2027-Q1,Grow revenue,Double ARR,,ceo@acme.test,ARR from 1 M€ to 2 M€,currency,1000000,2000000,1200000,,2,ann\n" +
      "2027-Q1,Grow revenue,,,,Ten new customers,number,0,10,,customers,,\n" +
      "2027-Q1,Ship faster,,Core,,Lead time below 2 h,number,10,2,,h,,lead@acme.test\n" +
      "2027-Q1,Hire well,,,,,,,,,,,\n";
    // a lead: only their team's objectives
    const refused = importOkrsCsv(t.db, lead, csv, "t");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect([...new Set(refused.errors.map((e) => `${e.row}:${e.field}`))]).toEqual(["2:team", "3:team", "5:team"]);
    expect(count("objectives")).toBe(0);

    const bad = importOkrsCsv(
      t.db,
      ceo,
      head + "2026-Q9,X objective,,,,KR one,number,0,,,,,\n2027-Q1,Obj,,,,KR two,percent,0,150,,,0,\n2027-Q1,Obj two,,,,,number,,,,,,\n",
      "t",
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => `${e.row}:${e.field}`)).toEqual(["2:cycle", "3:weight", "3:target", "4:key_result"]);

    const ok = importOkrsCsv(t.db, ceo, csv, "t");
    expect(ok).toEqual({ ok: true, rows: 4, objectivesCreated: 3, keyResultsCreated: 3, keyResultsUpdated: 0 });
    const arr = t.db.get<{ start: number; target: number; current: number; weight: number }>(
      sql`select start_value as start, target_value as target, current_value as current, weight from key_results where kind = 'currency'`,
    );
    expect(arr).toEqual({ start: 100_000_000, target: 200_000_000, current: 120_000_000, weight: 2 });

    const exported = exportOkrsCsv(t.db, cycle.id);
    expect(exported.split("\r\n")[0]).toBe(head.trim());
    expect(exported).toContain(
      "2027-Q1,Grow revenue,Double ARR,,ceo@acme.test,ARR from 1 M€ to 2 M€,currency,1000000.00,2000000.00,1200000.00,,2,ceo@acme.test",
    );
    // the export imports back: nothing new, the key results are updated in place
    expect(importOkrsCsv(t.db, ceo, exported, "rt")).toEqual({ ok: true, rows: 4, objectivesCreated: 0, keyResultsCreated: 0, keyResultsUpdated: 3 });
    expect(count("objectives")).toBe(3);
    expect(count("key_results")).toBe(3);
  });
});

describe("templates and the checklist", () => {
  it("a template is its export's header row; an unknown kind is a 404", async () => {
    const u = insertUser(t.db, { role: "viewer" });
    const cookie = await cookieFor(u.id);
    const res = (await templateLoader(
      args(new Request("http://localhost/import/template/employees", { headers: { Cookie: cookie } }), { kind: "employees" }),
    )) as Response;
    expect((await res.text()).replace(/^\ufeff/, "").trim()).toBe("id,name,team,title,start_date,end_date,annual_salary");
    let status = 0;
    try {
      await templateLoader(args(new Request("http://localhost/import/template/x", { headers: { Cookie: cookie } }), { kind: "x" }));
    } catch (e) {
      status = (e as { init?: { status?: number } }).init?.status ?? 0;
    }
    expect(status).toBe(404);
  });

  it("lists what is missing until teams, a closed month, a service and a cycle exist", () => {
    t.db.run(sql`update company_settings set company_name = 'Acme'`);
    insertUser(t.db, { role: "ceo" });
    const before = getSetupChecklist(t.db);
    expect(before.complete).toBe(false);
    expect(before.items.filter((i) => !i.done).map((i) => i.key)).toEqual(["teams", "people", "snapshots", "budget", "employees", "services", "okrs"]);
    insertTeam(t.db, { name: "Core" });
    insertSnapshot(t.db, { month: "2026-10" });
    insertService(t.db, { name: "api" });
    insertCycle(t.db, { name: "Q1" });
    const after = getSetupChecklist(t.db);
    expect(after.complete).toBe(true);
    expect(after.items.filter((i) => !i.done).map((i) => i.key)).toEqual(["people", "budget", "employees"]);
  });
});
