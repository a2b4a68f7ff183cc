import { eq, sql } from "drizzle-orm";
import type { Actor } from "~/auth/permissions";
import { setArchivedAudited } from "~/models/archived.server";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";
import { BUDGET_GROUPS } from "../../db/schema/finance";

/**
 * Budget categories as the company's data: added, renamed, regrouped, archived on
 * /budgets/categories, with an annual envelope (cap) per category and fiscal year. Who: `finance:edit`
 * — the CEO any category, the CTO IT categories (group "it") only; every change audited.
 */

export type BudgetGroup = (typeof BUDGET_GROUPS)[number];
export { BUDGET_GROUPS };

export type CategoryYearRow = {
  id: number;
  name: string;
  group: BudgetGroup;
  isSalesMarketing: boolean;
  archived: boolean;
  /** the fiscal year's envelope; null when none is set */
  envelopeCents: number | null;
  /** Σ planned and Σ actual (missing = 0) of the fiscal year's months */
  plannedCents: number;
  actualCents: number;
  /** months of the year with an actual recorded */
  actualMonths: number;
};

export type CategoryTotals = { envelopeCents: number | null; plannedCents: number; actualCents: number };

/**
 * The fiscal year's totals of the categories page, in SQL: the IT group and all categories (archived
 * ones included, as listed): Σ envelopes (null when none is set), Σ planned, Σ actual.
 */
export function categoryTotalsForYear(db: Db, fiscalYear: number, months: { from: string; to: string }): { it: CategoryTotals; all: CategoryTotals } {
  const r = db.get<{ envIt: number | null; plannedIt: number; actualIt: number; envAll: number | null; plannedAll: number; actualAll: number }>(sql`
    WITH per AS (
      SELECT c."group" AS grp, e.amount_cents AS env,
             (SELECT COALESCE(SUM(bl.planned_cents), 0) FROM budget_lines bl
               WHERE bl.category_id = c.id AND bl.month >= ${months.from} AND bl.month <= ${months.to}) AS planned,
             (SELECT COALESCE(SUM(bl.actual_cents), 0) FROM budget_lines bl
               WHERE bl.category_id = c.id AND bl.month >= ${months.from} AND bl.month <= ${months.to}) AS actual
        FROM budget_categories c
        LEFT JOIN budget_envelopes e ON e.category_id = c.id AND e.fiscal_year = ${fiscalYear})
    SELECT SUM(env) FILTER (WHERE grp = 'it') AS envIt,
           COALESCE(SUM(planned) FILTER (WHERE grp = 'it'), 0) AS plannedIt,
           COALESCE(SUM(actual) FILTER (WHERE grp = 'it'), 0) AS actualIt,
           SUM(env) AS envAll, COALESCE(SUM(planned), 0) AS plannedAll, COALESCE(SUM(actual), 0) AS actualAll
      FROM per`);
  return {
    it: { envelopeCents: r?.envIt ?? null, plannedCents: r?.plannedIt ?? 0, actualCents: r?.actualIt ?? 0 },
    all: { envelopeCents: r?.envAll ?? null, plannedCents: r?.plannedAll ?? 0, actualCents: r?.actualAll ?? 0 },
  };
}

/** Every category with its envelope, planned and actual for the months [from, to] of one fiscal year (one statement). */
export function listCategoriesForYear(db: Db, fiscalYear: number, months: { from: string; to: string }): CategoryYearRow[] {
  return db
    .all<{
      id: number;
      name: string;
      grp: BudgetGroup;
      isSalesMarketing: number;
      archivedAt: number | null;
      envelopeCents: number | null;
      plannedCents: number;
      actualCents: number;
      actualMonths: number;
    }>(
      sql`
      SELECT c.id, c.name, c."group" AS grp, c.is_sales_marketing AS isSalesMarketing, c.archived_at AS archivedAt,
             e.amount_cents AS envelopeCents,
             COALESCE(SUM(bl.planned_cents), 0) AS plannedCents,
             COALESCE(SUM(bl.actual_cents), 0) AS actualCents,
             COUNT(bl.actual_cents) AS actualMonths
        FROM budget_categories c
        LEFT JOIN budget_envelopes e ON e.category_id = c.id AND e.fiscal_year = ${fiscalYear}
        LEFT JOIN budget_lines bl ON bl.category_id = c.id AND bl.month >= ${months.from} AND bl.month <= ${months.to}
       GROUP BY c.id
       ORDER BY c.archived_at IS NOT NULL, c.sort_order, c.name`,
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      group: r.grp,
      isSalesMarketing: r.isSalesMarketing === 1,
      archived: r.archivedAt !== null,
      envelopeCents: r.envelopeCents,
      plannedCents: r.plannedCents,
      actualCents: r.actualCents,
      actualMonths: r.actualMonths,
    }));
}

