/**
 * What the three cartesian charts (line, area, bar) share: their common props and the set-up they
 * compute before drawing (id, size, emptiness, the "Show as table" rows, notes, the value axis, the
 * plot's key and what every plot draws from). The drawing itself is in plots.tsx, the one module
 * that imports recharts.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormatLocale } from "~/hooks/locale";
import {
  buildChartTable,
  chartValueAxis,
  defaultFormatValue,
  defaultFormatX,
  DEFAULT_CHART_HEIGHT,
  DEFAULT_CHART_WIDTH,
  isChartEmpty,
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
    /** what every plot draws from (plots.tsx): the chart adds its kind and its own props */
    plotBase: {
      id,
      size,
      plotData,
      data: p.data,
      xKey: p.xKey,
      series: p.series,
      formatX,
      formatValue,
      axis,
      referenceLine,
    },
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
