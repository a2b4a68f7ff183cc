/**
 * The executive dashboard's read model: finance (with the forecast redacted for the user),
 * headcount vs plan, pinned KPIs, top risks, OKR health and scenario status — the domains it
 * assembles, read once per request through one MetricContext.
 */
import type { Actor } from "~/auth/permissions";
import { addMonths, monthRange } from "~/lib/months";
import { EXECUTIVE_BURN_MONTHS, getExecutiveFinance, redactForecastForUser } from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { getKpiTiles } from "~/models/kpis.server";
import { getExecutiveRiskPanels } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readFigureMap } from "~/models/metrics/readings.server";
import { getOkrHealthPanel } from "~/models/okrs.server";
import { getScenarioStatuses } from "~/models/scenarios.server";
import { getCompanySettings } from "~/models/settings.server";
import type { Db } from "~/utils/db.server";

/** Company objectives the OKR health panel lists (the furthest behind pace, when there are more). */
const OKR_PANEL_SHOWN = 8;

/** Requisitions the hiring-impact panel lists unless every one is asked for. */
export const IMPACTS_SHOWN = 10;

/**
 * The requisitions that move the zero-cash date most first (most negative Δ days), those whose
 * salary — hence Δ days — is hidden from the reader last; the first IMPACTS_SHOWN unless `all`.
 * Only these reach the page (a plan of 1,000 requisitions is not sent to show 10).
 */
export function impactsToShow<R extends { salaryVisible: boolean; deltaDays: number | null }>(impacts: readonly R[], all: boolean): R[] {
  const sorted = [...impacts].sort((a, b) => Number(!a.salaryVisible) - Number(!b.salaryVisible) || (a.deltaDays ?? 0) - (b.deltaDays ?? 0));
  return all ? sorted : sorted.slice(0, IMPACTS_SHOWN);
}

/**
 * `asOf`: the month asked for (already parsed; undefined = the latest closed month); `badAsOf`: the
 * URL held an unusable one; `allImpacts`: every requisition in the hiring-impact panel (?impacts=all).
 */
export function getExecutiveDashboard(
  db: Db,
  user: Actor,
  { asOf, badAsOf, allImpacts = false }: { asOf: string | undefined; badAsOf: boolean; allImpacts?: boolean },
  now = Date.now(),
) {
  const finance = getExecutiveFinance(db, { asOf });
  const ctx = new MetricContext(db, now);
  const riskPanels = getExecutiveRiskPanels(db, now, ctx);
  const okrHealth = getOkrHealthPanel(db, now, ctx.linkedKrValues(), { limit: OKR_PANEL_SHOWN });
  const scenarios = getScenarioStatuses(ctx);
  const pinned = getKpiTiles(db, { now, pinned: true, ctx });
  if (!finance) {
    return { finance: null, headcount: null, previousHeadcount: null, badAsOf, emptyAsOf: asOf ?? null, riskPanels, okrHealth, pinned, scenarios };
  }
  const M = finance.current.asOfMonth;
  // the forecast's per-requisition costs derive from salaries: stripped where the user may not see them
  const forecast = redactForecastForUser(finance.forecast, user);
  return {
    finance: {
      ...finance,
      forecast: {
        ...forecast,
        requisitionImpacts: impactsToShow(forecast.requisitionImpacts, allImpacts),
        requisitionCount: forecast.requisitionImpacts.length,
        requisitionLimit: IMPACTS_SHOWN,
      },
      burnMonths: monthRange(addMonths(M, -(EXECUTIVE_BURN_MONTHS - 1)), M),
    },
    headcount: readHeadcount(ctx),
    previousHeadcount: { ...getHeadcountSummary(db, addMonths(ctx.month, -1), ctx.today), month: addMonths(ctx.month, -1) },
    pinned,
    headcountTarget: getCompanySettings(db).headcountTarget,
    badAsOf,
    emptyAsOf: null,
    riskPanels,
    okrHealth,
    scenarios,
  };
}

export type HeadcountFigures = ReturnType<typeof readHeadcount>;

/** Headcount and planned headcount today: the catalogue's people.* figures (the hiring pages and home show the same). */
function readHeadcount(ctx: MetricContext) {
  const f = readFigureMap(ctx, ["people.headcount", "people.headcount_planned"] as const);
  const mark = (id: "people.headcount" | "people.headcount_planned") => ({ id, value: f[id].value, asOf: f[id].asOf });
  return {
    actual: f["people.headcount"].value as number | null,
    planned: f["people.headcount_planned"].value as number | null,
    today: ctx.today,
    marks: { actual: mark("people.headcount"), planned: mark("people.headcount_planned") },
  };
}
