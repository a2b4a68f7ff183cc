import type { LoaderFunctionArgs } from "@remix-run/node";
import { FinanceMetricsQuerySchema } from "~/lib/schemas/finance.server";
import { getFinanceMetrics } from "~/models/finance.server";
import { getCompanySettings } from "~/models/settings.server";
import { apiError, apiJson, parseApiQuery, requireApiToken } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * GET /api/v1/metrics/finance?asOf=YYYY-MM (scope finance:read) — the finance metrics of the
 * metric contract as of the latest closed month ≤ asOf (DESIGN.md "HTTP API").
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    requireApiToken(request, "finance:read");
    const { asOf } = parseApiQuery(FinanceMetricsQuerySchema, new URL(request.url));
    const db = getDb();
    const m = getFinanceMetrics(db, asOf);
    if (!m) return apiError(404, asOf ? `No closed month (finance snapshot) on or before ${asOf}.` : "No closed month (finance snapshot) yet.");
    return apiJson({
      asOfMonth: m.asOfMonth,
      currency: getCompanySettings(db).currency,
      cashCents: m.cashCents,
      grossBurnCents: m.grossBurnCents,
      netBurnCents: m.netBurnCents,
      avgNetBurnCents: m.avgNetBurnCents,
      runwayMonths: m.runwayMonths,
      zeroCashDate: m.zeroCashDate,
      monthlyGrowth: m.monthlyGrowth,
      defaultAlive: m.defaultAlive,
      growthNeeded: m.growthNeeded,
      burnMultiple: m.burnMultiple,
      mrrCents: m.mrrCents,
      arrCents: m.arrCents,
      customers: m.customers,
      churnRate: m.churnRate,
      cacCents: m.cacCents,
      ltvCents: m.ltvCents,
      ltvToCac: m.ltvToCac,
    });
  } catch (err) {
    if (err instanceof Response) return err;
    console.error(err);
    return apiError(500, "Internal error.");
  }
}
