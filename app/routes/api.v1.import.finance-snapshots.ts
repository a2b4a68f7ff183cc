import { importSnapshotsCsv, tokenCreatorActor } from "~/models/finance.server";
import { csvImportRoute } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * POST /api/v1/import/finance-snapshots (scope import:write), text/csv
 * `month,cash,revenue,mrr,customers,new_customers,churned_customers,financing`; all or nothing (see
 * csvImportResponse). A token acts with its creator's finance rights (only a CEO's token may write snapshots).
 */
export const { loader, action } = csvImportRoute((principal, text) => {
  const db = getDb();
  const writer = { kind: "token" as const, tokenId: principal.tokenId, creator: tokenCreatorActor(db, principal.tokenId) };
  return importSnapshotsCsv(db, writer, text, `api:${principal.name}`);
});
