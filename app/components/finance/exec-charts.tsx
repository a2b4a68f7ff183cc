/**
 * Executive dashboard charts (server-rendered recharts wrappers with a "show as table" text
 * alternative): cash curve with forecast, gross burn vs budget by category, MRR trend.
 */
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/charts/bar-chart";
import { groupLargest, type ChartColor } from "~/components/charts/chart-frame";
import { LineChart, moneyByMonth } from "~/components/charts/line-chart";
import { N_ } from "~/i18n/mark";
import { formatDate, formatMoney, formatMonth, type FormatOptions } from "~/lib/format";

const CHART_TEXT = {
  cashTitle: N_("Cash: actual, then forecast with and without the hiring plan"),
  cashTitleWithout: N_("Cash: actual, then forecast without the hiring plan"),
  cashActual: N_("Cash (actual)"),
  cashWithout: N_("Forecast without the hiring plan"),
  cashWith: N_("Forecast with the open hiring plan"),
  zeroLine: N_("Zero cash"),
  zeroMarker: N_("Zero cash (with hiring)"),
  burnTitle: N_("Gross burn vs budget by category"),
  burnDescription: N_(
    "For each month, the planned budget (left bar, light) beside the actual spend (right bar, solid), stacked by category; a missing actual counts as 0.",
  ),
  plan: N_("plan"),
  actual: N_("actual"),
  planLegend: N_("Plan: left bar, light"),
  actualLegend: N_("Actual: right bar, solid"),
  total: N_("Total"),
  mrrTitle: N_("MRR trend"),
  mrr: N_("MRR"),
  other: N_("Other"),
} as const;

type CashRow = { month: string; actual: number | null; without: number | null; with: number | null };

export function CashCurveChart({
  trend,
  forecast,
  fmt,
}: {
  trend: { month: string; cashCents: number }[];
  forecast: {
    /** cashWithHiringCents null: the hiring plan is hidden from this user (salary-derived) */
    months: { month: string; cashWithoutHiringCents: number; cashWithHiringCents: number | null }[];
    hiddenRequisitions?: number;
    zeroCashMonthWith: string | null;
    zeroCashMonthWithout: string | null;
    zeroCashDateWith: string | null;
    zeroCashDateWithout: string | null;
    plannedThrough: string | null;
  };
  fmt: FormatOptions;
}) {
  const { t } = useTranslation("finance");
  const rows: CashRow[] = trend.map((p) => ({ month: p.month, actual: p.cashCents, without: null, with: null }));
  const last = rows.at(-1);
  // the forecast lines start where the actual line ends
  if (last) {
    last.without = last.actual;
    last.with = last.actual;
  }
  // show up to 24 forecast months, or until a little after the zero-cash month
  const horizon = Math.min(forecast.months.length, 24);
  for (const f of forecast.months.slice(0, horizon)) {
    rows.push({ month: f.month, actual: null, without: f.cashWithoutHiringCents, with: f.cashWithHiringCents });
  }
  const z = (d: string | null) => (d ? formatDate(d, "UTC", fmt.locale) : t("not within the forecast"));
  const planHidden = (forecast.hiddenRequisitions ?? 0) > 0;
  if (planHidden && last) last.with = null;
  const zeroInChart = !planHidden && forecast.zeroCashMonthWith && rows.some((r) => r.month === forecast.zeroCashMonthWith);
  const withText = planHidden
    ? t("The forecast with the hiring plan is hidden: it is derived from the salaries of {{count}} open requisitions your role may not see.", {
        count: forecast.hiddenRequisitions ?? 0,
      })
    : t("Zero cash with the open hiring plan: {{with}}; without it: {{without}}.", {
        with: z(forecast.zeroCashDateWith),
        without: z(forecast.zeroCashDateWithout),
      });
  const forecastText = forecast.plannedThrough
    ? t(
        "Forecast: planned budget lines (through {{month}}, then that month's total held flat), revenue growing by g, each open requisition from its start month at salary ÷ 12 × loaded-cost factor.",
        { month: formatMonth(forecast.plannedThrough, fmt.locale) },
      )
    : t(
        "Forecast: planned budget lines (none after M: M's gross burn held flat), revenue growing by g, each open requisition from its start month at salary ÷ 12 × loaded-cost factor.",
      );
  return (
    <LineChart<CashRow>
      title={planHidden ? t(CHART_TEXT.cashTitleWithout) : t(CHART_TEXT.cashTitle)}
      description={`${withText}${planHidden ? ` ${t("Zero cash without it: {{date}}.", { date: z(forecast.zeroCashDateWithout) })}` : ""} ${forecastText}`}
      data={rows}
      xKey="month"
      xLabel={t("Month")}
      series={[
        { key: "actual", label: t(CHART_TEXT.cashActual), color: "chart-1" },
        { key: "without", label: t(CHART_TEXT.cashWithout), color: "chart-2", dashed: true },
        ...(planHidden ? [] : [{ key: "with" as const, label: t(CHART_TEXT.cashWith), color: "chart-3" as const, dashed: true }]),
      ]}
      referenceLine={{ y: 0, label: t(CHART_TEXT.zeroLine), color: "bad" }}
      xMarker={zeroInChart ? { x: forecast.zeroCashMonthWith!, label: t(CHART_TEXT.zeroMarker), color: "bad" } : undefined}
      {...moneyByMonth(fmt)}
      yDomain={["auto", "auto"]}
    />
  );
}

