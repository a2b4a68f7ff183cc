/** GET /delivery/incidents.csv?<the list's filters> — the filtered incidents, streamed, at most 100 000 rows. */
import { deliveryCsvLoader } from "~/handlers/delivery-csv.server";
import { countIncidents, INCIDENT_CSV_HEADERS, INCIDENT_SORTS, incidentCsvRows, parseIncidentFilter } from "~/models/delivery.server";

export const loader = deliveryCsvLoader("incidents", {
  table: { sortable: INCIDENT_SORTS, defaultSort: { id: "startedAt", desc: true } },
  parse: parseIncidentFilter,
  count: countIncidents,
  rows: incidentCsvRows,
  headers: INCIDENT_CSV_HEADERS,
});
