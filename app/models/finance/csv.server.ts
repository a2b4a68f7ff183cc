/** Budget CSV (formats of DESIGN.md): export and all-or-nothing import; the snapshot CSV columns. */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { serverT, translateMessage } from "~/i18n/translate.server";
import { parseCsv, toCsv, type CsvRowError } from "~/lib/csv";
import { eurosFromCents } from "~/lib/format";
import { budgetCsvRowSchema } from "~/lib/schemas/finance.server";
import { recordAudit } from "~/models/audit.server";
import { type FinanceWriter, auditActorOf, listBudgetCategories, writerMayEditCategory } from "~/models/finance/budget.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// CSV (formats of DESIGN.md) — schemas are server-only (zod)
// ---------------------------------------------------------------------------------------------

export const BUDGET_CSV_HEADERS = ["month", "category", "planned", "actual"] as const;
export const SNAPSHOT_CSV_HEADERS = ["month", "cash", "revenue", "mrr", "customers", "new_customers", "churned_customers", "financing"] as const;
/** Snapshot columns a file may leave out (files written before they existed still import): cost_of_revenue, empty = not recorded. */
export const SNAPSHOT_CSV_OPTIONAL_HEADERS = ["cost_of_revenue"] as const;
/** Every snapshot column, as exported and in the template. */
export const SNAPSHOT_CSV_ALL_HEADERS = [...SNAPSHOT_CSV_HEADERS, ...SNAPSHOT_CSV_OPTIONAL_HEADERS] as const;

/** At most this many data rows per imported file. */
export const MAX_IMPORT_ROWS = 20_000;

/** A refused file's row errors in the reader's language (messages marked N_ are keys; serverT ones already are). */
export function translatedCsvErrors(errors: readonly CsvRowError[]): CsvRowError[] {
  return errors.map((e) => ({ ...e, message: translateMessage(e.message) }));
}

export type ImportResult = { ok: true; created: number; updated: number; rows: number } | { ok: false; errors: CsvRowError[] };

/** Budget lines as CSV rows (month, category order) for [fromMonth, toMonth]. */
export function exportBudgetCsv(db: Db, opts: { fromMonth: string; toMonth: string }): string {
  const rows = db.all<{ month: string; category: string; plannedCents: number; actualCents: number | null }>(sql`
    SELECT bl.month, c.name AS category, bl.planned_cents AS plannedCents, bl.actual_cents AS actualCents
      FROM budget_lines bl JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
     ORDER BY bl.month, c.sort_order, c.name`);
  return toCsv(
    BUDGET_CSV_HEADERS,
    rows.map((r) => [r.month, r.category, eurosFromCents(r.plannedCents), r.actualCents === null ? "" : eurosFromCents(r.actualCents)]),
  );
}

/**
 * Imports budget lines (CSV `month,category,planned,actual`), all or nothing: every bad row and
 * field is named (unknown category, a category the writer may not edit, a repeated
 * month+category, bad amounts); otherwise each row creates or updates its line. In the same
 * transaction: an audit entry per line that changed (before → after) and one for the import (counts).
 */
export function importBudgetCsv(db: Db, writer: FinanceWriter, text: string, source: string): ImportResult {
  const categories = listBudgetCategories(db);
  const byName = new Map(categories.map((c) => [c.name.toLowerCase(), c]));
  // Category checks run inside the row schema so one pass names every bad row and field.
  const seen = new Set<string>();
  const schema = budgetCsvRowSchema.transform((r, ctx) => {
    const cat = byName.get(r.category.trim().toLowerCase());
    if (!cat) {
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: serverT('unknown category "{{name}}" (known: {{known}})', { name: r.category, known: categories.map((c) => c.name).join(", ") }),
      });
      return z.NEVER;
    }
    if (!writerMayEditCategory(writer, cat.isIt)) {
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: serverT("you may not edit the budget of {{name}} (IT categories only)", { name: cat.name }),
      });
      return z.NEVER;
    }
    const key = `${r.month}|${cat.id}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: serverT("{{month}} {{name}} appears on an earlier row too", { month: r.month, name: cat.name }),
      });
      return z.NEVER;
    }
    seen.add(key);
    return { categoryId: cat.id, month: r.month, plannedCents: r.planned, actualCents: r.actual ?? null };
  });
  const parsed = parseCsv(text, schema, { headers: BUDGET_CSV_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: translatedCsvErrors(parsed.errors) };
  const resolved = parsed.rows;

  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const months = resolved.map((r) => r.month).sort();
    // the lines of the months the file touches, to record each change before → after
    const existing = new Map(
      months.length === 0
        ? []
        : t
            .all<{ k: string; plannedCents: number; actualCents: number | null }>(
              sql`SELECT month || '|' || category_id AS k, planned_cents AS plannedCents, actual_cents AS actualCents
                  FROM budget_lines WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]}`,
            )
            .map((r) => [r.k, r] as const),
    );
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const now = Date.now();
    const stmt = db.$client.prepare(`
      INSERT INTO budget_lines (category_id, month, planned_cents, actual_cents, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (month, category_id) DO UPDATE SET
        planned_cents = excluded.planned_cents, actual_cents = excluded.actual_cents, updated_at = excluded.updated_at
      RETURNING id`);
    let created = 0;
    for (const r of resolved) {
      const before = existing.get(`${r.month}|${r.categoryId}`);
      if (!before) created += 1;
      const { id } = stmt.get(r.categoryId, r.month, r.plannedCents, r.actualCents, now, now) as { id: number };
      if (before && before.plannedCents === r.plannedCents && before.actualCents === r.actualCents) continue;
      const category = categoryName.get(r.categoryId);
      recordAudit(tx, {
        actor: auditActorOf(writer),
        action: before ? "update" : "create",
        entityType: "budget_line",
        entityId: id,
        before: before ? { category, month: r.month, plannedCents: before.plannedCents, actualCents: before.actualCents } : null,
        after: { category, month: r.month, plannedCents: r.plannedCents, actualCents: r.actualCents, source },
      });
    }
    return auditedImport(tx, writer, { entityType: "budget_line", source, months, rows: resolved.length, created });
  });
}

/**
 * A finance CSV import's one summary audit entry (its counts and the months it spans, `months`
 * sorted), written in the import's transaction, and the import's answer.
 */
export function auditedImport(
  tx: Pick<Db, "insert">,
  writer: FinanceWriter,
  r: { entityType: "budget_line" | "finance_snapshot"; source: string; months: readonly string[]; rows: number; created: number },
): ImportResult & { ok: true } {
  const { entityType, source, months, rows, created } = r;
  const updated = rows - created;
  recordAudit(tx, {
    actor: auditActorOf(writer),
    action: "import",
    entityType,
    entityId: null,
    before: null,
    after: { source, rows, created, updated, fromMonth: months[0] ?? null, toMonth: months[months.length - 1] ?? null },
  });
  return { ok: true as const, created, updated, rows };
}
