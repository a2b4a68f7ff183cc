import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { parseTableParams } from "~/lib/table-params";
import { parseRequisitionFilters, REQUISITION_SORTS, requisitionsCsvRows, type RequisitionSort } from "~/models/hiring.server";
import { getDb } from "~/utils/db.server";

/**
 * GET /hiring.csv?<the table's filters and sort> — the requisitions as CSV. The
 * `annual_salary` column exists only for users who may see some requisition salary, and holds
 * only the salaries they may see (masked in SQL by the model).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const url = new URL(request.url);
  const filters = parseRequisitionFilters(url);
  const params = parseTableParams(url, {
    sortable: can(user, "salaries:requisitions:read") ? REQUISITION_SORTS : REQUISITION_SORTS.filter((s) => s !== "salary"),
    defaultSort: { id: "targetStartMonth", desc: false },
  });
  const { headers, rows } = requisitionsCsvRows(getDb(), user, filters, { id: params.sort.id as RequisitionSort, desc: params.sort.desc });
  return csvResponse("requisitions.csv", toCsv(headers, rows));
}
