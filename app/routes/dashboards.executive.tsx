import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
import { N_ } from "~/i18n/mark";
import { metaT, pageTitle } from "~/i18n/meta";
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, type FormatOptions } from "~/lib/format";
import { BURN_BANDS_SOURCE, burnMultipleBand } from "~/lib/metrics/burn-bands";
import { FORMULAS, type FinanceMetrics } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { monthSchema } from "~/lib/validation.server";
import { isColumnWithheld } from "~/lib/withheld";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Executive dashboard"),
  description: N_("How long the money lasts, how fast revenue grows, and what the hiring plan does to runway."),
  asOf: N_("As of"),
  show: N_("Show"),
  asOfHint: N_("Closed months only (a month is closed when it has a finance snapshot)."),
  vsPrevious: N_("vs {{month}}"),
  emptyTitle: N_("No closed month yet"),
  emptyAsOfTitle: N_("No closed month on or before {{month}}"),
  latest: N_("Show the latest closed month"),
  emptyBody: N_("Finance metrics need at least one finance snapshot (cash at month end) and the budget actuals of that month."),
  emptyWho: N_("the CEO records snapshots; the CEO and the CTO (IT categories) enter budget actuals"),
  addSnapshot: N_("Record a finance snapshot"),
  finance: N_("Cash and burn"),
  saas: N_("Revenue and customers"),
  team: N_("Team"),
  charts: N_("Trends and forecast"),
  hiringImpact: N_("What each open requisition does to the zero-cash date"),
  hiringImpactHelp: N_(
    "Δ days = zero-cash date with every open requisition − the same without this one (negative: this hire brings zero cash earlier). Requisitions that are hired or cancelled are not counted.",
  ),
  hidden: N_("hidden"),
  withheld: N_("Monthly costs and their effect on the zero-cash date are not shown: they derive from salaries your role may not see."),
  noRequisitions: N_("No open requisition: the forecast with and without the hiring plan are the same."),
  notBurning: N_("not burning"),
  alive: N_("Default alive"),
  dead: N_("Default dead"),
  months: N_("{{n}} months"),
  headcountFormula: N_(
    "Actual (people.headcount): employees whose start date ≤ today < end date. Planned (people.headcount_planned): employees at the end of the current month plus the open requisitions (not hired, not cancelled) whose target start month is this month or earlier. Target: the company headcount target (settings).",
  ),
  pinned: N_("Pinned KPIs"),
  pinnedHint: N_("KPIs pinned to this dashboard (pin or unpin one on its page): latest value, the cycle's target and the change since the previous value."),
} as const;

export const handle = { i18n: ["finance", "metrics", "okrs", "risks", "governance", "plans", "kpis", "hiring"] };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "finance");
  return [{ title: pageTitle(t, t("Executive dashboard")) }];
};
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

