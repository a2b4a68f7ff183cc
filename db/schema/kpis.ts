import { index, integer, real, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, flag, optionalKey, parentKey } from "./_columns";
import { KPI_DIRECTIONS } from "./enums";
import { cycles } from "./okrs";
import { users } from "./people";

export { KPI_DIRECTIONS };

export const kpis = entityTable("kpis", {
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
  pinned: flag("pinned"),
  sortOrder: integer("sort_order").notNull().default(0),
});

export const kpiTargets = entityTable(
  "kpi_targets",
  {
    kpiId: parentKey("kpi_id", () => kpis.id),
    cycleId: parentKey("cycle_id", () => cycles.id),
    target: real("target").notNull(),
  },
  (t) => [uniqueIndex("kpi_targets_uq").on(t.kpiId, t.cycleId)],
);

export const kpiMeasurements = entityTable(
  "kpi_measurements",
  {
    kpiId: parentKey("kpi_id", () => kpis.id),
    /** 'YYYY-MM-DD' */
    measuredOn: text("measured_on").notNull(),
    value: real("value").notNull(),
    note: text("note"),
    authorUserId: optionalKey("author_user_id", () => users.id),
  },
  (t) => [uniqueIndex("kpi_measurements_uq").on(t.kpiId, t.measuredOn), index("kpi_measurements_on_idx").on(t.measuredOn)],
);
