import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { LineChart } from "~/components/charts/line-chart";
import { KpiTileGrid } from "~/components/kpis/kpi-tile-grid";
import { CyclePicker } from "~/components/okrs/cycle-picker";
import { TeamHealthTable } from "~/components/okrs/team-health";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getProductDashboard, TREND_WEEKS } from "~/dashboards/product.server";
import { resolveCycleParam } from "~/handlers/okrs.server";
import { useFormatting } from "~/hooks/root-data";
import { formatKpiValue, formatShortDate, kpiAxisUnit } from "~/lib/kpi-format";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Product dashboard",
  description: "Product, technical and business KPIs against the targets of the cycle, their trends, and OKR health by team.",
  manage: "Manage KPIs",
  categories: { product: "Product", technical: "Technical", business: "Business" } as Record<string, string>,
  trends: "Trends against target",
  trendsHint: "Last 13 weeks (dates as day/month); the dashed line is the target of the cycle each date falls in.",
  health: "OKR health by team",
  healthHint: "Mean progress of each team's objectives in the cycle, against the expected pace.",
  noKpis: "No KPIs yet",
  noKpisBody: "Define the first KPI (name, unit, which way is better, a target per cycle) on the KPIs page, then record measurements or import a CSV.",
  who: "CEO, CTO and team leads.",
  noTeams: "No team objectives in this cycle.",
} as const;

/** one quarter of weekly points: every axis label fits (see formatShortDate) */

export const meta: MetaFunction = () => [{ title: `${TEXT.title} · Strategy Tracker` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const now = Date.now();
  const cycle = resolveCycleParam(db, new URL(request.url), now);
  return getProductDashboard(db, user, cycle, now);
}

export default function ProductDashboard() {
  const { cycle, cycles, tiles, trends, teamHealth, canEdit } = useLoaderData<typeof loader>();
  const formatting = useFormatting();
  const categories = [...new Set(tiles.map((t) => t.category))];
  const trendOf = new Map(trends.map((t) => [t.id, t.points]));
  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          <Link to="/kpis" className="btn btn--secondary">
            {TEXT.manage}
          </Link>
        }
      >
        {cycles.length > 0 ? <CyclePicker cycles={cycles} currentId={cycle?.id ?? null} label="Targets of cycle" /> : null}
      </PageHeader>

      {tiles.length === 0 ? (
        <EmptyState title={TEXT.noKpis} whoMay={TEXT.who} action={canEdit ? <Link to="/kpis">Add a KPI</Link> : undefined}>
          <p>{TEXT.noKpisBody}</p>
        </EmptyState>
      ) : (
        categories.map((cat) => (
          <section key={cat} className="kpi-section" aria-labelledby={`kpi-cat-${cat}`}>
            <h2 id={`kpi-cat-${cat}`}>{TEXT.categories[cat] ?? cat}</h2>
            <KpiTileGrid tiles={tiles.filter((t) => t.category === cat)} formatting={formatting} cycleName={cycle?.name ?? null} />
          </section>
        ))
      )}

      <Card title={TEXT.health} description={TEXT.healthHint}>
        {cycle && teamHealth.length > 0 ? (
          <TeamHealthTable rows={teamHealth} cycleId={cycle.id} locale={formatting.locale} />
        ) : (
          <p className="muted">{TEXT.noTeams}</p>
        )}
      </Card>

      {tiles.length > 0 ? (
        <section className="kpi-section" aria-labelledby="kpi-trends">
          <h2 id="kpi-trends">{TEXT.trends}</h2>
          <p className="muted">{TEXT.trendsHint}</p>
          <div className="kpi-charts">
            {tiles.map((k) => (
              <LineChart
                key={k.id}
                title={`${k.name}${k.unit ? ` (${k.unit})` : ""}`}
                description={k.direction === "lower" ? "Lower is better" : "Higher is better"}
                data={trendOf.get(k.id) ?? []}
                xKey="measuredOn"
                xLabel="Date"
                series={[
                  { key: "value", label: k.computed ? "Per day (7-day window)" : "Measured", color: "chart-1" },
                  { key: "target", label: "Target", color: "warn", dashed: true },
                ]}
                formatX={(x) => formatShortDate(x, formatting.locale)}
                width={800}
                formatValue={(v) => formatKpiValue(v, null, formatting.locale) ?? ""}
                unit={kpiAxisUnit(
                  k.unit,
                  (trendOf.get(k.id) ?? []).flatMap((p) => [p.value, p.target]),
                )}
                locale={formatting.locale}
                yDomain={["auto", "auto"]}
                yAxisWidth={96}
                height={220}
                emptyMessage={`No measurement in the last ${TREND_WEEKS} weeks.`}
              />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
