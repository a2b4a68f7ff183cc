import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./_columns";
import { KPI_DIRECTIONS, KPI_SOURCES } from "./enums";
import { cycles } from "./okrs";
import { users } from "./people";

export { KPI_DIRECTIONS, KPI_SOURCES };

export const kpis = sqliteTable("kpis", {
  id: id(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  unit: text("unit"),
  direction: text("direction", { enum: KPI_DIRECTIONS }).notNull(),
  /** product | technical | business */
  category: text("category").notNull().default("product"),
  description: text("description"),
  /** "manual": measurements entered; otherwise computed from another domain when it has data */
  source: text("source", { enum: KPI_SOURCES }).notNull().default("manual"),
  sortOrder: integer("sort_order").notNull().default(0),
  ...timestamps,
});

export const kpiTargets = sqliteTable(
  "kpi_targets",
  {
    id: id(),
    kpiId: integer("kpi_id")
      .notNull()
      .references(() => kpis.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id, { onDelete: "cascade" }),
    target: real("target").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("kpi_targets_uq").on(t.kpiId, t.cycleId)],
);

export const kpiMeasurements = sqliteTable(
  "kpi_measurements",
  {
    id: id(),
    kpiId: integer("kpi_id")
      .notNull()
      .references(() => kpis.id, { onDelete: "cascade" }),
    /** 'YYYY-MM-DD' */
    measuredOn: text("measured_on").notNull(),
    value: real("value").notNull(),
    note: text("note"),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("kpi_measurements_uq").on(t.kpiId, t.measuredOn), index("kpi_measurements_on_idx").on(t.measuredOn)],
);
