import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { csvResponse } from "~/lib/csv.server";
import { monthDiff } from "~/lib/months";
import { BudgetsCsvQuerySchema } from "~/lib/schemas/finance.server";
import { exportBudgetCsv, getFinanceMonthBounds } from "~/models/finance.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";

/** GET /budgets.csv?from=YYYY-MM&to=YYYY-MM — budget lines as `month,category,planned,actual` (re-importable). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const url = new URL(request.url);
  const parsed = BudgetsCsvQuerySchema.safeParse({ from: url.searchParams.get("from") ?? undefined, to: url.searchParams.get("to") ?? undefined });
  invariantResponse(parsed.success, "from/to must be months (YYYY-MM), from not after to", 400);
  const db = getDb();
  const bounds = getFinanceMonthBounds(db);
  const from = parsed.data.from ?? bounds?.first ?? "2000-01";
  const to = parsed.data.to ?? bounds?.last ?? "2000-01";
  invariantResponse(monthDiff(from, to) < 1200, "the range must be shorter than 100 years", 400);
  return csvResponse(`budget-lines-${from}-${to}`, exportBudgetCsv(db, { fromMonth: from, toMonth: to }));
}
