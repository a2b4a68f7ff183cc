import type { BuildColumns } from "drizzle-orm";
import { type AnySQLiteColumn, integer, type SQLiteColumnBuilderBase, sqliteTable, type SQLiteTableExtraConfigValue } from "drizzle-orm/sqlite-core";

/** An instant, UTC milliseconds (`integer(name, { mode: "timestamp_ms" })`); chain `.notNull()` where required. */
export const instant = (name: string) => integer(name, { mode: "timestamp_ms" });

/** created/updated instants, UTC milliseconds (data rules: every table has them). */
export const timestamps = {
  createdAt: instant("created_at")
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: instant("updated_at")
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date()),
};

export const id = () => integer("id").primaryKey({ autoIncrement: true });

/**
 * The required key to a parent row: `integer(name).notNull().references(parent, { onDelete })`
 * (a child row goes with its parent unless told to restrict).
 */
export const parentKey = (name: string, parent: () => AnySQLiteColumn, onDelete: "cascade" | "restrict" = "cascade") =>
  integer(name).notNull().references(parent, { onDelete });

/**
 * An optional key to another row (a user who did something, a team, a cause): `integer(name)
 * .references(target, { onDelete: "set null" })` — the row stays, the key is cleared, when the target goes.
 */
export const optionalKey = (name: string, target: () => AnySQLiteColumn) => integer(name).references(target, { onDelete: "set null" });

/** A required yes/no column, false unless told: `integer(name, { mode: "boolean" }).notNull().default(byDefault)`. */
export const flag = (name: string, byDefault = false) => integer(name, { mode: "boolean" }).notNull().default(byDefault);

/** The columns of an entity table: its id first, its own columns, the created/updated instants last. */
type EntityColumns<TColumns> = { id: ReturnType<typeof id> } & TColumns & typeof timestamps;

/**
 * A table of entities (data rules: every entity has an id and its created/updated instants):
 * `sqliteTable(name, { id: id(), ...columns, ...timestamps }, extraConfig)`.
 */
export const entityTable = <TName extends string, TColumns extends Record<string, SQLiteColumnBuilderBase>>(
  name: TName,
  columns: TColumns,
  extraConfig?: (self: BuildColumns<TName, EntityColumns<TColumns>, "sqlite">) => SQLiteTableExtraConfigValue[],
) => sqliteTable(name, { id: id(), ...columns, ...timestamps }, extraConfig);
