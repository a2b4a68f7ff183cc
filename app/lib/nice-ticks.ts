/**
 * Axis ticks a person reads at a glance: the display unit is chosen first, from the values'
 * magnitude (minutes, hours or days for durations; €, k€ or M€ for money), then the step is a
 * 1, 2 or 5 × 10ⁿ of that unit, so an axis reads "0 / 1 / 2 / 3 h" or "0 / 100 / 200 k€" — never
 * "51 min / 1,7 h" or "65 / 130 / 195 k€". Pure and browser-safe; used by the chart frame.
 */
import { DEFAULT_CURRENCY, DEFAULT_LOCALE, numberFormat } from "~/lib/format";

/** The smallest 1, 2 or 5 × 10ⁿ that is ≥ `rough` (rough > 0). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const exponent = Math.floor(Math.log10(rough));
  const base = 10 ** exponent;
  const fraction = rough / base;
  // a hair of tolerance: 2.0000000001 (float noise) is 2, not 5
  const nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
  return clean(nice * base);
}

/** Rounds away float noise: 0.30000000000000004 → 0.3. */
function clean(n: number): number {
  return n === 0 ? 0 : Number.parseFloat(n.toPrecision(12));
}

export type NiceTicks = { min: number; max: number; step: number; ticks: number[] };

/**
 * Ticks covering [min, max] with a nice step and at most `maxTicks` ticks (≥ 2), starting and
 * ending on a multiple of the step. Equal bounds widen to one step around the value (or from 0).
 * `integer`: the step is at least 1 (counts).
 */
export function niceTicks(min: number, max: number, opts: { maxTicks?: number; integer?: boolean } = {}): NiceTicks {
  const maxTicks = Math.max(2, Math.floor(opts.maxTicks ?? 6));
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 0;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) {
    if (lo === 0) hi = 1;
    else if (lo > 0) lo = 0;
    else hi = 0;
  }
  let step = niceStep((hi - lo) / (maxTicks - 1));
  if (opts.integer && step < 1) step = 1;
  for (;;) {
    const first = Math.floor(clean(lo / step)) * step;
    const last = Math.ceil(clean(hi / step)) * step;
    const count = Math.round((last - first) / step) + 1;
    if (count <= maxTicks) {
      const ticks = Array.from({ length: count }, (_, i) => clean(first + i * step));
      return { min: ticks[0], max: ticks[ticks.length - 1], step, ticks };
    }
    step = niceStep(step * 1.000001);
  }
}

/** What the plotted values are, in their stored unit. */
export type AxisUnit =
  /** a plain number (12,5; 12 400 → "12 k") */
  | "number"
  /** whole things (deployments, people): integer steps */
  | "count"
  /** a percentage already ×100 (12.5 = 12,5 %) */
  | "percent"
  /** money in integer cents */
  | "money"
  /** a duration in hours */
  | "hours";

export type AxisScale = {
  domain: [number, number];
  /** in the stored unit, for the chart library */
  ticks: number[];
  /** the unit the ticks are printed in: "min", "h", "days" / "jours" (the locale's word), "€", "k€", "M€", "%", "k", "" */
  displayUnit: string;
  /** a tick (stored unit) as printed: "1,5 h", "200 k€" */
  format: (v: number) => string;
};

type DisplayUnit = { factor: number; label: string; integer?: boolean };

/** The locale's word for days on an axis ("days", "jours"), from Intl. */
function daysWord(locale: string): string {
  return (
    numberFormat(locale, { style: "unit", unit: "day", unitDisplay: "long" })
      .formatToParts(2)
      .find((p) => p.type === "unit")?.value ?? "d"
  );
}

function displayUnitOf(unit: AxisUnit, maxAbs: number, currencySymbol: string, locale: string): DisplayUnit {
  switch (unit) {
    case "hours":
      if (maxAbs < 1) return { factor: 60, label: "min" };
      if (maxAbs < 48) return { factor: 1, label: "h" };
      return { factor: 1 / 24, label: daysWord(locale) };
    case "money": {
      const euros = maxAbs / 100;
      if (euros < 10_000) return { factor: 1 / 100, label: currencySymbol };
      if (euros < 1_000_000) return { factor: 1 / 100_000, label: `k${currencySymbol}` };
      return { factor: 1 / 100_000_000, label: `M${currencySymbol}` };
    }
    case "percent":
      return { factor: 1, label: "%" };
    case "count":
      return maxAbs < 10_000 ? { factor: 1, label: "", integer: true } : { factor: 1 / 1000, label: "k" };
    case "number":
      return maxAbs < 10_000 ? { factor: 1, label: "" } : maxAbs < 10_000_000 ? { factor: 1 / 1000, label: "k" } : { factor: 1 / 1_000_000, label: "M" };
  }
}

const symbolCache = new Map<string, string>();
/** "€" for EUR, "$" for USD, "CHF" for CHF — the narrow symbol in the locale. */
export function currencySymbol(currency = DEFAULT_CURRENCY, locale = DEFAULT_LOCALE): string {
  const key = `${locale}|${currency}`;
  let s = symbolCache.get(key);
  if (s === undefined) {
    try {
      s =
        numberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" })
          .formatToParts(0)
          .find((p) => p.type === "currency")?.value ?? currency;
    } catch {
      s = currency;
    }
    symbolCache.set(key, s);
  }
  return s;
}

/**
 * The value axis of a chart: display unit from the largest magnitude, then nice ticks in that unit.
 * `values` are every plotted value (stack totals for stacked charts) and reference lines; non-finite
 * ones are ignored. `includeZero` (default true) starts a positive axis at 0.
 */
export function axisScale(
  values: readonly number[],
  unit: AxisUnit = "number",
  opts: { locale?: string; currency?: string; maxTicks?: number; includeZero?: boolean } = {},
): AxisScale {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 0;
  if (opts.includeZero ?? true) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const display = displayUnitOf(unit, Math.max(Math.abs(lo), Math.abs(hi)), currencySymbol(opts.currency, locale), locale);
  const nice = niceTicks(lo * display.factor, hi * display.factor, { maxTicks: opts.maxTicks ?? 6, integer: display.integer });
  const digits = Math.max(0, -Math.floor(Math.log10(nice.step) + 1e-9));
  const nf = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const format = (v: number) => {
    const shown = clean(v * display.factor);
    const text = nf.format(shown === 0 ? 0 : shown);
    return display.label ? `${text}\u00a0${display.label}` : text;
  };
  return {
    domain: [clean(nice.min / display.factor), clean(nice.max / display.factor)],
    ticks: nice.ticks.map((t) => clean(t / display.factor)),
    displayUnit: display.label,
    format,
  };
}
