/**
 * The drawing of every cartesian chart with recharts: the only module that imports the library.
 *
 * A chart component (line, area, bar) computes a `PlotSpec` — what to draw — and hands it to
 * `ChartFrame`. On the server the spec is drawn here through `plot-markup.server.tsx` (a static
 * import: the SVG is in the first HTML, shown without JavaScript). In the browser this module is
 * imported on demand (`loadPlots` in chart-frame.tsx) the first time a chart is used, so a page of
 * charts ships, parses and runs no chart library code until then (decision 740).
 *
 * `cartesianLayers` is a function returning elements, not a component: recharts finds its
 * children by type (it looks through fragments, not through components).
 */
import type { ReactElement } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import {
  axisTick,
  categoryTickInterval,
  chartColor,
  seriesColor,
  tooltipContentStyle,
  tooltipLabelStyle,
  X_AXIS_PADDING,
  type ChartColor,
  type ChartReferenceLine,
  type ChartSeries,
} from "./chart-frame";

/** The chart's margin inside its SVG. */
const CHART_MARGIN = { top: 16, right: 24, bottom: 4, left: 4 } as const;

type ValueAxis = { format: (v: number) => string; ticks: number[]; domain: [number, number] };

/** What every cartesian plot draws from: its id, size, rows (as plotted), axes and formatters. */
type CommonSpec = {
  id: string;
  size: { width: number; height: number };
  /** the rows as the plot draws them (on the server, rounded: cartesian.tsx) */
  plotData: readonly object[];
  /** the rows as given (a bar's colour may depend on fields the plot does not draw) */
  data: readonly object[];
  xKey: string;
  series: readonly (Omit<ChartSeries<object>, "key"> & { key: string; colorOf?: (row: never) => ChartColor })[];
  formatX: (x: string | number) => string;
  formatValue: (v: number) => string;
  axis: ValueAxis;
  referenceLine?: ChartReferenceLine;
};

export type PlotSpec = CommonSpec &
  (
    | {
        kind: "line";
        xMarker?: { x: string | number; label: string; color?: ChartColor };
        yAxisWidth: number;
      }
    | { kind: "area"; stacked: boolean; yAxisWidth: number }
    | {
        kind: "bar";
        stacked: boolean;
        layout: "horizontal" | "vertical";
        valueScale?: { domain: [number, number]; ticks: number[] };
        axisWidth?: number;
      }
  );

/** Grid, category and value axes, tooltip and reference line, as every cartesian chart draws them. */
function cartesianLayers({
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
  xKey: string;
  formatX: (x: string | number) => string;
  formatValue: (v: number) => string;
  valueAxis: ValueAxis;
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

/** What the line and the area of series `i` share: its id, data, name and stroke (solid or dashed), no animation, gaps kept. */
function stroked(id: string, s: PlotSpec["series"][number], i: number) {
  const color = chartColor(seriesColor(i, s.color));
  return {
    color,
    props: {
      id: `${id}-s${i}`,
      type: "linear" as const,
      dataKey: s.key,
      name: s.name ?? s.label,
      stroke: color,
      strokeWidth: 2,
      strokeDasharray: s.dashed ? "6 4" : undefined,
      isAnimationActive: false,
      connectNulls: false,
    },
  };
}

/** The recharts element tree of a plot. */
export function drawPlot(spec: PlotSpec): ReactElement {
  const { id, size, xKey, series, referenceLine } = spec;
  const common = { id, width: size.width, height: size.height, data: spec.plotData.slice(), margin: CHART_MARGIN };
  const layers = (over: { axisWidth: number; cursor: { stroke: string } | { fill: string }; xPadding?: { left: number; right: number } }) =>
    cartesianLayers({
      xKey,
      formatX: spec.formatX,
      formatValue: spec.formatValue,
      valueAxis: spec.kind === "bar" && spec.valueScale ? { format: (v: number) => spec.formatValue(v), ...spec.valueScale } : spec.axis,
      layout: spec.kind === "bar" ? spec.layout : "horizontal",
      dataLength: spec.data.length,
      plotWidth: size.width,
      referenceLine,
      ...over,
    });

  if (spec.kind === "line") {
    const dots = spec.data.length <= 24;
    return (
      <LineChart {...common}>
        {layers({ axisWidth: spec.yAxisWidth, xPadding: X_AXIS_PADDING, cursor: { stroke: "var(--border)" } })}
        {spec.xMarker ? <ReferenceLine x={spec.xMarker.x} stroke={chartColor(spec.xMarker.color ?? "text-muted")} strokeDasharray="2 3" /> : null}
        {series.map((s, i) => {
          const { color, props } = stroked(id, s, i);
          return (
            <Line
              key={s.key}
              {...props}
              dot={dots ? { r: 3, fill: "var(--surface)", stroke: color, strokeWidth: 2 } : false}
              activeDot={{ r: 5, fill: color, stroke: "var(--surface)", strokeWidth: 2 }}
            />
          );
        })}
      </LineChart>
    );
  }

  if (spec.kind === "area") {
    const { stacked } = spec;
    return (
      <AreaChart {...common}>
        {layers({ axisWidth: spec.yAxisWidth, xPadding: X_AXIS_PADDING, cursor: { stroke: "var(--border)" } })}
        {series.map((s, i) => {
          const { color, props } = stroked(id, s, i);
          return (
            <Area
              key={s.key}
              {...props}
              fill={color}
              fillOpacity={stacked ? 0.55 : 0.2}
              stackId={stacked ? (s.stack ?? "stack") : undefined}
              activeDot={{ r: 4, fill: color, stroke: "var(--surface)", strokeWidth: 2 }}
            />
          );
        })}
      </AreaChart>
    );
  }

  const { stacked, layout } = spec;
  return (
    <BarChart {...common} layout={layout} barCategoryGap="20%">
      {layers({ axisWidth: spec.axisWidth ?? (layout === "vertical" ? 120 : 64), cursor: { fill: "var(--surface-2)" } })}
      {series.map((s, i) => {
        const color = chartColor(seriesColor(i, s.color));
        const colorOf = s.colorOf as ((row: object) => ChartColor) | undefined;
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
            {colorOf ? spec.data.map((row, j) => <Cell key={j} fill={chartColor(colorOf(row))} />) : null}
          </Bar>
        );
      })}
    </BarChart>
  );
}
