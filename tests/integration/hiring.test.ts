import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { toCsv } from "~/lib/csv";
import {
  changeRequisitionStatus,
  createEmployee,
  createRequisition,
  employeePrefillFromRequisition,
  employeesCsvRows,
  getHeadcountSeries,
  getHeadcountSummary,
  getRequisition,
  listEmployees,
  parseEmployeeFilters,
  listRequisitions,
  requisitionsCsvRows,
  updateRequisition,
} from "~/models/hiring.server";
import { getOverviewCounts } from "~/models/overview.server";
import { insertEmployee, insertRequisition, insertTeam, insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

/** Distinctive salaries, so a leak is easy to find in any output. */
const TECH_SALARY = 61_234_56; // 61 234,56 €
const BUSINESS_SALARY = 47_654_32; // 47 654,32 €
const EMPLOYEE_SALARY = 58_765_43;

const t = freshDbPerTest();
let tech: { id: number };
let business: { id: number };
let ceo: Actor;
let cto: Actor;
let lead: Actor;
let viewer: Actor;
let techReq: { id: number };
let businessReq: { id: number };

function stringsOf(value: unknown): string {
  return JSON.stringify(value);
}

function containsSalary(text: string, cents: number): boolean {
  const euros = (cents / 100).toFixed(2);
  return text.includes(String(cents)) || text.includes(euros) || text.includes(String(Math.floor(cents / 100)));
}

beforeEach(() => {
  tech = insertTeam(t.db, { name: "Core", isTech: true });
  business = insertTeam(t.db, { name: "Sales", isTech: false });
  const mk = (role: Actor["role"], teamId: number | null): Actor => {
    const u = insertUser(t.db, { role, teamId });
    return { id: u.id, role, teamId };
  };
  ceo = mk("ceo", business.id);
  cto = mk("cto", tech.id);
  lead = mk("lead", tech.id);
  viewer = mk("viewer", null);
  techReq = insertRequisition(t.db, {
    title: "Backend engineer",
    teamId: tech.id,
    annualSalaryCents: TECH_SALARY,
    targetStartMonth: "2025-03",
    status: "open",
    priority: "P0",
  });
  businessReq = insertRequisition(t.db, {
    title: "Account executive",
    teamId: business.id,
    annualSalaryCents: BUSINESS_SALARY,
    targetStartMonth: "2025-05",
    status: "planned",
    priority: "P1",
  });
  insertEmployee(t.db, { name: "Ada", teamId: tech.id, annualSalaryCents: EMPLOYEE_SALARY, startDate: "2024-01-01" });
});

describe("requisition salaries follow the permission matrix", () => {
  it("CEO sees every requisition salary", () => {
    const { rows, visibleSalaryTotalCents, hiddenSalaryCount } = listRequisitions(t.db, ceo);
    expect(rows.map((r) => [r.title, r.annualSalaryCents])).toEqual([
      ["Backend engineer", TECH_SALARY],
      ["Account executive", BUSINESS_SALARY],
    ]);
    expect(visibleSalaryTotalCents).toBe(TECH_SALARY + BUSINESS_SALARY);
    expect(hiddenSalaryCount).toBe(0);
  });

  it("CTO sees tech-team salaries only", () => {
    const { rows, visibleSalaryTotalCents, hiddenSalaryCount } = listRequisitions(t.db, cto);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]));
    expect(byTitle["Backend engineer"].annualSalaryCents).toBe(TECH_SALARY);
    expect(byTitle["Account executive"].annualSalaryCents).toBeNull();
    expect(byTitle["Account executive"].salaryVisible).toBe(false);
    expect(visibleSalaryTotalCents).toBe(TECH_SALARY);
    expect(hiddenSalaryCount).toBe(1);
    expect(containsSalary(stringsOf(rows), BUSINESS_SALARY)).toBe(false);
    expect(getRequisition(t.db, cto, businessReq.id)!.annualSalaryCents).toBeNull();
    expect(getRequisition(t.db, cto, techReq.id)!.annualSalaryCents).toBe(TECH_SALARY);
  });

  it.each([
    ["lead", () => lead],
    ["viewer", () => viewer],
  ])("%s never gets a salary, in any output", (_name, who) => {
    const actor = who();
    const list = listRequisitions(t.db, actor);
    expect(list.rows.every((r) => r.annualSalaryCents === null)).toBe(true);
    expect(list.visibleSalaryTotalCents).toBeNull();
    const text = stringsOf([list, getRequisition(t.db, actor, techReq.id), getRequisition(t.db, actor, businessReq.id)]);
    expect(containsSalary(text, TECH_SALARY)).toBe(false);
    expect(containsSalary(text, BUSINESS_SALARY)).toBe(false);
  });

  it("sorting by salary uses the masked value (the order reveals nothing hidden)", () => {
    insertRequisition(t.db, { title: "Sales manager", teamId: business.id, annualSalaryCents: 99_000_00 });
    const order = (desc: boolean) => listRequisitions(t.db, cto, {}, { sort: { id: "salary", desc } }).rows.map((r) => r.title);
    // hidden salaries sort as NULL (last), then by target month: never by the real amounts (47k < 99k)
    expect(order(false)).toEqual(["Backend engineer", "Sales manager", "Account executive"]);
    expect(order(true)).toEqual(["Backend engineer", "Sales manager", "Account executive"]);
  });

  it("CSV export: salary column for CEO, tech-only values for CTO, no column for lead/viewer", () => {
    const ceoCsv = requisitionsCsvRows(t.db, ceo, {});
    expect(ceoCsv.headers).toContain("annual_salary");
    expect(toCsv(ceoCsv.headers, ceoCsv.rows)).toContain("61234.56");
    expect(toCsv(ceoCsv.headers, ceoCsv.rows)).toContain("47654.32");

    const ctoCsv = toCsv(...(Object.values(requisitionsCsvRows(t.db, cto, {})) as [string[], string[][]]));
    expect(ctoCsv).toContain("61234.56");
    expect(containsSalary(ctoCsv, BUSINESS_SALARY)).toBe(false);

    for (const actor of [lead, viewer]) {
      const { headers, rows } = requisitionsCsvRows(t.db, actor, {});
      expect(headers).not.toContain("annual_salary");
      const text = toCsv(headers, rows);
      expect(containsSalary(text, TECH_SALARY)).toBe(false);
      expect(containsSalary(text, BUSINESS_SALARY)).toBe(false);
      expect(text.split("\r\n")[0]).toBe("id,title,team,profile,priority,target_start_month,status,source,objective");
    }
  });

  it("filters run in SQL: team, status, priority, month range, text", () => {
    const titles = (f: Parameters<typeof listRequisitions>[2]) => listRequisitions(t.db, ceo, f).rows.map((r) => r.title);
    expect(titles({ teamId: business.id })).toEqual(["Account executive"]);
    expect(titles({ status: "open" })).toEqual(["Backend engineer"]);
    expect(titles({ priority: "P1" })).toEqual(["Account executive"]);
    expect(titles({ from: "2025-04" })).toEqual(["Account executive"]);
    expect(titles({ to: "2025-04" })).toEqual(["Backend engineer"]);
    expect(titles({ q: "backend" })).toEqual(["Backend engineer"]);
    expect(titles({ q: "%" })).toEqual([]);
    expect(listRequisitions(t.db, ceo, {}, { page: { limit: 1, offset: 1 } })).toMatchObject({ total: 2, rows: [{ title: "Account executive" }] });
  });
});

