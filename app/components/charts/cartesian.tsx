/**
 * What the three cartesian charts (line, area, bar) share: their common props, the set-up they
 * compute before drawing (id, size, emptiness, the "Show as table" rows, notes, the value axis)
 * and the layers every one of them draws (grid, axes, tooltip, reference line).
 *
 * `cartesianLayers` is a function returning elements, not a component: recharts finds its
 * children by type (it looks through fragments, not through components).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { useFormatLocale } from "~/hooks/locale";
import {
  axisTick,
  buildChartTable,
  categoryTickInterval,
  chartColor,
  chartValueAxis,
  defaultFormatValue,
  defaultFormatX,
  DEFAULT_CHART_HEIGHT,
  DEFAULT_CHART_WIDTH,
  isChartEmpty,
  tooltipContentStyle,
  tooltipLabelStyle,
  useChartId,
  useChartSize,
  type AxisUnit,
  type CategoryKey,
  type ChartReferenceLine,
  type ChartSeries,
  type DataTableSpec,
} from "./chart-frame";

/** Props every cartesian chart takes. */
export type CartesianChartProps<T extends object, S extends ChartSeries<T> = ChartSeries<T>> = {
  /** shown above the chart and names it */
  title: string;
  description?: ReactNode;
  /** what a screen reader hears instead of the drawing (the table is always there too) */
  summary?: string;
  data: readonly T[];
  /** the category axis (e.g. "month") */
  xKey: CategoryKey<T>;
  /** column header of x in the table */
  xLabel?: string;
  series: readonly S[];
  /** a line across the value axis with a label, e.g. the target */
  referenceLine?: ChartReferenceLine;
  formatX?: (x: string | number) => string;
  /** tooltip and table text of a value (the axis prints nice ticks in `unit`) */
  formatValue?: (v: number) => string;
  /** what the values are, for the axis ticks: "money" (cents), "hours", "percent" (×100), "count", "number" */
  unit?: AxisUnit;
  locale?: string;
  currency?: string;
  /** intrinsic size; CSS scales it to the container (default 640×260) */
  width?: number;
  height?: number;
  emptyMessage?: ReactNode;
  className?: string;
};

/** The set-up of one cartesian chart: its id, measured size, emptiness, table, notes and value axis. */
export function useCartesianChart<T extends object>(
  p: CartesianChartProps<T>,
  opts: { xLabel: string; stacked?: boolean; extraValues?: readonly number[]; includeZero?: boolean; table?: DataTableSpec; notes?: readonly string[] },
) {
  const { t } = useTranslation("common");
  const locale = useFormatLocale(p.locale);
  const width = p.width ?? DEFAULT_CHART_WIDTH;
  const height = p.height ?? DEFAULT_CHART_HEIGHT;
  const formatX = p.formatX ?? defaultFormatX;
  const formatValue = p.formatValue ?? ((v: number) => defaultFormatValue(v, locale));
  const id = useChartId();
  const { ref, size } = useChartSize(width, height);
  const { referenceLine } = p;
  const axis = chartValueAxis(p.data, p.series, {
    unit: p.unit,
    locale,
    currency: p.currency,
    stacked: opts.stacked,
    extraValues: [...(opts.extraValues ?? []), ...(referenceLine ? [referenceLine.y] : [])],
    includeZero: opts.includeZero,
  });
  // On the server the plot is drawn from its own fields only, rounded to 1/20,000 of the axis or
  // finer — far below a pixel — so a figure that moves by a millionth between two requests (a rate
  // over a week still running) keeps the same kept drawing. The table, the tooltip and the browser's drawing use the data as given.
  const plotData = typeof document === "undefined" ? roundedForPlot(p.data, p.xKey, p.series, axis.domain) : p.data;
  return {
    id,
    ref,
    size,
    plotData,
    formatX,
    formatValue,
    empty: isChartEmpty(p.data, p.series),
    table: opts.table ?? buildChartTable(p.data, p.xKey, p.series, formatX, formatValue, p.xLabel ?? t(opts.xLabel)),
    notes: [...(referenceLine ? [`${referenceLine.label}: ${formatValue(referenceLine.y)}`] : []), ...(opts.notes ?? [])],
    axis,
    /**
     * On the server, the key of the plot's SVG (plot-markup.server.tsx): everything that reaches the
     * drawing — the chart's kind and `extra` (its own props, with what its functions produce), id,
     * size, data, series, reference line, the x labels and the value ticks as formatted. Functions
     * are never part of it: their results are. In the browser: undefined (nothing is cached there).
     */
    plotKey: (kind: string, extra: unknown): string | undefined =>
      typeof document !== "undefined"
        ? undefined
        : JSON.stringify(
            [
              kind,
              id,
              size,
              plotData,
              p.xKey,
              p.series,
              referenceLine ?? null,
              p.data.map((row) => formatX(row[p.xKey] as string | number)),
              axis.domain,
              axis.ticks,
              axis.ticks.map(axis.format),
              extra,
            ],
            keyValue,
          ),
    /** the ChartFrame props that come straight from the chart's own */
    frame: {
      title: p.title,
      description: p.description,
      summary: p.summary,
      width,
      height,
      emptyMessage: p.emptyMessage,
      className: p.className,
      plotRef: ref,
    },
  };
}

