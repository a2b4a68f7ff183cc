import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { csvResponse } from "~/lib/csv.server";
import { exportSnapshotsCsv } from "~/models/finance.server";
import { getDb } from "~/utils/db.server";

/** GET /finance/snapshots.csv — every snapshot in the import format (re-importable). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  return csvResponse("finance-snapshots", exportSnapshotsCsv(getDb()));
}