describe("employee salaries: CEO only", () => {
  it("CEO sees them; CTO, lead, viewer do not — in rows and CSV", () => {
    expect(listEmployees(t.db, ceo).rows[0].annualSalaryCents).toBe(EMPLOYEE_SALARY);
    expect(employeesCsvRows(t.db, ceo, {}).headers).toContain("annual_salary");
    for (const actor of [cto, lead, viewer]) {
      const list = listEmployees(t.db, actor);
      expect(list.rows[0].annualSalaryCents).toBeNull();
      const csv = employeesCsvRows(t.db, actor, {});
      expect(csv.headers).not.toContain("annual_salary");
      expect(containsSalary(stringsOf(list) + toCsv(csv.headers, csv.rows), EMPLOYEE_SALARY)).toBe(false);
    }
  });

  it("employedAt filter keeps people employed at that month end", () => {
    insertEmployee(t.db, { name: "Gone", teamId: tech.id, startDate: "2023-01-01", endDate: "2024-06-30" });
    insertEmployee(t.db, { name: "Later", teamId: tech.id, startDate: "2024-07-01" });
    const names = (m: string) => listEmployees(t.db, ceo, { employedAt: m }).rows.map((e) => e.name);
    expect(names("2024-05")).toEqual(["Ada", "Gone"]);
    expect(names("2024-06")).toEqual(["Ada"]); // left on the last day: not employed at month end
    expect(names("2024-07")).toEqual(["Ada", "Later"]);
  });

  it("status filter: someone hired to start later is not current (issue 10, item 9)", () => {
    insertEmployee(t.db, { name: "Gone", teamId: tech.id, startDate: "2023-01-01", endDate: "2024-06-30" });
    insertEmployee(t.db, { name: "Starts in January", teamId: tech.id, startDate: "2027-01-01" });
    insertEmployee(t.db, { name: "Leaving", teamId: tech.id, startDate: "2023-01-01", endDate: "2027-03-31" });
    const today = "2026-11-18";
    const names = (status: "current" | "starting" | "left") => listEmployees(t.db, ceo, { status, today }).rows.map((e) => e.name);
    expect(names("current")).toEqual(["Ada", "Leaving"]);
    expect(names("starting")).toEqual(["Starts in January"]);
    expect(names("left")).toEqual(["Gone"]);
    expect(parseEmployeeFilters(new URL("http://x/hiring/employees?status=starting")).status).toBe("starting");
    expect(parseEmployeeFilters(new URL("http://x/hiring/employees?status=soon")).status).toBeUndefined();
    expect(getOverviewCounts(t.db, Date.UTC(2026, 10, 18)).employees).toBe(2); // home's "People employed"
  });
});

