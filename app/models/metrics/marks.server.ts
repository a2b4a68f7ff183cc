/**
 * The data-metric marks of key results linked to a metric: the reading each live linked KR shows
 * (its id, unrounded value and as-of / window).
 */
import type { MetricValue } from "~/lib/metrics/catalogue";
import type { MetricContext } from "~/models/metrics/context.server";
import { readMetric, UnknownMetricError } from "~/models/metrics/readings.server";

/** A figure's data-metric mark: id, unrounded value and as-of / window. */
export type MetricMarkData = { id: string; value: MetricValue; asOf: string | null; window: { from: number; to: number } | null };

/** The reading of every metric a live key result is linked to, keyed by id (for the pages' data-metric marks). */
export function linkedMetricMarks(ctx: MetricContext): Record<string, MetricMarkData> {
  const out: Record<string, MetricMarkData> = {};
  for (const id of ctx.linkedKrValues().keys()) {
    try {
      const r = readMetric(ctx, id);
      out[id] = { id, value: r.value, asOf: r.asOf ?? null, window: r.window ?? null };
    } catch (e) {
      if (!(e instanceof UnknownMetricError)) throw e;
    }
  }
  return out;
}

/** A KR row with its metric's mark when it is live and linked (closed cycles show the frozen value: no mark). */
export function withMetricMark<T extends { metricId: string | null; finalProgress: number | null }>(
  kr: T,
  marks: Record<string, MetricMarkData>,
): T & { metric: MetricMarkData | null } {
  return { ...kr, metric: kr.metricId !== null && kr.finalProgress === null ? (marks[kr.metricId] ?? null) : null };
}
