import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { id, parentKey, timestamps } from "./_columns";
import { KR_KINDS } from "./enums";
import { teams, users } from "./people";

export { KR_KINDS };

export const cycles = sqliteTable("cycles", {
  id: id(),
  /** e.g. "2024-Q3" */
  name: text("name").notNull().unique(),
  /** 'YYYY-MM-DD', inclusive */
  startDate: text("start_date").notNull(),
  /** 'YYYY-MM-DD', inclusive */
  endDate: text("end_date").notNull(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  closedAt: integer("closed_at", { mode: "timestamp_ms" }),
  ...timestamps,
});

export const objectives = sqliteTable(
  "objectives",
  {
    id: id(),
    cycleId: parentKey("cycle_id", () => cycles.id),
    title: text("title").notNull(),
    description: text("description"),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    /** null: a company-level objective */
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => objectives.id, { onDelete: "set null" }),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    /** frozen when the cycle closes (0–1) */
    closingScore: real("closing_score"),
    ...timestamps,
  },
  (t) => [index("objectives_cycle_idx").on(t.cycleId, t.teamId), index("objectives_parent_idx").on(t.parentId)],
);

export const keyResults = sqliteTable(
  "key_results",
  {
    id: id(),
    objectiveId: parentKey("objective_id", () => objectives.id),
    title: text("title").notNull(),
    kind: text("kind", { enum: KR_KINDS }).notNull(),
    /** currency KRs hold cents; percent KRs 0–100; boolean KRs 0 or 1 */
    startValue: real("start_value").notNull().default(0),
    targetValue: real("target_value").notNull(),
    /**
     * Unlinked KRs: the latest check-in's value. Linked KRs (metric_id set): not read while the cycle
     * is open (the value comes from the catalogue metric); frozen to the metric's value at closing.
     */
    currentValue: real("current_value").notNull().default(0),
    unit: text("unit"),
    /**
     * A catalogue metric id (app/lib/metrics/catalogue.ts, e.g. 'finance.mrr', 'kpi.nps'): the KR's
     * current value and history are the metric's own; check-ins then record only confidence and a
     * note. null: a manual KR. See docs/decisions/801-key-results-linked-to-metrics.md.
     */
    metricId: text("metric_id"),
    weight: real("weight").notNull().default(1),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    /** the KR of an earlier cycle this one carries over */
    carriedFromId: integer("carried_from_id").references((): AnySQLiteColumn => keyResults.id, {
      onDelete: "set null",
    }),
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    /** frozen progress when the cycle closes (0–1) */
    finalProgress: real("final_progress"),
    ...timestamps,
  },
  (t) => [
    index("key_results_objective_idx").on(t.objectiveId),
    index("key_results_owner_idx").on(t.ownerUserId),
    index("key_results_metric_idx").on(t.metricId),
  ],
);

export const checkIns = sqliteTable(
  "check_ins",
  {
    id: id(),
    keyResultId: parentKey("key_result_id", () => keyResults.id),
    /** the value checked in; null on a KR linked to a metric (its value is the metric's, never a copy) */
    value: real("value"),
    /** 1–10 */
    confidence: integer("confidence").notNull(),
    note: text("note"),
    authorUserId: integer("author_user_id").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("check_ins_kr_idx").on(t.keyResultId, t.createdAt)],
);
