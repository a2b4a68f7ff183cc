import { type AnySQLiteColumn, integer } from "drizzle-orm/sqlite-core";

/** created/updated instants, UTC milliseconds (data rules: every table has them). */
export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
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
