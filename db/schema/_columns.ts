import { integer } from "drizzle-orm/sqlite-core";

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
