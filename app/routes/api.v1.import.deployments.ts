/**
 * POST /api/v1/import/deployments — scope import:write, body text/csv in the DESIGN.md format.
 * All or nothing: 400 lists every bad row and field; otherwise the counts of rows created / updated
 * (201 when something was created, else 200).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { csvFieldErrors, importDeploymentsCsv, runDeliveryApi } from "~/models/delivery.server";
import { apiError, apiJson, readBodyText, requireApiToken, requireMethod } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return runDeliveryApi(() => {
    requireMethod(request, "POST");
    return apiError(405, "Use POST.");
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return runDeliveryApi(async () => {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "import:write");
    const text = await readBodyText(request, "text/csv");
    const result = importDeploymentsCsv(getDb(), text, { tokenId: principal.tokenId });
    if (!result.ok) {
      return apiJson({ error: "The CSV file was rejected; nothing was imported.", errors: result.errors, fieldErrors: csvFieldErrors(result.errors) }, 400);
    }
    const { ok: _ok, ...counts } = result;
    return apiJson(counts, result.created > 0 ? 201 : 200);
  });
}
