import { MAX_EXPORT_ROWS } from "~/lib/schemas/delivery.server";
import { parseTableParams, tablePaging, type SortState, type TableParamsOptions } from "~/lib/table-params";
import { listServiceOptions, listTeamOptions } from "~/models/delivery.server";
import type { Db } from "~/utils/db.server";

type ParsedFilter<F, E> = { filter: F; notices: string[]; echo: E };
type Listed<R> = { rows: R[]; total: number };

/**
 * The loader of the deployments and incidents list pages (a route helper: it reads the URL; the
 * models it calls take typed filters): the table parameters and filters from the URL, one page of
 * rows with the total, the service and team names the filter offers, and the CSV cap.
 */
export function loadDeliveryList<F, E, R>(
  db: Db,
  url: URL,
  table: TableParamsOptions,
  parse: (db: Db, sp: URLSearchParams) => ParsedFilter<F, E>,
  list: (db: Db, filter: F, sort: SortState, page: { limit: number; offset: number }) => Listed<R>,
) {
  const params = parseTableParams(url, table);
  const { filter, notices, echo } = parse(db, url.searchParams);
  const { rows, total } = list(db, filter, params.sort, tablePaging(params));
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
