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
import { grossMarginOf, monthsUntil, mrrGrowth } from "~/lib/metrics/finance";
import { isLinkableMetric, krValueFromMetric } from "~/lib/metrics/links";
import { addMonths } from "~/lib/months";
import { DAY_MS } from "~/lib/time";
import { getDoraMetrics } from "~/models/delivery-metrics.server";
import {
  getCashForecast,
  getFinanceMetrics,
  getFinanceMetricsWithPrevious,
  getFinanceMonthExtras,
  listClosedMonths,
  type FinanceMonthExtras,
} from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { targetFor, type MetricTarget } from "~/models/metric-targets.server";
import { getCurrentCycle, getObjectivesProgress, listLinkedMetricIds, type LinkedValues } from "~/models/okrs.server";
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

  private computing = new Set<string>();

  private once<T>(name: string, fn: () => T): T | null {
    if (!this.cache.has(name)) {
      // a source that (through a link) reads itself gets "no data", never an endless loop
      if (this.computing.has(name)) return null;
      this.computing.add(name);
      try {
        this.cache.set(name, attempt(name.split(":")[0], this.failed, fn));
      } finally {
        this.computing.delete(name);
      }
    }
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
  /** M's gross-margin inputs and funding raised year to date (null: no closed month) */
  financeExtras() {
    return this.once("finance:extras", () => getFinanceMonthExtras(this.db));
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
    return this.once("okrs", () => getObjectivesProgress(this.db, { now: this.now, linked: this.linkedKrValues() }));
  }
  /**
   * The current value of every metric a key result is linked to, in the KRs' scale (fractions as
   * percent), for the OKR progress SQL (metric_now). One read per linked metric.
   */
  linkedKrValues(): LinkedValues {
    return (
      this.once("links", () => {
        const out = new Map<string, number | null>();
        for (const id of listLinkedMetricIds(this.db)) {
          const def = definitionOf(this, id);
          out.set(id, def ? krValueFromMetric(def, metricNumber(this, id)) : null);
        }
        return out as LinkedValues;
      }) ?? new Map()
    );
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

type FinanceMetricsRow = NonNullable<ReturnType<MetricContext["finance"]>>;
type DoraRow = NonNullable<ReturnType<MetricContext["dora"]>>;

/** The finance metrics' field, per id (the compute and the monthly history read the same field). */
const FINANCE_FIELDS = new Map<string, keyof FinanceMetricsRow>();
function pickFinance(f: FinanceMetricsRow, key: keyof FinanceMetricsRow): MetricValue {
  const v = f[key];
  return typeof v === "boolean" ? (v ? 1 : 0) : ((v as MetricValue) ?? null);
}

function finance<K extends keyof FinanceMetricsRow>(key: K): Compute {
  const compute: Compute = (ctx) => {
    const f = ctx.finance();
    return { value: f ? pickFinance(f, key) : null, asOf: f?.asOfMonth ?? null };
  };
  (compute as Compute & { field?: K }).field = key;
  return compute;
}

/** The closed-month figures FinanceMetrics does not carry, per id (the compute, the history and the as-of reading pick the same). */
const EXTRA_PICKS = new Map<string, (e: FinanceMonthExtras) => number | null>();
function extra(pick: (e: FinanceMonthExtras) => number | null): Compute {
  const compute: Compute = (ctx) => {
    const e = ctx.financeExtras();
    return { value: e ? pick(e) : null, asOf: e?.month ?? null };
  };
  (compute as Compute & { extra?: typeof pick }).extra = pick;
  return compute;
}

/** The DORA figure, per id (the compute, the previous window and the weekly history read the same pick). */
const DORA_PICKS = new Map<string, (d: DoraRow) => number | null>();
function dora(pick: (d: DoraRow) => number | null): Compute {
  const compute: Compute = (ctx) => {
    const d = ctx.dora();
    return { value: d ? pick(d) : null, window: ctx.window };
  };
  (compute as Compute & { pick?: typeof pick }).pick = pick;
  return compute;
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
  "finance.gross_margin": extra((e) => grossMarginOf(e.revenueCents, e.costOfRevenueCents)),
  "finance.funding_raised": extra((e) => e.fundingRaisedYtdCents),
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

for (const [id, c] of Object.entries(COMPUTE) as [
  string,
  Compute & { field?: keyof FinanceMetricsRow; pick?: (d: DoraRow) => number | null; extra?: (e: FinanceMonthExtras) => number | null },
][]) {
  if (c.field) FINANCE_FIELDS.set(id, c.field);
  if (c.extra) EXTRA_PICKS.set(id, c.extra);
  if (c.pick) DORA_PICKS.set(id, c.pick);
}

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
/** A metric to choose (its catalogue label; a KPI's is its name): shown by `metricOptionLabel`. */
export type MetricOption = { id: string; label: string };

export function gateMetricOptions(ctx: MetricContext): MetricOption[] {
  return listMetricIds(ctx)
    .map((id) => definitionOf(ctx, id))
    .filter((d): d is MetricDefinition => d !== null && d.unit !== "date")
    .map((d) => ({ id: d.id, label: d.label }));
}

// ---------------------------------------------------------------------------------------------------
// Links (key results and KPIs that read a metric)
// ---------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------
// History: the metric's own time series, computed from the data (never stored)
// ---------------------------------------------------------------------------------------------------

/** One point of a metric's history: its value as it read at `date` ('YYYY-MM-DD'), in the metric's unit. */
export type MetricPoint = { date: string; value: number | null };
export type MetricHistory = { points: MetricPoint[]; /** why there are no points, when there are none by nature */ note: string | null };

/** Most points a history returns (weekly points beyond are spaced wider). */
export const MAX_HISTORY_POINTS = 40;

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Instants from `from` to `to` (UTC ms), weekly (wider when that makes more than MAX_HISTORY_POINTS), `to` last. */
function instants(from: number, to: number): number[] {
  if (to < from) return [];
  const step = Math.max(7 * DAY_MS, Math.ceil((to - from) / (MAX_HISTORY_POINTS - 1) / DAY_MS) * DAY_MS);
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  out.push(to);
  return out;
}

/**
 * The history of a metric over [from, to] ('YYYY-MM-DD', to capped at today): what it read at each
 * point, by the metric's own definition —
 * - closed-month finance ids: one point per closed month of the range, as of that month (its last day);
 * - delivery ids: the 90-day window ending at each week of the range, and now;
 * - people ids: the count on each week's day, and today;
 * - a KPI: its measurements of the range (a computed KPI: its metric's history);
 * - forecasts and OKR progress: none (a forecast is made from today's plan; OKR progress is the KRs').
 * The last point of a range reaching today is the metric's value now (readMetric).
 */
export function metricHistory(ctx: MetricContext, id: string, range: { from: string; to: string }): MetricHistory {
  const def = definitionOf(ctx, id);
  if (!def) throw new UnknownMetricError(id);
  const to = range.to < ctx.today ? range.to : ctx.today;
  if (to < range.from) return { points: [], note: null };
  if (isKpiMetricId(id)) {
    const k = ctx.kpis().get(kpiKeyOf(id))!;
    const linked = kpiSourceMetricId(k.source);
    if (linked) return metricHistory(ctx, linked, range);
    const rows = ctx.db.all<MetricPoint>(sql`
      select measured_on as date, value from kpi_measurements
       where kpi_id = ${k.id} and measured_on >= ${range.from} and measured_on <= ${to}
       order by measured_on limit ${MAX_HISTORY_POINTS * 10}`);
    return { points: rows, note: null };
  }
  if (!isStaticMetricId(id)) throw new UnknownMetricError(id);
  const db = ctx.db;
  switch (def.scope) {
    case "closed_month": {
      const months = listClosedMonths(db)
        .filter((m) => m >= range.from.slice(0, 7) && m <= to.slice(0, 7))
        .slice(-MAX_HISTORY_POINTS);
      const points: MetricPoint[] = months.map((m) => ({ date: lastDayOfMonth(m), value: numericValue(closedMonthReading(db, id, m).value) }));
      return { points, note: null };
    }
    case "window": {
      const pick = DORA_PICKS.get(id);
      if (!pick) return { points: [], note: null };
      const end = to === ctx.today ? ctx.now : Date.parse(`${to}T00:00:00Z`) + DAY_MS;
      const points = instants(Date.parse(`${range.from}T00:00:00Z`), end).map((t) => {
        const d = t === ctx.now ? ctx.dora() : getDoraMetrics(db, catalogueWindow(t), {});
        return { date: new Date(t - (t === ctx.now ? 0 : 1)).toISOString().slice(0, 10), value: d ? pick(d) : null };
      });
      return { points, note: null };
    }
    case "today": {
      const end = Date.parse(`${to}T00:00:00Z`);
      const points = instants(Date.parse(`${range.from}T00:00:00Z`), end).map((t) => {
        const day = new Date(t).toISOString().slice(0, 10);
        const h = day === ctx.today ? ctx.headcount() : getHeadcountSummary(db, day.slice(0, 7), day);
        return { date: day, value: h ? (id === "people.headcount" ? h.actual : h.planned) : null };
      });
      return { points, note: null };
    }
    case "forecast":
      return { points: [], note: "A forecast made from today's hiring plan: it has a value now, not a history." };
    default:
      return { points: [], note: "Computed from the key results: no history of its own." };
  }
}

/**
 * A closed-month metric as of the latest closed month ≤ `month` ('YYYY-MM'), read by the same pick
 * as its live value (COMPUTE); asOf = the month read, null with no closed month.
 */
function closedMonthReading(db: Db, id: string, month: string): MetricReading {
  if (id === "finance.mrr_growth") {
    const fp = getFinanceMetricsWithPrevious(db, month);
    if (!fp) return { value: null, asOf: null };
    const prev = fp.previous && fp.previous.asOfMonth === addMonths(fp.current.asOfMonth, -1) ? fp.previous.mrrCents : null;
    return { value: mrrGrowth(fp.current.mrrCents, prev), asOf: fp.current.asOfMonth };
  }
  const pickExtra = EXTRA_PICKS.get(id);
  if (pickExtra) {
    const e = getFinanceMonthExtras(db, month);
    return { value: e ? pickExtra(e) : null, asOf: e?.month ?? null };
  }
  const field = FINANCE_FIELDS.get(id);
  const f = field ? getFinanceMetrics(db, month) : null;
  return { value: f && field ? pickFinance(f, field) : null, asOf: f?.asOfMonth ?? null };
}

/**
 * A metric as it read at the end of a past day `date` ('YYYY-MM-DD'), from the stored data, by the
 * metric's own definition — what a past plan year's "actual" is (docs/decisions/901-multi-year-plan.md):
 * - closed-month finance: as of the latest closed month ≤ date's month (asOf = that month);
 * - delivery: the 90-day window ending at the end of `date` (UTC);
 * - people.headcount: employees employed on `date` (start ≤ date < end);
 * - a KPI: its latest measurement on or before `date` (a computed KPI: its metric's reading);
 * - forecasts, planned headcount and OKR progress: no data (they are made from today's plan or
 *   cycle, and no past state of the hiring plan is kept).
 * `since` ('YYYY-MM-DD'): a reading older than it is no data (a year's end value is never an
 * earlier year's). A date on or after today is today's reading (readMetric).
 */
export function readMetricAt(ctx: MetricContext, id: string, date: string, since?: string): MetricReading {
  const def = definitionOf(ctx, id);
  if (!def) throw new UnknownMetricError(id);
  if (date >= ctx.today) return readMetric(ctx, id);
  const none: MetricReading = { value: null, asOf: null };
  const tooOld = (asOf: string | null | undefined) => !asOf || (since !== undefined && asOf < since.slice(0, asOf.length));
  if (isKpiMetricId(id)) {
    const k = ctx.kpis().get(kpiKeyOf(id))!;
    const linked = kpiSourceMetricId(k.source);
    if (linked) return readMetricAt(ctx, linked, date, since);
    const row = ctx.db.get<{ value: number; measuredOn: string } | undefined>(sql`
      select value, measured_on as measuredOn from kpi_measurements
       where kpi_id = ${k.id} and measured_on <= ${date} order by measured_on desc limit 1`);
    return row && !tooOld(row.measuredOn) ? { value: row.value, asOf: row.measuredOn } : none;
  }
  switch (def.scope) {
    case "closed_month": {
      const r = closedMonthReading(ctx.db, id, date.slice(0, 7));
      return tooOld(r.asOf) ? none : r;
    }
    case "window": {
      const pick = DORA_PICKS.get(id);
      if (!pick) return none;
      const window = catalogueWindow(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
      return { value: pick(getDoraMetrics(ctx.db, window, {})), window };
    }
    case "today": {
      if (id !== "people.headcount") return none;
      const h = getHeadcountSummary(ctx.db, date.slice(0, 7), date);
      return { value: h?.actual ?? null, asOf: date };
    }
    default:
      return none;
  }
}

/**
 * The same metric one step earlier, for a trend: the window before the catalogue's window (delivery),
 * the closed month before M (finance), else none. null when there is no such reading.
 */
export function readPrevious(ctx: MetricContext, id: string): MetricReading | null {
  if (isKpiMetricId(id)) {
    const k = ctx.kpis().get(kpiKeyOf(id));
    const linked = k ? kpiSourceMetricId(k.source) : null;
    if (linked) return readPrevious(ctx, linked);
    if (!k) return null;
    const row = ctx.db.get<{ value: number; measuredOn: string } | undefined>(sql`
      select value, measured_on as measuredOn from kpi_measurements
       where kpi_id = ${k.id} and measured_on <= ${ctx.today} order by measured_on desc limit 1 offset 1`);
    return row ? { value: row.value, asOf: row.measuredOn } : null;
  }
  const pick = DORA_PICKS.get(id);
  if (pick) {
    const w = ctx.window;
    const before = { from: 2 * w.from - w.to, to: w.from };
    const d = getDoraMetrics(ctx.db, before, {});
    return { value: pick(d), window: before };
  }
  if (EXTRA_PICKS.has(id)) {
    const prev = ctx.financeWithPrevious()?.previous;
    return prev ? closedMonthReading(ctx.db, id, prev.asOfMonth) : null;
  }
  const field = FINANCE_FIELDS.get(id);
  if (field) {
    const fp = ctx.financeWithPrevious();
    if (!fp?.previous) return null;
    return { value: pickFinance(fp.previous, field), asOf: fp.previous.asOfMonth };
  }
  return null;
}

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

/** Whether a catalogue id may be a KPI's source (for kpiSchema). */
export function kpiSourceCheck(ctx: MetricContext): (metricId: string) => boolean {
  return (metricId) => isStaticMetricId(metricId) && linkableMetric(ctx, metricId, "kpi") !== null;
}
