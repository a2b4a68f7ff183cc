import { index, integer, real, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { entityTable, instant, optionalKey, parentKey } from "./_columns";
import { KR_KINDS } from "./enums";
import { teams, users } from "./people";

export { KR_KINDS };

export const cycles = entityTable("cycles", {
  /** e.g. "2024-Q3" */
  name: text("name").notNull().unique(),
  /** 'YYYY-MM-DD', inclusive */
  startDate: text("start_date").notNull(),
  /** 'YYYY-MM-DD', inclusive */
  endDate: text("end_date").notNull(),
  status: text("status", { enum: ["open", "closed"] })
    .notNull()
    .default("open"),
  closedAt: instant("closed_at"),
});

export const objectives = entityTable(
  "objectives",
  {
    cycleId: parentKey("cycle_id", () => cycles.id),
    title: text("title").notNull(),
    description: text("description"),
    ownerUserId: optionalKey("owner_user_id", () => users.id),
    /** null: a company-level objective */
    teamId: optionalKey("team_id", () => teams.id),
    parentId: optionalKey("parent_id", (): AnySQLiteColumn => objectives.id),
    archivedAt: instant("archived_at"),
    /** frozen when the cycle closes (0–1) */
    closingScore: real("closing_score"),
  },
  (t) => [index("objectives_cycle_idx").on(t.cycleId, t.teamId), index("objectives_parent_idx").on(t.parentId)],
);

export const keyResults = entityTable(
  "key_results",
  {
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
    ownerUserId: optionalKey("owner_user_id", () => users.id),
    /** the KR of an earlier cycle this one carries over */
    carriedFromId: optionalKey("carried_from_id", (): AnySQLiteColumn => keyResults.id),
    archivedAt: instant("archived_at"),
    /** frozen progress when the cycle closes (0–1) */
    finalProgress: real("final_progress"),
  },
  (t) => [
    index("key_results_objective_idx").on(t.objectiveId),
    index("key_results_owner_idx").on(t.ownerUserId),
    index("key_results_metric_idx").on(t.metricId),
  ],
);

export const checkIns = entityTable(
  "check_ins",
  {
    keyResultId: parentKey("key_result_id", () => keyResults.id),
    /** the value checked in; null on a KR linked to a metric (its value is the metric's, never a copy) */
    value: real("value"),
    /** 1–10 */
    confidence: integer("confidence").notNull(),
    note: text("note"),
    authorUserId: optionalKey("author_user_id", () => users.id),
  },
  (t) => [index("check_ins_kr_idx").on(t.keyResultId, t.createdAt)],
);
