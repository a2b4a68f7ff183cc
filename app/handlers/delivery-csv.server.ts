import type { LoaderFunctionArgs } from "@remix-run/node";
import { streamedCsvResponse } from "~/lib/csv-stream.server";
import { MAX_EXPORT_ROWS } from "~/lib/schemas/delivery.server";
import { parseTableParams, type SortState, type TableParamsOptions } from "~/lib/table-params";
import type { Db } from "~/utils/db.server";
import { pageRequest } from "~/utils/page-request.server";

/**
 * The loader of a delivery list's CSV export, `GET /delivery/<kind>.csv?<the list's filters>`: the filtered
 * rows in the list's sort order, streamed as `<kind>-<today>.csv`, at most MAX_EXPORT_ROWS (the response says
 * when it was cut).
 */
export function deliveryCsvLoader<F>(
  kind: string,
  opts: {
    table: TableParamsOptions;
    parse: (db: Db, sp: URLSearchParams) => { filter: F };
    count: (db: Db, filter: F) => number;
    rows: (db: Db, filter: F, sort: SortState) => Generator<string[][]>;
    headers: readonly string[];
  },
) {
  return async function loader({ request }: LoaderFunctionArgs) {
    const { db, url } = await pageRequest(request);
    const params = parseTableParams(url, opts.table);
    const { filter } = opts.parse(db, url.searchParams);
    const total = opts.count(db, filter);
    return streamedCsvResponse(`${kind}-${new Date().toISOString().slice(0, 10)}.csv`, opts.headers, opts.rows(db, filter, params.sort), {
      truncatedAt: total > MAX_EXPORT_ROWS ? MAX_EXPORT_ROWS : undefined,
    });
  };
}
