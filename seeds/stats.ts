/** Row counts per table, for the seed script's report and the tests. */
import { count, is } from "drizzle-orm";
import { SQLiteTable, getTableConfig } from "drizzle-orm/sqlite-core";
import { schema } from "../db/client";
import type { DbWriter } from "./builders";

/** Every table of the schema, by SQL name. */
export function schemaTables(): SQLiteTable[] {
  const values: unknown[] = Object.values(schema);
  return values.filter((v): v is SQLiteTable => is(v, SQLiteTable));
}

export function tableCounts(db: DbWriter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of schemaTables()) {
    out[getTableConfig(table).name] = db.select({ n: count() }).from(table).get()?.n ?? 0;
  }
  return out;
}
