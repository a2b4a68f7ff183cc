import type { ReactNode } from "react";
import { Bar, BarChart as RBarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import {
  ChartFrame,
  axisTick,
  buildChartTable,
  chartColor,
  defaultFormatValue,
  defaultFormatX,
  DEFAULT_CHART_HEIGHT,
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
  type DataTableSpec,
  type LegendItem,
} from "./chart-frame";

export type BarSeries<T> = ChartSeries<T> & {
  /** colour each bar by its row's meaning (e.g. risk level, tier) instead of one series colour */
  colorOf?: (row: T) => ChartColor;
};

export type BarChartProps<T extends object> = {
  title: string;
  description?: ReactNode;
  summary?: string;
  data: readonly T[];
  /** the category axis */
  xKey: CategoryKey<T>;
  xLabel?: string;
  series: readonly BarSeries<T>[];
  /** stack the series instead of grouping them side by side */
  stacked?: boolean;
  /** "vertical" draws horizontal bars with categories down the side (long names) */
  layout?: "horizontal" | "vertical";
  referenceLine?: ChartReferenceLine;
  formatX?: (x: string | number) => string;
  /** tooltip and table text of a value (the axis prints nice ticks in `unit`) */
  formatValue?: (v: number) => string;
  unit?: AxisUnit;
  locale?: string;
  currency?: string;
  /** a fixed value scale, e.g. a 1–5 score: its bounds and ticks (default: nice ticks from 0) */
  valueScale?: { domain: [number, number]; ticks: number[] };
  /** "Show as table" rows other than one per data row (default: the data as plotted) */
  table?: DataTableSpec;
  /** legend entries after the series', e.g. what a light bar means */
  legendExtra?: readonly LegendItem[];
  width?: number;
  height?: number;
  /** width in px of the value axis (horizontal layout) or of the category axis (vertical layout) */
  axisWidth?: number;
  emptyMessage?: ReactNode;
  className?: string;
};

/** Grouped or stacked bars; server-rendered SVG with a "Show as table" alternative. */
export function BarChart<T extends object>({
  title,
  description,
  summary,
  data,
  xKey,
  xLabel = "Category",
  series,
  stacked = false,
  layout = "horizontal",
  referenceLine,
  formatX = defaultFormatX,
  formatValue = defaultFormatValue,
  unit,
  locale,
  currency,
  valueScale,
  table: tableOverride,
  legendExtra = [],
  width = DEFAULT_CHART_WIDTH,
  height = DEFAULT_CHART_HEIGHT,
  axisWidth,
  emptyMessage,
  className,
}: BarChartProps<T>) {
  const id = useChartId();
  const { ref, size } = useChartSize(width, height);
  const empty = isChartEmpty(data, series);
  const table = tableOverride ?? buildChartTable(data, xKey, series, formatX, formatValue, xLabel);
  const notes = referenceLine ? [`${referenceLine.label}: ${formatValue(referenceLine.y)}`] : [];
  const vertical = layout === "vertical";
  const axis = chartValueAxis(data, series, { unit, locale, currency, stacked, extraValues: referenceLine ? [referenceLine.y] : [] });

  const categoryAxisProps = {
    dataKey: xKey,
    tickFormatter: (v: string | number) => formatX(v),
    tick: axisTick,
    stroke: "var(--border)",
    tickLine: false,
  } as const;
  const valueAxisProps = {
    tickFormatter: valueScale ? (v: number) => formatValue(v) : axis.format,
    interval: 0,
    tick: axisTick,
    stroke: "var(--border)",
    tickLine: false,
    ...(valueScale ? { domain: valueScale.domain, ticks: valueScale.ticks } : { domain: axis.domain, ticks: axis.ticks }),
  } as const;

  return (
    <ChartFrame
      title={title}
      description={description}
      summary={summary}
      width={width}
      height={height}
      empty={empty}
      emptyMessage={emptyMessage}
      legend={[
        ...chartLegend(
          series.map((s, i) => ({ label: s.label, color: seriesColor(i, s.color), dashed: s.dashed, kind: "box" as const })),
          { referenceLine },
        ),
        ...legendExtra,
      ]}
      table={table}
      notes={notes}
      className={className}
      plotRef={ref}
    >
      {empty ? null : (
        <RBarChart
          id={id}
          width={size.width}
          height={size.height}
          data={data.slice()}
          layout={layout}
          margin={{ top: 16, right: 24, bottom: 4, left: 4 }}
          barCategoryGap="20%"
        >
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={vertical} horizontal={!vertical} />
          {vertical ? (
            <>
              <XAxis type="number" {...valueAxisProps} />
              <YAxis type="category" {...categoryAxisProps} width={axisWidth ?? 120} interval={0} />
            </>
          ) : (
            <>
              <XAxis type="category" {...categoryAxisProps} interval={categoryTickInterval(data.length, size.width - (axisWidth ?? 64) - 28)} />
              <YAxis type="number" {...valueAxisProps} width={axisWidth ?? 64} />
            </>
          )}
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: "var(--surface-2)" }}
            contentStyle={tooltipContentStyle}
            labelStyle={tooltipLabelStyle}
            labelFormatter={(label: string | number) => formatX(label)}
            formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value))}
          />
          {referenceLine ? (
            <ReferenceLine
              {...(vertical ? { x: referenceLine.y } : { y: referenceLine.y })}
              stroke={chartColor(referenceLine.color ?? "text-muted")}
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
            />
          ) : null}
          {series.map((s, i) => {
            const color = chartColor(seriesColor(i, s.color));
            return (
              <Bar
                key={s.key}
                id={`${id}-s${i}`}
                dataKey={s.key}
                name={s.name ?? s.label}
                fill={color}
                stroke={s.dashed ? color : undefined}
                strokeDasharray={s.dashed ? "4 3" : undefined}
                fillOpacity={s.dashed ? 0.35 : 1}
                stackId={stacked ? (s.stack ?? "stack") : undefined}
                isAnimationActive={false}
                maxBarSize={48}
              >
                {s.colorOf ? data.map((row, j) => <Cell key={j} fill={chartColor(s.colorOf!(row))} />) : null}
              </Bar>
            );
          })}
        </RBarChart>
      )}
    </ChartFrame>
  );
}
