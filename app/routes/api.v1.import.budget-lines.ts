import type { ActionFunctionArgs } from "@remix-run/node";
import { importBudgetCsv, tokenCreatorActor } from "~/models/finance.server";
import { apiError, apiJson, readBodyText, requireApiToken, requireMethod } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * POST /api/v1/import/budget-lines (scope import:write), text/csv `month,category,planned,actual`.
 * All or nothing: 200 {created, updated, rows} or 400 {error, fieldErrors: {"row 3.category": [...]}, errors: [{row, field, message}]}.
 * A token acts with its creator's finance rights (a CTO's token: IT categories only).
 */
export async function action({ request }: ActionFunctionArgs) {
  try {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "import:write");
    const text = await readBodyText(request, "text/csv");
    const db = getDb();
    const result = importBudgetCsv(
      db,
      { kind: "token", tokenId: principal.tokenId, creator: tokenCreatorActor(db, principal.tokenId) },
      text,
      `api:${principal.name}`,
    );
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> = {};
      for (const e of result.errors) (fieldErrors[e.field ? `row ${e.row}.${e.field}` : `row ${e.row}`] ??= []).push(e.message);
      return apiJson({ error: "The file was not imported: fix every row listed and send it again.", fieldErrors, errors: result.errors }, 400);
    }
    return apiJson({ created: result.created, updated: result.updated, rows: result.rows });
  } catch (err) {
    if (err instanceof Response) return err;
    console.error(err);
    return apiError(500, "Internal error: nothing was imported.");
  }
}

export async function loader() {
  return apiError(405, "Use POST with a text/csv body.");
}
