import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LineChart } from "~/components/charts/line-chart";
import { KpiTileGrid } from "~/components/kpis/kpi-tile-grid";
import { CyclePicker } from "~/components/okrs/cycle-picker";
import { TeamHealthTable } from "~/components/okrs/team-health";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getProductDashboard } from "~/dashboards/product.server";
import { resolveCycleParam } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatKpiValue, formatShortDate, kpiAxisUnit, kpiCategoryText } from "~/lib/kpi-format";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Product dashboard"),
  description: N_("Product, technical and business KPIs against the targets of the cycle, their trends, and OKR health by team."),
  manage: N_("Manage KPIs"),
  trends: N_("Trends against target"),
  trendsHint: N_("Last 13 weeks (dates as day/month); the dashed line is the target of the cycle each date falls in."),
  health: N_("OKR health by team"),
  healthHint: N_("Mean progress of each team's objectives in the cycle, against the expected pace."),
  noKpis: N_("No KPIs yet"),
  noKpisBody: N_("Define the first KPI (name, unit, which way is better, a target per cycle) on the KPIs page, then record measurements or import a CSV."),
  who: N_("CEO, CTO and team leads."),
  noTeams: N_("No team objectives in this cycle."),
} as const;

/** one quarter of weekly points: every axis label fits (see formatShortDate) */

export const { handle, meta } = routeHead(["kpis", "okrs"], TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const now = Date.now();
  const cycle = resolveCycleParam(db, new URL(request.url), now);
  return getProductDashboard(db, user, cycle, now);
}

export default function ProductDashboard() {
  const { cycle, cycles, tiles, trends, trendWeeks, teamHealth, canEdit } = useLoaderData<typeof loader>();
  const formatting = useFormatting();
  const { t } = useTranslation("kpis");
  const categories = [...new Set(tiles.map((k) => k.category))];
  const trendOf = new Map(trends.map((tr) => [tr.id, tr.points]));
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} actions={<ButtonLink to="/kpis">{t(TEXT.manage)}</ButtonLink>}>
        {cycles.length > 0 ? <CyclePicker cycles={cycles} currentId={cycle?.id ?? null} label={t("Targets of cycle")} /> : null}
      </PageHeader>

      {tiles.length === 0 ? (
        <EmptyState title={t(TEXT.noKpis)} whoMay={t(TEXT.who)} action={canEdit ? <Link to="/kpis">{t("Add a KPI")}</Link> : undefined}>
          <p>{t(TEXT.noKpisBody)}</p>
        </EmptyState>
      ) : (
        categories.map((cat) => (
          <section key={cat} className="kpi-section" aria-labelledby={`kpi-cat-${cat}`}>
            <h2 id={`kpi-cat-${cat}`}>{kpiCategoryText(cat, t)}</h2>
            <KpiTileGrid tiles={tiles.filter((k) => k.category === cat)} formatting={formatting} cycleName={cycle?.name ?? null} />
          </section>
        ))
      )}

      <Card title={t(TEXT.health)} description={t(TEXT.healthHint)}>
        {cycle && teamHealth.length > 0 ? (
          <TeamHealthTable rows={teamHealth} cycleId={cycle.id} locale={formatting.locale} />
        ) : (
          <p className="muted">{t(TEXT.noTeams)}</p>
        )}
      </Card>

      {tiles.length > 0 ? (
        <section className="kpi-section" aria-labelledby="kpi-trends">
          <h2 id="kpi-trends">{t(TEXT.trends)}</h2>
          <p className="muted">{t(TEXT.trendsHint)}</p>
          <div className="kpi-charts">
            {tiles.map((k) => (
              <LineChart
                key={k.id}
                title={`${k.name}${k.unit ? ` (${k.unit})` : ""}`}
                description={k.direction === "lower" ? t("Lower is better") : t("Higher is better")}
                data={trendOf.get(k.id) ?? []}
                xKey="measuredOn"
                xLabel={t("Date")}
                series={[
                  { key: "value", label: k.computed ? t("Per day (7-day window)") : t("Measured"), color: "chart-1" },
                  { key: "target", label: t("Target"), color: "warn", dashed: true },
                ]}
                formatX={(x) => formatShortDate(x, formatting.locale)}
                // the width of a column at desktop size: the server's SVG is drawn as shown there
                width={576}
                formatValue={(v) => formatKpiValue(v, null, formatting.locale) ?? ""}
                unit={kpiAxisUnit(
                  k.unit,
                  (trendOf.get(k.id) ?? []).flatMap((p) => [p.value, p.target]),
                )}
                locale={formatting.locale}
                yDomain={["auto", "auto"]}
                yAxisWidth={96}
                height={158}
                emptyMessage={t("No measurement in the last {{weeks}} weeks.", { weeks: trendWeeks })}
              />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
