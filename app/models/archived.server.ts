/** Archiving a row that keeps its history (a team, a budget category, a compliance framework): the one audited write. */
import { eq } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

const ARCHIVABLE = { team: schema.teams, budget_category: schema.budgetCategories, compliance_framework: schema.complianceFrameworks } as const;

/**
 * Archives (keeping the instant of a first archive) or restores a row, audited as
 * `{ archived }` before → after, in one transaction. False when there is no such row.
 */
export function setArchivedAudited(db: Db, actorUserId: number, entityType: keyof typeof ARCHIVABLE, id: number, archived: boolean, now: number): boolean {
  const table = ARCHIVABLE[entityType];
  return db.transaction((tx) => {
    const before = tx.select({ archivedAt: table.archivedAt }).from(table).where(eq(table.id, id)).get();
    if (!before) return false;
    tx.update(table)
      .set({ archivedAt: archived ? (before.archivedAt ?? new Date(now)) : null })
      .where(eq(table.id, id))
      .run();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: archived ? "archive" : "restore",
      entityType,
      entityId: id,
      before: { archived: before.archivedAt !== null },
      after: { archived },
    });
    return true;
  });
}
