import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { entityTable, optionalKey, parentKey } from "./_columns";
import { ROADMAP_STATUSES } from "./enums";
import { keyResults } from "./okrs";
import { teams, users } from "./people";

/** A roadmap item of a squad: CORE-01 "Kubernetes production migration", its quarter, status, owner. */
export const roadmapItems = entityTable(
  "roadmap_items",
  {
    /** unique, upper case, e.g. CORE-01 */
    key: text("key").notNull().unique(),
    title: text("title").notNull(),
    teamId: parentKey("team_id", () => teams.id, "restrict"),
    /** 'YYYY-Qn' */
    quarter: text("quarter").notNull(),
    /** free text, e.g. "Sprint 1-2" */
    sprint: text("sprint"),
    status: text("status", { enum: ROADMAP_STATUSES }).notNull().default("planned"),
    ownerUserId: optionalKey("owner_user_id", () => users.id),
  },
  (t) => [index("roadmap_items_team_idx").on(t.teamId, t.status), index("roadmap_items_quarter_idx").on(t.quarter)],
);

/** The key results a roadmap item serves. */
export const roadmapItemKeyResults = sqliteTable(
  "roadmap_item_key_results",
  {
    itemId: parentKey("item_id", () => roadmapItems.id),
    keyResultId: parentKey("key_result_id", () => keyResults.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.keyResultId] }), index("roadmap_item_kr_kr_idx").on(t.keyResultId)],
);
