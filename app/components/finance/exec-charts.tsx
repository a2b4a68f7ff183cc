/**
 * Executive dashboard charts (server-rendered recharts wrappers with a "show as table" text
 * alternative): cash curve with forecast, gross burn vs budget by category, MRR trend.
 */
import { BarChart } from "~/components/charts/bar-chart";
import { LineChart } from "~/components/charts/line-chart";
import { formatDate, formatMoney, formatMonth, type FormatOptions } from "~/lib/format";

const CHART_TEXT = {
  cashTitle: "Cash: actual, then forecast with and without the hiring plan",
  cashTitleWithout: "Cash: actual, then forecast without the hiring plan",
  planHidden: (n: number) =>
    `The forecast with the hiring plan is hidden: it is derived from the salaries of ${n} open requisition${n === 1 ? "" : "s"} your role may not see.`,
  cashActual: "Cash (actual)",
  cashWithout: "Forecast without the hiring plan",
  cashWith: "Forecast with the open hiring plan",
  zeroLine: "Zero cash",
  zeroMarker: "Zero cash (with hiring)",
  burnTitle: "Gross burn vs budget by category",
  burnDescription: "For each month (MM/YY), the planned budget (plan) and the actual spend (actual), stacked by category; a missing actual counts as 0.",
  mrrTitle: "MRR trend",
  mrr: "MRR",
  otherCategories: "Other categories",
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
  const rows: CashRow[] = trend.map((t) => ({ month: t.month, actual: t.cashCents, without: null, with: null }));
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
  const z = (d: string | null) => (d ? formatDate(d, "UTC", fmt.locale) : "not within the forecast");
  const planHidden = (forecast.hiddenRequisitions ?? 0) > 0;
  if (planHidden && last) last.with = null;
  const zeroInChart = !planHidden && forecast.zeroCashMonthWith && rows.some((r) => r.month === forecast.zeroCashMonthWith);
  const withText = planHidden
    ? CHART_TEXT.planHidden(forecast.hiddenRequisitions ?? 0)
    : `Zero cash with the open hiring plan: ${z(forecast.zeroCashDateWith)}; without it: ${z(forecast.zeroCashDateWithout)}.`;
  return (
    <LineChart<CashRow>
      title={planHidden ? CHART_TEXT.cashTitleWithout : CHART_TEXT.cashTitle}
      description={`${withText}${planHidden ? ` Zero cash without it: ${z(forecast.zeroCashDateWithout)}.` : ""} Forecast: planned budget lines${forecast.plannedThrough ? ` (through ${formatMonth(forecast.plannedThrough, fmt.locale)}, then that month's total held flat)` : " (none after M: M's gross burn held flat)"}, revenue growing by g, each open requisition from its start month at salary ÷ 12 × loaded-cost factor.`}
      data={rows}
      xKey="month"
      xLabel="Month"
      series={[
        { key: "actual", label: CHART_TEXT.cashActual, color: "chart-1" },
        { key: "without", label: CHART_TEXT.cashWithout, color: "chart-2", dashed: true },
        ...(planHidden ? [] : [{ key: "with" as const, label: CHART_TEXT.cashWith, color: "chart-3" as const, dashed: true }]),
      ]}
      referenceLine={{ y: 0, label: CHART_TEXT.zeroLine, color: "bad" }}
      xMarker={zeroInChart ? { x: forecast.zeroCashMonthWith!, label: CHART_TEXT.zeroMarker, color: "bad" } : undefined}
      formatX={(x) => formatMonth(String(x), fmt.locale)}
      formatValue={(v) => formatMoney(v, { ...fmt, compact: true })}
      yDomain={["auto", "auto"]}
      yAxisWidth={72}
    />
  );
}

type BurnRow = { label: string; c0: number; c1: number; c2: number; c3: number; c4: number; c5: number };
const KEYS = ["c0", "c1", "c2", "c3", "c4", "c5"] as const;

export function BurnByCategoryChart({
  lines,
  months,
  fmt,
}: {
  lines: { month: string; category: string; plannedCents: number; actualCents: number | null }[];
  months: string[];
  fmt: FormatOptions;
}) {
  // at most 6 colours: the 5 biggest categories by actual over the window, then the rest together
  const totals = new Map<string, number>();
  for (const l of lines) totals.set(l.category, (totals.get(l.category) ?? 0) + Math.max(l.actualCents ?? 0, l.plannedCents));
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const groups = ranked.length <= 6 ? ranked : [...ranked.slice(0, 5), CHART_TEXT.otherCategories];
  const groupOf = (c: string) => {
    const i = groups.indexOf(c);
    return i >= 0 ? i : groups.length - 1;
  };
  const rows: BurnRow[] = [];
  for (const m of months) {
    const short = `${m.slice(5, 7)}/${m.slice(2, 4)}`;
    const planned: BurnRow = { label: `${short} plan`, c0: 0, c1: 0, c2: 0, c3: 0, c4: 0, c5: 0 };
    const actual: BurnRow = { label: `${short} actual`, c0: 0, c1: 0, c2: 0, c3: 0, c4: 0, c5: 0 };
    for (const l of lines) {
      if (l.month !== m) continue;
      const k = KEYS[groupOf(l.category)];
      planned[k] += l.plannedCents;
      actual[k] += l.actualCents ?? 0;
    }
    rows.push(planned, actual);
  }
  return (
    <BarChart<BurnRow>
      title={CHART_TEXT.burnTitle}
      description={CHART_TEXT.burnDescription}
      data={rows}
      xKey="label"
      xLabel="Month"
      stacked
      series={groups.map((g, i) => ({ key: KEYS[i], label: g }))}
      formatValue={(v) => formatMoney(v, { ...fmt, compact: true })}
      axisWidth={72}
    />
  );
}

type MrrRow = { month: string; mrr: number };

export function MrrTrendChart({ trend, fmt }: { trend: { month: string; mrrCents: number }[]; fmt: FormatOptions }) {
  return (
    <LineChart<MrrRow>
      title={CHART_TEXT.mrrTitle}
      description="Monthly recurring revenue at the end of each closed month."
      data={trend.map((t) => ({ month: t.month, mrr: t.mrrCents }))}
      xKey="month"
      xLabel="Month"
      series={[{ key: "mrr", label: CHART_TEXT.mrr, color: "chart-1" }]}
      formatX={(x) => formatMonth(String(x), fmt.locale)}
      formatValue={(v) => formatMoney(v, { ...fmt, compact: true })}
      yAxisWidth={72}
    />
  );
}
