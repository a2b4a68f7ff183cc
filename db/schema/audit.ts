import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id } from "./_columns";
import { apiTokens, users } from "./people";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: integer("at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorTokenId: integer("actor_token_id").references(() => apiTokens.id, { onDelete: "set null" }),
    /** create | update | delete | import | login | ... */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** JSON */
    before: text("before"),
    /** JSON */
    after: text("after"),
    /** created/updated: an audit entry is written once and never updated */
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_entity_idx").on(t.entityType, t.at), index("audit_actor_idx").on(t.actorUserId, t.at)],
);
