import { index, integer, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, optionalKey } from "./_columns";
import { users } from "./people";

export const BOARD_PACK_STATUSES = ["draft", "published"] as const;

/**
 * The monthly board pack of month M ('YYYY-MM', a closed month). A draft holds only the CEO's
 * commentary (its figures are read live); publishing stores every figure with the catalogue metric
 * id it came from (`figures`, JSON, app/lib/board-pack.ts BoardPackFigures) and freezes the row:
 * a published pack never changes afterwards.
 */
export const boardPacks = entityTable(
  "board_packs",
  {
    month: text("month").notNull(),
    status: text("status", { enum: BOARD_PACK_STATUSES }).notNull().default("draft"),
    /** section id → the CEO's commentary (plain text) */
    commentary: text("commentary", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    /** the frozen figures (null while a draft) */
    figures: text("figures", { mode: "json" }).$type<unknown>(),
    publishedAt: integer("published_at"),
    publishedByUserId: optionalKey("published_by_user_id", () => users.id),
  },
  (t) => [uniqueIndex("board_packs_month_uq").on(t.month), index("board_packs_status_month_idx").on(t.status, t.month)],
);