/**
 * The rows as the plot draws them: the x value and each series' value only (a row's other fields,
 * e.g. the figures other charts of the page plot, neither reach the drawing nor its key), each value
 * rounded to a power of ten at most 1/20,000 of the axis's span.
 */
function roundedForPlot<T extends object>(
  data: readonly T[],
  xKey: CategoryKey<T>,
  series: readonly ChartSeries<T>[],
  domain: readonly [number, number],
): readonly T[] {
  const span = Math.abs(domain[1] - domain[0]);
  const digits = span > 0 && Number.isFinite(span) ? -Math.floor(Math.log10(span / 20_000)) : null;
  const round = (v: number) => (digits === null || digits > 12 ? v : digits <= 0 ? Math.round(v / 10 ** -digits) * 10 ** -digits : Number(v.toFixed(digits)));
  return data.map((row) => {
    const out: Record<string, unknown> = { [xKey]: row[xKey] };
    for (const s of series) {
      const v = row[s.key] as unknown;
      out[s.key] = typeof v === "number" && Number.isFinite(v) ? round(v) : v;
    }
    return out as T;
  });
}

/** JSON for a plot key: non-finite numbers and undefined stay distinct from null. */
function keyValue(_key: string, v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) return `#${String(v)}`;
  if (v === undefined) return "#undefined";
  if (typeof v === "function") return "#function";
  return v;
}

/** The chart's margin inside its SVG. */
export const CHART_MARGIN = { top: 16, right: 24, bottom: 4, left: 4 } as const;

/** Grid, category and value axes, tooltip and reference line, as every cartesian chart draws them. */
export function cartesianLayers<T extends object>({
  xKey,
  formatX,
  formatValue,
  valueAxis,
  layout = "horizontal",
  dataLength,
  plotWidth,
  axisWidth,
  xPadding,
  cursor,
  referenceLine,
}: {
  xKey: CategoryKey<T>;
  formatX: (x: string | number) => string;
  formatValue: (v: number) => string;
  valueAxis: { format: (v: number) => string; ticks: number[]; domain: [number, number] };
  /** "vertical": categories down the side, values along the bottom */
  layout?: "horizontal" | "vertical";
  dataLength: number;
  plotWidth: number;
  /** width in px of the y axis (values, or categories in the vertical layout) */
  axisWidth: number;
  xPadding?: { left: number; right: number };
  cursor: { stroke: string } | { fill: string };
  referenceLine?: ChartReferenceLine;
}) {
  const vertical = layout === "vertical";
  const categoryAxis = { dataKey: xKey, tickFormatter: (v: string | number) => formatX(v), tick: axisTick, stroke: "var(--border)", tickLine: false } as const;
  const valueAxisProps = {
    tickFormatter: valueAxis.format,
    ticks: valueAxis.ticks,
    domain: valueAxis.domain,
    interval: 0,
    tick: axisTick,
    stroke: "var(--border)",
    tickLine: false,
  } as const;
  return (
    <>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={vertical} horizontal={!vertical} />
      {vertical ? (
        <>
          <XAxis type="number" {...valueAxisProps} />
          <YAxis type="category" {...categoryAxis} width={axisWidth} interval={0} />
        </>
      ) : (
        <>
          <XAxis type="category" {...categoryAxis} interval={categoryTickInterval(dataLength, plotWidth - axisWidth - 28)} padding={xPadding} />
          <YAxis type="number" {...valueAxisProps} width={axisWidth} />
        </>
      )}
      <Tooltip
        isAnimationActive={false}
        cursor={cursor}
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
    </>
  );
}
