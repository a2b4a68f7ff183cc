import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { MetricContext } from "~/models/metrics/context.server";
import { compareScenarios } from "~/models/scenarios.server";
import { getDb } from "~/utils/db.server";

/** The side-by-side table of /scenarios, one row per scenario and forecast month (as the user may see it: no hiring plan when it is hidden from them). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const c = compareScenarios(new MetricContext(getDb()), user);
  const rows: (string | number | null)[][] = [];
  if (c) {
    const all = [{ name: "Base plan", probability: null as number | null, figures: c.base }, ...c.scenarios];
    for (const s of all) {
      for (const m of s.figures.cash) {
        rows.push([
          s.name,
          s.probability,
          m.month,
          (m.cashCents / 100).toFixed(2),
          s.figures.runwayMonths === null ? "" : s.figures.runwayMonths.toFixed(2),
          s.figures.zeroCashDate,
          s.figures.breakEvenMonth,
          c.hiringPlanHidden ? "no" : "yes",
        ]);
      }
    }
  }
  return csvResponse(
    "scenarios.csv",
    toCsv(["scenario", "probability", "month", "cash", "runway_months", "zero_cash_date", "break_even_month", "with_hiring_plan"], rows),
  );
}
