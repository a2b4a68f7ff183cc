/** Browser-safe helpers of the product KPIs: value formatting and who may edit them. */
import { N_ } from "~/i18n/mark";
import { DEFAULT_LOCALE, dateFormat, formatNumber } from "~/lib/format";
import type { AxisUnit } from "~/lib/nice-ticks";
import { withUnit } from "~/lib/plural";
import type { KPI_CATEGORIES } from "../../db/schema/enums";

/** The label of each KPI category (a heading, an option; lower-cased in running text), to translate with t(). */
export const KPI_CATEGORY_LABELS: Readonly<Record<(typeof KPI_CATEGORIES)[number], string>> = {
  product: N_("Product"),
  technical: N_("Technical"),
  business: N_("Business"),
};

/** A category code's label in the reader's language (`t`); the code itself for one this version does not know. */
export function kpiCategoryText(category: string, t: (key: string) => string): string {
  const label = (KPI_CATEGORY_LABELS as Readonly<Record<string, string>>)[category];
  return label ? t(label) : category;
}

/** What a KPI tile shows beside the KPI's definition (the model computes it, the tile draws it). */
export type KpiTileFigures = {
  latest: { measuredOn: string; value: number } | null;
  previous: { measuredOn: string; value: number } | null;
  /** the target of the cycle shown (null when none is set) */
  target: number | null;
  /** "below" the target for higher-is-better (above for lower-is-better): the warning state */
  targetState: "met" | "missed" | null;
  /** where the figures come from: manual measurements, or computed (the catalogue metric its source names) */
  computed: boolean;
};

/**
 * The chart axis unit of a KPI's values: percent for "%"; a count (whole steps: 0, 1, 2 bugs, never
 * 0,2) when every value plotted is a whole number; a plain number otherwise.
 */
export function kpiAxisUnit(unit: string | null, values: readonly (number | null | undefined)[] = []): AxisUnit {
  if (unit?.trim() === "%") return "percent";
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  return finite.length > 0 && finite.every(Number.isInteger) ? "count" : "number";
}

/** "84,6 %", "162 ms", "12 400 tx/day" — up to 2 decimals. */
export function formatKpiValue(value: number | null | undefined, unit: string | null, locale?: string): string | null {
  if (value === null || value === undefined) return null;
  // a unit is data, stored in the plural ("bugs"): "1 bug", "3 bugs"
  return withUnit(formatNumber(value, { locale, digits: 2 }), value, unit);
}

/**
 * The signed change between two measurements, in the KPI's unit — except a KPI in percent, whose
 * change is a difference of percentages: "+6 pts", not "+6 %" (which would read as relative).
 */
export function formatKpiChange(change: number, unit: string | null, locale?: string): string {
  const n = formatNumber(change, { locale, digits: 2, signed: true });
  if (unit?.trim() === "%") return `${n} pts`;
  return withUnit(n, Math.abs(change), unit);
}

/**
 * 'YYYY-MM-DD' → "12/01" (day and month in the locale's order), for chart axes: short enough that
 * recharts shows every weekly tick both on the server (which cannot measure text) and in the
 * browser (which does), so the server-rendered chart hydrates without a mismatch.
 */
export function formatShortDate(iso: string | number, locale?: string): string {
  const ms = Date.parse(`${String(iso)}T00:00:00Z`);
  if (!Number.isFinite(ms)) return String(iso);
  return dateFormat(locale ?? DEFAULT_LOCALE, { day: "2-digit", month: "2-digit", timeZone: "UTC" }).format(ms);
}
