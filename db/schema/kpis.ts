import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, parentKey, timestamps } from "./_columns";
import { KPI_DIRECTIONS } from "./enums";
import { cycles } from "./okrs";
import { users } from "./people";

export { KPI_DIRECTIONS };

export const kpis = sqliteTable("kpis", {
  id: id(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  unit: text("unit"),
  direction: text("direction", { enum: KPI_DIRECTIONS }).notNull(),
  /** product | technical | business */
  category: text("category").notNull().default("product"),
  description: text("description"),
  /**
   * "manual": measurements entered; otherwise the catalogue metric id the KPI IS (e.g.
   * 'finance.customers'; the legacy 'delivery.deployments_per_day' reads delivery.deploys_per_day).
   * Validated against the catalogue by the KPI form (app/lib/metrics/links.ts).
   */
  source: text("source").notNull().default("manual"),
  /** shown on the executive dashboard (value, target, trend) */
  pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
  sortOrder: integer("sort_order").notNull().default(0),
  ...timestamps,
});

export const kpiTargets = sqliteTable(
  "kpi_targets",
  {
    id: id(),
    kpiId: parentKey("kpi_id", () => kpis.id),
    cycleId: parentKey("cycle_id", () => cycles.id),
    target: real("target").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("kpi_targets_uq").on(t.kpiId, t.cycleId)],
);

export const kpiMeasurements = sqliteTable(
  "kpi_measurements",
  {
    id: id(),
    kpiId: parentKey("kpi_id", () => kpis.id),
    /** 'YYYY-MM-DD' */
    measuredOn: text("measured_on").notNull(),
    value: real("value").notNull(),
    note: text("note"),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("kpi_measurements_uq").on(t.kpiId, t.measuredOn), index("kpi_measurements_on_idx").on(t.measuredOn)],
);
