/**
 * Reading the metric catalogue now: a metric's definition (static or a KPI), its value and where it
 * was read (readMetric), and the figure the API and the pages show (definition + reading + target).
 */
import { DomainError } from "~/lib/errors";
import {
  isKpiMetricId,
  isStaticMetricId,
  kpiKeyOf,
  kpiMetricDefinition,
  kpiMetricId,
  kpiSourceMetricId,
  metricDefinition,
  numericValue,
  STATIC_METRIC_IDS,
  type KpiMetricId,
  type MetricDefinition,
  type MetricReading,
  type MetricValue,
} from "~/lib/metrics/catalogue";
import { targetFor, type MetricTarget } from "~/models/metric-targets.server";
import { COMPUTE } from "~/models/metrics/compute.server";
import type { MetricContext } from "~/models/metrics/context.server";

export class UnknownMetricError extends DomainError {
  constructor(readonly id: string) {
    super("input", `unknown metric "${id}"`);
  }
}

/** The definition of any catalogue id (static or an existing KPI); null when unknown. */
export function definitionOf(ctx: MetricContext, id: string): MetricDefinition | null {
  if (isStaticMetricId(id)) return metricDefinition(id);
  if (isKpiMetricId(id)) {
    const k = ctx.kpis().get(kpiKeyOf(id));
    return k ? kpiMetricDefinition(k) : null;
  }
  return null;
}

/** Whether the id names a metric of the catalogue (static, or a KPI that exists). */
export function isKnownMetricId(ctx: MetricContext, id: string): boolean {
  return definitionOf(ctx, id) !== null;
}

/** Every metric id of the catalogue: the static ones, then one per KPI. */
export function listMetricIds(ctx: MetricContext): string[] {
  return [...STATIC_METRIC_IDS, ...[...ctx.kpis().keys()].map(kpiMetricId)];
}

function readKpi(ctx: MetricContext, id: KpiMetricId): MetricReading {
  const k = ctx.kpis().get(kpiKeyOf(id));
  if (!k) throw new UnknownMetricError(id);
  const linked = kpiSourceMetricId(k.source);
  if (linked) return COMPUTE[linked](ctx);
  const latest = ctx.kpiLatest(k.id);
  return { value: latest?.value ?? null, asOf: latest?.measuredOn ?? null };
}

/** The value of one metric and where it was read (asOf / window). UnknownMetricError when unknown. */
export function readMetric(ctx: MetricContext, id: string): MetricReading {
  if (isStaticMetricId(id)) return COMPUTE[id](ctx);
  if (isKpiMetricId(id)) return readKpi(ctx, id);
  throw new UnknownMetricError(id);
}

/** The numeric value of a metric (null: no data, a date, or an unknown id) — what gates and rules compare. */
export function metricNumber(ctx: MetricContext, id: string): number | null {
  try {
    return numericValue(readMetric(ctx, id).value);
  } catch (e) {
    if (e instanceof UnknownMetricError) return null;
    throw e;
  }
}

/** A metric with its definition, value, target and as-of / window: the API's and the pages' shape. */
export type MetricFigure = {
  id: string;
  label: string;
  unit: MetricDefinition["unit"];
  unitText: string | null;
  direction: MetricDefinition["direction"];
  formula: string;
  windowText: string;
  value: MetricValue;
  asOf: string | null;
  window: { from: number; to: number } | null;
  target: MetricTarget | null;
};

/** One metric as a figure (definition + reading + the target of the current cycle). */
export function readFigure(ctx: MetricContext, id: string): MetricFigure {
  const def = definitionOf(ctx, id);
  if (!def) throw new UnknownMetricError(id);
  const r = readMetric(ctx, id);
  const cycle = ctx.cycle();
  return {
    id,
    label: def.label,
    unit: def.unit,
    unitText: def.unitText,
    direction: def.direction,
    formula: def.formula,
    windowText: def.window,
    value: r.value,
    asOf: r.asOf ?? null,
    window: r.window ?? null,
    target: targetFor(ctx.db, id, cycle?.id ?? null),
  };
}

/** Several figures, in the order asked, from one context. UnknownMetricError on the first unknown id. */
export function readFigures(ctx: MetricContext, ids: readonly string[]): MetricFigure[] {
  return ids.map((id) => readFigure(ctx, id));
}

/** Figures keyed by id (for a loader: `figures["finance.cash"]`). */
export function readFigureMap<const T extends readonly string[]>(ctx: MetricContext, ids: T): Record<T[number], MetricFigure> {
  const out = {} as Record<string, MetricFigure>;
  for (const id of ids) out[id] = readFigure(ctx, id);
  return out as Record<T[number], MetricFigure>;
}
