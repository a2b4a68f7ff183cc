/** GET /delivery/deployments.csv?<the list's filters> — the filtered deployments, streamed, at most 100 000 rows. */
import { deliveryCsvLoader } from "~/handlers/delivery-csv.server";
import { countDeployments, DEPLOYMENT_CSV_HEADERS, DEPLOYMENT_SORTS, deploymentCsvRows, parseDeploymentFilter } from "~/models/delivery.server";

export const loader = deliveryCsvLoader("deployments", {
  table: { sortable: DEPLOYMENT_SORTS, defaultSort: { id: "finishedAt", desc: true } },
  parse: parseDeploymentFilter,
  count: countDeployments,
  rows: deploymentCsvRows,
  headers: DEPLOYMENT_CSV_HEADERS,
});
