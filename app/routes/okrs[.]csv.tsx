import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse } from "~/lib/csv.server";
import { OkrsCsvParamsSchema } from "~/lib/schemas/okrs.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { exportOkrsCsv } from "~/models/okrs-import.server";
import { getCycle, getDefaultCycle } from "~/models/okrs.server";
import { pageRequest } from "~/utils/page-request.server";

/** GET /okrs.csv?cycle=<id> — a cycle's objectives and key results, in the columns the OKR import reads (default: the current cycle). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "dashboards:read");
  const { data } = parseSearchParams(new URL(request.url), OkrsCsvParamsSchema);
  const cycle = data.cycle !== undefined ? getCycle(db, data.cycle) : getDefaultCycle(db);
  return csvResponse(`okrs${cycle ? `-${cycle.name}` : ""}.csv`, exportOkrsCsv(db, cycle?.id ?? null));
}
