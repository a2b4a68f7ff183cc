/**
 * POST /api/v1/import/deployments — scope import:write, body text/csv in the DESIGN.md format; all or
 * nothing (see csvImportResponse).
 */
import { importDeploymentsCsv } from "~/models/delivery.server";
import { csvImportRoute } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

export const { loader, action } = csvImportRoute((principal, text) => importDeploymentsCsv(getDb(), text, { tokenId: principal.tokenId }));
