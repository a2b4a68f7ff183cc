import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import { idSchema } from "~/lib/validation.server";
import { getDb } from "~/utils/db.server";

type TableWithId = SQLiteTable & { id: SQLiteColumn };

/**
 * An id that must name an existing row of `table` — the one rule for every form field and API
 * field that refers to another row (a team, an owner, a parent objective, a service…). An unknown
 * id is a 400 with this field's message ("is not a known team"), checked while the input is
 * parsed, before anything is written; without it the write would hit the foreign key and answer 500.
 * Reads the process-wide connection (the one the loader/action writes with; tests install theirs).
 */
export function refIdSchema(table: TableWithId, label: string) {
  return idSchema.refine((id) => getDb().select({ id: table.id }).from(table).where(eq(table.id, id)).get() !== undefined, {
    message: `is not a known ${label}`,
  });
}

/** The same, where the field may be left empty ("" or absent → null). */
export function optionalRefIdSchema(table: TableWithId, label: string) {
  return z.preprocess((v) => (v === "" || v === undefined ? null : v), refIdSchema(table, label).nullable());
}
