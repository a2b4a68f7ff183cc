import { N_ } from "~/i18n/mark";
import { useCartesianChart, type CartesianChartProps } from "./cartesian";
import { ChartFrame, chartLegend, seriesColor } from "./chart-frame";

export type AreaChartProps<T extends object> = CartesianChartProps<T> & {
  /** stack the areas (e.g. spend by category over months); default true */
  stacked?: boolean;
  /** y axis width in px (default 64) */
  yAxisWidth?: number;
};

/** Filled areas over a category/time axis, stacked by default; server-rendered SVG with a table alternative. */
export function AreaChart<T extends object>(props: AreaChartProps<T>) {
  const { series, stacked = true, referenceLine, yAxisWidth = 64 } = props;
  const c = useCartesianChart(props, { xLabel: N_("Period"), stacked });

  return (
    <ChartFrame
      {...c.frame}
      empty={c.empty}
      plotKey={c.empty ? undefined : c.plotKey("area", { stacked, yAxisWidth })}
      plot={{ ...c.plotBase, kind: "area", stacked, yAxisWidth }}
      legend={chartLegend(
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed, kind: "box" as const })),
        { referenceLine },
      )}
      table={c.table}
      notes={c.notes}
    />
  );
}
