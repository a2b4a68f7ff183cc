/**
 * Employees and requisitions from CSV — the columns of their exports, so an export re-imports and
 * the template is the export's header row. All or nothing: every bad row and field is named
 * (parseCsv), nothing is written unless the whole file is good; one audit entry per row written and
 * one for the import, in the same transaction. A row with an `id` updates that row; without, creates.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { can, type Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { employeeCsvRowSchema, requisitionCsvRowSchema } from "~/lib/schemas/hiring.server";
import { recordAudit } from "~/models/audit.server";
import { canManageEmployees, REQUISITION_CSV_HEADERS } from "~/models/hiring.server";
import { schema, type Db } from "~/utils/db.server";

export type RowsImportResult = { ok: true; rows: number; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

export const EMPLOYEE_CSV_HEADERS = ["id", "name", "team", "title", "start_date", "end_date", "annual_salary"] as const;
export const REQUISITION_IMPORT_HEADERS = [...REQUISITION_CSV_HEADERS, "annual_salary"] as const;

const MAX_ROWS = 5000;
type TeamRow = { id: number; name: string; isTech: boolean; archived: boolean };
function teamsByName(db: Db): Map<string, TeamRow> {
  const rows = db.all<{ id: number; name: string; isTech: number; archivedAt: number | null }>(
    sql`SELECT id, name, is_tech AS isTech, archived_at AS archivedAt FROM teams`,
  );
  return new Map(rows.map((t) => [t.name.toLowerCase(), { id: t.id, name: t.name, isTech: t.isTech === 1, archived: t.archivedAt !== null }]));
}

/** The stored row a CSV row's `id` names (undefined: no id, a new row); false, with the issue on `id`, when there is none. */
function rowOfId<T>(existing: Map<number, T>, id: number | undefined, ctx: z.RefinementCtx, missing: (id: number) => string): T | undefined | false {
  if (id === undefined) return undefined;
  const row = existing.get(id);
  if (row !== undefined) return row;
  ctx.addIssue({ code: "custom", path: ["id"], message: missing(id) });
  return false;
}

/** The team a row names: known, and not archived unless the row already belongs to it. */
function resolveTeam(teams: Map<string, TeamRow>, name: string, ctx: z.RefinementCtx, currentTeamId?: number | null): TeamRow | null {
  const t = teams.get(name.toLowerCase());
  if (!t) {
    ctx.addIssue({ code: "custom", path: ["team"], message: serverT('unknown team "{{name}}" (create it on the Teams page first)', { ns: "hiring", name }) });
    return null;
  }
  if (t.archived && t.id !== currentTeamId) {
    ctx.addIssue({ code: "custom", path: ["team"], message: serverT('the team "{{name}}" is archived', { ns: "hiring", name: t.name }) });
    return null;
  }
  return t;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Writes an import's checked rows in one transaction: a row without an id is created, one with an
 * id updated (each writer audits its row), then the import's one summary audit entry.
 */
function writeImportedRows<R extends { id: number | null }>(
  db: Db,
  actor: Actor,
  entityType: "employee" | "requisition",
  source: string,
  rows: readonly R[],
  write: { create: (tx: Tx, row: Omit<R, "id">) => void; update: (tx: Tx, id: number, row: Omit<R, "id">) => void },
): RowsImportResult {
  return db.transaction((tx) => {
    let created = 0;
    for (const { id, ...row } of rows) {
      if (id === null) {
        write.create(tx, row);
        created += 1;
      } else write.update(tx, id, row);
    }
    const updated = rows.length - created;
    recordAudit(tx, { actor: { userId: actor.id }, action: "import", entityType, after: { source, rows: rows.length, created, updated } });
    return { ok: true as const, rows: rows.length, created, updated };
  });
}

// ---------------------------------------------------------------- employees

/** Employees (CEO only: the file holds salaries). */
export function importEmployeesCsv(db: Db, actor: Actor, text: string, source: string): RowsImportResult {
  const teams = teamsByName(db);
  const existing = new Map(db.all<{ id: number; teamId: number | null }>(sql`SELECT id, team_id AS teamId FROM employees`).map((e) => [e.id, e]));
  const rowSchema = employeeCsvRowSchema.transform((r, ctx) => {
    const current = rowOfId(existing, r.id, ctx, (id) => serverT("no employee has the id {{id}} (leave id empty to add one)", { ns: "hiring", id }));
    if (current === false) return z.NEVER;
    const team = r.team === undefined ? null : resolveTeam(teams, r.team, ctx, current?.teamId);
    if (r.team !== undefined && !team) return z.NEVER;
    if (!canManageEmployees(actor, team?.isTech ?? false)) {
      ctx.addIssue({ code: "custom", path: ["team"], message: serverT("you may not manage this team's employees", { ns: "hiring" }) });
      return z.NEVER;
    }
    if (r.end_date && r.end_date < r.start_date) {
      ctx.addIssue({ code: "custom", path: ["end_date"], message: serverT("must not be before start_date", { ns: "hiring" }) });
      return z.NEVER;
    }
    return {
      id: r.id ?? null,
      name: r.name,
      teamId: team?.id ?? null,
      title: r.title,
      startDate: r.start_date,
      endDate: r.end_date ?? null,
      annualSalaryCents: r.annual_salary,
    };
  });
  const parsed = parseCsv(text, rowSchema, { headers: EMPLOYEE_CSV_HEADERS, maxRows: MAX_ROWS });
  if (!parsed.ok) return parsed;
  return writeImportedRows(db, actor, "employee", source, parsed.rows, {
    create: (tx, row) => {
      const r = tx.insert(schema.employees).values(row).returning({ id: schema.employees.id }).get();
      recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "employee", entityId: r.id, after: { ...row, source } });
    },
    update: (tx, id, row) => {
      const before = tx
        .select()
        .from(schema.employees)
        .where(sql`${schema.employees.id} = ${id}`)
        .get()!;
      tx.update(schema.employees)
        .set(row)
        .where(sql`${schema.employees.id} = ${id}`)
        .run();
      const { createdAt: _c, updatedAt: _u, id: _i, ...b } = before;
      recordAudit(tx, { actor: { userId: actor.id }, action: "update", entityType: "employee", entityId: id, before: b, after: { ...row, source } });
    },
  });
}

