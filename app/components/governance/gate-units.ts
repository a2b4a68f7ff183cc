/**
 * Gate thresholds are stored in each metric's unit (cents, fractions, months, hours…) but
 * entered and shown in human units: money in thousands of the company currency (k€),
 * rates in percent, the burn multiple as a plain ratio. Browser-safe and pure.
 */
import { GATE_METRICS, isGateMetricKey, type GateMetricKey } from "~/lib/metrics/governance";
import { formatHours, formatMoney, formatNumber, formatPercent, NO_DATA, type FormatOptions } from "~/lib/format";

export type HumanUnit = "count" | "k_currency" | "months" | "percent" | "ratio" | "hours" | "per_day";

export function humanUnitOf(metric: GateMetricKey): HumanUnit {
  if (metric === "burn_multiple") return "ratio";
  switch (GATE_METRICS[metric].unit) {
    case "count":
      return "count";
    case "cents":
      return "k_currency";
    case "months":
      return "months";
    case "fraction":
      return "percent";
    case "hours":
      return "hours";
    case "per_day":
      return "per_day";
  }
}

/** The label of the human unit, e.g. "k€", "%", "months". */
export function humanUnitLabel(metric: GateMetricKey, currency = "EUR"): string {
  const symbol = currency === "EUR" ? "€" : ` ${currency}`;
  const labels: Record<HumanUnit, string> = {
    count: "",
    k_currency: `k${symbol}`,
    months: "months",
    percent: "%",
    ratio: "×",
    hours: "hours",
    per_day: "per day",
  };
  return labels[humanUnitOf(metric)];
}

/** Stored value → the number shown in the form (rounded to kill float noise). */
export function toHumanUnits(metric: GateMetricKey, stored: number): number {
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
export function fromHumanUnits(metric: GateMetricKey, human: number): number {
  switch (humanUnitOf(metric)) {
    case "k_currency":
      return Math.round(human * 100_000);
    case "percent":
      return Math.round(human * 1e6) / 1e8;
    default:
      return human;
  }
}

/** A metric value (stored unit) for display; "no data" for null. */
export function formatGateValue(metric: string, value: number | null, fmt: Partial<FormatOptions> = {}): string {
  if (value === null) return NO_DATA;
  if (!isGateMetricKey(metric)) return String(value);
  const locale = fmt.locale;
  switch (humanUnitOf(metric)) {
    case "count":
      return formatNumber(value, { locale, digits: 0 });
    case "k_currency":
      return formatMoney(value, { locale, currency: fmt.currency, compact: Math.abs(value) >= 1_000_000_00 });
    case "months":
      return `${formatNumber(value, { locale, digits: 1 })} months`;
    case "percent":
      return formatPercent(value, 1, locale);
    case "ratio":
      return `${formatNumber(value, { locale, digits: 2 })}×`;
    case "hours":
      return formatHours(value, locale);
    case "per_day":
      return `${formatNumber(value, { locale, digits: 1 })} per day`;
  }
}
