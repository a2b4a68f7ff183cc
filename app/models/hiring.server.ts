/**
 * Hiring: requisitions, employees (actual headcount) and headcount actual vs plan.
 *
 * SALARIES ARE SENSITIVE. Every read that can return a salary takes the actor and masks the
 * column IN SQL (`CASE WHEN … THEN annual_salary_cents END`), so a salary the actor may not see
 * never leaves the database — never "fetch then hide". Sorting uses the same masked expression,
 * so even the order of rows reveals nothing. Rules (app/auth/permissions.ts):
 * - requisition salary: `salaries:requisitions:read` — CEO all, CTO requisitions of tech teams;
 * - employee salary: `salaries:employees:read` — CEO only.
 *
 * Headcount (docs/decisions/210-headcount-definition.md):
 * - actual(m) = employees with start_date ≤ last day of m and (no end_date or end_date > last day of m);
 * - planned(m) = actual(m) + requisitions whose status is neither 'hired' nor 'cancelled' and whose
 *   target start month ≤ m. A hired requisition is counted through its employee row only.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { assertPermission } from "~/auth/guards.server";
import { can, type Actor } from "~/auth/permissions";
import type { EmploymentFilter } from "~/lib/employment";
import { addMonths, isMonth, monthDiff } from "~/lib/months";
import { parseSearchParams } from "~/lib/url-params.server";
import { eurosToCents, idSchema, intSchema, isoDateSchema, monthSchema } from "~/lib/validation.server";
import { recordAudit } from "~/models/audit.server";
import { getCompanySettings } from "~/models/settings.server";
import { listTeamOptions, teamChoiceProblem } from "~/models/teams.server";
import { schema, type Db } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { PRIORITIES, REQUISITION_STATUSES } from "../../db/schema/hiring";

export { PRIORITIES, REQUISITION_STATUSES };
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** The one-click path; 'hired' and 'cancelled' are final (the edit form can still correct a status). */
export const NEXT_STATUS: Record<RequisitionStatus, RequisitionStatus | null> = {
  planned: "open",
  open: "interviewing",
  interviewing: "offer",
  offer: "hired",
  hired: null,
  cancelled: null,
};

// ---------------------------------------------------------------- headcount

export type HeadcountSummary = { actual: number; planned: number; target: number };

const HEADCOUNT_ACTUAL_SQL = (day: SQL) =>
  sql`(SELECT count(*) FROM employees e WHERE e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date > ${day}))`;

/**
 * Headcount on a day d = employees whose start date ≤ d < end date (no end date: still employed) —
 * the one definition of the catalogue's people.headcount (app/models/metrics.server.ts).
 * getHeadcountSummary(db, month, today) counts on d = min(last day of the month, today): a month
 * still running is counted today, so people starting later (even later this month) are not counted.
 * planned = employees at the end of the month (signed starts included) + open requisitions (not hired,
 * not cancelled) with target start month ≤ the month;
 * target = the company setting. One statement plus the settings row.
 */
