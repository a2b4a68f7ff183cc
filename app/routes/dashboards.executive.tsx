import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { BurnByCategoryChart, CashCurveChart, MrrTrendChart } from "~/components/finance/exec-charts";
import financeCss from "~/components/finance/finance.css";
import { GatesPanel } from "~/components/governance/gates-panel";
import { formatDeltaDays } from "~/components/hiring/labels";
import { KpiTileGrid } from "~/components/kpis/kpi-tile-grid";
import { KpiTile, metricAttributes, type KpiChange } from "~/components/metrics/kpi-tile";
import { OkrHealthPanel } from "~/components/okrs/okr-health-panel";
import { TopRisksPanel } from "~/components/risks/top-risks-panel";
import { ScenarioStatusPanel } from "~/components/scenarios/scenario-status-panel";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getExecutiveDashboard, type HeadcountFigures } from "~/dashboards/executive.server";
import { useRootData } from "~/hooks/root-data";
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, type FormatOptions } from "~/lib/format";
import { BURN_BANDS_SOURCE, burnMultipleBand } from "~/lib/metrics/burn-bands";
import { FORMULAS, NOT_BURNING_LABEL, type FinanceMetrics } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { monthSchema } from "~/lib/validation.server";
import { isColumnWithheld } from "~/lib/withheld";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Executive dashboard",
  description: "How long the money lasts, how fast revenue grows, and what the hiring plan does to runway.",
  asOf: "As of",
  show: "Show",
  asOfHint: "Closed months only (a month is closed when it has a finance snapshot).",
  vsPrevious: (m: string) => `vs ${m}`,
  emptyTitle: "No closed month yet",
  emptyAsOfTitle: (m: string) => `No closed month on or before ${m}`,
  latest: "Show the latest closed month",
  emptyBody: "Finance metrics need at least one finance snapshot (cash at month end) and the budget actuals of that month.",
  emptyWho: "the CEO records snapshots; the CEO and the CTO (IT categories) enter budget actuals",
  addSnapshot: "Record a finance snapshot",
  finance: "Cash and burn",
  saas: "Revenue and customers",
  team: "Team",
  charts: "Trends and forecast",
  hiringImpact: "What each open requisition does to the zero-cash date",
  hiringImpactHelp:
    "Δ days = zero-cash date with every open requisition − the same without this one (negative: this hire brings zero cash earlier). Requisitions that are hired or cancelled are not counted.",
  hidden: "hidden",
  withheld: "Monthly costs and their effect on the zero-cash date are not shown: they derive from salaries your role may not see.",
  noRequisitions: "No open requisition: the forecast with and without the hiring plan are the same.",
  notBurning: NOT_BURNING_LABEL,
  alive: "Default alive",
  dead: "Default dead",
  months: (n: string) => `${n} months`,
  headcountFormula:
    "Actual (people.headcount): employees whose start date ≤ today < end date. Planned (people.headcount_planned): employees at the end of the current month plus the open requisitions (not hired, not cancelled) whose target start month is this month or earlier. Target: the company headcount target (settings).",
  pinned: "Pinned KPIs",
  pinnedHint: "KPIs pinned to this dashboard (pin or unpin one on its page): latest value, the cycle's target and the change since the previous value.",
} as const;

