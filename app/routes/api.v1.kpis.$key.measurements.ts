/**
 * POST /api/v1/kpis/<key>/measurements — scope kpis:write. Monitoring pushes a KPI's values (uptime,
 * p95 latency, coverage…): one object or an array of up to 1000
 * `{value, measuredOn?: "YYYY-MM-DD" | at?: ISO 8601 instant, note?}`; `at` (default: now) counts
 * for its day in the company's time zone. Idempotent on KPI + day: the same value again is
 * "unchanged", a new value replaces the day's ("updated"). 201 when one was created, else 200;
 * 404 unknown KPI; 400 a KPI computed from the delivery data, or bad input (nothing written).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { KpiKeySchema, kpiMeasurementApiSchema, measurementBatchSchema } from "~/lib/schemas/kpis.server";
import { getKpiByKey, kpiValueProblem, MAX_MEASUREMENTS_PER_REQUEST, recordMeasurementsFromApi } from "~/models/kpis.server";
import { getCompanySettings } from "~/models/settings.server";
import { apiError, apiJson, parseApiBody, readJsonBody, requireApiToken, requireMethod, runApi, postOnlyLoader } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return runApi(async () => {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "kpis:write");
    const key = KpiKeySchema.safeParse(params.key);
    const db = getDb();
    const kpi = key.success ? getKpiByKey(db, key.data) : null;
    if (!kpi) return apiError(404, "No KPI has this key (see the key on the KPI's page).");
    if (kpi.source !== "manual") {
      return apiError(400, "The request is invalid.", { key: [`"${kpi.key}" is computed from the delivery data and takes no measurements`] });
    }
    const body = await readJsonBody(request);
    if (Array.isArray(body) && body.length > MAX_MEASUREMENTS_PER_REQUEST) {
      return apiError(413, `At most ${MAX_MEASUREMENTS_PER_REQUEST} measurements per request (got ${body.length}); split the batch.`);
    }
    const schema = kpiMeasurementApiSchema(getCompanySettings(db).timeZone, Date.now(), (value) => kpiValueProblem(kpi.unit, value));
    const items = Array.isArray(body) ? parseApiBody(measurementBatchSchema(schema), body) : [parseApiBody(schema, body)];
    const seen = new Map<string, number>();
    const dupes: Record<string, string[]> = {};
    items.forEach((m, i) => {
      const first = seen.get(m.measuredOn);
      if (first !== undefined) dupes[`${i}.measuredOn`] = [`${m.measuredOn} is also the day of element ${first}`];
      else seen.set(m.measuredOn, i);
    });
    if (Object.keys(dupes).length > 0) return apiError(400, "The request body is invalid.", dupes);
    const result = recordMeasurementsFromApi(db, principal.tokenId, kpi, items);
    return apiJson({ kpi: kpi.key, ...result }, result.created > 0 ? 201 : 200);
  });
}