export function getHeadcountSummary(db: Db, asOfMonth: string, today = new Date().toISOString().slice(0, 10)): HeadcountSummary {
  if (!isMonth(asOfMonth)) throw new RangeError(`getHeadcountSummary: not a month: ${asOfMonth}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`getHeadcountSummary: not a day: ${today}`);
  const eom = sql`date(${`${asOfMonth}-01`}, '+1 month', '-1 day')`;
  const day = sql`min(${eom}, ${today})`;
  const row = db.get<{ actual: number; atMonthEnd: number; pending: number }>(sql`
    SELECT ${HEADCOUNT_ACTUAL_SQL(day)} AS actual, ${HEADCOUNT_ACTUAL_SQL(eom)} AS atMonthEnd,
           (SELECT count(*) FROM requisitions r
             WHERE r.status NOT IN ('hired', 'cancelled') AND r.target_start_month <= ${asOfMonth}) AS pending`);
  const target = getCompanySettings(db).headcountTarget;
  return { actual: row.actual, planned: row.atMonthEnd + row.pending, target };
}

export type HeadcountMonth = { month: string; actual: number | null; planned: number };

/** Longest series returned (months); longer ranges are cut at `from` + 120. */
export const MAX_HEADCOUNT_MONTHS = 120;

/**
 * Actual and planned headcount at the end of each month of [from, to], in one statement:
 * a recursive CTE generates the months, and two correlated counts use the indexes on
 * employees(start_date, end_date) and requisitions(status, target_start_month).
 */
export function getHeadcountSeries(
  db: Db,
  from: string,
  to: string,
  opts: {
    /** months after this one have no actual yet (null): the future is plan only */
    actualUntil?: string;
    /** 'YYYY-MM-DD': a month still running is counted on this day (default today, UTC) */
    today?: string;
  } = {},
): HeadcountMonth[] {
  if (!isMonth(from) || !isMonth(to)) throw new RangeError("getHeadcountSeries: months must be YYYY-MM");
  if (monthDiff(from, to) < 0) return [];
  const last = monthDiff(from, to) >= MAX_HEADCOUNT_MONTHS ? addMonths(from, MAX_HEADCOUNT_MONTHS - 1) : to;
  const until = opts.actualUntil && isMonth(opts.actualUntil) ? opts.actualUntil : "9999-12";
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return db.all<HeadcountMonth>(sql`
    WITH RECURSIVE months(m) AS (
      SELECT ${from}
      UNION ALL
      SELECT strftime('%Y-%m', m || '-01', '+1 month') FROM months WHERE m < ${last}
    ),
    bounds AS (SELECT m, date(m || '-01', '+1 month', '-1 day') AS eom,
                      min(date(m || '-01', '+1 month', '-1 day'), ${today}) AS aday FROM months)
    SELECT b.m AS month,
           CASE WHEN b.m <= ${until} THEN
             (SELECT count(*) FROM employees e
               WHERE e.start_date <= b.aday AND (e.end_date IS NULL OR e.end_date > b.aday)) END AS actual,
           (SELECT count(*) FROM employees e
             WHERE e.start_date <= b.eom AND (e.end_date IS NULL OR e.end_date > b.eom))
           + (SELECT count(*) FROM requisitions r
               WHERE r.status NOT IN ('hired', 'cancelled') AND r.target_start_month <= b.m) AS planned
      FROM bounds b
     ORDER BY b.m`);
}

/** First and last months worth charting: earliest employee start → latest requisition target (or now + 12). */
export function getHeadcountRange(db: Db, currentMonth: string): { from: string; to: string } {
  const row = db.get<{ firstStart: string | null; lastTarget: string | null }>(sql`
    SELECT (SELECT substr(min(start_date), 1, 7) FROM employees) AS firstStart,
           (SELECT max(target_start_month) FROM requisitions WHERE status NOT IN ('hired', 'cancelled')) AS lastTarget`);
  let from = row.firstStart && row.firstStart < addMonths(currentMonth, -12) ? row.firstStart : addMonths(currentMonth, -12);
  if (monthDiff(from, currentMonth) > 36) from = addMonths(currentMonth, -36);
  let to = row.lastTarget && row.lastTarget > currentMonth ? row.lastTarget : addMonths(currentMonth, 12);
  if (monthDiff(currentMonth, to) > 36) to = addMonths(currentMonth, 36);
  return { from, to };
}

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

function employeeSalarySql(actor: Actor): SQL {
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

export type RequisitionRow = {
  id: number;
  title: string;
  teamId: number | null;
  teamName: string | null;
  teamIsTech: boolean;
  profile: string | null;
  priority: Priority;
  targetStartMonth: string;
  source: string | null;
  status: RequisitionStatus;
  objectiveId: number | null;
  objectiveTitle: string | null;
  proposedByUserId: number | null;
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
    !canEdit &&
    r.status === "planned" &&
    r.proposedByUserId === actor.id &&
    can(actor, "hiring:propose", { teamId: r.teamId, teamIsTech: r.teamIsTech });
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

export const REQUISITION_CSV_HEADERS = [
  "id",
  "title",
  "team",
  "profile",
  "priority",
  "target_start_month",
  "status",
  "source",
  "objective",
] as const;

/** CSV of the filtered requisitions; the `annual_salary` column exists only for an actor allowed some salary. */
export function requisitionsCsvRows(db: Db, actor: Actor, filters: RequisitionFilters, sort?: { id: RequisitionSort; desc: boolean }) {
  const { rows } = listRequisitions(db, actor, filters, { sort });
  const withSalary = can(actor, "salaries:requisitions:read");
  const headers: string[] = [...REQUISITION_CSV_HEADERS];
  if (withSalary) headers.push("annual_salary");
  const data = rows.map((r) => {
    const cells: (string | number | null)[] = [
      r.id,
      r.title,
      r.teamName,
      r.profile,
      r.priority,
      r.targetStartMonth,
      r.status,
      r.source,
      r.objectiveTitle,
    ];
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

// ---------------------------------------------------------------- requisitions: write

export type TeamRef = { id: number; name: string; isTech: boolean };

export function getTeam(db: Db, teamId: number): TeamRef | null {
  const t = db.get<{ id: number; name: string; isTech: number } | undefined>(
    sql`SELECT id, name, is_tech AS isTech FROM teams WHERE id = ${teamId}`,
  );
  return t ? { id: t.id, name: t.name, isTech: t.isTech === 1 } : null;
}

export type RequisitionInput = {
  title: string;
  teamId: number;
  profile: string | null;
  priority: Priority;
  targetStartMonth: string;
  /** required on create; on update, undefined keeps the stored salary */
  annualSalaryCents?: number;
  source: string | null;
  objectiveId: number | null;
  status?: RequisitionStatus;
};

export class HiringInputError extends Error {
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

function requireTeam(db: Db, teamId: number): TeamRef {
  const team = getTeam(db, teamId);
  if (!team) throw new HiringInputError("teamId", "is not a known team");
  return team;
}

function checkObjective(db: Db, objectiveId: number | null) {
  if (objectiveId == null) return;
  const o = db.get<{ id: number } | undefined>(sql`SELECT id FROM objectives WHERE id = ${objectiveId}`);
  if (!o) throw new HiringInputError("objectiveId", "is not a known objective");
}

type StoredRequisition = typeof schema.requisitions.$inferSelect;

function auditable(r: StoredRequisition) {
  const { createdAt: _c, updatedAt: _u, ...rest } = r;
  return rest;
}

/**
 * Creates a requisition. Who: `hiring:edit` on the team (CEO; CTO for tech teams) — any status;
 * otherwise `hiring:propose` on the team (a lead for their own team; the CTO elsewhere) — always
 * created as "planned" (a proposal). 403 otherwise.
 */
export function createRequisition(db: Db, actor: Actor, input: RequisitionInput & { annualSalaryCents: number }): StoredRequisition {
  const team = requireTeam(db, input.teamId);
  const archived = teamChoiceProblem(db, team.id);
  if (archived) throw new HiringInputError("teamId", archived);
  const ctx = { teamId: team.id, teamIsTech: team.isTech };
  const fullEdit = can(actor, "hiring:edit", ctx);
  if (!fullEdit) assertPermission(actor, "hiring:propose", ctx);
  checkObjective(db, input.objectiveId);
  const status: RequisitionStatus = fullEdit ? (input.status ?? "planned") : "planned";
  return db.transaction((tx) => {
    const row = tx
      .insert(schema.requisitions)
      .values({
        title: input.title,
        teamId: team.id,
        profile: input.profile,
        priority: input.priority,
        targetStartMonth: input.targetStartMonth,
        annualSalaryCents: input.annualSalaryCents,
        source: input.source,
        status,
        objectiveId: input.objectiveId,
        proposedByUserId: actor.id,
      })
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actor.id }, action: fullEdit ? "create" : "propose", entityType: "requisition", entityId: row.id, after: auditable(row) });
    return row;
  });
}

function loadStored(db: Db, id: number): StoredRequisition | null {
  return db.select().from(schema.requisitions).where(sql`${schema.requisitions.id} = ${id}`).get() ?? null;
}

function teamFlag(db: Db, teamId: number | null): boolean {
  if (teamId == null) return false;
  return getTeam(db, teamId)?.isTech ?? false;
}

/**
 * Updates a requisition's fields. Full edit: `hiring:edit` on the current team AND on the new team.
 * A lead's own proposal (still "planned", own team): fields only, status stays "planned", team stays
 * theirs. `annualSalaryCents` undefined keeps the stored salary (a user who may not see it never gets it back).
 * Returns false when the requisition does not exist.
 */
export function updateRequisition(db: Db, actor: Actor, id: number, input: RequisitionInput): boolean {
  const before = loadStored(db, id);
  if (!before) return false;
  const current = editRights(actor, {
    teamId: before.teamId,
    teamIsTech: teamFlag(db, before.teamId),
    status: before.status,
    proposedByUserId: before.proposedByUserId,
  });
  const newTeam = requireTeam(db, input.teamId);
  const newCtx = { teamId: newTeam.id, teamIsTech: newTeam.isTech };
  let status: RequisitionStatus;
  if (current.canEdit) {
    assertPermission(actor, "hiring:edit", newCtx);
    status = input.status ?? before.status;
  } else if (current.canEditProposal) {
    assertPermission(actor, "hiring:propose", newCtx);
    status = "planned";
  } else {
    assertPermission(actor, "hiring:edit", { teamId: before.teamId, teamIsTech: teamFlag(db, before.teamId) });
    return false; // unreachable: assertPermission throws
  }
  checkObjective(db, input.objectiveId);
  db.transaction((tx) => {
    const after = tx
      .update(schema.requisitions)
      .set({
        title: input.title,
        teamId: newTeam.id,
        profile: input.profile,
        priority: input.priority,
        targetStartMonth: input.targetStartMonth,
        annualSalaryCents: input.annualSalaryCents ?? before.annualSalaryCents,
        source: input.source,
        objectiveId: input.objectiveId,
        status,
      })
      .where(sql`${schema.requisitions.id} = ${id}`)
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actor.id }, action: "update", entityType: "requisition", entityId: id, before: auditable(before), after: auditable(after) });
  });
  return true;
}

export type StatusChange = "next" | "cancel" | "reopen";

/**
 * One-click status change: "next" moves along planned → open → interviewing → offer → hired;
 * "cancel" from any non-final status; "reopen" puts a cancelled requisition back to planned.
 * Needs `hiring:edit` on the requisition's team. `expected` (the status the user saw) guards
 * against a double click moving two steps: a mismatch is an error.
 */
export function changeRequisitionStatus(
  db: Db,
  actor: Actor,
  id: number,
  change: StatusChange,
  expected?: RequisitionStatus,
): { ok: true; from: RequisitionStatus; to: RequisitionStatus } | { ok: false; error: string } | null {
  const before = loadStored(db, id);
  if (!before) return null;
  assertPermission(actor, "hiring:edit", { teamId: before.teamId, teamIsTech: teamFlag(db, before.teamId) });
  if (expected && expected !== before.status) {
    return { ok: false, error: `This requisition is already "${before.status}" (someone changed it): nothing was done.` };
  }
  let to: RequisitionStatus | null = null;
  if (change === "next") to = NEXT_STATUS[before.status];
  else if (change === "cancel") to = before.status === "hired" || before.status === "cancelled" ? null : "cancelled";
  else if (change === "reopen") to = before.status === "cancelled" ? "planned" : null;
  if (!to) return { ok: false, error: `A "${before.status}" requisition cannot be ${change === "next" ? "moved further" : change === "cancel" ? "cancelled" : "reopened"}.` };
  const target = to;
  db.transaction((tx) => {
    tx.update(schema.requisitions).set({ status: target }).where(sql`${schema.requisitions.id} = ${id}`).run();
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: "status",
      entityType: "requisition",
      entityId: id,
      before: { status: before.status },
      after: { status: target },
    });
  });
  return { ok: true, from: before.status, to: target };
}

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

export type EmployeeRow = {
  id: number;
  name: string;
  teamId: number | null;
  teamName: string | null;
  title: string;
  startDate: string;
  endDate: string | null;
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

// ---------------------------------------------------------------- form helpers

export type Option = { id: number; label: string };

/**
 * Teams for hiring pages. For filters: every team (history included). For a form's choice
 * (`choice`): the Teams page's list — active teams, plus an archived one the row already names.
 */
export function listTeamsForHiring(db: Db, choice?: { keepId?: number | null }): TeamRef[] {
  if (choice) return listTeamOptions(db, [choice.keepId]).map((t) => ({ id: t.id, name: t.name, isTech: t.isTech }));
  return db
    .all<{ id: number; name: string; isTech: number }>(sql`SELECT id, name, is_tech AS isTech FROM teams ORDER BY name COLLATE NOCASE`)
    .map((t) => ({ id: t.id, name: t.name, isTech: t.isTech === 1 }));
}

/** Objectives a requisition can serve: those of open cycles (plus the one already linked). */
export function listObjectiveOptions(db: Db, includeId?: number | null): Option[] {
  return db.all<Option>(sql`
    SELECT o.id, c.name || ' · ' || o.title AS label
      FROM objectives o JOIN cycles c ON c.id = o.cycle_id
     WHERE (c.status = 'open' AND o.archived_at IS NULL) OR o.id = ${includeId ?? -1}
     ORDER BY c.start_date DESC, o.title COLLATE NOCASE
     LIMIT 500`);
}

export function hiringSettings(db: Db): { loadedCostFactor: number; grossMargin: number; headcountTarget: number } {
  const s = getCompanySettings(db);
  return { loadedCostFactor: s.loadedCostFactor, grossMargin: s.grossMargin, headcountTarget: s.headcountTarget };
}

// ---------------------------------------------------------------- URL filters

const optionalCatch = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

const RequisitionFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  status: optionalCatch(z.enum(REQUISITION_STATUSES)),
  priority: optionalCatch(z.enum(PRIORITIES)),
  from: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  to: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  q: optionalCatch(z.string().trim().min(1).max(200)),
});

/** Filters from the URL (?team=&status=&priority=&from=&to=&q=); anything malformed is ignored. */
export function parseRequisitionFilters(url: URL): RequisitionFilters {
  const sp = url.searchParams;
  const raw = Object.fromEntries(["team", "status", "priority", "from", "to", "q"].map((k) => [k, sp.get(k) || undefined]));
  const f = RequisitionFiltersSchema.parse(raw);
  return { teamId: f.team, status: f.status, priority: f.priority, from: f.from, to: f.to, q: f.q };
}

/** `?created=<id>` / `?updated=<id>`: where the requisition form sent the user back after saving. */
const SavedFlagParamsSchema = z.object({ created: idSchema.optional(), updated: idSchema.optional() });

/** Which "saved" message the list shows after a redirect, if any (a malformed flag shows none). */
export function savedFlagFromUrl(url: URL): "created" | "updated" | null {
  const { data } = parseSearchParams(url, SavedFlagParamsSchema);
  return data.created !== undefined ? "created" : data.updated !== undefined ? "updated" : null;
}

const EmployeeFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  at: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  q: optionalCatch(z.string().trim().min(1).max(200)),
  status: optionalCatch(z.enum(["current", "starting", "left"])),
});

export function parseEmployeeFilters(url: URL): EmployeeFilters {
  const sp = url.searchParams;
  const f = EmployeeFiltersSchema.parse({
    team: sp.get("team") || undefined,
    at: sp.get("at") || undefined,
    q: sp.get("q") || undefined,
    status: sp.get("status") || undefined,
  });
  return { teamId: f.team, employedAt: f.at, q: f.q, status: f.status };
}

/** Today ('YYYY-MM-DD') in the company's time zone. */
export function currentDay(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The current calendar month in the company's time zone. */
export function currentMonth(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  const y = parts.find((p) => p.type === "year")!.value;
  const m = parts.find((p) => p.type === "month")!.value;
  return `${y}-${m}`;
}

// ---------------------------------------------------------------- form schema (server-only)

const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(max, `must be at most ${max} characters`).nullable());

/**
 * The requisition form (create and edit). `annualSalary` is euros text; optional here, the
 * create action requires it; on edit, blank keeps the stored salary.
 */
/** An annual salary typed in euros: positive, at most 10 M€ (requisitions and employees alike). */
export const annualSalarySchema = z.string({ error: "is required" }).transform((s, ctx) => {
  const cents = eurosToCents(s);
  if (cents === null || cents <= 0) {
    ctx.addIssue({ code: "custom", message: "must be a positive amount in euros, e.g. 55000" });
    return z.NEVER;
  }
  if (cents > 10_000_000_00) {
    ctx.addIssue({ code: "custom", message: "must be at most 10 000 000 €" });
    return z.NEVER;
  }
  return cents;
});

export const RequisitionFormSchema = z.object({
  title: z.string({ error: "is required" }).min(1, "is required").max(160, "must be at most 160 characters"),
  teamId: intSchema({ min: 1, message: "is required" }),
  profile: optionalText(200),
  priority: z.enum(PRIORITIES, { error: "must be P0, P1 or P2" }),
  targetStartMonth: monthSchema,
  annualSalary: annualSalarySchema.optional(),
  source: optionalText(120),
  objectiveId: optionalRefIdSchema(schema.objectives, "objective"),
  status: z.enum(REQUISITION_STATUSES, { error: "is not a known status" }).optional(),
});

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
  assertPermission(actor, "salaries:employees:read");
  assertPermission(actor, "hiring:edit", { teamId: team?.id ?? null, teamIsTech: team?.isTech ?? false });
  if (input.endDate && input.endDate < input.startDate) throw new HiringInputError("endDate", "must not be before the start date");
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

export const EmployeeFormSchema = z.object({
  name: z.string({ error: "is required" }).min(1, "is required").max(160),
  teamId: z.preprocess((v) => (v === undefined || v === "" ? null : v), idSchema.nullable()),
  title: z.string({ error: "is required" }).min(1, "is required").max(160),
  startDate: isoDateSchema,
  endDate: z.preprocess((v) => (v === undefined || v === "" ? null : v), isoDateSchema.nullable()),
  annualSalary: annualSalarySchema,
});

/** Whether there is anything for the headcount to count (an employee or a requisition). */
export function hasHeadcountData(db: Db): boolean {
  return !!db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM employees UNION ALL SELECT 1 FROM requisitions LIMIT 1`);
}
