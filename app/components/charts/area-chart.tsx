import type { ReactNode } from "react";
import { Area, AreaChart as RAreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
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
  type ChartReferenceLine,
  type ChartSeries,
} from "./chart-frame";

export type AreaChartProps<T extends object> = {
  title: string;
  description?: ReactNode;
  summary?: string;
  data: readonly T[];
  xKey: CategoryKey<T>;
  xLabel?: string;
  series: readonly ChartSeries<T>[];
  /** stack the areas (e.g. spend by category over months); default true */
  stacked?: boolean;
  referenceLine?: ChartReferenceLine;
  formatX?: (x: string | number) => string;
  /** tooltip and table text of a value (the axis prints nice ticks in `unit`) */
  formatValue?: (v: number) => string;
  unit?: AxisUnit;
  locale?: string;
  currency?: string;
  width?: number;
  height?: number;
  yAxisWidth?: number;
  emptyMessage?: ReactNode;
  className?: string;
};

/** Filled areas over a category/time axis, stacked by default; server-rendered SVG with a table alternative. */
export function AreaChart<T extends object>({
  title,
  description,
  summary,
  data,
  xKey,
  xLabel = "Period",
  series,
  stacked = true,
  referenceLine,
  formatX = defaultFormatX,
  formatValue = defaultFormatValue,
  unit,
  locale,
  currency,
  width = DEFAULT_CHART_WIDTH,
  height = DEFAULT_CHART_HEIGHT,
  yAxisWidth = 64,
  emptyMessage,
  className,
}: AreaChartProps<T>) {
  const id = useChartId();
  const { ref, size } = useChartSize(width, height);
  const empty = isChartEmpty(data, series);
  const table = buildChartTable(data, xKey, series, formatX, formatValue, xLabel);
  const notes = referenceLine ? [`${referenceLine.label}: ${formatValue(referenceLine.y)}`] : [];
  const axis = chartValueAxis(data, series, { unit, locale, currency, stacked, extraValues: referenceLine ? [referenceLine.y] : [] });

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
        series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed, kind: "box" as const })),
        { referenceLine },
      )}
      table={table}
      notes={notes}
      className={className}
      plotRef={ref}
    >
      {empty ? null : (
        <RAreaChart id={id} width={size.width} height={size.height} data={data.slice()} margin={{ top: 16, right: 24, bottom: 4, left: 4 }}>
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
          {series.map((s, i) => {
            const color = chartColor(seriesColor(i, s.color));
            return (
              <Area
                key={s.key}
                id={`${id}-s${i}`}
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
