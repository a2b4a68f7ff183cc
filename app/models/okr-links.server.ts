/**
 * What an OKR page needs to show linked key results (docs/decisions/801): the catalogue context,
 * the linked metrics' values for the progress SQL, and their readings for the data-metric marks.
 */
import { krKindForMetric, krUnitForMetric } from "~/lib/metrics/links";
import { MetricContext } from "~/models/metrics/context.server";
import { linkedMetricMarks, withMetricMark, type MetricMarkData } from "~/models/metrics/marks.server";
import { linkableMetric } from "~/models/metrics/options.server";
import type { LinkedValues, ObjectiveNode } from "~/models/okrs.server";
import type { Db } from "~/utils/db.server";

export type OkrLinks = { ctx: MetricContext; linked: LinkedValues; marks: Record<string, MetricMarkData> };

/** One catalogue context per request; the linked values and marks are read once each. */
export function okrLinks(db: Db, now = Date.now(), ctx = new MetricContext(db, now)): OkrLinks {
  return { ctx, linked: ctx.linkedKrValues(), marks: linkedMetricMarks(ctx) };
}

export type MarkedNode = Omit<ObjectiveNode, "keyResults" | "children"> & {
  keyResults: (ObjectiveNode["keyResults"][number] & { metric: MetricMarkData | null })[];
  children: MarkedNode[];
};

/** The OKR tree with each live linked KR carrying its metric's mark. */
export function markTree(nodes: readonly ObjectiveNode[], marks: Record<string, MetricMarkData>): MarkedNode[] {
  return nodes.map((n) => ({ ...n, keyResults: n.keyResults.map((kr) => withMetricMark(kr, marks)), children: markTree(n.children, marks) }));
}

/** Resolves a key result's metricId against the catalogue (for keyResultSchema): kind and unit from the metric. */
export function krLinkResolver(ctx: MetricContext) {
  return (metricId: string) => {
    const def = linkableMetric(ctx, metricId, "key_result");
    return def ? { kind: krKindForMetric(def), unit: (typed: string | null) => krUnitForMetric(def, typed) } : null;
  };
}
