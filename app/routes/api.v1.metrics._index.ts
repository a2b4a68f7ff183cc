import type { LoaderFunctionArgs } from "@remix-run/node";
import { MetricsApiQuerySchema } from "~/lib/schemas/metrics.server";
import { metricsApiBody, parseMetricIds } from "~/models/metrics-api.server";
import { apiError, apiJson, parseApiQuery, requireApiToken, runApi } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * GET /api/v1/metrics?ids=a,b (scope metrics:read; any finance.* id also needs finance:read) —
 * each metric of the catalogue asked for: {id, label, unit, value, target, asOf | window}, the same
 * numbers every page shows. An unknown id is a 400 naming it; at most 50 ids.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return runApi(() => {
    const principal = requireApiToken(request, "metrics:read");
    const { ids: raw } = parseApiQuery(MetricsApiQuerySchema, new URL(request.url));
    const db = getDb();
    const parsed = parseMetricIds(db, raw);
    if (!parsed.ok) return apiError(400, "The query parameters are invalid.", { ids: parsed.errors });
    if (parsed.needsFinance && !principal.scopes.includes("finance:read")) {
      return apiError(403, `This token lacks the scope "finance:read" (needed for ${parsed.financeIds.join(", ")}).`);
    }
    return apiJson(metricsApiBody(db, parsed.ids));
  });
}
