import { index, integer, text } from "drizzle-orm/sqlite-core";
import { entityTable, instant, optionalKey } from "./_columns";
import { REQUISITION_STATUSES, PRIORITIES } from "./enums";
import { objectives } from "./okrs";
import { teams, users } from "./people";

export { REQUISITION_STATUSES, PRIORITIES };

export const requisitions = entityTable(
  "requisitions",
  {
    title: text("title").notNull(),
    teamId: optionalKey("team_id", () => teams.id),
    profile: text("profile"),
    priority: text("priority", { enum: PRIORITIES }).notNull().default("P1"),
    /** 'YYYY-MM' */
    targetStartMonth: text("target_start_month").notNull(),
    /** annual gross salary, cents — sensitive: see permissions */
    annualSalaryCents: integer("annual_salary_cents").notNull(),
    source: text("source"),
    status: text("status", { enum: REQUISITION_STATUSES }).notNull().default("planned"),
    objectiveId: optionalKey("objective_id", () => objectives.id),
    proposedByUserId: optionalKey("proposed_by_user_id", () => users.id),
    /**
     * When the status last changed (set on creation and by every write that changes the status; the
     * inbox's stale-requisition rule reads it, decision 022). Null only on rows no write has set it on.
     */
    statusChangedAt: instant("status_changed_at").$defaultFn(() => new Date()),
  },
  (t) => [
    index("requisitions_team_idx").on(t.teamId),
    index("requisitions_status_month_idx").on(t.status, t.targetStartMonth),
    index("requisitions_status_changed_idx").on(t.status, t.statusChangedAt),
  ],
);
