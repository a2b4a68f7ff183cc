import { useTranslation } from "react-i18next";
import { KpiTile, metricAttributes, type KpiChange, type MetricMark } from "~/components/metrics/kpi-tile";
import { formatDate, formatMoney, formatMonth, formatNumber, formatPercent, type FormatOptions } from "~/lib/format";
import { BURN_BANDS_SOURCE, burnMultipleBand } from "~/lib/metrics/burn-bands";
import { FORMULAS, type FinanceMetrics } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { EXECUTIVE_TEXT as TEXT } from "./executive-text";

type Fmt = FormatOptions;

/** Headcount and planned headcount today, with their data-metric marks (the catalogue's people.* figures). */
export type ExecutiveHeadcount = {
  actual: number | null;
  planned: number | null;
  today: string;
  marks: { actual: MetricMark; planned: MetricMark };
};

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
/** The figures of FinanceMetrics a tile shows through `figure` (numbers, null when not computable). */
type FigureKey = "cashCents" | "avgNetBurnCents" | "mrrCents" | "monthlyGrowth" | "churnRate" | "cacCents" | "ltvCents";

/** The executive dashboard's tiles: cash and burn, revenue and customers, the team — each against the previous closed month. */
export function ExecutiveTiles({
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
  headcount: ExecutiveHeadcount | null;
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
  // another formula the tile's own relies on, named: "ARR: …"
  const alsoFormula = (key: keyof typeof FORMULAS) => t("{{label}}: {{formula}}", { label: F(key).label, formula: F(key).formula });
  // a money or rate figure of month M: its data-metric mark (catalogue id), the value as shown, and its change since the previous month
  const figure = (id: string, key: FigureKey, show: (v: number | null) => string | null, delta: (d: number) => string, direction: "higher" | "lower") => ({
    metric: { id, value: m[key], asOf: M },
    value: show(m[key]),
    change: change(m[key], P(key), direction, delta, cmp, t),
  });
  const F = (key: keyof typeof FORMULAS) => ({ label: tm(FORMULAS[key].label), formula: tm(FORMULAS[key].formula), window: tm(FORMULAS[key].window) });

  return (
    <>
      <h2 className="exec-section-title">{t(TEXT.finance)}</h2>
      <div className="exec-tiles">
        <KpiTile
          label={t("Cash")}
          {...figure("finance.cash", "cashCents", money, dMoney, "higher")}
          formula={t("Cash at the end of M, from the finance snapshot.")}
          window={t("Month M = {{month}}.", { month: formatMonth(M, fmt.locale) })}
          href={snapshots}
        />
        <KpiTile
          {...F("avgNetBurn")}
          {...figure("finance.avg_net_burn", "avgNetBurnCents", money, dMoney, "lower")}
          formula={`${F("avgNetBurn").formula} ${alsoFormula("grossBurn")} ${alsoFormula("netBurn")}`}
          window={windowText("avgNetBurn")}
          href={budgetsWindow}
          footnote={
            <>
              {t("Gross burn")} <span {...metricAttributes({ id: "finance.gross_burn", value: m.grossBurnCents, asOf: M })}>{money(m.grossBurnCents)}</span>,{" "}
              {t("net burn")} <span {...metricAttributes({ id: "finance.net_burn", value: m.netBurnCents, asOf: M })}>{money(m.netBurnCents)}</span>{" "}
              {t("in {{month}}", { month: formatMonth(M, fmt.locale) })}
            </>
          }
        />
        <KpiTile
          {...F("runway")}
          metric={{ id: "finance.runway_months", value: m.runwayMonths, asOf: M }}
          value={m.runwayMonths === null ? t(TEXT.notBurning) : t(TEXT.months, { n: formatNumber(m.runwayMonths, { locale: fmt.locale, digits: 1 }) })}
          formula={`${F("runway").formula} ${alsoFormula("zeroCashDate")}`}
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
          {...F("defaultAlive")}
          metric={{ id: "finance.default_alive", value: m.defaultAlive ? 1 : 0, asOf: M }}
          value={m.defaultAlive ? t(TEXT.alive) : t(TEXT.dead)}
          formula={`${F("defaultAlive").formula} ${alsoFormula("growthNeeded")}`}
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
          {...F("burnMultiple")}
          metric={{ id: "finance.burn_multiple", value: m.burnMultiple, asOf: M }}
          value={m.burnMultiple === null ? null : `${formatNumber(m.burnMultiple, { locale: fmt.locale, digits: 2 })}×`}
          formula={`${F("burnMultiple").formula} ${tm(BURN_BANDS_SOURCE)}`}
          href={`/budgets?from=${addMonths(M, -3)}&to=${M}`}
          change={change(m.burnMultiple, P("burnMultiple"), "lower", dNum, cmp, t)}
          footnote={band ? t("Band: {{band}}", { band: tm(band) }) : t("No band: MRR did not grow over the last 3 months, or M−3 is not closed")}
        />
      </div>

      <h2 className="exec-section-title">{t(TEXT.saas)}</h2>
      <div className="exec-tiles">
        <KpiTile
          {...F("mrr")}
          {...figure("finance.mrr", "mrrCents", money, dMoney, "higher")}
          formula={`${F("mrr").formula} ${alsoFormula("arr")}`}
          href={snapshots}
          footnote={
            <>
              ARR <span {...metricAttributes({ id: "finance.arr", value: m.arrCents, asOf: M })}>{money(m.arrCents)}</span>
            </>
          }
        />
        <KpiTile
          {...F("monthlyGrowth")}
          {...figure("finance.revenue_growth", "monthlyGrowth", pct, dPts, "higher")}
          href={`/finance/snapshots?sort=month&dir=desc`}
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
          {...F("churn")}
          {...figure("finance.churn", "churnRate", pct, dPts, "lower")}
          window={windowText("churn")}
          href={`/finance/snapshots?sort=month&dir=desc`}
        />
        <KpiTile {...F("cac")} {...figure("finance.cac", "cacCents", money, dMoney, "lower")} window={windowText("cac")} href={budgetsWindow} />
        <KpiTile
          {...F("ltv")}
          {...figure("finance.ltv", "ltvCents", money, dMoney, "higher")}
          formula={`${F("ltv").formula} ${alsoFormula("arpa")}`}
          href={snapshots}
          footnote={m.arpaCents === null ? undefined : t("ARPA {{amount}}", { amount: money(m.arpaCents) })}
        />
        <KpiTile
          {...F("ltvToCac")}
          metric={{ id: "finance.ltv_to_cac", value: m.ltvToCac, asOf: M }}
          value={m.ltvToCac === null ? null : `${formatNumber(m.ltvToCac, { locale: fmt.locale, digits: 1 })}×`}
          formula={`${F("ltvToCac").formula} ${t("A common rule of thumb aims at 3× or more.")}`}
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
