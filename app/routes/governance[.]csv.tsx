import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { listFrameworkProgress, listRequirements, parseComplianceFilter, REQUIREMENT_CSV_HEADERS } from "~/models/governance.server";
import { pageRequest } from "~/utils/page-request.server";

/**
 * CSV of the compliance requirements, filtered like the page (?framework=gdpr&status=done); the
 * import reads the same columns. `?template=1`: the header row alone, to fill in and import.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request, "dashboards:read");
  if (url.searchParams.get("template") === "1") return csvResponse("compliance-requirements-template.csv", toCsv(REQUIREMENT_CSV_HEADERS, []));
  const { framework: key, status } = parseComplianceFilter(url);
  const framework = listFrameworkProgress(db).find((f) => f.key === key);
  const rows = listRequirements(db, { frameworkId: framework?.id, status }); // the rows the page shows
  const csv = toCsv(
    REQUIREMENT_CSV_HEADERS,
    rows.map((r) => [r.frameworkName, r.ref, r.title, r.status, r.result, r.ownerName, r.evidenceUrl]),
  );
  return csvResponse(`compliance${framework ? `-${framework.key}` : ""}.csv`, csv);
}
