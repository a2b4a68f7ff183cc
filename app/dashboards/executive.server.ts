/**
 * The executive dashboard's read model: finance (with the forecast redacted for the user),
 * headcount vs plan, top risks and OKR health — the domains it assembles, read once per request.
 */
import type { Actor } from "~/auth/permissions";
import { addMonths, monthRange } from "~/lib/months";
import { EXECUTIVE_BURN_MONTHS, getExecutiveFinance, redactForecastForUser } from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { getExecutiveRiskPanels } from "~/models/live-metrics.server";
import { getOkrHealthPanel } from "~/models/okrs.server";
import type { Db } from "~/utils/db.server";

/** `asOf`: the month asked for (already parsed; undefined = the latest closed month); `badAsOf`: the URL held an unusable one. */
export function getExecutiveDashboard(db: Db, user: Actor, { asOf, badAsOf }: { asOf: string | undefined; badAsOf: boolean }) {
  const finance = getExecutiveFinance(db, { asOf });
  const riskPanels = getExecutiveRiskPanels(db);
  const okrHealth = getOkrHealthPanel(db);
  if (!finance) {
    return { finance: null, headcount: null, previousHeadcount: null, badAsOf, emptyAsOf: asOf ?? null, riskPanels, okrHealth };
  }
  const M = finance.current.asOfMonth;
  return {
    // the forecast's per-requisition costs derive from salaries: stripped where the user may not see them
    finance: {
      ...finance,
      forecast: redactForecastForUser(finance.forecast, user),
      burnMonths: monthRange(addMonths(M, -(EXECUTIVE_BURN_MONTHS - 1)), M),
    },
    headcount: getHeadcountSummary(db, M),
    previousHeadcount: finance.previous ? getHeadcountSummary(db, finance.previous.asOfMonth) : null,
    badAsOf,
    emptyAsOf: null,
    riskPanels,
    okrHealth,
  };
}
