/**
 * Key results and KPIs linked to catalogue metrics (pure, browser-safe). A linked KR or KPI does
 * not hold its own value: it reads the metric (app/models/metrics/readings.server.ts). This module says
 * which metrics may be linked, and how a metric's value reads as a key result's value (a KR's
 * kind follows the metric's unit: a fraction is a percent KR holding 0–100, cents a currency KR).
 * See docs/decisions/801-key-results-linked-to-metrics.md.
 */
import type { MetricDefinition, MetricUnit, MetricValue } from "./catalogue";
import type { KrKind } from "./okrs";

/**
 * Whether a metric may be linked to a key result or a KPI: numeric (a date is not a value to
 * progress towards), and not an OKR figure (OKR progress is computed from the KRs: a KR reading it
 * would read itself). A KPI may not link to another KPI (it would be a second name for it).
 */
export function isLinkableMetric(def: Pick<MetricDefinition, "id" | "unit" | "domain">, to: "key_result" | "kpi"): boolean {
  if (def.unit === "date" || def.domain === "okrs") return false;
  if (to === "kpi" && def.domain === "kpi") return false;
  return true;
}

/** The kind of a key result linked to a metric of this unit. */
export function krKindForMetric(def: Pick<MetricDefinition, "unit" | "unitText">): KrKind {
  const u: MetricUnit = def.unit;
  if (u === "cents") return "currency";
  if (u === "fraction" || u === "progress") return "percent";
  if (u === "boolean") return "boolean";
  if (u === "measure" && def.unitText?.trim() === "%") return "percent";
  return "number";
}

/** The unit text a linked key result shows (null: the kind says it, or the KR's own text is kept). */
export function krUnitForMetric(def: Pick<MetricDefinition, "unit" | "unitText">, typed: string | null): string | null {
  switch (def.unit) {
    case "cents":
      return "EUR";
    case "fraction":
    case "progress":
      return "%";
    case "boolean":
      return null;
    case "hours":
      return "h";
    case "months":
      return "months";
    case "per_day":
      return "per day";
    case "ratio":
      return "×";
    case "measure":
      return def.unitText?.trim() === "%" ? "%" : (def.unitText ?? typed);
    default:
      return typed;
  }
}

/** The factor from the metric's unit to the linked KR's scale (fractions are percent KRs: × 100). */
export function krScaleForMetric(def: Pick<MetricDefinition, "unit">): number {
  return def.unit === "fraction" || def.unit === "progress" ? 100 : 1;
}

/** A metric value as the linked key result holds it; null when there is no (numeric) value. */
export function krValueFromMetric(def: Pick<MetricDefinition, "unit">, value: MetricValue): number | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return value * krScaleForMetric(def);
}
