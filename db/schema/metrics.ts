import { sql } from "drizzle-orm";
import { index, integer, real, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, optionalKey } from "./_columns";
import { TARGET_COMPARISONS } from "./enums";
import { cycles } from "./okrs";
import { users } from "./people";

export { TARGET_COMPARISONS };

/**
 * The company's targets, per catalogue metric (app/lib/metrics/catalogue.ts) and OKR cycle
 * (cycle_id null = open-ended, for every cycle without its own row). Delivery targets are set by
 * the CTO, finance targets by the CEO; product KPI targets stay in kpi_targets (read through the
 * same targetFor()). See docs/decisions/800-metric-catalogue.md.
 */
export const metricTargets = entityTable(
  "metric_targets",
  {
    /** a catalogue metric id, e.g. 'delivery.deploys_per_day' */
    metricId: text("metric_id").notNull(),
    cycleId: integer("cycle_id").references(() => cycles.id, { onDelete: "cascade" }),
    comparison: text("comparison", { enum: TARGET_COMPARISONS }).notNull(),
    /** in the metric's unit (cents, fraction, hours…) */
    value: real("value").notNull(),
    setByUserId: optionalKey("set_by_user_id", () => users.id),
    /** where the target comes from, in a few words */
    note: text("note"),
  },
  (t) => [
    uniqueIndex("metric_targets_uq").on(t.metricId, t.cycleId),
    // SQLite treats NULLs as distinct in a unique index: one open-ended row per metric needs its own
    uniqueIndex("metric_targets_open_uq")
      .on(t.metricId)
      .where(sql`cycle_id IS NULL`),
    index("metric_targets_cycle_idx").on(t.cycleId),
  ],
);
