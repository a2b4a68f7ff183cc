/** GET /delivery/incidents.csv?<the list's filters> — the filtered incidents, streamed, at most 100 000 rows. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamedCsvResponse } from "~/lib/csv-stream.server";
import { parseTableParams } from "~/lib/table-params";
import { countIncidents, INCIDENT_CSV_HEADERS, INCIDENT_SORTS, incidentCsvRows, MAX_EXPORT_ROWS, parseIncidentFilter } from "~/models/delivery.server";
import { pageRequest } from "~/utils/page-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request);
  const params = parseTableParams(url, { sortable: INCIDENT_SORTS, defaultSort: { id: "startedAt", desc: true } });
  const { filter } = parseIncidentFilter(db, url.searchParams);
  const total = countIncidents(db, filter);
  return streamedCsvResponse(`incidents-${new Date().toISOString().slice(0, 10)}.csv`, INCIDENT_CSV_HEADERS, incidentCsvRows(db, filter, params.sort), {
    truncatedAt: total > MAX_EXPORT_ROWS ? MAX_EXPORT_ROWS : undefined,
  });
}
