/**
 * Shared parts of the chart wrappers: the figure with its title, the legend, the
 * "Show as table" text alternative, the empty message, colours and sizing.
 *
 * Sizing: recharts renders SVG on the server only with a fixed width and height, so every
 * chart has an intrinsic size (default 640×260) and CSS scales the SVG to its container
 * (`width: 100%; height: auto`). A page loaded as a document keeps that SVG through hydration;
 * when the chart is used (pointer, touch, or in view in a box far from its intrinsic width) it is
 * drawn again at the container's real width with the same aspect ratio (same box, no layout
 * shift) so that the hover tooltip's coordinates are right (`useLivePlot`, decision 740).
 */
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { MeaningColor } from "~/components/ui/tone";
import { isPageHydrated } from "~/hooks/hydration";
import { NO_DATA, formatNumber } from "~/lib/format";
import { axisScale, type AxisScale, type AxisUnit } from "~/lib/nice-ticks";
import { specMarkup } from "./plot-markup.server";
import type * as PlotsModule from "./plots";
import type { PlotSpec } from "./plots";

export type { AxisUnit };

/** Colour tokens a chart may use (CSS custom properties of app/styles/tokens.css); same meaning = same colour. */
export type ChartColor = "chart-1" | "chart-2" | "chart-3" | "chart-4" | "chart-5" | "chart-6" | "text-muted" | MeaningColor;

/** `var(--chart-1)` etc. — works as an SVG fill/stroke value. */
export function chartColor(color: ChartColor): string {
  return `var(--${color})`;
}

/** The i-th default series colour (chart-1 … chart-6, then again). */
export function seriesColor(index: number, color?: ChartColor): ChartColor {
  return color ?? (`chart-${(index % 6) + 1}` as ChartColor);
}

/** Keys of T whose values are numbers (or missing): what a series may plot. */
export type NumericKey<T> = {
  [K in keyof T]-?: T[K] extends number | null | undefined ? K : never;
}[keyof T] &
  string;

/** Keys of T whose values are strings or numbers: what the category/x axis may use. */
export type CategoryKey<T> = {
  [K in keyof T]-?: T[K] extends string | number ? K : never;
}[keyof T] &
  string;

export type ChartSeries<T> = {
  key: NumericKey<T>;
  label: string;
  color?: ChartColor;
  /** dashed stroke (forecasts, plans) */
  dashed?: boolean;
  /** stacked charts: the stack this series belongs to (several stacks side by side, e.g. plan and actual) */
  stack?: string;
  /** its name in the hover tooltip when the label alone is ambiguous (default: label) */
  name?: string;
};

export type ChartReferenceLine = {
  /** y value of the horizontal line (e.g. a target) */
  y: number;
  label: string;
  color?: ChartColor;
};

export const DEFAULT_CHART_WIDTH = 640;
export const DEFAULT_CHART_HEIGHT = 260;
/** Room at both ends of a time axis, so the first and last dates are not cut by the plot's edge. */
export const X_AXIS_PADDING = { left: 12, right: 30 } as const;

export const defaultFormatValue = (v: number, locale?: string): string => formatNumber(v, { digits: 2, locale });
export const defaultFormatX = (x: string | number): string => String(x);

/** Axis / grid / tooltip styling from the theme tokens. */
export const axisTick = { fill: "var(--text-muted)", fontSize: 12 } as const;
export const tooltipContentStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: "var(--radius)",
  color: "var(--text)",
  boxShadow: "var(--shadow)",
} as const;
export const tooltipLabelStyle = { color: "var(--text)", fontWeight: 600 } as const;

