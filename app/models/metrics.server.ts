/**
 * The metric catalogue's compute side: the ONE function per catalogue id (COMPUTE), built on the
 * domains' query functions (never re-computing a formula here), and the per-request source cache
 * (MetricContext, formerly live-metrics' LiveSources) so that a page reading twenty figures reads
 * finance, the forecast, delivery, headcount and OKRs once each.
 *
 * Sources and windows (app/lib/metrics/catalogue.ts says the same in words):
 * - finance.*: getFinanceMetricsWithPrevious(db) — as of M, the latest closed month;
 * - finance.*_with_hiring_plan: getCashForecast(db, {horizonMonths: 120}) — with the open hiring plan;
 * - delivery.*: getDoraMetrics(db, [now − 90 days, now)) — every service;
 * - people.*: getHeadcountSummary(db, current month, today) — start ≤ today < end;
 * - okrs.company_progress: getObjectivesProgress(db, {now}) — the cycle containing today;
 * - kpi.<key>: the KPI's latest measurement, or the catalogue metric its source names.
 * null = no data, never 0 in its place.
 */
import { sql } from "drizzle-orm";
import { DomainError } from "~/lib/errors";
import {
  CATALOGUE_WINDOW_DAYS,
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
  type StaticMetricId,
} from "~/lib/metrics/catalogue";
import { monthsUntil, mrrGrowth } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { DAY_MS } from "~/lib/time";
import { getDoraMetrics } from "~/models/delivery-metrics.server";
import { getCashForecast, getFinanceMetricsWithPrevious } from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { targetFor, type MetricTarget } from "~/models/metric-targets.server";
import { getCurrentCycle, getObjectivesProgress } from "~/models/okrs.server";
import { getCompanySettings } from "~/models/settings.server";
import type { Db } from "~/utils/db.server";

/** The forecast horizon of the *_with_hiring_plan metrics (months after M). */
export const HIRING_PLAN_HORIZON_MONTHS = 120;

/** The catalogue's delivery window: [now − 90 days, now). */
export function catalogueWindow(now = Date.now()): { from: number; to: number } {
  return { from: now - CATALOGUE_WINDOW_DAYS * DAY_MS, to: now };
}

/** 'YYYY-MM-DD' of the instant in a time zone (an unknown zone falls back to UTC). */
export function isoDayIn(timeZone: string, now = Date.now()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(now));
  } catch {
    return new Date(now).toISOString().slice(0, 10);
  }
}

/**
 * Runs one source; a failing source (a bug or a database error elsewhere) gives null ("no data")
 * and is named in `failed`, so one broken domain never takes a page, the gates or the rules down.
 */
function attempt<T>(name: string, failed: string[], fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    console.error(`metrics: ${name} failed`, e);
    failed.push(name);
    return null;
  }
}

type KpiInfo = { id: number; key: string; name: string; unit: string | null; direction: "higher" | "lower"; source: string };

/**
 * The sources of the catalogue, each read at most once per request however many figures use it.
 * Build one per request (loaders) and pass it to every read.
 */
export class MetricContext {
  readonly failed: string[] = [];
  /** the delivery window [now − 90 days, now) */
  readonly window: { from: number; to: number };
  private cache = new Map<string, unknown>();

  constructor(
    readonly db: Db,
    readonly now = Date.now(),
  ) {
    this.window = catalogueWindow(now);
  }

  private once<T>(name: string, fn: () => T): T | null {
    if (!this.cache.has(name)) this.cache.set(name, attempt(name.split(":")[0], this.failed, fn));
    return this.cache.get(name) as T | null;
  }

  /** today, 'YYYY-MM-DD', in the company's time zone */
  get today(): string {
    return this.once("today", () => isoDayIn(getCompanySettings(this.db).timeZone, this.now)) ?? new Date(this.now).toISOString().slice(0, 10);
  }
  /** the current month, 'YYYY-MM', in the company's time zone */
  get month(): string {
    return this.today.slice(0, 7);
  }
  financeWithPrevious() {
    return this.once("finance", () => getFinanceMetricsWithPrevious(this.db));
  }
  /** finance metrics as of M (null: no closed month) */
  finance() {
    return this.financeWithPrevious()?.current ?? null;
  }
  forecast() {
    return this.once("forecast", () => getCashForecast(this.db, { horizonMonths: HIRING_PLAN_HORIZON_MONTHS }));
  }
  dora() {
    return this.once("delivery", () => getDoraMetrics(this.db, this.window, {}));
  }
  headcount() {
    return this.once("headcount", () => getHeadcountSummary(this.db, this.month, this.today));
  }
  objectives() {
    return this.once("okrs", () => getObjectivesProgress(this.db, { now: this.now }));
  }
  cycle() {
    return this.once("cycle", () => getCurrentCycle(this.db, this.now));
  }
  kpis(): Map<string, KpiInfo> {
    return (
      this.once("kpis", () => {
        const rows = this.db.all<KpiInfo>(sql`select id, key, name, unit, direction, source from kpis order by sort_order, name`);
        return new Map(rows.map((r) => [r.key, r]));
      }) ?? new Map()
    );
  }
  /** the latest measurement of a KPI (null: none) — one indexed statement per KPI */
  kpiLatest(kpiId: number) {
    return this.once(`kpis:${kpiId}`, () => {
      const row = this.db.get<{ value: number; measuredOn: string } | undefined>(sql`
        select value, measured_on as measuredOn from kpi_measurements
         where kpi_id = ${kpiId} and measured_on <= ${this.today}
         order by measured_on desc limit 1`);
      return row ?? null;
    });
  }
}

