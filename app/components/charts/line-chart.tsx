import { Line, LineChart as RLineChart, ReferenceLine } from "recharts";
import { N_ } from "~/i18n/mark";
import { cartesianLayers, CHART_MARGIN, useCartesianChart, type CartesianChartProps } from "./cartesian";
import { ChartFrame, chartColor, chartLegend, seriesColor, X_AXIS_PADDING, type ChartColor } from "./chart-frame";

export type LineChartProps<T extends object> = CartesianChartProps<T> & {
  /** a vertical marker at an x value, e.g. "Today" where the forecast starts */
  xMarker?: { x: string | number; label: string; color?: ChartColor };
  /** y axis bounds: numbers are kept inside the axis, "auto" fits the data (default: from 0) */
  yDomain?: [number | "auto", number | "auto"];
  /** y axis width in px (default 64) */
  yAxisWidth?: number;
};

/** Lines over a category/time axis (`dashed: true` for forecasts); server-rendered SVG with a "Show as table" alternative. */
export function LineChart<T extends object>(props: LineChartProps<T>) {
  const { data, xKey, series, referenceLine, xMarker, yDomain, yAxisWidth = 64 } = props;
  const c = useCartesianChart(props, {
    xLabel: N_("Period"),
    // numeric bounds asked for (e.g. 0 or 10) stay on the axis; "auto" fits the data
    extraValues: (yDomain ?? []).flatMap((b) => (typeof b === "number" ? [b] : [])),
    includeZero: yDomain === undefined,
    notes: xMarker ? [`${xMarker.label}: ${(props.formatX ?? String)(xMarker.x)}`] : [],
  });
  const dots = data.length <= 24;

  return (
    <ChartFrame
      {...c.frame}
      empty={c.empty}
      plotKey={c.empty ? undefined : c.plotKey("line", { xMarker: xMarker ?? null, yDomain: yDomain ?? null, yAxisWidth })}
      legend={chartLegend(
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed })),
        { referenceLine, xMarker },
      )}
      table={c.table}
      notes={c.notes}
    >
      {c.empty ? null : (
        <RLineChart id={c.id} width={c.size.width} height={c.size.height} data={c.plotData.slice()} margin={CHART_MARGIN}>
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
          {xMarker ? <ReferenceLine x={xMarker.x} stroke={chartColor(xMarker.color ?? "text-muted")} strokeDasharray="2 3" /> : null}
          {series.map((s, i) => {
            const color = chartColor(seriesColor(i, s.color));
            return (
              <Line
                key={s.key}
                id={`${c.id}-s${i}`}
                type="linear"
                dataKey={s.key}
                name={s.name ?? s.label}
                stroke={color}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
                dot={dots ? { r: 3, fill: "var(--surface)", stroke: color, strokeWidth: 2 } : false}
                activeDot={{ r: 5, fill: color, stroke: "var(--surface)", strokeWidth: 2 }}
                isAnimationActive={false}
                connectNulls={false}
              />
            );
          })}
        </RLineChart>
      )}
    </ChartFrame>
  );
}
