/** Finance snapshots (one per closed month): list, export, save and CSV import. */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, toCsv } from "~/lib/csv";
import { eurosFromCents } from "~/lib/format";
import { snapshotCsvRowSchema } from "~/lib/schemas/finance.server";
import { recordAudit } from "~/models/audit.server";
import { FinancePermissionError, type FinanceWriter, auditActorOf, writerMayEditSnapshots } from "~/models/finance/budget.server";
import {
  auditedImport,
  type ImportResult,
  MAX_IMPORT_ROWS,
  SNAPSHOT_CSV_ALL_HEADERS,
  SNAPSHOT_CSV_HEADERS,
  SNAPSHOT_CSV_OPTIONAL_HEADERS,
  translatedCsvErrors,
} from "~/models/finance/csv.server";
import type { Db, schema } from "~/utils/db.server";

/** A finance snapshot as the pages and the CSV read it: the table's columns without its timestamps (costOfRevenueCents null: not recorded). */
export type FinanceSnapshotRow = Omit<typeof schema.financeSnapshots.$inferSelect, "createdAt" | "updatedAt">;
export type SnapshotInput = Omit<FinanceSnapshotRow, "id">;

const SNAPSHOT_COLUMNS = sql`id, month, cash_cents AS cashCents, revenue_cents AS revenueCents, mrr_cents AS mrrCents,
  customers, new_customers AS newCustomers, churned_customers AS churnedCustomers, financing_cents AS financingCents,
  cost_of_revenue_cents AS costOfRevenueCents`;

