import { N_ } from "~/i18n/mark";
import { formatMoney, formatMonth, type FormatOptions } from "~/lib/format";
import { useCartesianChart, type CartesianChartProps } from "./cartesian";
import { ChartFrame, chartLegend, seriesColor, type ChartColor } from "./chart-frame";

export type LineChartProps<T extends object> = CartesianChartProps<T> & {
  /** a vertical marker at an x value, e.g. "Today" where the forecast starts */
  xMarker?: { x: string | number; label: string; color?: ChartColor };
  /** y axis bounds: numbers are kept inside the axis, "auto" fits the data (default: from 0) */
  yDomain?: [number | "auto", number | "auto"];
  /** y axis width in px (default 64) */
  yAxisWidth?: number;
};

/** The props of a line chart of amounts (cents) by month ("YYYY-MM"): month labels, money values and axis, a wide y axis. */
export function moneyByMonth(fmt: FormatOptions) {
  return {
    formatX: (x: string | number) => formatMonth(String(x), fmt.locale),
    formatValue: (v: number) => formatMoney(v, fmt),
    unit: "money",
    locale: fmt.locale,
    currency: fmt.currency,
    yAxisWidth: 72,
  } as const;
}

/** Lines over a category/time axis (`dashed: true` for forecasts); server-rendered SVG with a "Show as table" alternative. */
export function LineChart<T extends object>(props: LineChartProps<T>) {
  const { series, referenceLine, xMarker, yDomain, yAxisWidth = 64 } = props;
  const c = useCartesianChart(props, {
    xLabel: N_("Period"),
    // numeric bounds asked for (e.g. 0 or 10) stay on the axis; "auto" fits the data
    extraValues: (yDomain ?? []).flatMap((b) => (typeof b === "number" ? [b] : [])),
    includeZero: yDomain === undefined,
    notes: xMarker ? [`${xMarker.label}: ${(props.formatX ?? String)(xMarker.x)}`] : [],
  });

  return (
    <ChartFrame
      {...c.frame}
      empty={c.empty}
      plotKey={c.empty ? undefined : c.plotKey("line", { xMarker: xMarker ?? null, yDomain: yDomain ?? null, yAxisWidth })}
      plot={{ ...c.plotBase, kind: "line", xMarker, yAxisWidth }}
      legend={chartLegend(
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed })),
        { referenceLine, xMarker },
      )}
      table={c.table}
      notes={c.notes}
    />
  );
}
