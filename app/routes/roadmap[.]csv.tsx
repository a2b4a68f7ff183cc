import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { roadmapFilterSchema } from "~/lib/schemas/roadmap.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { exportRoadmapRows, ROADMAP_CSV_HEADERS } from "~/models/roadmap.server";
import { getDb } from "~/utils/db.server";

/** The roadmap items with the page's filters (team, quarter), in the import's columns. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { data } = parseSearchParams(new URL(request.url), roadmapFilterSchema);
  return csvResponse("roadmap.csv", toCsv(ROADMAP_CSV_HEADERS, exportRoadmapRows(getDb(), { teamId: data.team, quarter: data.quarter })));
}
