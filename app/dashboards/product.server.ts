/** The product dashboard's read model: KPI tiles and their trends, the teams' OKR health in a cycle. */
import { can, type Actor } from "~/auth/permissions";
import { DAY_MS } from "~/lib/time";
import { getKpiSeries, getKpiTiles } from "~/models/kpis.server";
import { MetricContext } from "~/models/metrics/context.server";
import { okrLinks } from "~/models/okr-links.server";
import type { CycleRow } from "~/models/okrs.server";
import { getTeamOkrHealth, isoDayUtc, listCycles } from "~/models/okrs.server";
import type { Db } from "~/utils/db.server";

/** Weeks of KPI history each trend shows. */
export const TREND_WEEKS = 13;

export function getProductDashboard(db: Db, user: Actor, cycle: CycleRow | null, now: number) {
  // one metric context for the tiles and the trends: a computed KPI's figures are read once
  const ctx = new MetricContext(db, now);
  const { tiles } = getKpiTiles(db, { now, cycle, ctx });
  const from = isoDayUtc(now - TREND_WEEKS * 7 * DAY_MS);
  const series = getKpiSeries(db, tiles, { from, now, ctx });
  return {
    cycle,
    cycles: listCycles(db),
    tiles,
    trends: tiles.map((t) => ({ id: t.id, points: series.get(t.id) ?? [] })),
    /** how far back the trends reach (the page says it: a constant of a .server module is undefined in the browser) */
    trendWeeks: TREND_WEEKS,
    teamHealth: cycle ? getTeamOkrHealth(db, cycle.id, now, okrLinks(db, now).linked) : [],
    canEdit: can(user, "kpis:edit"),
  };
}
