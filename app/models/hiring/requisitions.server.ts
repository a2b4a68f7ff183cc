/** Requisitions: statuses, salary masking in SQL, lists, one requisition, CSV rows. */
import { sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import type { Db } from "~/utils/db.server";
import { PRIORITIES, REQUISITION_STATUSES, type requisitions } from "../../../db/schema/hiring";

export { PRIORITIES, REQUISITION_STATUSES };
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

// ---------------------------------------------------------------- salary masking (SQL)

/** The requisition salary expression for this actor (`r` = requisitions, `t` = teams): NULL when not allowed. */
function requisitionSalarySql(actor: Actor): SQL {
  const tech = can(actor, "salaries:requisitions:read", { teamIsTech: true });
  const business = can(actor, "salaries:requisitions:read", { teamIsTech: false });
  if (tech && business) return sql`r.annual_salary_cents`;
  if (business) return sql`CASE WHEN coalesce(t.is_tech, 0) = 0 THEN r.annual_salary_cents END`;
  if (tech) {
    return sql`CASE WHEN t.is_tech = 1 THEN r.annual_salary_cents END`;
  }
  return sql`CAST(NULL AS INTEGER)`;
}

export function employeeSalarySql(actor: Actor): SQL {
  return can(actor, "salaries:employees:read") ? sql`e.annual_salary_cents` : sql`CAST(NULL AS INTEGER)`;
}

/** May this actor see the salary of a requisition of a team with this flag? */
export function canSeeRequisitionSalary(actor: Actor, teamIsTech: boolean): boolean {
  return can(actor, "salaries:requisitions:read", { teamIsTech });
}

// ---------------------------------------------------------------- requisitions: read

export type RequisitionFilters = {
  teamId?: number;
  status?: RequisitionStatus;
  priority?: Priority;
  /** target start month ≥ from */
  from?: string;
  /** target start month ≤ to */
  to?: string;
  /** text in title, profile or source */
  q?: string;
};

export const REQUISITION_SORTS = ["title", "team", "priority", "targetStartMonth", "status", "salary", "createdAt"] as const;
export type RequisitionSort = (typeof REQUISITION_SORTS)[number];

export type RequisitionRow = Pick<
  typeof requisitions.$inferSelect,
  "id" | "title" | "teamId" | "profile" | "priority" | "targetStartMonth" | "source" | "status" | "objectiveId" | "proposedByUserId"
> & {
  teamName: string | null;
  teamIsTech: boolean;
  objectiveTitle: string | null;
  proposedByName: string | null;
  /** null when the actor may not see it */
  annualSalaryCents: number | null;
  salaryVisible: boolean;
  /** full edit (CEO; CTO on tech teams) */
  canEdit: boolean;
  /** a lead's own proposal, still planned: may edit its fields but not its status */
  canEditProposal: boolean;
};

type RawRequisition = Omit<RequisitionRow, "teamIsTech" | "salaryVisible" | "canEdit" | "canEditProposal"> & {
  teamIsTech: number | null;
};

function requisitionSelect(actor: Actor): SQL {
  return sql`SELECT r.id, r.title, r.team_id AS teamId, t.name AS teamName, t.is_tech AS teamIsTech,
       r.profile, r.priority, r.target_start_month AS targetStartMonth, r.source, r.status,
       r.objective_id AS objectiveId, o.title AS objectiveTitle,
       r.proposed_by_user_id AS proposedByUserId, u.name AS proposedByName,
       ${requisitionSalarySql(actor)} AS annualSalaryCents
  FROM requisitions r
  LEFT JOIN teams t ON t.id = r.team_id
  LEFT JOIN objectives o ON o.id = r.objective_id
  LEFT JOIN users u ON u.id = r.proposed_by_user_id`;
}

/** Full edit (`hiring:edit` on the team), or a lead's own still-planned proposal on their own team. */
export function editRights(
  actor: Actor,
  r: { teamId: number | null; teamIsTech: boolean; status: string; proposedByUserId: number | null },
): { canEdit: boolean; canEditProposal: boolean } {
  const canEdit = can(actor, "hiring:edit", { teamIsTech: r.teamIsTech, teamId: r.teamId });
  const canEditProposal =
    !canEdit && r.status === "planned" && r.proposedByUserId === actor.id && can(actor, "hiring:propose", { teamId: r.teamId, teamIsTech: r.teamIsTech });
  return { canEdit, canEditProposal };
}

function toRow(actor: Actor, raw: RawRequisition): RequisitionRow {
  const teamIsTech = raw.teamIsTech === 1;
  const salaryVisible = canSeeRequisitionSalary(actor, teamIsTech);
  const { canEdit, canEditProposal } = editRights(actor, { ...raw, teamIsTech });
  return {
    ...raw,
    teamIsTech,
    // belt and braces: the SQL already masked it
    annualSalaryCents: salaryVisible ? raw.annualSalaryCents : null,
    salaryVisible,
    canEdit,
    canEditProposal,
  };
}

function filterSql(f: RequisitionFilters): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (f.teamId) parts.push(sql`r.team_id = ${f.teamId}`);
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  if (f.priority) parts.push(sql`r.priority = ${f.priority}`);
  if (f.from) parts.push(sql`r.target_start_month >= ${f.from}`);
  if (f.to) parts.push(sql`r.target_start_month <= ${f.to}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(r.title LIKE ${like} ESCAPE '\\' OR r.profile LIKE ${like} ESCAPE '\\' OR r.source LIKE ${like} ESCAPE '\\')`);
  }
  return sql.join(parts, sql` AND `);
}

