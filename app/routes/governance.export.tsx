import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { listFrameworkProgress, listRequirements, parseComplianceFilter } from "~/models/governance.server";
import { getDb } from "~/utils/db.server";

/** CSV of the compliance requirements, filtered like the page (?framework=gdpr&status=done). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const db = getDb();
  const { framework: key, status } = parseComplianceFilter(new URL(request.url));
  const framework = listFrameworkProgress(db).find((f) => f.key === key);
  const rows = listRequirements(db, { frameworkId: framework?.id, status }); // the rows the page shows
  const csv = toCsv(
    ["framework", "ref", "title", "status", "result", "owner", "evidence_url"],
    rows.map((r) => [r.frameworkName, r.ref, r.title, r.status, r.result, r.ownerName, r.evidenceUrl]),
  );
  return csvResponse(`compliance${framework ? `-${framework.key}` : ""}.csv`, csv);
}
