import { index, integer, real, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, optionalKey } from "./_columns";
import { MILESTONE_COMPARISONS, MILESTONE_STATUSES } from "./enums";
import { users } from "./people";

/**
 * The multi-year plan: a yearly target per catalogue metric (value in the metric's unit, as at
 * the end of the calendar year), and dated milestones. docs/decisions/901-multi-year-plan.md
 */
export const planTargets = entityTable(
  "plan_targets",
  {
    /** a catalogue metric id */
    metricId: text("metric_id").notNull(),
    /** calendar year */
    year: integer("year").notNull(),
    value: real("value").notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("plan_targets_uq").on(t.metricId, t.year)],
);

export const milestones = entityTable(
  "milestones",
  {
    title: text("title").notNull(),
    /** 'YYYY-MM-DD' */
    dueDate: text("due_date").notNull(),
    /** linked condition on a catalogue metric; null metric = a manual milestone */
    metricId: text("metric_id"),
    comparison: text("comparison", { enum: MILESTONE_COMPARISONS }),
    value: real("value"),
    /** manual milestones: set by a person */
    status: text("status", { enum: MILESTONE_STATUSES }).notNull().default("pending"),
    evidence: text("evidence"),
    updatedByUserId: optionalKey("updated_by_user_id", () => users.id),
  },
  (t) => [index("milestones_due_idx").on(t.dueDate)],
);