/** Compatibility name: the live sources of the gates and rules are the catalogue's context. */
export { MetricContext as LiveSources };

// ---------------------------------------------------------------------------------------------------
// The one compute function per id
// ---------------------------------------------------------------------------------------------------

type Compute = (ctx: MetricContext) => MetricReading;

function finance<K extends keyof NonNullable<ReturnType<MetricContext["finance"]>>>(key: K): Compute {
  return (ctx) => {
    const f = ctx.finance();
    const v = f ? f[key] : null;
    return { value: typeof v === "boolean" ? (v ? 1 : 0) : ((v as MetricValue) ?? null), asOf: f?.asOfMonth ?? null };
  };
}

function dora(pick: (d: NonNullable<ReturnType<MetricContext["dora"]>>) => number | null): Compute {
  return (ctx) => {
    const d = ctx.dora();
    return { value: d ? pick(d) : null, window: ctx.window };
  };
}

export const COMPUTE: Readonly<Record<StaticMetricId, Compute>> = {
  "finance.cash": finance("cashCents"),
  "finance.gross_burn": finance("grossBurnCents"),
  "finance.net_burn": finance("netBurnCents"),
  "finance.avg_net_burn": finance("avgNetBurnCents"),
  "finance.runway_months": finance("runwayMonths"),
  "finance.zero_cash_date": finance("zeroCashDate"),
  "finance.runway_months_with_hiring_plan": (ctx) => {
    const f = ctx.forecast();
    return { value: f ? monthsUntil(f.asOfMonth, f.zeroCashDateWith) : null, asOf: f?.asOfMonth ?? null };
  },
  "finance.zero_cash_date_with_hiring_plan": (ctx) => {
    const f = ctx.forecast();
    return { value: f?.zeroCashDateWith ?? null, asOf: f?.asOfMonth ?? null };
  },
  "finance.mrr": finance("mrrCents"),
  "finance.arr": finance("arrCents"),
  "finance.mrr_growth": (ctx) => {
    const fp = ctx.financeWithPrevious();
    if (!fp) return { value: null, asOf: null };
    const prev = fp.previous && fp.previous.asOfMonth === addMonths(fp.current.asOfMonth, -1) ? fp.previous.mrrCents : null;
    return { value: mrrGrowth(fp.current.mrrCents, prev), asOf: fp.current.asOfMonth };
  },
  "finance.revenue_growth": finance("monthlyGrowth"),
  "finance.customers": finance("customers"),
  "finance.churn": finance("churnRate"),
  "finance.burn_multiple": finance("burnMultiple"),
  "finance.cac": finance("cacCents"),
  "finance.ltv": finance("ltvCents"),
  "finance.ltv_to_cac": finance("ltvToCac"),
  "finance.default_alive": finance("defaultAlive"),
  "finance.growth_needed": finance("growthNeeded"),
  "people.headcount": (ctx) => ({ value: ctx.headcount()?.actual ?? null, asOf: ctx.today }),
  "people.headcount_planned": (ctx) => ({ value: ctx.headcount()?.planned ?? null, asOf: ctx.today }),
  "delivery.deployments": dora((d) => d.deploymentFrequency.count),
  "delivery.deploys_per_day": dora((d) => (d.deploymentFrequency.count > 0 ? d.deploymentFrequency.perDay : null)),
  "delivery.lead_time_hours": dora((d) => d.leadTime.medianHours),
  "delivery.change_failure_rate": dora((d) => d.changeFailureRate.rate),
  "delivery.time_to_restore_hours": dora((d) => d.timeToRestore.medianHours),
  "delivery.mttr_hours": dora((d) => d.timeToRestore.meanHours),
  "delivery.rework_rate": dora((d) => d.reworkRate.rate),
  "okrs.company_progress": (ctx) => {
    const objectives = ctx.objectives();
    const company = (objectives ?? []).filter((o) => o.teamId === null && o.progress !== null);
    const value = company.length ? company.reduce((s, o) => s + (o.progress as number), 0) / company.length : null;
    return { value, asOf: ctx.today };
  },
};

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

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

/** The metrics a gate criterion may name, for the gate form: numeric static ids, then the KPIs. */
export function gateMetricOptions(ctx: MetricContext): { id: string; label: string }[] {
  return listMetricIds(ctx)
    .map((id) => definitionOf(ctx, id))
    .filter((d): d is MetricDefinition => d !== null && d.unit !== "date")
    .map((d) => ({ id: d.id, label: d.domain === "kpi" ? `KPI: ${d.label}` : d.label }));
}
