import { Area, AreaChart as RAreaChart } from "recharts";
import { N_ } from "~/i18n/mark";
import { cartesianLayers, CHART_MARGIN, useCartesianChart, type CartesianChartProps } from "./cartesian";
import { ChartFrame, chartColor, chartLegend, seriesColor, X_AXIS_PADDING } from "./chart-frame";

export type AreaChartProps<T extends object> = CartesianChartProps<T> & {
  /** stack the areas (e.g. spend by category over months); default true */
  stacked?: boolean;
  /** y axis width in px (default 64) */
  yAxisWidth?: number;
};

/** Filled areas over a category/time axis, stacked by default; server-rendered SVG with a table alternative. */
export function AreaChart<T extends object>(props: AreaChartProps<T>) {
  const { data, xKey, series, stacked = true, referenceLine, yAxisWidth = 64 } = props;
  const c = useCartesianChart(props, { xLabel: N_("Period"), stacked });

  return (
    <ChartFrame
      {...c.frame}
      empty={c.empty}
      plotKey={c.empty ? undefined : c.plotKey("area", { stacked, yAxisWidth })}
      legend={chartLegend(
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed, kind: "box" as const })),
        { referenceLine },
      )}
      table={c.table}
      notes={c.notes}
    >
      {c.empty ? null : (
        <RAreaChart id={c.id} width={c.size.width} height={c.size.height} data={c.plotData.slice()} margin={CHART_MARGIN}>
          {cartesianLayers({
            xKey,
            formatX: c.formatX,
            formatValue: c.formatValue,
            valueAxis: c.axis,
            dataLength: data.length,
            plotWidth: c.size.width,
            axisWidth: yAxisWidth,
            xPadding: X_AXIS_PADDING,
            cursor: { stroke: "var(--border)" },
            referenceLine,
          })}
          {series.map((s, i) => {
            const color = chartColor(seriesColor(i, s.color));
            return (
              <Area
                key={s.key}
                id={`${c.id}-s${i}`}
                type="linear"
                dataKey={s.key}
                name={s.name ?? s.label}
                stroke={color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
                fill={color}
                fillOpacity={stacked ? 0.55 : 0.2}
                stackId={stacked ? (s.stack ?? "stack") : undefined}
                isAnimationActive={false}
                connectNulls={false}
                activeDot={{ r: 4, fill: color, stroke: "var(--surface)", strokeWidth: 2 }}
              />
            );
          })}
        </RAreaChart>
      )}
    </ChartFrame>
  );
}
