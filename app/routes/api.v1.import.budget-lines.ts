import { importBudgetCsv, tokenCreatorActor } from "~/models/finance.server";
import { csvImportRoute } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * POST /api/v1/import/budget-lines (scope import:write), text/csv `month,category,planned,actual`;
 * all or nothing (see csvImportResponse). A token acts with its creator's finance rights (a CTO's
 * token: IT categories only).
 */
export const { loader, action } = csvImportRoute((principal, text) => {
  const db = getDb();
  const writer = { kind: "token" as const, tokenId: principal.tokenId, creator: tokenCreatorActor(db, principal.tokenId) };
  return importBudgetCsv(db, writer, text, `api:${principal.name}`);
});
