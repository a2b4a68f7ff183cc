/**
 * Gate thresholds are stored in each catalogue metric's unit (cents, fractions, months, hours…) but
 * entered and shown in human units: money in thousands of the company currency (k€), rates and
 * progress in percent, ratios as "×". Values compared with a threshold are shown with enough
 * precision to see why a criterion fails (digitsToShowDifference). Browser-safe and pure.
 */
import { N_ } from "~/i18n/mark";
import { formatHours, formatMoney, formatNumber, formatPercent, NO_DATA, type FormatOptions } from "~/lib/format";
import { metricDefinition, type MetricUnit } from "~/lib/metrics/catalogue";
import { digitsToShowDifference } from "~/lib/metrics/precision";

export type HumanUnit = "count" | "k_currency" | "months" | "percent" | "ratio" | "hours" | "per_day" | "measure";

/**
 * Translates the unit words ("months", "per day", "hours"; `metrics` namespace): pass the page's
 * `t`. Without one the words are English (callers not translated yet).
 */
export type UnitT = (key: string, options: { ns: "metrics" } & Record<string, unknown>) => string;

const englishUnits: UnitT = (key, options) => key.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options[k] ?? ""));

/** The catalogue unit of a metric id; a KPI (`kpi.<key>`) or an unknown id is a plain measure. */
export function unitOf(metric: string): MetricUnit {
  return metricDefinition(metric)?.unit ?? "measure";
}

export function humanUnitOf(metric: string): HumanUnit {
  switch (unitOf(metric)) {
    case "count":
    case "boolean":
      return "count";
    case "cents":
      return "k_currency";
    case "months":
      return "months";
    case "fraction":
    case "progress":
      return "percent";
    case "ratio":
      return "ratio";
    case "hours":
      return "hours";
    case "per_day":
      return "per_day";
    case "date":
    case "measure":
      return "measure";
  }
}

/** The label of the human unit, e.g. "k€", "%", "months". */
export function humanUnitLabel(metric: string, currency = "EUR", t: UnitT = englishUnits): string {
  const symbol = currency === "EUR" ? "€" : ` ${currency}`;
  const labels: Record<HumanUnit, string> = {
    count: "",
    k_currency: `k${symbol}`,
    months: t(N_("months", "metrics"), { ns: "metrics" }),
    percent: "%",
    ratio: "×",
    hours: t(N_("hours", "metrics"), { ns: "metrics" }),
    per_day: t(N_("per day", "metrics"), { ns: "metrics" }),
    measure: "",
  };
  return labels[humanUnitOf(metric)];
}

/** Stored value → the number shown in the form (rounded to kill float noise). */
export function toHumanUnits(metric: string, stored: number): number {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  switch (humanUnitOf(metric)) {
    case "k_currency":
      return round(stored / 100_000);
    case "percent":
      return round(stored * 100);
    default:
      return stored;
  }
}

/** The number typed in the form → the stored value (k€ → cents, % → fraction). */
export function fromHumanUnits(metric: string, human: number): number {
  switch (humanUnitOf(metric)) {
    case "k_currency":
      return Math.round(human * 100_000);
    case "percent":
      return Math.round(human * 1e6) / 1e8;
    default:
      return human;
  }
}

/**
 * A metric value (stored unit) for display; "no data" for null. With `against` (the threshold it
 * is compared with), as many more fraction digits as it takes for the two not to read the same:
 * 0.0496 against 0.05 → "4.96%", not "5.0%".
 */
export function formatGateValue(
  metric: string,
  value: number | null,
  fmt: Partial<FormatOptions> = {},
  against?: number | null,
  t: UnitT = englishUnits,
): string {
  if (value === null) return NO_DATA;
  const locale = fmt.locale;
  const digits = (base: number, scale = 1) => digitsToShowDifference(value * scale, against == null ? null : against * scale, base, 6);
  switch (humanUnitOf(metric)) {
    case "count":
      return formatNumber(value, { locale, digits: digits(0) });
    case "k_currency": {
      const d = digits(0, 0.01);
      if (d > 0 || against != null) return formatMoney(value, { locale, currency: fmt.currency, digits: Math.min(d, 2) });
      return formatMoney(value, { locale, currency: fmt.currency, compact: Math.abs(value) >= 1_000_000_00 });
    }
    case "months":
      return t("{{n}} months", { ns: "metrics", n: formatNumber(value, { locale, digits: digits(1), minDigits: digits(1) }) });
    case "percent":
      return formatPercent(value, digits(1, 100), locale);
    case "ratio":
      return `${formatNumber(value, { locale, digits: digits(2) })}×`;
    case "hours": {
      const shown = formatHours(value, locale);
      if (against == null || value === against || shown !== formatHours(against, locale)) return shown;
      return `${formatNumber(value, { locale, digits: digits(2) })} h`;
    }
    case "per_day":
      return t("{{n}} per day", { ns: "metrics", n: formatNumber(value, { locale, digits: digits(1) }) });
    case "measure":
      return formatNumber(value, { locale, digits: digits(2) });
  }
}