// ---------------------------------------------------------------- requisitions

/**
 * Requisitions (`hiring:edit` on each row's team: the CEO any team, the CTO tech teams). The
 * objective is named by its title (one objective of an open cycle); an updated row with an empty
 * annual_salary keeps its salary.
 */
export function importRequisitionsCsv(db: Db, actor: Actor, text: string, source: string): RowsImportResult {
  const teams = teamsByName(db);
  const existing = new Map(db.all<{ id: number; teamId: number | null }>(sql`SELECT id, team_id AS teamId FROM requisitions`).map((e) => [e.id, e]));
  const objectives = db.all<{ id: number; title: string }>(sql`
    SELECT o.id, o.title FROM objectives o JOIN cycles c ON c.id = o.cycle_id WHERE c.status = 'open' AND o.archived_at IS NULL`);
  const rowSchema = requisitionCsvRowSchema.transform((r, ctx) => {
    const current = rowOfId(existing, r.id, ctx, (id) => serverT("no requisition has the id {{id}} (leave id empty to add one)", { ns: "hiring", id }));
    if (current === false) return z.NEVER;
    const team = resolveTeam(teams, r.team, ctx, current?.teamId);
    if (!team) return z.NEVER;
    if (!can(actor, "hiring:edit", { teamId: team.id, teamIsTech: team.isTech })) {
      ctx.addIssue({ code: "custom", path: ["team"], message: serverT("you may not edit the hiring plan of {{team}}", { ns: "hiring", team: team.name }) });
      return z.NEVER;
    }
    if (!current && r.annual_salary === undefined) {
      ctx.addIssue({ code: "custom", path: ["annual_salary"], message: serverT("required for a new requisition", { ns: "hiring" }) });
      return z.NEVER;
    }
    let objectiveId: number | null = null;
    if (r.objective !== undefined) {
      const matches = objectives.filter((o) => o.title.toLowerCase() === r.objective!.toLowerCase());
      if (matches.length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["objective"],
          message: matches.length
            ? serverT("several objectives have this title", { ns: "hiring" })
            : serverT("no objective of an open cycle has this title", { ns: "hiring" }),
        });
        return z.NEVER;
      }
      objectiveId = matches[0].id;
    }
    return {
      id: r.id ?? null,
      title: r.title,
      teamId: team.id,
      profile: r.profile ?? null,
      priority: r.priority ?? ("P1" as const),
      targetStartMonth: r.target_start_month,
      status: r.status ?? ("planned" as const),
      source: r.source ?? null,
      objectiveId,
      annualSalaryCents: r.annual_salary,
    };
  });
  const parsed = parseCsv(text, rowSchema, { headers: REQUISITION_IMPORT_HEADERS, maxRows: MAX_ROWS });
  if (!parsed.ok) return parsed;
  return writeImportedRows(db, actor, "requisition", source, parsed.rows, {
    create: (tx, { annualSalaryCents, ...row }) => {
      const values = { ...row, annualSalaryCents: annualSalaryCents!, proposedByUserId: actor.id };
      const r = tx.insert(schema.requisitions).values(values).returning({ id: schema.requisitions.id }).get();
      recordAudit(tx, {
        actor: { userId: actor.id },
        action: "create",
        entityType: "requisition",
        entityId: r.id,
        after: { ...values, source: row.source, importedFrom: source },
      });
    },
    update: (tx, id, { annualSalaryCents, ...row }) => {
      const before = tx
        .select()
        .from(schema.requisitions)
        .where(sql`${schema.requisitions.id} = ${id}`)
        .get()!;
      const patch = annualSalaryCents === undefined ? row : { ...row, annualSalaryCents };
      tx.update(schema.requisitions)
        .set(row.status !== before.status ? { ...patch, statusChangedAt: new Date() } : patch)
        .where(sql`${schema.requisitions.id} = ${id}`)
        .run();
      const { createdAt: _c, updatedAt: _u, id: _i, statusChangedAt: _s, ...b } = before;
      recordAudit(tx, {
        actor: { userId: actor.id },
        action: "update",
        entityType: "requisition",
        entityId: id,
        before: b,
        after: { ...patch, importedFrom: source },
      });
    },
  });
}
