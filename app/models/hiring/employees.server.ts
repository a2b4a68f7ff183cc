/** Employees: list (salary masked in SQL), CSV rows, create (audited), prefill from a hired requisition. */
import { sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import type { EmploymentFilter } from "~/lib/employment";
import { requireCan } from "~/lib/errors";
import { isMonth } from "~/lib/months";
import { recordAudit } from "~/models/audit.server";
import { HiringInputError, requireTeam } from "~/models/hiring/requisition-writes.server";
import { centsToEuros, employeeSalarySql, getRequisition } from "~/models/hiring/requisitions.server";
import { teamChoiceProblem } from "~/models/teams.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- employees

export type EmployeeFilters = {
  teamId?: number;
  /** employed at the end of this month (default: everyone, past included) */
  employedAt?: string;
  q?: string;
  /** where they stand on `today` (employmentStatus): on the payroll, not started yet, or gone */
  status?: EmploymentFilter;
  /** 'YYYY-MM-DD' the status is judged on (the company's today); required with `status` */
  today?: string;
};

export const EMPLOYEE_SORTS = ["name", "team", "title", "startDate", "endDate", "salary"] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

export type EmployeeRow = Pick<typeof schema.employees.$inferSelect, "id" | "name" | "teamId" | "title" | "startDate" | "endDate"> & {
  teamName: string | null;
  /** null unless the actor may see employees' salaries (CEO) */
  annualSalaryCents: number | null;
};

function employeeWhere(f: EmployeeFilters): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.teamId) parts.push(sql`e.team_id = ${f.teamId}`);
  if (f.employedAt && isMonth(f.employedAt)) {
    const eom = sql`date(${`${f.employedAt}-01`}, '+1 month', '-1 day')`;
    parts.push(sql`e.start_date <= ${eom} AND (e.end_date IS NULL OR e.end_date > ${eom})`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(e.name LIKE ${like} ESCAPE '\\' OR e.title LIKE ${like} ESCAPE '\\')`);
  }
  if (f.status && f.today) {
    // the same rule as employmentStatus (app/lib/employment.ts) and the headcount
    if (f.status === "current") parts.push(sql`e.start_date <= ${f.today} AND (e.end_date IS NULL OR e.end_date > ${f.today})`);
    else if (f.status === "starting") parts.push(sql`e.start_date > ${f.today}`);
    else parts.push(sql`e.start_date <= ${f.today} AND e.end_date <= ${f.today}`);
  }
  return sql.join(parts, sql` AND `);
}

export function listEmployees(
  db: Db,
  actor: Actor,
  filters: EmployeeFilters = {},
  opts: { sort?: { id: EmployeeSort; desc: boolean }; page?: { limit: number; offset: number } } = {},
): { rows: EmployeeRow[]; total: number } {
  const sort = opts.sort ?? { id: "name", desc: false };
  const expr: Record<EmployeeSort, SQL> = {
    name: sql`e.name COLLATE NOCASE`,
    team: sql`t.name COLLATE NOCASE`,
    title: sql`e.title COLLATE NOCASE`,
    startDate: sql`e.start_date`,
    endDate: sql`e.end_date`,
    salary: employeeSalarySql(actor),
  };
  const where = employeeWhere(filters);
  const paging = opts.page ? sql`LIMIT ${opts.page.limit} OFFSET ${opts.page.offset}` : sql``;
  const rows = db.all<EmployeeRow>(sql`
    SELECT e.id, e.name, e.team_id AS teamId, t.name AS teamName, e.title, e.start_date AS startDate,
           e.end_date AS endDate, ${employeeSalarySql(actor)} AS annualSalaryCents
      FROM employees e LEFT JOIN teams t ON t.id = e.team_id
     WHERE ${where}
     ORDER BY ${expr[sort.id]} ${sort.desc ? sql`DESC` : sql`ASC`} NULLS LAST, e.id ASC
     ${paging}`);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM employees e WHERE ${where}`).n;
  const allowed = can(actor, "salaries:employees:read");
  return { rows: allowed ? rows : rows.map((r) => ({ ...r, annualSalaryCents: null })), total };
}

export function employeesCsvRows(db: Db, actor: Actor, filters: EmployeeFilters, sort?: { id: EmployeeSort; desc: boolean }) {
  const { rows } = listEmployees(db, actor, filters, { sort });
  const withSalary = can(actor, "salaries:employees:read");
  const headers = ["id", "name", "team", "title", "start_date", "end_date"];
  if (withSalary) headers.push("annual_salary");
  return {
    headers,
    rows: rows.map((e) => {
      const cells: (string | number | null)[] = [e.id, e.name, e.teamName, e.title, e.startDate, e.endDate];
      if (withSalary) cells.push(e.annualSalaryCents == null ? null : centsToEuros(e.annualSalaryCents));
      return cells;
    }),
  };
}

// ---------------------------------------------------------------- employees: write

export type EmployeeInput = {
  name: string;
  teamId: number | null;
  title: string;
  startDate: string;
  endDate: string | null;
  annualSalaryCents: number;
};

/**
 * Who may add or edit employees: whoever may read employees' salaries (the form holds one) and
 * edit the hiring plan of that team — the CEO today.
 */
export function canManageEmployees(actor: Actor, teamIsTech = false): boolean {
  return can(actor, "employees:manage", { teamIsTech });
}

/** Adds an employee (e.g. the person hired on a requisition); audited in the same transaction. */
export function createEmployee(db: Db, actor: Actor, input: EmployeeInput): number {
  const team = input.teamId == null ? null : requireTeam(db, input.teamId);
  const archived = team === null ? null : teamChoiceProblem(db, team.id);
  if (archived) throw new HiringInputError("teamId", archived);
  requireCan(actor, "salaries:employees:read");
  requireCan(actor, "hiring:edit", { teamId: team?.id ?? null, teamIsTech: team?.isTech ?? false });
  if (input.endDate && input.endDate < input.startDate) throw new HiringInputError("endDate", serverT("must not be before the start date", { ns: "hiring" }));
  return db.transaction((tx) => {
    const row = tx.insert(schema.employees).values(input).returning().get();
    const { createdAt: _c, updatedAt: _u, ...after } = row;
    recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "employee", entityId: row.id, after });
    return row.id;
  });
}

/** Prefill for "add the person hired on this requisition" (salary only when the actor may see it). */
export function employeePrefillFromRequisition(db: Db, actor: Actor, requisitionId: number) {
  const r = getRequisition(db, actor, requisitionId);
  if (!r) return null;
  return {
    title: r.title,
    teamId: r.teamId,
    startDate: `${r.targetStartMonth}-01`,
    annualSalaryCents: r.annualSalaryCents,
  };
}
