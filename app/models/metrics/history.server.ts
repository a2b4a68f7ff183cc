/**
 * A metric's past, computed from the data (never stored): its time series (metricHistory), its
 * reading at the end of a past day (readMetricAt) and one step earlier, for a trend (readPrevious).
 * Each reads by the same pick as the metric's live value (COMPUTE).
 */
import { sql } from "drizzle-orm";
import { isKpiMetricId, isStaticMetricId, kpiKeyOf, kpiSourceMetricId, numericValue, type MetricReading } from "~/lib/metrics/catalogue";
import { mrrGrowth } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { DAY_MS } from "~/lib/time";
import { getDoraMetrics, getDoraMetricsOver } from "~/models/delivery-metrics/summary.server";
import { getFinanceMetrics, getFinanceMetricsWithPrevious, getFinanceMonthExtras, listClosedMonths } from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { DORA_PARTS, DORA_PICKS, EXTRA_PICKS, FINANCE_FIELDS, pickFinance } from "~/models/metrics/compute.server";
import { catalogueWindow, type MetricContext } from "~/models/metrics/context.server";
import { definitionOf, readMetric, UnknownMetricError } from "~/models/metrics/readings.server";
import type { Db } from "~/utils/db.server";

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
      const part = DORA_PARTS.get(id);
      if (!pick || !part) return { points: [], note: null };
      const end = to === ctx.today ? ctx.now : Date.parse(`${to}T00:00:00Z`) + DAY_MS;
      const ts = instants(Date.parse(`${range.from}T00:00:00Z`), end);
      // only the figure the pick reads; the past windows' counts in one pass (getDoraMetricsOver)
      const past = ts.filter((t) => t !== ctx.now);
      const pastMetrics = new Map(getDoraMetricsOver(db, past.map(catalogueWindow), {}, part).map((d, i) => [past[i], d]));
      const points = ts.map((t) => {
        const d = t === ctx.now ? ctx.doraPart(part) : pastMetrics.get(t)!;
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
      const part = DORA_PARTS.get(id);
      if (!pick || !part) return none;
      const window = catalogueWindow(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
      return { value: pick(getDoraMetrics(ctx.db, window, {}, [part])), window };
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
  const part = DORA_PARTS.get(id);
  if (pick && part) {
    const w = ctx.window;
    const before = { from: 2 * w.from - w.to, to: w.from };
    const d = getDoraMetrics(ctx.db, before, {}, [part]);
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