describe("headcount in SQL", () => {
  beforeEach(() => {
    t.db.run(sql`DELETE FROM requisitions`);
    t.db.run(sql`DELETE FROM employees`);
    insertEmployee(t.db, { name: "A", startDate: "2024-01-01" });
    insertEmployee(t.db, { name: "B", startDate: "2024-01-31" }); // counts at end of Jan
    insertEmployee(t.db, { name: "C", startDate: "2024-02-01" });
    insertEmployee(t.db, { name: "D", startDate: "2023-06-01", endDate: "2024-02-29" }); // gone at end of Feb (leap year)
    insertEmployee(t.db, { name: "E", startDate: "2023-06-01", endDate: "2024-03-01" }); // still there at end of Feb
    insertRequisition(t.db, { teamId: tech.id, targetStartMonth: "2024-03", status: "open" });
    insertRequisition(t.db, { teamId: tech.id, targetStartMonth: "2024-04", status: "planned" });
    insertRequisition(t.db, { teamId: tech.id, targetStartMonth: "2024-04", status: "offer" });
    insertRequisition(t.db, { teamId: tech.id, targetStartMonth: "2024-02", status: "hired" }); // counted through employees
    insertRequisition(t.db, { teamId: tech.id, targetStartMonth: "2024-02", status: "cancelled" });
  });

  it("actual = employed at month end; plan = actual + open requisitions started by then", () => {
    expect(getHeadcountSeries(t.db, "2023-12", "2024-05")).toEqual([
      { month: "2023-12", actual: 2, planned: 2 }, // D, E
      { month: "2024-01", actual: 4, planned: 4 }, // A, B, D, E
      { month: "2024-02", actual: 4, planned: 4 }, // A, B, C, E (D left on 29 Feb)
      { month: "2024-03", actual: 3, planned: 4 }, // E left on 1 Mar; + open (Mar)
      { month: "2024-04", actual: 3, planned: 6 }, // + planned, offer (Apr)
      { month: "2024-05", actual: 3, planned: 6 },
    ]);
  });

  it("months after actualUntil have no actual (plan only)", () => {
    expect(getHeadcountSeries(t.db, "2024-02", "2024-04", { actualUntil: "2024-03" })).toEqual([
      { month: "2024-02", actual: 4, planned: 4 },
      { month: "2024-03", actual: 3, planned: 4 },
      { month: "2024-04", actual: null, planned: 6 },
    ]);
  });

  it("getHeadcountSummary matches the series and carries the company target", () => {
    expect(getHeadcountSummary(t.db, "2024-04")).toEqual({ actual: 3, planned: 6, target: 100 });
    expect(getHeadcountSummary(t.db, "2023-01")).toEqual({ actual: 0, planned: 0, target: 100 });
  });

  it("bounded series and empty ranges", () => {
    expect(getHeadcountSeries(t.db, "2024-05", "2024-01")).toEqual([]);
    expect(getHeadcountSeries(t.db, "2000-01", "2099-12")).toHaveLength(120);
  });
});