type BurnKey = `p${0 | 1 | 2 | 3 | 4 | 5}` | `a${0 | 1 | 2 | 3 | 4 | 5}`;
type BurnRow = { month: string } & Record<BurnKey, number>;
const GROUPS = 6;

export function BurnByCategoryChart({
  lines,
  months,
  fmt,
}: {
  lines: { month: string; category: string; plannedCents: number; actualCents: number | null }[];
  months: string[];
  fmt: FormatOptions;
}) {
  const { t } = useTranslation("finance");
  // at most 6 colours: the 5 biggest categories over the window, then the rest together as "Other"
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.category, (totals.get(l.category) ?? 0) + Math.max(l.actualCents ?? 0, l.plannedCents));
  const { groups, groupOf } = groupLargest(totals, GROUPS, t(CHART_TEXT.other));
  const empty = () =>
    Object.fromEntries(
      groups.flatMap((_, i) => [
        [`p${i}`, 0],
        [`a${i}`, 0],
      ]),
    ) as Record<BurnKey, number>;
  const rows: BurnRow[] = months.map((m) => ({ month: m, ...empty() }));
  const rowOf = new Map(rows.map((r) => [r.month, r]));
  for (const l of lines) {
    const row = rowOf.get(l.month);
    if (!row) continue;
    const i = groups.indexOf(groupOf(l.category));
    row[`p${i}` as BurnKey] += l.plannedCents;
    row[`a${i}` as BurnKey] += l.actualCents ?? 0;
  }
  const color = (i: number) => `chart-${i + 1}` as ChartColor;
  const money = (v: number) => formatMoney(v, fmt);
  // each month: the plan (left, light with a dashed outline) beside the actual (right, solid)
  const series = [
    ...groups.map((g, i) => ({ key: `p${i}` as BurnKey, label: g, name: `${g} (${t(CHART_TEXT.plan)})`, color: color(i), dashed: true, stack: "plan" })),
    ...groups.map((g, i) => ({ key: `a${i}` as BurnKey, label: g, name: `${g} (${t(CHART_TEXT.actual)})`, color: color(i), stack: "actual" })),
  ];
  const sum = (row: BurnRow, prefix: "p" | "a") => groups.reduce((acc, _, i) => acc + row[`${prefix}${i}` as BurnKey], 0);
  return (
    <BarChart<BurnRow>
      title={t(CHART_TEXT.burnTitle)}
      description={t(CHART_TEXT.burnDescription)}
      data={rows}
      xKey="month"
      xLabel={t("Month")}
      stacked
      series={series}
      formatX={(x) => formatMonth(String(x), fmt.locale)}
      formatValue={money}
      unit="money"
      locale={fmt.locale}
      currency={fmt.currency}
      axisWidth={72}
      width={1100}
      height={300}
      className="chart--wide"
      legendExtra={[
        { label: t(CHART_TEXT.planLegend), color: "text-muted", dashed: true, kind: "box" },
        { label: t(CHART_TEXT.actualLegend), color: "text-muted", kind: "box" },
      ]}
      table={{
        xLabel: t("Month"),
        columns: [...groups, t(CHART_TEXT.total)],
        rows: rows.flatMap((r) =>
          (["p", "a"] as const).map((k) => ({
            x: `${formatMonth(r.month, fmt.locale)} · ${k === "p" ? t(CHART_TEXT.plan) : t(CHART_TEXT.actual)}`,
            values: [...groups.map((_, i) => money(r[`${k}${i}` as BurnKey])), money(sum(r, k))],
          })),
        ),
      }}
    />
  );
}

type MrrRow = { month: string; mrr: number };

export function MrrTrendChart({ trend, fmt }: { trend: { month: string; mrrCents: number }[]; fmt: FormatOptions }) {
  const { t } = useTranslation("finance");
  return (
    <LineChart<MrrRow>
      title={t(CHART_TEXT.mrrTitle)}
      description={t("Monthly recurring revenue at the end of each closed month.")}
      data={trend.map((p) => ({ month: p.month, mrr: p.mrrCents }))}
      xKey="month"
      xLabel={t("Month")}
      series={[{ key: "mrr", label: t(CHART_TEXT.mrr), color: "chart-1" }]}
      {...moneyByMonth(fmt)}
    />
  );
}
