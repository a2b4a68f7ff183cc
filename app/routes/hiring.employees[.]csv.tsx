import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { parseTableParams } from "~/lib/table-params";
import { EMPLOYEE_SORTS, employeesCsvRows, parseEmployeeFilters, type EmployeeSort } from "~/models/hiring.server";
import { getDb } from "~/utils/db.server";

/** GET /hiring/employees.csv?<filters> — employees as CSV; `annual_salary` only for the CEO (salaries:employees:read). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const url = new URL(request.url);
  const params = parseTableParams(url, {
    sortable: can(user, "salaries:employees:read") ? EMPLOYEE_SORTS : EMPLOYEE_SORTS.filter((s) => s !== "salary"),
    defaultSort: { id: "name", desc: false },
  });
  const { headers, rows } = employeesCsvRows(getDb(), user, parseEmployeeFilters(url), { id: params.sort.id as EmployeeSort, desc: params.sort.desc });
  return csvResponse("employees.csv", toCsv(headers, rows));
}
