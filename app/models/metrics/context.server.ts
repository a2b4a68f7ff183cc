/**
 * The metric catalogue's per-request source cache (MetricContext): each source a figure reads —
 * finance, the forecast, delivery, headcount, OKRs, the KPIs — is read at most once per request,
 * however many figures use it.
 *
 * Sources and windows (app/lib/metrics/catalogue.ts says the same in words):
 * - finance.*: getFinanceMetricsWithPrevious(db) — as of M, the latest closed month;
 * - finance.*_with_hiring_plan: getCashForecastTotals(db, {horizonMonths: 120}) — with the open hiring plan;
 * - delivery.*: getDoraMetrics(db, [now − 90 days, now)) — every service;
 * - people.*: getHeadcountSummary(db, current month, today) — start ≤ today < end;
 * - okrs.company_progress: getObjectivesProgress(db, {now}) — the cycle containing today;
 * - kpi.<key>: the KPI's latest measurement, or the catalogue metric its source names.
 * null = no data, never 0 in its place.
 */
import { sql } from "drizzle-orm";
import { dateFormat } from "~/lib/format";
import { CATALOGUE_WINDOW_DAYS } from "~/lib/metrics/catalogue";
import { krValueFromMetric } from "~/lib/metrics/links";
import { CFR_RULE_WINDOW_DAYS } from "~/lib/metrics/risks";
import { DAY_MS } from "~/lib/time";
import type { DoraPart } from "~/models/delivery-metrics/aggregates.server";
import { getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { getCashForecastTotals, getFinanceMetricsWithPrevious, getFinanceMonthExtras } from "~/models/finance.server";
import { getHeadcountSummary } from "~/models/hiring.server";
import { definitionOf, metricNumber } from "~/models/metrics/readings.server";
import { getCompanyOkrProgress, getCurrentCycle, getObjectivesProgress, listLinkedMetricIds, type LinkedValues } from "~/models/okrs.server";
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
    return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
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
    return this.once("forecast", () => getCashForecastTotals(this.db, { horizonMonths: HIRING_PLAN_HORIZON_MONTHS }));
  }
  /** the five DORA figures over the catalogue's window */
  dora() {
    return this.once("delivery", () => getDoraMetrics(this.db, this.window, {}));
  }
  /**
   * The DORA figures of one part (counts, lead time, time to restore) over the catalogue's window —
   * what one delivery metric reads; the other figures are no data. The full read when made already.
   */
  doraPart(part: DoraPart) {
    if (this.cache.has("delivery")) return this.dora();
    return this.once(`delivery:${part}`, () => getDoraMetrics(this.db, this.window, {}, [part]));
  }
  /**
   * The change failure rate over the 30 days before now: the window the CFR risk rule is defined
   * on (cfr_above_percent_30d, app/lib/metrics/risks.ts), not the catalogue's 90 days.
   */
  changeFailureRate30d(): { rate: number | null } | null {
    return this.once("delivery:cfr-30d", () => {
      const window = { from: this.now - CFR_RULE_WINDOW_DAYS * DAY_MS, to: this.now };
      return { rate: getDoraMetrics(this.db, window, {}, ["counts"]).changeFailureRate.rate };
    });
  }
  headcount() {
    return this.once("headcount", () => getHeadcountSummary(this.db, this.month, this.today));
  }
  objectives() {
    return this.once("okrs", () => getObjectivesProgress(this.db, { now: this.now, linked: this.linkedKrValues() }));
  }
  companyOkrProgress() {
    return this.once("okrs:company", () => getCompanyOkrProgress(this.db, this.now, this.linkedKrValues()));
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
