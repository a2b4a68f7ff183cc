/** Budget: IT vs actual, the grid, categories, and the budget-line writer (each write and its audit entry in one transaction). */
import { sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import { DomainError } from "~/lib/errors";
import { budgetGrid, type BudgetGrid } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { recordAudit } from "~/models/audit.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// Budget: IT vs actual, grid, categories
// ---------------------------------------------------------------------------------------------

/**
 * Planned and actual per IT category over the CLOSED months (with a finance snapshot) of
 * [fromMonth, toMonth] (missing actual = 0), every IT category listed even without lines, in the
 * categories' sort order. A month still open has no actuals yet: counting it would compare a full
 * plan with no spend and look under budget, so it is left out of both sides. One statement.
 */
export function getItBudgetVsActual(db: Db, opts: { fromMonth: string; toMonth: string }): { category: string; plannedCents: number; actualCents: number }[] {
  return db.all<{ category: string; plannedCents: number; actualCents: number }>(sql`
    SELECT c.name AS category,
           COALESCE(SUM(bl.planned_cents), 0) AS plannedCents,
           COALESCE(SUM(bl.actual_cents), 0) AS actualCents
      FROM budget_categories c
      LEFT JOIN budget_lines bl
        ON bl.category_id = c.id AND bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
       AND bl.month IN (SELECT fs.month FROM finance_snapshots fs)
     WHERE c.is_it = 1
     GROUP BY c.id
     ORDER BY c.sort_order, c.name`);
}

export type BudgetCategoryRow = {
  id: number;
  name: string;
  isIt: boolean;
  isSalesMarketing: boolean;
  sortOrder: number;
  /** archived on /budgets/categories: keeps its lines, takes no place in the grid without them */
  archived: boolean;
};

export function listBudgetCategories(db: Db): BudgetCategoryRow[] {
  return db
    .all<{ id: number; name: string; isIt: number; isSalesMarketing: number; sortOrder: number; archivedAt: number | null }>(
      sql`
      SELECT id, name, is_it AS isIt, is_sales_marketing AS isSalesMarketing, sort_order AS sortOrder, archived_at AS archivedAt
        FROM budget_categories ORDER BY sort_order, name`,
    )
    .map(({ archivedAt, ...r }) => ({ ...r, isIt: r.isIt === 1, isSalesMarketing: r.isSalesMarketing === 1, archived: archivedAt !== null }));
}

/** Planned and actual per category and month over [fromMonth, toMonth] (GROUP BY in SQL). */
export function getBudgetByCategoryMonth(
  db: Db,
  opts: { fromMonth: string; toMonth: string },
): { month: string; category: string; plannedCents: number; actualCents: number | null }[] {
  return db.all<{ month: string; category: string; plannedCents: number; actualCents: number | null }>(sql`
    SELECT bl.month AS month, c.name AS category,
           SUM(bl.planned_cents) AS plannedCents, SUM(bl.actual_cents) AS actualCents
      FROM budget_lines bl
      JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
     GROUP BY bl.month, c.id
     ORDER BY bl.month, c.sort_order, c.name`);
}

/** The month × category grid (rows = categories in their order, every month of the range). */
export function getBudgetGrid(db: Db, opts: { fromMonth: string; toMonth: string }): { grid: BudgetGrid; categories: BudgetCategoryRow[] } {
  const lines = getBudgetByCategoryMonth(db, opts);
  const withLines = new Set(lines.map((l) => l.category));
  const categories = listBudgetCategories(db).filter((c) => !c.archived || withLines.has(c.name));
  const months: string[] = [];
  for (let m = opts.fromMonth; m <= opts.toMonth; m = addMonths(m, 1)) months.push(m);
  return { grid: budgetGrid(lines, { months, categories: categories.map((c) => c.name) }), categories };
}

/** First and last month having any budget line or snapshot (null on an empty database). */
export function getFinanceMonthBounds(db: Db): { first: string; last: string } | null {
  const row = db.get<{ first: string | null; last: string | null }>(sql`
    SELECT MIN(m) AS first, MAX(m) AS last FROM (
      SELECT MIN(month) AS m FROM budget_lines UNION ALL SELECT MAX(month) FROM budget_lines
      UNION ALL SELECT MIN(month) FROM finance_snapshots UNION ALL SELECT MAX(month) FROM finance_snapshots)`);
  if (!row || row.first === null || row.last === null) return null;
  return { first: row.first, last: row.last };
}

// ---------------------------------------------------------------------------------------------
// Writers (each write and its audit entry in one transaction)
// ---------------------------------------------------------------------------------------------

/** Who writes: a person (checked against the permission matrix) or an API token. */
export type FinanceWriter =
  | { kind: "user"; actor: Actor }
  | {
      kind: "token";
      tokenId: number;
      /**
       * the token's creator: a token never does more than the person who made it (a CTO's token
       * may only touch IT categories); null when made from the command line (full finance rights)
       */
      creator: Actor | null;
    };

export function auditActorOf(w: FinanceWriter): { userId: number } | { tokenId: number } {
  return w.kind === "user" ? { userId: w.actor.id } : { tokenId: w.tokenId };
}

export function writerMayEditCategory(w: FinanceWriter, categoryIsIt: boolean): boolean {
  const actor = w.kind === "user" ? w.actor : w.creator;
  if (actor === null) return true;
  return can(actor, "finance:edit", { categoryIsIt });
}

export function writerMayEditSnapshots(w: FinanceWriter): boolean {
  const actor = w.kind === "user" ? w.actor : w.creator;
  if (actor === null) return true;
  return can(actor, "finance:edit", { categoryIsIt: false });
}

/** The creator of an API token as a permission actor (null when the token has no creator). */
export function tokenCreatorActor(db: Db, tokenId: number): Actor | null {
  const row = db.get<{ id: number; role: Actor["role"]; teamId: number | null; active: number } | undefined>(sql`
    SELECT u.id, u.role, u.team_id AS teamId, u.active
      FROM api_tokens t JOIN users u ON u.id = t.created_by_user_id
     WHERE t.id = ${tokenId}`);
  if (!row) return null;
  // a deactivated creator keeps no rights: treat as a viewer
  return { id: row.id, role: row.active === 1 ? row.role : "viewer", teamId: row.teamId };
}

export function getBudgetCategory(db: Db, id: number): BudgetCategoryRow | null {
  return listBudgetCategories(db).find((c) => c.id === id) ?? null;
}

export function getBudgetLine(db: Db, categoryId: number, month: string): { id: number; plannedCents: number; actualCents: number | null } | null {
  return (
    db.get<{ id: number; plannedCents: number; actualCents: number | null } | undefined>(sql`
      SELECT id, planned_cents AS plannedCents, actual_cents AS actualCents
        FROM budget_lines WHERE category_id = ${categoryId} AND month = ${month}`) ?? null
  );
}

export class FinancePermissionError extends DomainError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

/**
 * Creates or updates the budget line of (category, month). Throws FinancePermissionError when
 * the writer may not edit that category (CTO: IT categories only).
 */
export function saveBudgetLine(
  db: Db,
  writer: FinanceWriter,
  input: { categoryId: number; month: string; plannedCents: number; actualCents: number | null },
): { id: number; created: boolean } {
  const category = getBudgetCategory(db, input.categoryId);
  if (!category) throw new RangeError(`unknown budget category ${input.categoryId}`);
  if (!writerMayEditCategory(writer, category.isIt)) {
    throw new FinancePermissionError(serverT("You may not edit the budget of {{name}}.", { name: category.name }));
  }
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = getBudgetLine(t, input.categoryId, input.month);
    const now = Date.now();
    const row = t.get<{ id: number }>(sql`
      INSERT INTO budget_lines (category_id, month, planned_cents, actual_cents, created_at, updated_at)
      VALUES (${input.categoryId}, ${input.month}, ${input.plannedCents}, ${input.actualCents}, ${now}, ${now})
      ON CONFLICT (month, category_id) DO UPDATE SET
        planned_cents = excluded.planned_cents, actual_cents = excluded.actual_cents, updated_at = excluded.updated_at
      RETURNING id`);
    recordAudit(tx, {
      actor: auditActorOf(writer),
      action: before ? "update" : "create",
      entityType: "budget_line",
      entityId: row.id,
      before: before ? { category: category.name, month: input.month, plannedCents: before.plannedCents, actualCents: before.actualCents } : null,
      after: { category: category.name, month: input.month, plannedCents: input.plannedCents, actualCents: input.actualCents },
    });
    return { id: row.id, created: !before };
  });
}