function change(
  cur: number | null,
  prev: number | null | undefined,
  direction: "higher" | "lower",
  format: (d: number) => string,
  comparedTo: string,
  t: (key: string) => string,
): KpiChange | undefined {
  if (prev === undefined) return undefined;
  if (cur === null || prev === null) return { value: null, formatted: t("no comparison"), direction, comparedTo };
  const d = cur - prev;
  return { value: d, formatted: d === 0 ? t("unchanged") : format(d), direction, comparedTo };
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
  const { t } = useTranslation("finance");
  const tm = (text: string) => t(text, { ns: "metrics" });
  const M = m.asOfMonth;
  const win = `${formatMonth(m.windowMonths[0] ?? M, fmt.locale)} – ${formatMonth(M, fmt.locale)}`;
  const cmp = p ? t(TEXT.vsPrevious, { month: formatMonth(p.asOfMonth, fmt.locale) }) : "";
  const pm = p ?? null;
  const P = <K extends keyof FinanceMetrics>(k: K): FinanceMetrics[K] | null | undefined => (pm ? pm[k] : undefined);
  const money = (c: number | null) => formatMoney(c, fmt);
  const dMoney = (d: number) => formatMoney(d, { ...fmt, compact: true, signed: true });
  const pct = (x: number | null, digits = 1) => formatPercent(x, digits, fmt.locale);
  const dPts = (d: number) => t("{{n}} pts", { n: formatNumber(d * 100, { locale: fmt.locale, digits: 1, signed: true }) });
  const dNum = (d: number) => formatNumber(d, { locale: fmt.locale, digits: 1, signed: true }) ?? "";
  const budgetsWindow = `/budgets?from=${addMonths(M, -2)}&to=${M}`;
  const snapshots = `/finance/snapshots?q=${M}`;
  const windowText = (key: keyof typeof FORMULAS) => t("{{window}} Here: {{range}}.", { window: tm(FORMULAS[key].window), range: win });
  const band = burnMultipleBand(m.burnMultiple);
  const F = (key: keyof typeof FORMULAS) => ({ label: tm(FORMULAS[key].label), formula: tm(FORMULAS[key].formula), window: tm(FORMULAS[key].window) });

  return (
    <>
      <h2 className="exec-section-title">{t(TEXT.finance)}</h2>
      <div className="exec-tiles">
        <KpiTile
          label={t("Cash")}
          metric={{ id: "finance.cash", value: m.cashCents, asOf: M }}
          value={money(m.cashCents)}
          formula={t("Cash at the end of M, from the finance snapshot.")}
          window={t("Month M = {{month}}.", { month: formatMonth(M, fmt.locale) })}
          href={snapshots}
          change={change(m.cashCents, P("cashCents"), "higher", dMoney, cmp, t)}
        />
        <KpiTile
          label={F("avgNetBurn").label}
          metric={{ id: "finance.avg_net_burn", value: m.avgNetBurnCents, asOf: M }}
          value={money(m.avgNetBurnCents)}
          formula={`${F("avgNetBurn").formula} ${t("{{label}}: {{formula}}", { label: F("grossBurn").label, formula: F("grossBurn").formula })} ${t("{{label}}: {{formula}}", { label: F("netBurn").label, formula: F("netBurn").formula })}`}
          window={windowText("avgNetBurn")}
          href={budgetsWindow}
          change={change(m.avgNetBurnCents, P("avgNetBurnCents"), "lower", dMoney, cmp, t)}
          footnote={
            <>
              {t("Gross burn")} <span {...metricAttributes({ id: "finance.gross_burn", value: m.grossBurnCents, asOf: M })}>{money(m.grossBurnCents)}</span>,{" "}
              {t("net burn")} <span {...metricAttributes({ id: "finance.net_burn", value: m.netBurnCents, asOf: M })}>{money(m.netBurnCents)}</span>{" "}
              {t("in {{month}}", { month: formatMonth(M, fmt.locale) })}
            </>
          }
        />
        <KpiTile
          label={F("runway").label}
          metric={{ id: "finance.runway_months", value: m.runwayMonths, asOf: M }}
          value={m.runwayMonths === null ? t(TEXT.notBurning) : t(TEXT.months, { n: formatNumber(m.runwayMonths, { locale: fmt.locale, digits: 1 }) })}
          formula={`${F("runway").formula} ${t("{{label}}: {{formula}}", { label: F("zeroCashDate").label, formula: F("zeroCashDate").formula })}`}
          window={windowText("runway")}
          href={budgetsWindow}
          change={change(m.runwayMonths, P("runwayMonths"), "higher", (d) => t(TEXT.months, { n: dNum(d) }), cmp, t)}
          footnote={
            <span {...metricAttributes({ id: "finance.zero_cash_date", value: m.zeroCashDate, asOf: M })}>
              {m.zeroCashDate ? t("Zero cash on {{date}}", { date: formatDate(m.zeroCashDate, "UTC", fmt.locale) }) : t("Zero-cash date: not burning")}
            </span>
          }
        />
        <KpiTile
          label={F("defaultAlive").label}
          metric={{ id: "finance.default_alive", value: m.defaultAlive ? 1 : 0, asOf: M }}
          value={m.defaultAlive ? t(TEXT.alive) : t(TEXT.dead)}
          formula={`${F("defaultAlive").formula} ${t("{{label}}: {{formula}}", { label: F("growthNeeded").label, formula: F("growthNeeded").formula })}`}
          window={t("{{window}} g over {{range}}.", { window: F("defaultAlive").window, range: win })}
          href={snapshots}
          // alive both months: no growth is needed either time, so there is no change to show
          change={
            m.defaultAlive && pm?.defaultAlive
              ? undefined
              : change(m.growthNeeded, P("growthNeeded"), "lower", (d) => t("{{points}} growth needed", { points: dPts(d) }), cmp, t)
          }
          footnote={
            m.defaultAlive
              ? pm?.defaultAlive
                ? t("Growth g {{g}} / month is enough (default alive in {{month}} too)", {
                    g: pct(m.monthlyGrowth),
                    month: formatMonth(pm.asOfMonth, fmt.locale),
                  })
                : t("Growth g {{g}} / month is enough", { g: pct(m.monthlyGrowth) })
              : m.growthNeeded === null
                ? t("No growth up to 100 %/month makes it alive (g is {{g}})", { g: pct(m.monthlyGrowth) })
                : t("Growth needed {{needed}} / month (g is {{g}})", { needed: pct(m.growthNeeded), g: pct(m.monthlyGrowth) })
          }
        />
        <KpiTile
          label={F("burnMultiple").label}
          metric={{ id: "finance.burn_multiple", value: m.burnMultiple, asOf: M }}
          value={m.burnMultiple === null ? null : `${formatNumber(m.burnMultiple, { locale: fmt.locale, digits: 2 })}×`}
          formula={`${F("burnMultiple").formula} ${tm(BURN_BANDS_SOURCE)}`}
          window={F("burnMultiple").window}
          href={`/budgets?from=${addMonths(M, -3)}&to=${M}`}
          change={change(m.burnMultiple, P("burnMultiple"), "lower", dNum, cmp, t)}
          footnote={band ? t("Band: {{band}}", { band: tm(band) }) : t("No band: MRR did not grow over the last 3 months, or M−3 is not closed")}
        />
      </div>

      <h2 className="exec-section-title">{t(TEXT.saas)}</h2>
      <div className="exec-tiles">
        <KpiTile
          label={F("mrr").label}
          metric={{ id: "finance.mrr", value: m.mrrCents, asOf: M }}
          value={money(m.mrrCents)}
          formula={`${F("mrr").formula} ${t("{{label}}: {{formula}}", { label: F("arr").label, formula: F("arr").formula })}`}
          window={F("mrr").window}
          href={snapshots}
          change={change(m.mrrCents, P("mrrCents"), "higher", dMoney, cmp, t)}
          footnote={
            <>
              ARR <span {...metricAttributes({ id: "finance.arr", value: m.arrCents, asOf: M })}>{money(m.arrCents)}</span>
            </>
          }
        />
        <KpiTile
          label={F("monthlyGrowth").label}
          metric={{ id: "finance.revenue_growth", value: m.monthlyGrowth, asOf: M }}
          value={pct(m.monthlyGrowth)}
          formula={F("monthlyGrowth").formula}
          window={F("monthlyGrowth").window}
          href={`/finance/snapshots?sort=month&dir=desc`}
          change={change(m.monthlyGrowth, P("monthlyGrowth"), "higher", dPts, cmp, t)}
        />
        <KpiTile
          label={t("Customers")}
          metric={{ id: "finance.customers", value: m.customers, asOf: M }}
          value={formatNumber(m.customers, { locale: fmt.locale, digits: 0 })}
          formula={t("Customers at the end of M, from the finance snapshot.")}
          window={t("Month M = {{month}}.", { month: formatMonth(M, fmt.locale) })}
          href={snapshots}
          change={change(m.customers, P("customers"), "higher", (d) => formatNumber(d, { locale: fmt.locale, digits: 0, signed: true }), cmp, t)}
        />
        <KpiTile
          label={F("churn").label}
          metric={{ id: "finance.churn", value: m.churnRate, asOf: M }}
          value={pct(m.churnRate)}
          formula={F("churn").formula}
          window={windowText("churn")}
          href={`/finance/snapshots?sort=month&dir=desc`}
          change={change(m.churnRate, P("churnRate"), "lower", dPts, cmp, t)}
        />
        <KpiTile
          label={F("cac").label}
          metric={{ id: "finance.cac", value: m.cacCents, asOf: M }}
          value={money(m.cacCents)}
          formula={F("cac").formula}
          window={windowText("cac")}
          href={budgetsWindow}
          change={change(m.cacCents, P("cacCents"), "lower", dMoney, cmp, t)}
        />
        <KpiTile
          label={F("ltv").label}
          metric={{ id: "finance.ltv", value: m.ltvCents, asOf: M }}
          value={money(m.ltvCents)}
          formula={`${F("ltv").formula} ${t("{{label}}: {{formula}}", { label: F("arpa").label, formula: F("arpa").formula })}`}
          window={F("ltv").window}
          href={snapshots}
          change={change(m.ltvCents, P("ltvCents"), "higher", dMoney, cmp, t)}
          footnote={m.arpaCents === null ? undefined : t("ARPA {{amount}}", { amount: money(m.arpaCents) })}
        />
        <KpiTile
          label={F("ltvToCac").label}
          metric={{ id: "finance.ltv_to_cac", value: m.ltvToCac, asOf: M }}
          value={m.ltvToCac === null ? null : `${formatNumber(m.ltvToCac, { locale: fmt.locale, digits: 1 })}×`}
          formula={`${F("ltvToCac").formula} ${t("A common rule of thumb aims at 3× or more.")}`}
          window={F("ltvToCac").window}
          href={budgetsWindow}
          change={change(m.ltvToCac, P("ltvToCac"), "higher", dNum, cmp, t)}
        />
      </div>

      <h2 className="exec-section-title">{t(TEXT.team)}</h2>
      <div className="exec-tiles">
        <KpiTile
          label={t("Headcount vs plan")}
          value={headcount && headcount.actual !== null ? `${headcount.actual} / ${headcount.planned ?? "—"}` : null}
          metric={headcount?.marks.actual}
          formula={t(TEXT.headcountFormula)}
          window={t("Today ({{date}}); planned: employees at the end of this month + open requisitions due by then.", {
            date: formatDate(headcount?.today ?? null, "UTC", fmt.locale) ?? "—",
          })}
          href="/hiring"
          change={
            headcount && prevHeadcount
              ? change(
                  headcount.actual,
                  prevHeadcount.actual,
                  "higher",
                  (d) => formatNumber(d, { locale: fmt.locale, digits: 0, signed: true }),
                  t("actual vs the end of {{month}}", { month: formatMonth(prevHeadcount.month, fmt.locale) }),
                  t,
                )
              : undefined
          }
          footnote={
            headcount ? (
              <>
                {t("Actual / planned")} (<span {...metricAttributes(headcount.marks.planned)}>{headcount.planned ?? t("no data")}</span>)
                {headcountTarget !== null ? t("; company target {{target}}", { target: headcountTarget }) : null}
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
  const { t } = useTranslation("finance");
  if (pinned.tiles.length === 0) return null;
  return (
    <section aria-labelledby="pinned-kpis" data-testid="pinned-kpis">
      <h2 className="exec-section-title" id="pinned-kpis">
        {t(TEXT.pinned)}
      </h2>
      <p className="muted">{t(TEXT.pinnedHint)}</p>
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
  const { t } = useTranslation("finance");
  const fmt = formatting;

  if (!finance) {
    return (
      <div className="finance-page">
        <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
        {emptyAsOf ? (
          <EmptyState
            title={t(TEXT.emptyAsOfTitle, { month: formatMonth(emptyAsOf, fmt.locale) })}
            action={<Link to="/dashboards/executive">{t(TEXT.latest)}</Link>}
          >
            {t(TEXT.asOfHint)}
          </EmptyState>
        ) : (
          <EmptyState
            title={t(TEXT.emptyTitle)}
            whoMay={t(TEXT.emptyWho)}
            action={permissions.includes("finance:edit") ? <Link to="/finance/snapshots">{t(TEXT.addSnapshot)}</Link> : undefined}
          >
            {t(TEXT.emptyBody)}
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
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} eyebrow={t("As of {{month}}", { month: formatMonth(M, fmt.locale, "long") })}>
        <Form method="get" className="range-form" aria-label={t("As-of month")}>
          <label htmlFor="as-of">{t(TEXT.asOf)}</label>
          <select id="as-of" name="asOf" defaultValue={M} aria-describedby="as-of-hint">
            {months.map((mo) => (
              <option key={mo} value={mo}>
                {formatMonth(mo, fmt.locale, "long")}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn--secondary">
            {t(TEXT.show)}
          </button>
          <span id="as-of-hint" className="muted">
            {t(TEXT.asOfHint)}
          </span>
        </Form>
      </PageHeader>
      {badAsOf ? (
        <p className="notice" role="status">
          {t("The “as of” month in the address is not a month (YYYY-MM): showing the latest closed month.")}
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

      <h2 className="exec-section-title">{t(TEXT.charts)}</h2>
      <div className="exec-charts">
        <CashCurveChart trend={finance.trend} forecast={finance.forecast} fmt={fmt} />
        <MrrTrendChart trend={finance.trend} fmt={fmt} />
        <BurnByCategoryChart lines={finance.burnByCategory} months={finance.burnMonths} fmt={fmt} />
      </div>

      <section className="panel" aria-labelledby="hiring-impact">
        <h2 id="hiring-impact">{t(TEXT.hiringImpact)}</h2>
        <p className="muted">{t(TEXT.hiringImpactHelp)}</p>
        {sortedImpacts.length > IMPACTS_SHOWN ? (
          <p>
            {showAllImpacts
              ? t("All {{count}} open requisitions.", { count: sortedImpacts.length })
              : deltaShown
                ? t("The {{shown}} that move the zero-cash date most, of {{count}} open requisitions.", { shown: IMPACTS_SHOWN, count: sortedImpacts.length })
                : t("{{shown}} of {{count}} open requisitions.", { shown: IMPACTS_SHOWN, count: sortedImpacts.length })}{" "}
            <Link to={allImpactsHref} preventScrollReset>
              {showAllImpacts ? t("Show the top 10") : t("Show all")}
            </Link>
          </p>
        ) : null}
        {impacts.length === 0 ? (
          <p>{t(TEXT.noRequisitions)}</p>
        ) : (
          <div className="table-scroll">
            <table className="simple impact-table">
              <caption className="visually-hidden">{t(TEXT.hiringImpact)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("Requisition")}</th>
                  <th scope="col">{t("Team")}</th>
                  <th scope="col">{t("Priority")}</th>
                  <th scope="col">{t("Status")}</th>
                  <th scope="col">{t("Start")}</th>
                  {costShown ? (
                    <th scope="col" className="num">
                      {t("Monthly cost (loaded)")}
                    </th>
                  ) : null}
                  {deltaShown ? (
                    <th scope="col" className="num">
                      {t("Δ zero-cash date")}
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
                        {r.monthlyCostCents === null ? <span className="muted">{t(TEXT.hidden)}</span> : formatMoney(r.monthlyCostCents, fmt)}
                      </td>
                    ) : null}
                    {deltaShown ? (
                      <td className="num">
                        {!r.salaryVisible ? (
                          <span className="muted">{t(TEXT.hidden)}</span>
                        ) : r.deltaDays === null ? (
                          <span className="muted">{t("no zero cash within 36 months")}</span>
                        ) : (
                          formatDeltaDays(r.deltaDays, t)
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {impacts.length > 0 && (!costShown || !deltaShown) ? <p className="muted">{t(TEXT.withheld)}</p> : null}
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