export function getCategoryRow(db: Db, id: number) {
  return db.select().from(schema.budgetCategories).where(eq(schema.budgetCategories.id, id)).get() ?? null;
}

export function categoryNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.get<{ id: number } | undefined>(sql`SELECT id FROM budget_categories WHERE name = ${name} COLLATE NOCASE`);
  return !!row && row.id !== exceptId;
}

export type CategoryInput = { name: string; group: BudgetGroup; isSalesMarketing: boolean };

/** The stored fields of a category input: `is_it` follows the group. */
function columnsOf(input: CategoryInput) {
  return { name: input.name, group: input.group, isIt: input.group === "it", isSalesMarketing: input.isSalesMarketing };
}

export function createCategory(db: Db, actor: Actor, input: CategoryInput): number {
  return db.transaction((tx) => {
    const next = tx.get<{ n: number }>(sql`SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM budget_categories`).n;
    const row = tx
      .insert(schema.budgetCategories)
      .values({ ...columnsOf(input), sortOrder: next })
      .returning({ id: schema.budgetCategories.id })
      .get();
    recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "budget_category", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateCategory(db: Db, actor: Actor, id: number, input: CategoryInput): boolean {
  return db.transaction((tx) => {
    const before = tx
      .select({ name: schema.budgetCategories.name, group: schema.budgetCategories.group, isSalesMarketing: schema.budgetCategories.isSalesMarketing })
      .from(schema.budgetCategories)
      .where(eq(schema.budgetCategories.id, id))
      .get();
    if (!before) return false;
    tx.update(schema.budgetCategories).set(columnsOf(input)).where(eq(schema.budgetCategories.id, id)).run();
    recordAudit(tx, { actor: { userId: actor.id }, action: "update", entityType: "budget_category", entityId: id, before, after: input });
    return true;
  });
}

export function setCategoryArchived(db: Db, actor: Actor, id: number, archived: boolean, now = Date.now()): boolean {
  return setArchivedAudited(db, actor.id, "budget_category", id, archived, now);
}

/** Sets (or, with null, removes) a category's envelope for a fiscal year. */
export function setEnvelope(db: Db, actor: Actor, categoryId: number, fiscalYear: number, amountCents: number | null): void {
  db.transaction((tx) => {
    const before = tx.get<{ amountCents: number } | undefined>(
      sql`SELECT amount_cents AS amountCents FROM budget_envelopes WHERE category_id = ${categoryId} AND fiscal_year = ${fiscalYear}`,
    );
    if (amountCents === null) {
      tx.run(sql`DELETE FROM budget_envelopes WHERE category_id = ${categoryId} AND fiscal_year = ${fiscalYear}`);
    } else {
      const now = Date.now();
      tx.run(sql`
        INSERT INTO budget_envelopes (category_id, fiscal_year, amount_cents, created_at, updated_at)
        VALUES (${categoryId}, ${fiscalYear}, ${amountCents}, ${now}, ${now})
        ON CONFLICT (category_id, fiscal_year) DO UPDATE SET amount_cents = excluded.amount_cents, updated_at = excluded.updated_at`);
    }
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: amountCents === null ? "delete" : before ? "update" : "create",
      entityType: "budget_envelope",
      entityId: `${categoryId}:${fiscalYear}`,
      before: before ? { categoryId, fiscalYear, amountCents: before.amountCents } : undefined,
      after: amountCents === null ? undefined : { categoryId, fiscalYear, amountCents },
    });
  });
}

/** The IT group's envelope for a fiscal year: Σ of its categories' envelopes, null when none is set. */
export function getItEnvelope(db: Db, fiscalYear: number): number | null {
  return db.get<{ total: number | null }>(sql`
    SELECT SUM(e.amount_cents) AS total FROM budget_envelopes e
      JOIN budget_categories c ON c.id = e.category_id
     WHERE c."group" = 'it' AND e.fiscal_year = ${fiscalYear}`).total;
}
