/**
 * The server's SVG of a chart plot, rendered once per distinct drawing and kept.
 *
 * Rendering a chart with recharts is most of a dashboard's server time (tens of milliseconds for
 * a page of charts), and a dashboard is read far more often than its data changes. A plot's SVG is
 * a pure function of what it draws, so each chart passes a key made of everything that reaches the
 * drawing — its data, series, size, id, the formatted axis labels and ticks (`plotKey` in
 * cartesian.tsx) — and the SVG rendered for that key is reused. The key is the content itself,
 * so nothing is ever stale: changed data is a new key. The cache is bounded (least recently used
 * entries go first). Outside production and in the browser tests' servers every hit is rendered
 * again and compared, so a key that misses something a drawing depends on fails the tests instead
 * of showing another chart's SVG.
 */
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { drawPlot, type PlotSpec } from "./plots";
import { compactPlotSvg } from "./svg-compact";

const MAX_ENTRIES = 400;
const MAX_CHARS = 12_000_000;

/** Outside production, and in the browser-test servers (PLOT_CACHE_VERIFY=1), every hit is drawn again and compared. */
const VERIFY = process.env.NODE_ENV !== "production" || process.env.PLOT_CACHE_VERIFY === "1";

const cache = new Map<string, string>();
let chars = 0;

export class PlotKeyMismatchError extends Error {}

function remember(key: string, markup: string) {
  cache.set(key, markup);
  chars += key.length + markup.length;
  for (const [oldKey, oldMarkup] of cache) {
    if (cache.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
    cache.delete(oldKey);
    chars -= oldKey.length + oldMarkup.length;
  }
}

/** The plot's SVG markup for `key`, rendered from `plot` the first time. */
export function plotMarkup(key: string, plot: ReactNode): string {
  const known = cache.get(key);
  if (known !== undefined) {
    // most recently used last
    cache.delete(key);
    cache.set(key, known);
    if (VERIFY) {
      const fresh = drawMarkup(plot);
      if (fresh !== known) throw new PlotKeyMismatchError(`Chart plot key misses something the drawing depends on: ${key.slice(0, 200)}`);
    }
    return known;
  }
  const markup = drawMarkup(plot);
  remember(key, markup);
  return markup;
}

/** recharts' SVG of a plot, without what SVG ignores (svg-compact.ts). */
function drawMarkup(plot: ReactNode): string {
  return compactPlotSvg(renderToStaticMarkup(<>{plot}</>));
}

/** The SVG of a chart's plot for `key` (cartesian.tsx `plotKey`), drawn by recharts (plots.tsx) the first time. */
export function specMarkup(key: string, spec: PlotSpec): string {
  return plotMarkup(key, drawPlot(spec));
}

/** For tests: how many plots are kept, and forget them all. */
export function plotCacheSize(): number {
  return cache.size;
}
export function clearPlotCache(): void {
  cache.clear();
  chars = 0;
}
