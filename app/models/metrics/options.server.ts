/**
 * The metrics a form may offer or accept: a gate criterion's (numeric ones), a key result's or a
 * KPI's link (linkable ones), a computed KPI's source.
 */
import { isStaticMetricId, type MetricDefinition } from "~/lib/metrics/catalogue";
import { isLinkableMetric } from "~/lib/metrics/links";
import type { MetricContext } from "~/models/metrics/context.server";
import { definitionOf, listMetricIds } from "~/models/metrics/readings.server";

/** A metric to choose (its catalogue label; a KPI's is its name): shown by `metricOptionLabel`. */
export type MetricOption = { id: string; label: string };

/** The metrics a gate criterion may name, for the gate form: numeric static ids, then the KPIs. */
export function gateMetricOptions(ctx: MetricContext): MetricOption[] {
  return listMetricIds(ctx)
    .map((id) => definitionOf(ctx, id))
    .filter((d): d is MetricDefinition => d !== null && d.unit !== "date")
    .map((d) => ({ id: d.id, label: d.label }));
}

/** The metrics a key result or a KPI may be linked to, for the forms' select: linkable ids, labelled. */
export function linkableMetricOptions(ctx: MetricContext, to: "key_result" | "kpi"): MetricOption[] {
  return listMetricIds(ctx)
    .map((id) => definitionOf(ctx, id))
    .filter((d): d is MetricDefinition => d !== null && isLinkableMetric(d, to))
    .map((d) => ({ id: d.id, label: d.label }));
}

/** The definition of a metric that may be linked (to a KR or a KPI); null when unknown or not linkable. */
export function linkableMetric(ctx: MetricContext, id: string, to: "key_result" | "kpi"): MetricDefinition | null {
  const def = definitionOf(ctx, id);
  return def && isLinkableMetric(def, to) ? def : null;
}

/** Whether a catalogue id may be a KPI's source (for kpiSchema). */
export function kpiSourceCheck(ctx: MetricContext): (metricId: string) => boolean {
  return (metricId) => isStaticMetricId(metricId) && linkableMetric(ctx, metricId, "kpi") !== null;
}
