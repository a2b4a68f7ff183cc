/** GET /delivery/deployments.csv?<the list's filters> — the filtered deployments, streamed, at most 100 000 rows. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamedCsvResponse } from "~/lib/csv-stream.server";
import { parseTableParams } from "~/lib/table-params";
import {
  countDeployments,
  DEPLOYMENT_CSV_HEADERS,
  DEPLOYMENT_SORTS,
  deploymentCsvRows,
  MAX_EXPORT_ROWS,
  parseDeploymentFilter,
} from "~/models/delivery.server";
import { pageRequest } from "~/utils/page-request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request);
  const params = parseTableParams(url, { sortable: DEPLOYMENT_SORTS, defaultSort: { id: "finishedAt", desc: true } });
  const { filter } = parseDeploymentFilter(db, url.searchParams);
  const total = countDeployments(db, filter);
  return streamedCsvResponse(`deployments-${new Date().toISOString().slice(0, 10)}.csv`, DEPLOYMENT_CSV_HEADERS, deploymentCsvRows(db, filter, params.sort), {
    truncatedAt: total > MAX_EXPORT_ROWS ? MAX_EXPORT_ROWS : undefined,
  });
}
