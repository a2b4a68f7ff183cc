import type { ReactNode } from "react";
import { CartesianGrid, Line, LineChart as RLineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import {
  ChartFrame,
  axisTick,
  buildChartTable,
  chartColor,
  defaultFormatValue,
  defaultFormatX,
  DEFAULT_CHART_HEIGHT,
  X_AXIS_PADDING,
  DEFAULT_CHART_WIDTH,
  categoryTickInterval,
  chartLegend,
  chartValueAxis,
  isChartEmpty,
  seriesColor,
  tooltipContentStyle,
  tooltipLabelStyle,
  useChartId,
  useChartSize,
  type AxisUnit,
  type CategoryKey,
  type ChartColor,
  type ChartReferenceLine,
  type ChartSeries,
} from "./chart-frame";

export type LineChartProps<T extends object> = {
  /** shown above the chart and names it */
  title: string;
  description?: ReactNode;
  /** what a screen reader hears instead of the drawing (the table is always there too) */
  summary?: string;
  data: readonly T[];
  /** the x axis (e.g. "month") */
  xKey: CategoryKey<T>;
  /** column header of x in the table (default "Period") */
  xLabel?: string;
  /** one line per series; `dashed: true` for forecasts */
  series: readonly ChartSeries<T>[];
  /** a horizontal line with a label, e.g. the target */
  referenceLine?: ChartReferenceLine;
  /** a vertical marker at an x value, e.g. "Today" where the forecast starts */
  xMarker?: { x: string | number; label: string; color?: ChartColor };
  formatX?: (x: string | number) => string;
  /** tooltip and table text of a value (the axis prints nice ticks in `unit`) */
  formatValue?: (v: number) => string;
  /** what the values are, for the axis ticks: "money" (cents), "hours", "percent" (×100), "count", "number" */
  unit?: AxisUnit;
  locale?: string;
  currency?: string;
  /** y axis bounds: numbers are kept inside the axis, "auto" fits the data (default: from 0) */
  yDomain?: [number | "auto", number | "auto"];
  /** intrinsic size; CSS scales it to the container (default 640×260) */
  width?: number;
  height?: number;
  /** y axis width in px (default 64) */
  yAxisWidth?: number;
  emptyMessage?: ReactNode;
  className?: string;
};

/** Lines over a category/time axis; server-rendered SVG with a "Show as table" alternative. */
export function LineChart<T extends object>({
  title,
  description,
  summary,
  data,
  xKey,
  xLabel = "Period",
  series,
  referenceLine,
  xMarker,
  formatX = defaultFormatX,
  formatValue = defaultFormatValue,
  unit,
  locale,
  currency,
  yDomain,
  width = DEFAULT_CHART_WIDTH,
  height = DEFAULT_CHART_HEIGHT,
  yAxisWidth = 64,
  emptyMessage,
  className,
}: LineChartProps<T>) {
  const id = useChartId();
  const { ref, size } = useChartSize(width, height);
  const empty = isChartEmpty(data, series);
  const table = buildChartTable(data, xKey, series, formatX, formatValue, xLabel);
  const notes: string[] = [];
  if (referenceLine) notes.push(`${referenceLine.label}: ${formatValue(referenceLine.y)}`);
  if (xMarker) notes.push(`${xMarker.label}: ${formatX(xMarker.x)}`);
  const dots = data.length <= 24;
  const axis = chartValueAxis(data, series, {
    unit,
    locale,
    currency,
    // numeric bounds asked for (e.g. 0 or 10) stay on the axis; "auto" fits the data
    extraValues: [...(yDomain ?? []).flatMap((b) => (typeof b === "number" ? [b] : [])), ...(referenceLine ? [referenceLine.y] : [])],
    includeZero: yDomain === undefined,
  });

  return (
    <ChartFrame
      title={title}
      description={description}
      summary={summary}
      width={width}
      height={height}
      empty={empty}
      emptyMessage={emptyMessage}
      legend={chartLegend(
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed })),
        { referenceLine, xMarker },
      )}
      table={table}
      notes={notes}
      className={className}
      plotRef={ref}
    >
      {empty ? null : (
        <RLineChart id={id} width={size.width} height={size.height} data={data.slice()} margin={{ top: 16, right: 24, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey={xKey}
            tickFormatter={(v: string | number) => formatX(v)}
            tick={axisTick}
            stroke="var(--border)"
            tickLine={false}
            interval={categoryTickInterval(data.length, size.width - yAxisWidth - 28)}
            padding={X_AXIS_PADDING}
          />
          <YAxis
            tickFormatter={axis.format}
            ticks={axis.ticks}
            domain={axis.domain}
            interval={0}
            tick={axisTick}
            stroke="var(--border)"
            tickLine={false}
            width={yAxisWidth}
          />
          <Tooltip
            isAnimationActive={false}
            cursor={{ stroke: "var(--border)" }}
            contentStyle={tooltipContentStyle}
            labelStyle={tooltipLabelStyle}
            labelFormatter={(label: string | number) => formatX(label)}
            formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value))}
          />
          {referenceLine ? (
            <ReferenceLine y={referenceLine.y} stroke={chartColor(referenceLine.color ?? "text-muted")} strokeDasharray="4 4" ifOverflow="extendDomain" />
          ) : null}
          {xMarker ? <ReferenceLine x={xMarker.x} stroke={chartColor(xMarker.color ?? "text-muted")} strokeDasharray="2 3" /> : null}
          {series.map((s, i) => {
            const color = chartColor(seriesColor(i, s.color));
            return (
              <Line
                key={s.key}
                id={`${id}-s${i}`}
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
