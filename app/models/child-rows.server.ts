/** The child rows written with their parent (a gate's criteria, a scenario's funding events, a roadmap item's key results…). */
import { eq } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "~/utils/db.server";

/** Inserts `rows` into `table` in one statement; none: nothing is written. */
export function insertRows<TT extends SQLiteTable>(tx: Pick<Db, "insert">, table: TT, rows: readonly TT["$inferInsert"][]): void {
  if (rows.length > 0)
    tx.insert(table as SQLiteTable)
      .values(rows as SQLiteTable["$inferInsert"][])
      .run();
}

/** Replaces the child rows of a parent: deletes the rows of `table` whose `parentKey` is `parentId`, then inserts `rows`. */
export function replaceChildRows<TT extends SQLiteTable>(
  tx: Pick<Db, "insert" | "delete">,
  table: TT,
  parentKey: SQLiteColumn,
  parentId: number,
  rows: readonly TT["$inferInsert"][],
): void {
  tx.delete(table).where(eq(parentKey, parentId)).run();
  insertRows(tx, table, rows);
}
