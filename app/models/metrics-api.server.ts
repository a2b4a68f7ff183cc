/**
 * GET /api/v1/metrics?ids= : parsing the id list and the reply body, from the catalogue
 * (app/models/metrics/) — the numbers the pages show, one context per request.
 */
import { METRICS_API_MAX_IDS } from "~/lib/schemas/metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { definitionOf, readFigure } from "~/models/metrics/readings.server";
import type { Db } from "~/utils/db.server";

export type ParsedIds = { ok: true; ids: string[]; needsFinance: boolean; financeIds: string[] } | { ok: false; errors: string[] };

/** "a, b,a" → ["a", "b"]: trimmed, de-duplicated, each known to the catalogue, at most 50. */
export function parseMetricIds(db: Db, raw: string, ctx = new MetricContext(db)): ParsedIds {
  const ids = [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) return { ok: false, errors: ["name at least one metric id"] };
  if (ids.length > METRICS_API_MAX_IDS) return { ok: false, errors: [`at most ${METRICS_API_MAX_IDS} ids`] };
  const errors: string[] = [];
  const financeIds: string[] = [];
  for (const id of ids) {
    const def = id.length <= 80 ? definitionOf(ctx, id) : null;
    if (!def) errors.push(`unknown metric "${id.slice(0, 80)}"`);
    else if (def.finance) financeIds.push(id);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, ids, needsFinance: financeIds.length > 0, financeIds };
}

/** The reply: one entry per id, in the order asked. Windows as ISO 8601 instants, half-open [from, to). */
export function metricsApiBody(db: Db, ids: readonly string[], now = Date.now()) {
  const ctx = new MetricContext(db, now);
  return {
    metrics: ids.map((id) => {
      const f = readFigure(ctx, id);
      return {
        id: f.id,
        label: f.label,
        unit: f.unit,
        ...(f.unitText ? { unitText: f.unitText } : {}),
        value: f.value,
        target: f.target ? { comparison: f.target.comparison, value: f.target.value, cycleId: f.target.cycleId } : null,
        ...(f.window ? { window: { from: new Date(f.window.from).toISOString(), to: new Date(f.window.to).toISOString() } } : { asOf: f.asOf }),
      };
    }),
  };
}