export function getSnapshot(db: Db, month: string): FinanceSnapshotRow | null {
  return db.get<FinanceSnapshotRow | undefined>(sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE month = ${month}`) ?? null;
}

export const SNAPSHOT_SORTS = {
  month: sql`month`,
  cashCents: sql`cash_cents`,
  revenueCents: sql`revenue_cents`,
  mrrCents: sql`mrr_cents`,
  customers: sql`customers`,
  newCustomers: sql`new_customers`,
  churnedCustomers: sql`churned_customers`,
  financingCents: sql`financing_cents`,
  costOfRevenueCents: sql`cost_of_revenue_cents`,
} as const;
export type SnapshotSort = keyof typeof SNAPSHOT_SORTS;

/**
 * One page of snapshots, sorted and filtered in SQL. `q` filters on the month text
 * (e.g. "2025" or "2025-0"); from/to bound the month.
 */
export function listSnapshots(
  db: Db,
  opts: { sort: SnapshotSort; desc: boolean; limit: number; offset: number; q?: string; fromMonth?: string; toMonth?: string },
): { rows: FinanceSnapshotRow[]; total: number } {
  const where = [sql`1 = 1`];
  if (opts.q) where.push(sql`month LIKE ${`%${opts.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  if (opts.fromMonth) where.push(sql`month >= ${opts.fromMonth}`);
  if (opts.toMonth) where.push(sql`month <= ${opts.toMonth}`);
  const cond = sql.join(where, sql` AND `);
  const order = sql`${SNAPSHOT_SORTS[opts.sort]} ${opts.desc ? sql`DESC` : sql`ASC`}, month ${opts.desc ? sql`DESC` : sql`ASC`}`;
  const rows = db.all<FinanceSnapshotRow>(
    sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE ${cond} ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM finance_snapshots WHERE ${cond}`)!.n;
  return { rows, total };
}

export function exportSnapshotsCsv(db: Db): string {
  const rows = db.all<FinanceSnapshotRow>(sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots ORDER BY month`);
  return toCsv(
    SNAPSHOT_CSV_ALL_HEADERS,
    rows.map((r) => [
      r.month,
      eurosFromCents(r.cashCents),
      eurosFromCents(r.revenueCents),
      eurosFromCents(r.mrrCents),
      r.customers,
      r.newCustomers,
      r.churnedCustomers,
      eurosFromCents(r.financingCents),
      r.costOfRevenueCents === null ? "" : eurosFromCents(r.costOfRevenueCents),
    ]),
  );
}

function upsertSnapshotStatement(t: Db, s: SnapshotInput, now: number): number {
  return t.get<{ id: number }>(sql`
    INSERT INTO finance_snapshots (month, cash_cents, revenue_cents, mrr_cents, customers, new_customers,
                                   churned_customers, financing_cents, cost_of_revenue_cents, created_at, updated_at)
    VALUES (${s.month}, ${s.cashCents}, ${s.revenueCents}, ${s.mrrCents}, ${s.customers}, ${s.newCustomers},
            ${s.churnedCustomers}, ${s.financingCents}, ${s.costOfRevenueCents}, ${now}, ${now})
    ON CONFLICT (month) DO UPDATE SET
      cash_cents = excluded.cash_cents, revenue_cents = excluded.revenue_cents, mrr_cents = excluded.mrr_cents,
      customers = excluded.customers, new_customers = excluded.new_customers,
      churned_customers = excluded.churned_customers, financing_cents = excluded.financing_cents,
      cost_of_revenue_cents = excluded.cost_of_revenue_cents,
      updated_at = excluded.updated_at
    RETURNING id`)!.id;
}

/** A snapshot's stored fields without its id (what an audit entry keeps of it). */
function snapshotFields(row: FinanceSnapshotRow): Omit<FinanceSnapshotRow, "id"> {
  const { id: _id, ...fields } = row;
  return fields;
}

/** The audit entry of one snapshot written: a create, or an update with its fields before. */
function auditSnapshotWrite(tx: Pick<Db, "insert">, writer: FinanceWriter, id: number, before: FinanceSnapshotRow | null | undefined, after: unknown): void {
  recordAudit(tx, {
    actor: auditActorOf(writer),
    action: before ? "update" : "create",
    entityType: "finance_snapshot",
    entityId: id,
    before: before ? snapshotFields(before) : null,
    after,
  });
}

/** A snapshot as the form and a CSV row give it, amounts already in cents (the form's field names). */
export type SnapshotEntry = {
  month: string;
  cash: number;
  revenue: number;
  mrr: number;
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
  /** empty = 0 */
  financing?: number;
  /** empty = not recorded (the month has no gross margin) */
  costOfRevenue?: number;
};

/** The one mapping of an entered snapshot (form or CSV row) to the stored one. */
export function snapshotInputFrom(s: SnapshotEntry): SnapshotInput {
  return {
    month: s.month,
    cashCents: s.cash,
    revenueCents: s.revenue,
    mrrCents: s.mrr,
    customers: s.customers,
    newCustomers: s.newCustomers,
    churnedCustomers: s.churnedCustomers,
    financingCents: s.financing ?? 0,
    costOfRevenueCents: s.costOfRevenue ?? null,
  };
}

/** Creates or updates the snapshot of a month (CEO only: finance edits outside IT). */
export function saveSnapshot(db: Db, writer: FinanceWriter, input: SnapshotInput): { id: number; created: boolean } {
  if (!writerMayEditSnapshots(writer)) throw new FinancePermissionError("Only the CEO may edit finance snapshots.");
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = getSnapshot(t, input.month);
    const id = upsertSnapshotStatement(t, input, Date.now());
    auditSnapshotWrite(tx, writer, id, before, input);
    return { id, created: !before };
  });
}

/**
 * Imports finance snapshots (CSV of DESIGN.md), all or nothing, one audit entry with the counts.
 * A repeated month is an error; a writer who may not edit snapshots gets an error on every row.
 */
export function importSnapshotsCsv(db: Db, writer: FinanceWriter, text: string, source: string): ImportResult {
  const allowed = writerMayEditSnapshots(writer);
  const seen = new Set<string>();
  const schema = snapshotCsvRowSchema.transform((r, ctx): SnapshotInput => {
    if (!allowed) {
      ctx.addIssue({ code: "custom", path: [], message: N_("only the CEO may edit finance snapshots") });
      return z.NEVER;
    }
    if (r.new_customers > r.customers) {
      ctx.addIssue({ code: "custom", path: ["new_customers"], message: N_("must not exceed customers") });
      return z.NEVER;
    }
    if (seen.has(r.month)) {
      ctx.addIssue({ code: "custom", path: ["month"], message: serverT("{{month}} appears on an earlier row too", { month: r.month }) });
      return z.NEVER;
    }
    seen.add(r.month);
    return snapshotInputFrom({ ...r, newCustomers: r.new_customers, churnedCustomers: r.churned_customers, costOfRevenue: r.cost_of_revenue });
  });
  const parsed = parseCsv(text, schema, { headers: SNAPSHOT_CSV_HEADERS, optionalHeaders: SNAPSHOT_CSV_OPTIONAL_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: translatedCsvErrors(parsed.errors) };
  const inputs = parsed.rows;
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const now = Date.now();
    const months = inputs.map((s) => s.month).sort();
    // the snapshots of the months the file spans, read once (each change is audited before → after)
    const existing = new Map(
      months.length === 0
        ? []
        : t
            .all<FinanceSnapshotRow>(
              sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]}`,
            )
            .map((r) => [r.month, r] as const),
    );
    let created = 0;
    for (const s of inputs) {
      const before = existing.get(s.month);
      if (!before) created += 1;
      const id = upsertSnapshotStatement(t, s, now);
      const beforeFields = before ? snapshotFields(before) : null;
      if (beforeFields && JSON.stringify(beforeFields) === JSON.stringify({ ...beforeFields, ...s })) continue;
      // each snapshot that changed: before → after, in the import's transaction
      auditSnapshotWrite(tx, writer, id, before, { ...s, source });
    }
    return auditedImport(tx, writer, { entityType: "finance_snapshot", source, months, rows: inputs.length, created });
  });
}
