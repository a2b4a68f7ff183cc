import type { LoaderFunctionArgs } from "@remix-run/node";
import { serverT } from "~/i18n/translate.server";
import { csvResponse } from "~/lib/csv.server";
import { idSchema } from "~/lib/validation.server";
import { exportMeasurementsCsv, getKpi } from "~/models/kpis.server";
import { notFound } from "~/utils/http.server";
import { pageRequest } from "~/utils/page-request.server";

/** GET /kpis.csv[?kpi=<id>] → kpi_key,measured_on,value,note (everyone who reads dashboards). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request);
  const raw = new URL(request.url).searchParams.get("kpi");
  if (raw) {
    const id = idSchema.safeParse(raw);
    const kpi = id.success ? getKpi(db, id.data) : null;
    if (!kpi) notFound(serverT("No such KPI.", { ns: "kpis" }));
    return csvResponse(`kpi-measurements-${kpi.key}.csv`, exportMeasurementsCsv(db, kpi.id));
  }
  return csvResponse("kpi-measurements.csv", exportMeasurementsCsv(db));
}
