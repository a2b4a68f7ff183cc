/**
 * The deployments and incidents lists, each described once (its sort options, filter parser, page
 * query, count and CSV rows), and the two loaders that read them: the list page's and its CSV
 * export's. A route helper: it reads the URL; the models it calls take typed filters.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamedCsvResponse } from "~/lib/csv-stream.server";
import { MAX_EXPORT_ROWS } from "~/lib/schemas/delivery.server";
import { parseTableParams, tablePaging, type SortState, type TableParamsOptions } from "~/lib/table-params";
import {
  countDeployments,
  countIncidents,
  DEPLOYMENT_CSV_HEADERS,
  DEPLOYMENT_SORTS,
  deploymentCsvRows,
  INCIDENT_CSV_HEADERS,
  INCIDENT_SORTS,
  incidentCsvRows,
  listDeployments,
  listIncidents,
  listServiceOptions,
  listTeamOptions,
  parseDeploymentFilter,
  parseIncidentFilter,
} from "~/models/delivery.server";
import type { Db } from "~/utils/db.server";
import { pageRequest } from "~/utils/page-request.server";

type DeliveryList<F, E, R> = {
  /** the CSV file's name: `<kind>-<today>.csv` */
  kind: string;
  table: TableParamsOptions;
  parse: (db: Db, sp: URLSearchParams) => { filter: F; notices: string[]; echo: E };
  list: (db: Db, filter: F, sort: SortState, page: { limit: number; offset: number }) => { rows: R[]; total: number };
  count: (db: Db, filter: F) => number;
  rows: (db: Db, filter: F, sort: SortState) => Generator<string[][]>;
  headers: readonly string[];
};

const deliveryList = <F, E, R>(list: DeliveryList<F, E, R>) => list;

export const DEPLOYMENTS_LIST = deliveryList({
  kind: "deployments",
  table: { sortable: DEPLOYMENT_SORTS, defaultSort: { id: "finishedAt", desc: true } },
  parse: parseDeploymentFilter,
  list: listDeployments,
  count: countDeployments,
  rows: deploymentCsvRows,
  headers: DEPLOYMENT_CSV_HEADERS,
});

export const INCIDENTS_LIST = deliveryList({
  kind: "incidents",
  table: { sortable: INCIDENT_SORTS, defaultSort: { id: "startedAt", desc: true } },
  parse: parseIncidentFilter,
  list: listIncidents,
  count: countIncidents,
  rows: incidentCsvRows,
  headers: INCIDENT_CSV_HEADERS,
});

/**
 * What a list page loads: the table parameters and filters from the URL, one page of rows with the
 * total, the service and team names the filter offers, and the CSV cap.
 */
export function loadDeliveryList<F, E, R>(db: Db, url: URL, list: DeliveryList<F, E, R>) {
  const params = parseTableParams(url, list.table);
  const { filter, notices, echo } = list.parse(db, url.searchParams);
  const { rows, total } = list.list(db, filter, params.sort, tablePaging(params));
  return {
    params,
    rows,
    total,
    notices,
    echo,
    services: listServiceOptions(db).map((s) => s.name),
    teams: listTeamOptions(db).map((t) => t.name),
    exportCap: MAX_EXPORT_ROWS,
  };
}

/**
 * The loader of a list's CSV export, `GET /delivery/<kind>.csv?<the list's filters>`: the filtered
 * rows in the list's sort order, streamed as `<kind>-<today>.csv`, at most MAX_EXPORT_ROWS (the
 * response says when it was cut).
 */
export function deliveryCsvLoader<F, E, R>(list: DeliveryList<F, E, R>) {
  return async function loader({ request }: LoaderFunctionArgs) {
    const { db, url } = await pageRequest(request);
    const params = parseTableParams(url, list.table);
    const { filter } = list.parse(db, url.searchParams);
    const total = list.count(db, filter);
    return streamedCsvResponse(`${list.kind}-${new Date().toISOString().slice(0, 10)}.csv`, list.headers, list.rows(db, filter, params.sort), {
      truncatedAt: total > MAX_EXPORT_ROWS ? MAX_EXPORT_ROWS : undefined,
    });
  };
}