/** A DOM-id-safe unique id for recharts' clip paths (stable between server and browser). */
export function useChartId(): string {
  return `chart${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
}

/**
 * The size to render at: the intrinsic size on the server and first render, then the
 * container's width (same aspect ratio) once mounted.
 */
export function useChartSize(width: number, height: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width, height });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const update = () => {
      const w = Math.round(el.clientWidth);
      if (w <= 0) return;
      const h = Math.round((w * height) / width);
      setSize((prev) => (prev.width === w && prev.height === h ? prev : { width: w, height: h }));
    };
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [width, height]);
  return { ref, size };
}

/**
 * Show every n-th category tick, computed from the drawing width only. recharts' default
 * (hide overlapping ticks) measures text in the DOM, which the server cannot do: the
 * browser would then draw other ticks than the server and hydration would fail.
 */
export function categoryTickInterval(count: number, plotWidth: number, minSpacing = 72): number {
  if (count <= 1) return 0;
  const maxTicks = Math.max(2, Math.floor(plotWidth / minSpacing));
  return Math.max(0, Math.ceil(count / maxTicks) - 1);
}

/**
 * One legend entry. Reference lines ("Target", "Zero cash") and markers are named here, beside
 * the series, never written over the plot where a line may run through the label.
 */
export type LegendItem = { label: string; color: ChartColor; dashed?: boolean; kind?: "line" | "box" | "ref" | "marker" };

/** The legend of a chart: its series (same label and colour once), then its reference line and marker. */
export function chartLegend(
  series: readonly { label: string; color: ChartColor; dashed?: boolean; kind?: LegendItem["kind"] }[],
  extras: { referenceLine?: ChartReferenceLine; xMarker?: { label: string; color?: ChartColor } } = {},
): LegendItem[] {
  // one entry per label and colour; a series drawn both dashed (plan) and solid (actual) shows solid
  const byKey = new Map<string, LegendItem>();
  for (const s of series) {
    const key = `${s.label}|${s.color}`;
    const before = byKey.get(key);
    if (!before || (before.dashed && !s.dashed)) byKey.set(key, { ...s });
  }
  const items: LegendItem[] = [...byKey.values()];
  if (extras.referenceLine) items.push({ label: extras.referenceLine.label, color: extras.referenceLine.color ?? "text-muted", kind: "ref" });
  if (extras.xMarker) items.push({ label: extras.xMarker.label, color: extras.xMarker.color ?? "text-muted", kind: "marker" });
  return items;
}

/**
 * The value axis of a chart (nice ticks in the unit the values live in, `~/lib/nice-ticks`):
 * over every plotted value — each stack's positive and negative totals per row when stacked —
 * and `extraValues` (a reference line, bounds asked for), so they are always inside the plot.
 */
export function chartValueAxis<T extends object>(
  data: readonly T[],
  series: readonly ChartSeries<T>[],
  opts: {
    unit?: AxisUnit;
    stacked?: boolean;
    extraValues?: readonly number[];
    locale?: string;
    currency?: string;
    includeZero?: boolean;
    maxTicks?: number;
  } = {},
): AxisScale {
  const values: number[] = [];
  for (const row of data) {
    if (opts.stacked) {
      const sums = new Map<string, { pos: number; neg: number }>();
      for (const s of series) {
        const v = row[s.key] as unknown;
        if (typeof v !== "number" || !Number.isFinite(v)) continue;
        const key = s.stack ?? "stack";
        const acc = sums.get(key) ?? { pos: 0, neg: 0 };
        if (v >= 0) acc.pos += v;
        else acc.neg += v;
        sums.set(key, acc);
      }
      for (const { pos, neg } of sums.values()) values.push(pos, neg);
    } else {
      for (const s of series) {
        const v = row[s.key] as unknown;
        if (typeof v === "number" && Number.isFinite(v)) values.push(v);
      }
    }
  }
  if (opts.extraValues) values.push(...opts.extraValues);
  return axisScale(values, opts.unit ?? "number", { locale: opts.locale, currency: opts.currency, includeZero: opts.includeZero, maxTicks: opts.maxTicks });
}

/**
 * At most `max` groups for a chart with one colour per group: the `max − 1` largest by total, then
 * the rest together under `restLabel`. An item already named like the rest group (a category
 * called "Other") always joins the rest, so a legend never lists both "Other" and "Other
 * categories". Returns the groups in order and the group of each item.
 */
export function groupLargest(totals: ReadonlyMap<string, number>, max: number, restLabel = "Other"): { groups: string[]; groupOf: (item: string) => string } {
  const isRest = (name: string) => name.trim().toLocaleLowerCase() === restLabel.trim().toLocaleLowerCase();
  const ranked = [...totals.entries()]
    .filter(([name]) => !isRest(name))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
  const hasRestItem = [...totals.keys()].some(isRest);
  const fits = ranked.length + (hasRestItem ? 1 : 0) <= max;
  const named = fits ? ranked : ranked.slice(0, max - 1);
  const groups = fits && !hasRestItem ? named : [...named, restLabel];
  const set = new Set(named);
  return { groups, groupOf: (item) => (set.has(item) ? item : restLabel) };
}

export type DataTableSpec = {
  xLabel: string;
  columns: readonly string[];
  rows: readonly { x: string; values: readonly string[] }[];
};

/** The table behind a chart, for "Show as table". */
export function buildChartTable<T extends object>(
  data: readonly T[],
  xKey: CategoryKey<T>,
  series: readonly ChartSeries<T>[],
  formatX: (x: string | number) => string,
  formatValue: (v: number) => string,
  xLabel: string,
): DataTableSpec {
  return {
    xLabel,
    columns: series.map((s) => s.label),
    rows: data.map((row) => {
      const x = row[xKey] as unknown;
      return {
        x: typeof x === "string" || typeof x === "number" ? formatX(x) : "",
        values: series.map((s) => {
          const v = row[s.key] as unknown;
          return typeof v === "number" && Number.isFinite(v) ? formatValue(v) : NO_DATA;
        }),
      };
    }),
  };
}

/** True when there is nothing to draw: no rows, or no finite value in any series. */
export function isChartEmpty<T extends object>(data: readonly T[], series: readonly ChartSeries<T>[]): boolean {
  return !data.some((row) =>
    series.some((s) => {
      const v = row[s.key] as unknown;
      return typeof v === "number" && Number.isFinite(v);
    }),
  );
}

export type ChartFrameProps = {
  title: string;
  description?: ReactNode;
  /** read by screen readers instead of the drawing (default: points to the table) */
  summary?: string;
  width: number;
  height: number;
  empty: boolean;
  emptyMessage?: ReactNode;
  legend: readonly LegendItem[];
  table: DataTableSpec;
  /** lines under the table, e.g. "Target: 50 per day" */
  notes?: readonly string[];
  className?: string;
  plotRef: RefObject<HTMLDivElement>;
  /** on the server, the key under which the plot's SVG is kept (cartesian.tsx `plotKey`) */
  plotKey?: string;
  /** what the plot draws (plots.tsx) */
  plot: PlotSpec;
};

/** How far (a fraction of the intrinsic width) a chart's box may differ before it is drawn again at its own width. */
const REDRAW_TOLERANCE = 0.15;

type Plots = typeof PlotsModule;
let plots: Plots | undefined;
let loadingPlots: Promise<Plots> | undefined;

/**
 * The browser's chart drawing (plots.tsx, with recharts), fetched and run the first time a chart of
 * the page is used, never while the page loads and hydrates (decision 740).
 */
function loadPlots(): Promise<Plots> {
  loadingPlots ??= import("./plots").then(
    (module) => (plots = module),
    (error: unknown) => {
      loadingPlots = undefined; // a later use tries again (e.g. after a network blip)
      throw error;
    },
  );
  return loadingPlots;
}

/**
 * Whether the plot is drawn by recharts in the browser. On the server, never here: the SVG comes from
 * plot-markup.server.tsx and is in the HTML, shown without JavaScript. While the page hydrates, no:
 * the server's SVG is kept as it is, so a page of 15 charts hydrates without rendering any, and
 * without loading the chart library. Then a chart is drawn again, once the library has loaded:
 * - when a pointer or a finger comes to it (its tooltip is what the browser adds);
 * - when it comes into view and its box is much narrower or wider than the SVG's intrinsic width
 *   (a phone, a narrow column: the server's SVG, scaled, would print its labels too small), one
 *   chart per idle moment of the main thread, never in one long task.
 * A chart mounted after hydration (client-side navigation) has no server SVG and is drawn as soon as
 * the library is there (at once, once it has been loaded by an earlier chart).
 * Returns the drawing module when the chart is to be drawn, undefined otherwise.
 */
function useLivePlot(plotRef: RefObject<HTMLDivElement>, empty: boolean, intrinsicWidth: number): Plots | undefined {
  const [wanted, setWanted] = useState(() => typeof document !== "undefined" && isPageHydrated());
  const [module, setModule] = useState<Plots | undefined>(() => plots);
  useEffect(() => {
    if (!wanted || empty || module) return;
    let current = true;
    loadPlots().then(
      (m) => current && setModule(() => m),
      () => current && setWanted(false), // not loaded: the server's SVG stays; the next pointer tries again
    );
    return () => {
      current = false;
    };
  }, [wanted, empty, module]);
  useEffect(() => {
    const el = plotRef.current;
    if (wanted || empty || !el) return;
    const wake = () => setWanted(true);
    el.addEventListener("pointerenter", wake, { once: true });
    el.addEventListener("touchstart", wake, { once: true, passive: true });
    let idle: number | undefined;
    const observer =
      typeof IntersectionObserver === "undefined"
        ? null
        : new IntersectionObserver((entries) => {
            if (!entries.some((e) => e.isIntersecting)) return;
            observer?.disconnect();
            if (Math.abs(el.clientWidth - intrinsicWidth) / intrinsicWidth <= REDRAW_TOLERANCE) return;
            idle = typeof requestIdleCallback === "function" ? requestIdleCallback(wake, { timeout: 2000 }) : window.setTimeout(wake, 0);
          });
    observer?.observe(el);
    return () => {
      el.removeEventListener("pointerenter", wake);
      el.removeEventListener("touchstart", wake);
      observer?.disconnect();
      if (idle !== undefined) (typeof cancelIdleCallback === "function" ? cancelIdleCallback : window.clearTimeout)(idle);
    };
  }, [wanted, empty, plotRef, intrinsicWidth]);
  return wanted ? module : undefined;
}

/** `<figure>` with title, plot (or empty message), legend and the data as a table. */
export function ChartFrame({
  title,
  description,
  summary,
  width,
  height,
  empty,
  emptyMessage,
  legend,
  table,
  notes,
  className,
  plotRef,
  plotKey,
  plot,
}: ChartFrameProps) {
  const { t } = useTranslation("common");
  const live = useLivePlot(plotRef, empty, width);
  // On the server, a plot drawn before is not drawn again (specMarkup is undefined in the browser).
  // After every hook of this component: specMarkup renders the plot apart (renderToStaticMarkup),
  // which leaves React's hook dispatcher unset for the rest of this render.
  const serverMarkup = plotKey !== undefined && !empty && typeof document === "undefined" ? specMarkup(plotKey, plot) : undefined;
  return (
    <figure className={["chart", className].filter(Boolean).join(" ")}>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        {description !== undefined ? <span className="chart__description">{description}</span> : null}
      </figcaption>
      {empty ? (
        <div className="chart__empty" style={{ aspectRatio: `${width} / ${height}` }}>
          <p>{emptyMessage ?? t("No data for this period.")}</p>
        </div>
      ) : (
        <>
          <div
            ref={plotRef}
            className="chart__plot"
            role="img"
            aria-label={summary ?? t("{{title}}. The values are in the table under “Show as table”.", { title })}
            style={{ aspectRatio: `${width} / ${height}` }}
            // drawn by recharts in this browser (never set in the server's HTML)
            data-chart-drawn={live ? "" : undefined}
            // on the server, the kept SVG (decision 741); in the browser while inactive, the server's SVG
            // stays as it is (React does not hydrate inside it, decision 740)
            {...(serverMarkup !== undefined
              ? { dangerouslySetInnerHTML: { __html: serverMarkup } }
              : live
                ? { children: live.drawPlot(plot) }
                : { dangerouslySetInnerHTML: { __html: "" }, suppressHydrationWarning: true })}
          />
          {legend.length > 1 || legend.some((l) => l.kind === "ref" || l.kind === "marker") ? (
            <ul className="chart__legend">
              {legend.map((item) => (
                <li key={`${item.label}|${item.color}|${item.kind ?? ""}`} className="chart__legend-item">
                  <span
                    className={[
                      "chart__swatch",
                      item.kind === "box"
                        ? "chart__swatch--box"
                        : item.kind === "ref"
                          ? "chart__swatch--ref"
                          : item.kind === "marker"
                            ? "chart__swatch--marker"
                            : "chart__swatch--line",
                      item.dashed ? "chart__swatch--dashed" : null,
                    ]
                      .filter(Boolean)
                      .join(" ")}
                    style={{ color: chartColor(item.color) }}
                    aria-hidden="true"
                  />
                  {item.label}
                </li>
              ))}
            </ul>
          ) : null}
          <details className="chart__data">
            <summary>{t("Show as table")}</summary>
            <div className="chart__table-scroll">
              <table className="chart__table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{table.xLabel}</th>
                    {table.columns.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((r, i) => (
                    <tr key={`${r.x}-${i}`}>
                      <th scope="row">{r.x}</th>
                      {r.values.map((v, j) => (
                        <td key={j} className={v === NO_DATA ? "chart__cell--empty" : undefined}>
                          {v === NO_DATA ? t(NO_DATA) : v}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {notes && notes.length > 0 ? (
              <ul className="chart__notes">
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            ) : null}
          </details>
        </>
      )}
    </figure>
  );
}
