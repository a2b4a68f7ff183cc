/**
 * POST /api/v1/import/incidents — scope import:write, body text/csv in the DESIGN.md format; all or
 * nothing (see csvImportResponse).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { importIncidentsCsv } from "~/models/delivery.server";
import { apiError, csvImportResponse } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

export async function action({ request }: ActionFunctionArgs) {
  return csvImportResponse(request, (principal, text) => importIncidentsCsv(getDb(), text, { tokenId: principal.tokenId }));
}

export async function loader() {
  return apiError(405, "Use POST with a text/csv body.");
}
