import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, instant, optionalKey } from "./_columns";
import { apiTokens, users } from "./people";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: instant("at")
      .notNull()
      .$defaultFn(() => new Date()),
    actorUserId: optionalKey("actor_user_id", () => users.id),
    actorTokenId: optionalKey("actor_token_id", () => apiTokens.id),
    /** create | update | delete | import | login | ... */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** JSON */
    before: text("before"),
    /** JSON */
    after: text("after"),
    /** created/updated: an audit entry is written once and never updated */
    createdAt: instant("created_at")
      .notNull()
      .$defaultFn(() => new Date()),
    updatedAt: instant("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("audit_at_idx").on(t.at), index("audit_entity_idx").on(t.entityType, t.at), index("audit_actor_idx").on(t.actorUserId, t.at)],
);