describe("writes: permissions, transitions, audit", () => {
  const audits = () =>
    t.db.all<{ action: string; entityType: string; entityId: string; before: string | null; after: string | null; actorUserId: number }>(
      sql`SELECT action, entity_type AS entityType, entity_id AS entityId, before, after, actor_user_id AS actorUserId FROM audit_log ORDER BY id`,
    );
  const input = (teamId: number) => ({
    title: "Data engineer",
    teamId,
    profile: "Senior",
    priority: "P1" as const,
    targetStartMonth: "2025-06",
    annualSalaryCents: 60_000_00,
    source: "Referral",
    objectiveId: null,
  });

  it("a lead proposes for their own team only, always as planned", () => {
    const row = createRequisition(t.db, lead, { ...input(tech.id), status: "offer" });
    expect(row.status).toBe("planned");
    expect(row.proposedByUserId).toBe(lead.id);
    expect(() => createRequisition(t.db, lead, input(business.id))).toThrow();
    expect(() => createRequisition(t.db, viewer, input(tech.id))).toThrow();
    expect(audits()).toEqual([expect.objectContaining({ action: "propose", entityType: "requisition", entityId: String(row.id), actorUserId: lead.id })]);
  });

  it("a lead edits only their own planned proposal, never its status, and never gets its salary back", () => {
    const mine = createRequisition(t.db, lead, input(tech.id));
    const seen = getRequisition(t.db, lead, mine.id)!;
    expect(seen.canEditProposal).toBe(true);
    expect(seen.annualSalaryCents).toBeNull();
    expect(updateRequisition(t.db, lead, mine.id, { ...input(tech.id), title: "Senior data engineer", annualSalaryCents: undefined, status: "hired" })).toBe(
      true,
    );
    const after = t.db.get<{ title: string; status: string; salary: number }>(
      sql`SELECT title, status, annual_salary_cents AS salary FROM requisitions WHERE id = ${mine.id}`,
    );
    expect(after).toEqual({ title: "Senior data engineer", status: "planned", salary: 60_000_00 }); // blank salary kept
    // not someone else's, not another team's
    expect(getRequisition(t.db, lead, techReq.id)!.canEditProposal).toBe(false);
    expect(() => updateRequisition(t.db, lead, techReq.id, { ...input(tech.id) })).toThrow();
    expect(() => updateRequisition(t.db, lead, mine.id, { ...input(business.id) })).toThrow();
    expect(() => changeRequisitionStatus(t.db, lead, mine.id, "next")).toThrow();
  });

  it("CTO edits tech teams' requisitions only (and cannot move one to a business team)", () => {
    expect(updateRequisition(t.db, cto, techReq.id, { ...input(tech.id), annualSalaryCents: undefined })).toBe(true);
    expect(() => updateRequisition(t.db, cto, techReq.id, { ...input(business.id) })).toThrow();
    expect(() => updateRequisition(t.db, cto, businessReq.id, { ...input(business.id) })).toThrow();
    expect(() => changeRequisitionStatus(t.db, cto, businessReq.id, "next")).toThrow();
    expect(changeRequisitionStatus(t.db, cto, techReq.id, "next")).toMatchObject({ ok: true, from: "open", to: "interviewing" });
    // a CTO's requisition for a business team is a proposal
    expect(createRequisition(t.db, cto, { ...input(business.id), status: "open" }).status).toBe("planned");
  });

  it("status transitions: next step by step, cancel, reopen, stale clicks refused; each audited", () => {
    const steps: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = changeRequisitionStatus(t.db, ceo, businessReq.id, "next");
      if (r?.ok) steps.push(r.to);
    }
    expect(steps).toEqual(["open", "interviewing", "offer", "hired"]);
    expect(changeRequisitionStatus(t.db, ceo, businessReq.id, "next")).toMatchObject({ ok: false });
    expect(changeRequisitionStatus(t.db, ceo, businessReq.id, "cancel")).toMatchObject({ ok: false });
    expect(changeRequisitionStatus(t.db, ceo, techReq.id, "next", "planned")).toMatchObject({ ok: false }); // it is "open"
    expect(changeRequisitionStatus(t.db, ceo, techReq.id, "cancel", "open")).toMatchObject({ ok: true, to: "cancelled" });
    expect(changeRequisitionStatus(t.db, ceo, techReq.id, "reopen")).toMatchObject({ ok: true, to: "planned" });
    expect(changeRequisitionStatus(t.db, ceo, 999_999, "next")).toBeNull();
    const entries = audits().filter((a) => a.action === "status");
    expect(entries).toHaveLength(6);
    expect(JSON.parse(entries[0].before!)).toEqual({ status: "planned" });
    expect(JSON.parse(entries[0].after!)).toEqual({ status: "open" });
  });

  it("update records before → after in the same transaction", () => {
    updateRequisition(t.db, ceo, businessReq.id, { ...input(business.id), title: "Senior AE", annualSalaryCents: 70_000_00 });
    const [entry] = audits();
    expect(entry.action).toBe("update");
    expect(JSON.parse(entry.before!)).toMatchObject({ title: "Account executive", annualSalaryCents: BUSINESS_SALARY });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: "Senior AE", annualSalaryCents: 70_000_00 });
  });

  it("unknown team or objective is an input error and writes nothing", () => {
    expect(() => createRequisition(t.db, ceo, input(999))).toThrow(/team/);
    expect(() => createRequisition(t.db, ceo, { ...input(tech.id), objectiveId: 999 })).toThrow(/objective/);
    expect(audits()).toEqual([]);
  });

  it("employees: only the CEO adds them (audited); the prefill from a requisition masks the salary", () => {
    const emp = { name: "Grace", teamId: tech.id, title: "Backend engineer", startDate: "2025-03-01", endDate: null, annualSalaryCents: 62_000_00 };
    for (const actor of [cto, lead, viewer]) expect(() => createEmployee(t.db, actor, emp)).toThrow();
    expect(() => createEmployee(t.db, ceo, { ...emp, endDate: "2025-01-01" })).toThrow(/start date/);
    const id = createEmployee(t.db, ceo, emp);
    expect(audits()).toEqual([expect.objectContaining({ action: "create", entityType: "employee", entityId: String(id), actorUserId: ceo.id })]);
    expect(getHeadcountSummary(t.db, "2025-03").actual).toBe(2);
    expect(employeePrefillFromRequisition(t.db, ceo, businessReq.id)).toEqual({
      title: "Account executive",
      teamId: business.id,
      startDate: "2025-05-01",
      annualSalaryCents: BUSINESS_SALARY,
    });
    expect(employeePrefillFromRequisition(t.db, cto, businessReq.id)!.annualSalaryCents).toBeNull();
    expect(employeePrefillFromRequisition(t.db, lead, techReq.id)!.annualSalaryCents).toBeNull();
  });
});

describe("employee form schema", () => {
  it("shares the requisition's salary rule (positive, at most 10 M€) and real calendar dates", async () => {
    const { EmployeeFormSchema } = await import("~/models/hiring.server");
    const base = { name: "Ada", teamId: "", title: "Engineer", startDate: "2026-12-01", endDate: "", annualSalary: "65000" };
    expect(EmployeeFormSchema.parse(base)).toMatchObject({ startDate: "2026-12-01", endDate: null, annualSalary: 65_000_00 });
    expect(EmployeeFormSchema.safeParse({ ...base, annualSalary: "20000000" }).success).toBe(false);
    expect(EmployeeFormSchema.safeParse({ ...base, startDate: "2026-02-30" }).success).toBe(false);
    expect(EmployeeFormSchema.safeParse({ ...base, endDate: "2026-13-01" }).success).toBe(false);
  });
});