export const meta: MetaFunction = () => [{ title: "Executive dashboard · Strategy Tracker" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const rawAsOf = new URL(request.url).searchParams.get("asOf");
  const parsedAsOf = monthSchema.safeParse(rawAsOf);
  const asOf = parsedAsOf.success ? parsedAsOf.data : undefined;
  return getExecutiveDashboard(getDb(), user, { asOf, badAsOf: rawAsOf !== null && !asOf });
}

type Fmt = FormatOptions;
const IMPACTS_SHOWN = 10;
const HORIZON_TEXT = "36 months";

function change(
  cur: number | null,
  prev: number | null | undefined,
  direction: "higher" | "lower",
  format: (d: number) => string,
  comparedTo: string,
): KpiChange | undefined {
  if (prev === undefined) return undefined;
  if (cur === null || prev === null) return { value: null, formatted: "no comparison", direction, comparedTo };
  const d = cur - prev;
  return { value: d, formatted: d === 0 ? "unchanged" : format(d), direction, comparedTo };
}

function Tiles({
  m,
  p,
  fmt,
  headcount,
  prevHeadcount,
  headcountTarget,
}: {
  m: FinanceMetrics;
  p: FinanceMetrics | null;
  fmt: Fmt;
  headcount: HeadcountFigures | null;
  prevHeadcount: { actual: number; month: string } | null;
  headcountTarget: number | null;
}) {
  const M = m.asOfMonth;
  const win = `${formatMonth(m.windowMonths[0] ?? M, fmt.locale)} – ${formatMonth(M, fmt.locale)}`;
  const cmp = p ? TEXT.vsPrevious(formatMonth(p.asOfMonth, fmt.locale)) : "";
  const pm = p ?? null;
  const P = <K extends keyof FinanceMetrics>(k: K): FinanceMetrics[K] | null | undefined => (pm ? pm[k] : undefined);
  const money = (c: number | null) => formatMoney(c, fmt);
  const dMoney = (d: number) => formatMoney(d, { ...fmt, compact: true, signed: true });
  const pct = (x: number | null, digits = 1) => formatPercent(x, digits, fmt.locale);
  const dPts = (d: number) => `${formatNumber(d * 100, { locale: fmt.locale, digits: 1, signed: true })} pts`;
  const dNum = (d: number) => formatNumber(d, { locale: fmt.locale, digits: 1, signed: true }) ?? "";
  const budgetsWindow = `/budgets?from=${addMonths(M, -2)}&to=${M}`;
  const snapshots = `/finance/snapshots?q=${M}`;
  const windowText = (key: keyof typeof FORMULAS) => `${FORMULAS[key].window} Here: ${win}.`;
  const band = burnMultipleBand(m.burnMultiple);

  return (
    <>
      <h2 className="exec-section-title">{TEXT.finance}</h2>
      <div className="exec-tiles">
        <KpiTile
          label="Cash"
          metric={{ id: "finance.cash", value: m.cashCents, asOf: M }}
          value={money(m.cashCents)}
          formula="Cash at the end of M, from the finance snapshot."
          window={`Month M = ${formatMonth(M, fmt.locale)}.`}
          href={snapshots}
          change={change(m.cashCents, P("cashCents"), "higher", dMoney, cmp)}
        />
        <KpiTile
          label={FORMULAS.avgNetBurn.label}
          metric={{ id: "finance.avg_net_burn", value: m.avgNetBurnCents, asOf: M }}
          value={money(m.avgNetBurnCents)}
          formula={`${FORMULAS.avgNetBurn.formula} ${FORMULAS.grossBurn.label}: ${FORMULAS.grossBurn.formula} ${FORMULAS.netBurn.label}: ${FORMULAS.netBurn.formula}`}
          window={windowText("avgNetBurn")}
          href={budgetsWindow}
          change={change(m.avgNetBurnCents, P("avgNetBurnCents"), "lower", dMoney, cmp)}
          footnote={
            <>
              Gross burn <span {...metricAttributes({ id: "finance.gross_burn", value: m.grossBurnCents, asOf: M })}>{money(m.grossBurnCents)}</span>, net burn{" "}
              <span {...metricAttributes({ id: "finance.net_burn", value: m.netBurnCents, asOf: M })}>{money(m.netBurnCents)}</span> in{" "}
              {formatMonth(M, fmt.locale)}
            </>
          }
        />
        <KpiTile
          label={FORMULAS.runway.label}
          metric={{ id: "finance.runway_months", value: m.runwayMonths, asOf: M }}
          value={m.runwayMonths === null ? TEXT.notBurning : TEXT.months(formatNumber(m.runwayMonths, { locale: fmt.locale, digits: 1 }))}
          formula={`${FORMULAS.runway.formula} ${FORMULAS.zeroCashDate.label}: ${FORMULAS.zeroCashDate.formula}`}
          window={windowText("runway")}
          href={budgetsWindow}
          change={change(m.runwayMonths, P("runwayMonths"), "higher", (d) => `${dNum(d)} months`, cmp)}
          footnote={
            <span {...metricAttributes({ id: "finance.zero_cash_date", value: m.zeroCashDate, asOf: M })}>
              {m.zeroCashDate ? `Zero cash on ${formatDate(m.zeroCashDate, "UTC", fmt.locale)}` : `Zero-cash date: ${TEXT.notBurning}`}
            </span>
          }
        />
        <KpiTile
          label={FORMULAS.defaultAlive.label}
          metric={{ id: "finance.default_alive", value: m.defaultAlive ? 1 : 0, asOf: M }}
          value={m.defaultAlive ? TEXT.alive : TEXT.dead}
          formula={`${FORMULAS.defaultAlive.formula} ${FORMULAS.growthNeeded.label}: ${FORMULAS.growthNeeded.formula}`}
          window={`${FORMULAS.defaultAlive.window} g over ${win}.`}
          href={snapshots}
          // alive both months: no growth is needed either time, so there is no change to show
          change={m.defaultAlive && pm?.defaultAlive ? undefined : change(m.growthNeeded, P("growthNeeded"), "lower", (d) => `${dPts(d)} growth needed`, cmp)}
          footnote={
            m.defaultAlive
              ? `Growth g ${pct(m.monthlyGrowth)} / month is enough${pm?.defaultAlive ? ` (default alive in ${formatMonth(pm.asOfMonth, fmt.locale)} too)` : ""}`
              : m.growthNeeded === null
                ? `No growth up to 100 %/month makes it alive (g is ${pct(m.monthlyGrowth)})`
                : `Growth needed ${pct(m.growthNeeded)} / month (g is ${pct(m.monthlyGrowth)})`
          }
        />
        <KpiTile
          label={FORMULAS.burnMultiple.label}
          metric={{ id: "finance.burn_multiple", value: m.burnMultiple, asOf: M }}
          value={m.burnMultiple === null ? null : `${formatNumber(m.burnMultiple, { locale: fmt.locale, digits: 2 })}×`}
          formula={`${FORMULAS.burnMultiple.formula} ${BURN_BANDS_SOURCE}`}
          window={FORMULAS.burnMultiple.window}
          href={`/budgets?from=${addMonths(M, -3)}&to=${M}`}
          change={change(m.burnMultiple, P("burnMultiple"), "lower", dNum, cmp)}
          footnote={band ? `Band: ${band}` : "No band: MRR did not grow over the last 3 months, or M−3 is not closed"}
        />
      </div>

      <h2 className="exec-section-title">{TEXT.saas}</h2>
      <div className="exec-tiles">
        <KpiTile
          label={FORMULAS.mrr.label}
          metric={{ id: "finance.mrr", value: m.mrrCents, asOf: M }}
          value={money(m.mrrCents)}
          formula={`${FORMULAS.mrr.formula} ARR: ${FORMULAS.arr.formula}`}
          window={FORMULAS.mrr.window}
          href={snapshots}
          change={change(m.mrrCents, P("mrrCents"), "higher", dMoney, cmp)}
          footnote={
            <>
              ARR <span {...metricAttributes({ id: "finance.arr", value: m.arrCents, asOf: M })}>{money(m.arrCents)}</span>
            </>
          }
        />
        <KpiTile
          label={FORMULAS.monthlyGrowth.label}
          metric={{ id: "finance.revenue_growth", value: m.monthlyGrowth, asOf: M }}
          value={pct(m.monthlyGrowth)}
          formula={FORMULAS.monthlyGrowth.formula}
          window={FORMULAS.monthlyGrowth.window}
          href={`/finance/snapshots?sort=month&dir=desc`}
          change={change(m.monthlyGrowth, P("monthlyGrowth"), "higher", dPts, cmp)}
        />
        <KpiTile
          label="Customers"
          metric={{ id: "finance.customers", value: m.customers, asOf: M }}
          value={formatNumber(m.customers, { locale: fmt.locale, digits: 0 })}
          formula="Customers at the end of M, from the finance snapshot."
          window={`Month M = ${formatMonth(M, fmt.locale)}.`}
          href={snapshots}
          change={change(m.customers, P("customers"), "higher", (d) => formatNumber(d, { locale: fmt.locale, digits: 0, signed: true }), cmp)}
        />
        <KpiTile
          label={FORMULAS.churn.label}
          metric={{ id: "finance.churn", value: m.churnRate, asOf: M }}
          value={pct(m.churnRate)}
          formula={FORMULAS.churn.formula}
          window={windowText("churn")}
          href={`/finance/snapshots?sort=month&dir=desc`}
          change={change(m.churnRate, P("churnRate"), "lower", dPts, cmp)}
        />
        <KpiTile
          label={FORMULAS.cac.label}
          metric={{ id: "finance.cac", value: m.cacCents, asOf: M }}
          value={money(m.cacCents)}
          formula={FORMULAS.cac.formula}
          window={windowText("cac")}
          href={budgetsWindow}
          change={change(m.cacCents, P("cacCents"), "lower", dMoney, cmp)}
        />
        <KpiTile
          label={FORMULAS.ltv.label}
          metric={{ id: "finance.ltv", value: m.ltvCents, asOf: M }}
          value={money(m.ltvCents)}
          formula={`${FORMULAS.ltv.formula} ARPA: ${FORMULAS.arpa.formula}`}
          window={FORMULAS.ltv.window}
          href={snapshots}
          change={change(m.ltvCents, P("ltvCents"), "higher", dMoney, cmp)}
          footnote={m.arpaCents === null ? undefined : `ARPA ${money(m.arpaCents)}`}
        />
        <KpiTile
          label={FORMULAS.ltvToCac.label}
          metric={{ id: "finance.ltv_to_cac", value: m.ltvToCac, asOf: M }}
          value={m.ltvToCac === null ? null : `${formatNumber(m.ltvToCac, { locale: fmt.locale, digits: 1 })}×`}
          formula={`${FORMULAS.ltvToCac.formula} A common rule of thumb aims at 3× or more.`}
          window={FORMULAS.ltvToCac.window}
          href={budgetsWindow}
          change={change(m.ltvToCac, P("ltvToCac"), "higher", dNum, cmp)}
        />
      </div>

      <h2 className="exec-section-title">{TEXT.team}</h2>
      <div className="exec-tiles">
        <KpiTile
          label="Headcount vs plan"
          value={headcount && headcount.actual !== null ? `${headcount.actual} / ${headcount.planned ?? "—"}` : null}
          metric={headcount?.marks.actual}
          formula={TEXT.headcountFormula}
          window={`Today (${formatDate(headcount?.today ?? null, "UTC", fmt.locale) ?? "—"}); planned: employees at the end of this month + open requisitions due by then.`}
          href="/hiring"
          change={
            headcount && prevHeadcount
              ? change(
                  headcount.actual,
                  prevHeadcount.actual,
                  "higher",
                  (d) => formatNumber(d, { locale: fmt.locale, digits: 0, signed: true }),
                  `actual vs the end of ${formatMonth(prevHeadcount.month, fmt.locale)}`,
                )
              : undefined
          }
          footnote={
            headcount ? (
              <>
                Actual / planned (<span {...metricAttributes(headcount.marks.planned)}>{headcount.planned ?? "no data"}</span>)
                {headcountTarget !== null ? `; company target ${headcountTarget}` : null}
              </>
            ) : undefined
          }
        />
      </div>
    </>
  );
}

/** The KPIs pinned to the executive dashboard (kpis.pinned): the product dashboard's tiles, the same figures. */
function PinnedKpis({ pinned, fmt }: { pinned: ReturnType<typeof getExecutiveDashboard>["pinned"]; fmt: Fmt }) {
  if (pinned.tiles.length === 0) return null;
  return (
    <section aria-labelledby="pinned-kpis" data-testid="pinned-kpis">
      <h2 className="exec-section-title" id="pinned-kpis">
        {TEXT.pinned}
      </h2>
      <p className="muted">{TEXT.pinnedHint}</p>
      <KpiTileGrid tiles={pinned.tiles} formatting={fmt} cycleName={pinned.cycle?.name ?? null} />
    </section>
  );
}

export default function ExecutiveDashboard() {
  const data = useLoaderData<typeof loader>();
  const { finance, headcount, previousHeadcount, badAsOf, emptyAsOf, riskPanels, okrHealth, pinned, scenarios } = data;
  const [searchParams] = useSearchParams();
  const showAllImpacts = searchParams.get("impacts") === "all";
  const allImpactsHref = (() => {
    const p = new URLSearchParams(searchParams);
    if (showAllImpacts) p.delete("impacts");
    else p.set("impacts", "all");
    return `?${p}#hiring-impact`;
  })();
  const { formatting, permissions } = useRootData();
  const fmt = formatting;

  if (!finance) {
    return (
      <div className="finance-page">
        <PageHeader title={TEXT.title} description={TEXT.description} />
        {emptyAsOf ? (
          <EmptyState title={TEXT.emptyAsOfTitle(formatMonth(emptyAsOf, fmt.locale))} action={<Link to="/dashboards/executive">{TEXT.latest}</Link>}>
            {TEXT.asOfHint}
          </EmptyState>
        ) : (
          <EmptyState
            title={TEXT.emptyTitle}
            whoMay={TEXT.emptyWho}
            action={permissions.includes("finance:edit") ? <Link to="/finance/snapshots">{TEXT.addSnapshot}</Link> : undefined}
          >
            {TEXT.emptyBody}
          </EmptyState>
        )}
        <PinnedKpis pinned={pinned} fmt={fmt} />
        {/* panels: OKR health, risks & gates */}
        <OkrHealthPanel data={okrHealth} locale={fmt.locale} />
        <div className="dashboard-risk-panels">
          <TopRisksPanel risks={riskPanels.topRisks} />
          <GatesPanel gates={riskPanels.gates} fmt={fmt} />
        </div>
        <ScenarioStatusPanel scenarios={scenarios} fmt={fmt} />
      </div>
    );
  }
  const m = finance.current;
  const M = m.asOfMonth;
  const months = [...finance.closedMonths].reverse();
  // the requisitions that move the zero-cash date most first; 10 unless ?impacts=all
  // requisitions whose salary (hence Δ days) is hidden from this user come last
  const sortedImpacts = [...finance.forecast.requisitionImpacts].sort(
    (a, b) => Number(!a.salaryVisible) - Number(!b.salaryVisible) || (a.deltaDays ?? 0) - (b.deltaDays ?? 0),
  );
  const impacts = showAllImpacts ? sortedImpacts : sortedImpacts.slice(0, IMPACTS_SHOWN);
  // columns withheld on every row shown are left out, with one line saying why (interface conventions)
  const costShown = !isColumnWithheld(impacts, (r) => r.monthlyCostCents === null);
  const deltaShown = !isColumnWithheld(impacts, (r) => !r.salaryVisible);

  return (
    <div className="finance-page">
      <PageHeader title={TEXT.title} description={TEXT.description} eyebrow={`${TEXT.asOf} ${formatMonth(M, fmt.locale, "long")}`}>
        <Form method="get" className="range-form" aria-label="As-of month">
          <label htmlFor="as-of">{TEXT.asOf}</label>
          <select id="as-of" name="asOf" defaultValue={M} aria-describedby="as-of-hint">
            {months.map((mo) => (
              <option key={mo} value={mo}>
                {formatMonth(mo, fmt.locale, "long")}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn--secondary">
            {TEXT.show}
          </button>
          <span id="as-of-hint" className="muted">
            {TEXT.asOfHint}
          </span>
        </Form>
      </PageHeader>
      {badAsOf ? (
        <p className="notice" role="status">
          The “as of” month in the address is not a month (YYYY-MM): showing the latest closed month.
        </p>
      ) : null}

      <Tiles
        m={m}
        p={finance.previous}
        fmt={fmt}
        headcount={headcount}
        prevHeadcount={previousHeadcount}
        headcountTarget={"headcountTarget" in data ? data.headcountTarget : null}
      />
      <PinnedKpis pinned={pinned} fmt={fmt} />

      <h2 className="exec-section-title">{TEXT.charts}</h2>
      <div className="exec-charts">
        <CashCurveChart trend={finance.trend} forecast={finance.forecast} fmt={fmt} />
        <MrrTrendChart trend={finance.trend} fmt={fmt} />
        <BurnByCategoryChart lines={finance.burnByCategory} months={finance.burnMonths} fmt={fmt} />
      </div>

      <section className="panel" aria-labelledby="hiring-impact">
        <h2 id="hiring-impact">{TEXT.hiringImpact}</h2>
        <p className="muted">{TEXT.hiringImpactHelp}</p>
        {sortedImpacts.length > IMPACTS_SHOWN ? (
          <p>
            {showAllImpacts
              ? `All ${sortedImpacts.length} open requisitions.`
              : deltaShown
                ? `The ${IMPACTS_SHOWN} that move the zero-cash date most, of ${sortedImpacts.length} open requisitions.`
                : `${IMPACTS_SHOWN} of ${sortedImpacts.length} open requisitions.`}{" "}
            <Link to={allImpactsHref} preventScrollReset>
              {showAllImpacts ? "Show the top 10" : "Show all"}
            </Link>
          </p>
        ) : null}
        {impacts.length === 0 ? (
          <p>{TEXT.noRequisitions}</p>
        ) : (
          <div className="table-scroll">
            <table className="simple impact-table">
              <caption className="visually-hidden">{TEXT.hiringImpact}</caption>
              <thead>
                <tr>
                  <th scope="col">Requisition</th>
                  <th scope="col">Team</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Status</th>
                  <th scope="col">Start</th>
                  {costShown ? (
                    <th scope="col" className="num">
                      Monthly cost (loaded)
                    </th>
                  ) : null}
                  {deltaShown ? (
                    <th scope="col" className="num">
                      Δ zero-cash date
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {impacts.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/hiring?q=${encodeURIComponent(r.title)}`}>{r.title}</Link>
                    </th>
                    <td>{r.teamName ?? "—"}</td>
                    <td>{r.priority}</td>
                    <td>{r.status}</td>
                    <td>{formatMonth(r.targetStartMonth, fmt.locale)}</td>
                    {costShown ? (
                      <td className="num">
                        {r.monthlyCostCents === null ? <span className="muted">{TEXT.hidden}</span> : formatMoney(r.monthlyCostCents, fmt)}
                      </td>
                    ) : null}
                    {deltaShown ? (
                      <td className="num">
                        {!r.salaryVisible ? (
                          <span className="muted">{TEXT.hidden}</span>
                        ) : r.deltaDays === null ? (
                          <span className="muted">no zero cash within {HORIZON_TEXT}</span>
                        ) : (
                          formatDeltaDays(r.deltaDays)
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {impacts.length > 0 && (!costShown || !deltaShown) ? <p className="muted">{TEXT.withheld}</p> : null}
      </section>

      {/* panels: OKR health, risks & gates — other engineers add their panels below this line */}
      <OkrHealthPanel data={okrHealth} locale={fmt.locale} />
      <div className="dashboard-risk-panels">
        <TopRisksPanel risks={riskPanels.topRisks} />
        <GatesPanel gates={riskPanels.gates} fmt={fmt} />
      </div>
      <ScenarioStatusPanel scenarios={scenarios} fmt={fmt} />
    </div>
  );
}
