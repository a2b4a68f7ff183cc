import { N_ } from "~/i18n/mark";
import { useCartesianChart, type CartesianChartProps } from "./cartesian";
import { ChartFrame, chartLegend, seriesColor, type ChartColor, type ChartSeries, type DataTableSpec, type LegendItem } from "./chart-frame";

export type BarSeries<T> = ChartSeries<T> & {
  /** colour each bar by its row's meaning (e.g. risk level, tier) instead of one series colour */
  colorOf?: (row: T) => ChartColor;
};

export type BarChartProps<T extends object> = CartesianChartProps<T, BarSeries<T>> & {
  /** stack the series instead of grouping them side by side */
  stacked?: boolean;
  /** "vertical" draws horizontal bars with categories down the side (long names) */
  layout?: "horizontal" | "vertical";
  /** a fixed value scale, e.g. a 1–5 score: its bounds and ticks (default: nice ticks from 0) */
  valueScale?: { domain: [number, number]; ticks: number[] };
  /** "Show as table" rows other than one per data row (default: the data as plotted) */
  table?: DataTableSpec;
  /** legend entries after the series', e.g. what a light bar means */
  legendExtra?: readonly LegendItem[];
  /** width in px of the value axis (horizontal layout) or of the category axis (vertical layout) */
  axisWidth?: number;
};

/** Grouped or stacked bars; server-rendered SVG with a "Show as table" alternative. */
export function BarChart<T extends object>(props: BarChartProps<T>) {
  const { data, series, stacked = false, layout = "horizontal", referenceLine, valueScale, legendExtra = [], axisWidth } = props;
  const c = useCartesianChart(props, { xLabel: N_("Category"), stacked, table: props.table });

  return (
    <ChartFrame
      {...c.frame}
      empty={c.empty}
      plotKey={
        c.empty
          ? undefined
          : c.plotKey("bar", {
              stacked,
              layout,
              axisWidth: axisWidth ?? null,
              valueScale: valueScale ?? null,
              valueScaleLabels: valueScale?.ticks.map(c.formatValue) ?? null,
              colors: series.map((s) => (s.colorOf ? data.map(s.colorOf) : null)),
            })
      }
      plot={{ ...c.plotBase, kind: "bar", stacked, layout, valueScale, axisWidth }}
      legend={[
        ...chartLegend(
          series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed, kind: "box" as const })),
          { referenceLine },
        ),
        ...legendExtra,
      ]}
      table={c.table}
      notes={c.notes}
    />
  );
}