const STATUS_ORDER_SQL = sql`CASE r.status WHEN 'planned' THEN 0 WHEN 'open' THEN 1 WHEN 'interviewing' THEN 2 WHEN 'offer' THEN 3 WHEN 'hired' THEN 4 ELSE 5 END`;

function orderSql(actor: Actor, sort: { id: RequisitionSort; desc: boolean }): SQL {
  const dir = sort.desc ? sql`DESC` : sql`ASC`;
  const expr: Record<RequisitionSort, SQL> = {
    title: sql`r.title COLLATE NOCASE`,
    team: sql`t.name COLLATE NOCASE`,
    priority: sql`r.priority`,
    targetStartMonth: sql`r.target_start_month`,
    status: STATUS_ORDER_SQL,
    // the MASKED expression: sorting never reveals a hidden salary
    salary: requisitionSalarySql(actor),
    createdAt: sql`r.created_at`,
  };
  return sql`${expr[sort.id]} ${dir} NULLS LAST, r.target_start_month ASC, r.id ASC`;
}

export type RequisitionList = {
  rows: RequisitionRow[];
  total: number;
  /** sum of the salaries this actor may see, over the filtered rows (null when they may see none) */
  visibleSalaryTotalCents: number | null;
  /** filtered rows whose salary is hidden from this actor */
  hiddenSalaryCount: number;
};

/**
 * One page of requisitions with the salaries this actor may see (null elsewhere), filtered and
 * sorted in SQL. `page` absent = every matching row (CSV export).
 */
export function listRequisitions(
  db: Db,
  actor: Actor,
  filters: RequisitionFilters = {},
  opts: { sort?: { id: RequisitionSort; desc: boolean }; page?: { limit: number; offset: number } } = {},
): RequisitionList {
  const where = filterSql(filters);
  const order = orderSql(actor, opts.sort ?? { id: "targetStartMonth", desc: false });
  const paging = opts.page ? sql`LIMIT ${opts.page.limit} OFFSET ${opts.page.offset}` : sql``;
  const raws = db.all<RawRequisition>(sql`${requisitionSelect(actor)} WHERE ${where} ORDER BY ${order} ${paging}`);
  const agg = db.get<{ total: number; visibleTotal: number | null; hidden: number }>(sql`
    SELECT count(*) AS total,
           sum(${requisitionSalarySql(actor)}) AS visibleTotal,
           sum(CASE WHEN (${requisitionSalarySql(actor)}) IS NULL THEN 1 ELSE 0 END) AS hidden
      FROM requisitions r LEFT JOIN teams t ON t.id = r.team_id
     WHERE ${where}`);
  return {
    rows: raws.map((r) => toRow(actor, r)),
    total: agg.total,
    visibleSalaryTotalCents: agg.visibleTotal ?? null,
    hiddenSalaryCount: agg.hidden ?? 0,
  };
}

/** One requisition as this actor may see it, or null. */
export function getRequisition(db: Db, actor: Actor, id: number): RequisitionRow | null {
  const raw = db.get<RawRequisition | undefined>(sql`${requisitionSelect(actor)} WHERE r.id = ${id}`);
  return raw ? toRow(actor, raw) : null;
}

export const REQUISITION_CSV_HEADERS = ["id", "title", "team", "profile", "priority", "target_start_month", "status", "source", "objective"] as const;

/** CSV of the filtered requisitions; the `annual_salary` column exists only for an actor allowed some salary. */
export function requisitionsCsvRows(db: Db, actor: Actor, filters: RequisitionFilters, sort?: { id: RequisitionSort; desc: boolean }) {
  const { rows } = listRequisitions(db, actor, filters, { sort });
  const withSalary = can(actor, "salaries:requisitions:read");
  const headers: string[] = [...REQUISITION_CSV_HEADERS];
  if (withSalary) headers.push("annual_salary");
  const data = rows.map((r) => {
    const cells: (string | number | null)[] = [r.id, r.title, r.teamName, r.profile, r.priority, r.targetStartMonth, r.status, r.source, r.objectiveTitle];
    if (withSalary) cells.push(r.annualSalaryCents == null ? null : centsToEuros(r.annualSalaryCents));
    return cells;
  });
  return { headers, rows: data };
}

/** 123450 → "1234.50" (CSV amounts: euros with 2 decimals, no float arithmetic). */
export function centsToEuros(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
