/**
 * Product KPIs: definitions, targets per OKR cycle, measurements over time, the product dashboard's
 * figures (latest / previous in SQL with a window function), deploy frequency from the delivery data,
 * and the measurements CSV (`kpi_key,measured_on,value,note`, all or nothing).
 */
import { and, eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, toCsv, type CsvRowError } from "~/lib/csv";
import type { KpiTileFigures } from "~/lib/kpi-format";
import { kpiMetricId, kpiSourceMetricId } from "~/lib/metrics/catalogue";
import { kpiMeasurementCsvRowSchema } from "~/lib/schemas/kpis.server";
import { DAY_MS as DAY } from "~/lib/time";
import { deleteByIdAudited, recordAudit, updateRowAudited } from "~/models/audit.server";
import { MetricContext } from "~/models/metrics/context.server";
import { metricHistory, readPrevious } from "~/models/metrics/history.server";
import type { MetricMarkData } from "~/models/metrics/marks.server";
import { readMetric } from "~/models/metrics/readings.server";
import { getDefaultCycle, isoDayUtc, type CycleRow } from "~/models/okrs.server";
import { schema, type Db } from "~/utils/db.server";
import { KPI_DIRECTIONS, KPI_CATEGORIES } from "../../db/schema/enums";
export { KPI_DIRECTIONS, KPI_CATEGORIES };

export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
/** "manual" (measurements entered, imported or pushed), or the catalogue metric id the KPI IS (app/lib/metrics/links.ts says which may be). */
export type KpiSource = string;

export type KpiRow = KpiInput & {
  id: number;
  sortOrder: number;
  /** shown on the executive dashboard */
  pinned: boolean;
};

const KPI_COLUMNS = `k.id, k.key, k.name, k.unit, k.direction, k.category, k.description, k.source, k.sort_order as sortOrder, k.pinned = 1 as pinned`;

/** SQLite gives 0/1 for the pinned flag: make it a boolean. */
function kpiRow<T extends { pinned: boolean | number } | undefined>(r: T): T {
  return r ? ({ ...r, pinned: !!r.pinned } as T) : r;
}

export function listKpis(db: Db): KpiRow[] {
  return db.all<KpiRow>(sql.raw(`select ${KPI_COLUMNS} from kpis k order by k.sort_order, k.name`)).map(kpiRow);
}

/** The latest measurement of the KPI with this key (null when there is none, or no such KPI). */
export function latestMeasurementByKey(db: Db, key: string): number | null {
  const row = db.get<{ value: number } | undefined>(sql`
    SELECT m.value AS value FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id
    WHERE k.key = ${key} ORDER BY m.measured_on DESC LIMIT 1`);
  return row?.value ?? null;
}

export function getKpi(db: Db, id: number): KpiRow | null {
  return kpiRow(db.get<KpiRow | undefined>(sql`select ${sql.raw(KPI_COLUMNS)} from kpis k where k.id = ${id}`)) ?? null;
}

// ---------------------------------------------------------------- delivery source

/** Whether any production deployment was ever recorded (else a delivery-sourced KPI has no data, not 0). */
function hasProductionDeployments(db: Db): boolean {
  return !!db.get<{ x: number } | undefined>(sql`select 1 as x from deployments where environment = 'production' limit 1`);
}

/**
 * Weekly series of deployments per day (count over each 7-day window ÷ 7), newest window ending at
 * `to`, `weeks` windows back — one GROUP BY. Empty when there are no production deployments.
 */
export function deploymentsPerDaySeries(db: Db, to: number, weeks: number): { measuredOn: string; value: number }[] {
  const from = to - weeks * 7 * DAY;
  if (!hasProductionDeployments(db)) return [];
  const rows = db.all<{ w: number; n: number }>(sql`
    select cast((${to} - 1 - finished_at) / ${7 * DAY} as integer) as w, count(*) as n
    from deployments
    where environment = 'production' and status = 'success' and finished_at >= ${from} and finished_at < ${to}
    group by w`);
  const byWeek = new Map(rows.map((r) => [r.w, r.n]));
  const out: { measuredOn: string; value: number }[] = [];
  for (let w = weeks - 1; w >= 0; w--) {
    const end = to - w * 7 * DAY;
    out.push({ measuredOn: isoDayUtc(end - 1), value: Math.round(((byWeek.get(w) ?? 0) / 7) * 100) / 100 });
  }
  return out;
}

// ---------------------------------------------------------------- dashboard

export type KpiTileData = KpiRow &
  KpiTileFigures & {
    /** the catalogue reading shown (data-metric kpi.<key>, unrounded, as of / window) */
    metric: MetricMarkData;
  };

/** Whether a value meets its target, knowing which way is better. */
export function targetState(value: number | null, target: number | null, direction: KpiDirection): "met" | "missed" | null {
  if (value === null || target === null) return null;
  return (direction === "higher" ? value >= target : value <= target) ? "met" : "missed";
}

/**
 * Every KPI with its latest and previous measurement (window function over kpi_measurements),
 * the target of `cycle` (default: the cycle containing now), and — for a computed KPI — its
 * catalogue metric instead (app/models/metrics/compute.server.ts: e.g. delivery.deploys_per_day over the 90
 * days before now and the 90 days before that; finance.customers as of M and M−1). A computed KPI
 * never falls back to measurements: no data is "no data".
 */
export function getKpiTiles(
  db: Db,
  opts: { now?: number; cycle?: CycleRow | null; kpiId?: number; pinned?: boolean; ctx?: MetricContext } = {},
): { cycle: CycleRow | null; tiles: KpiTileData[] } {
  const now = opts.now ?? Date.now();
  const cycle = opts.cycle === undefined ? getDefaultCycle(db, now) : opts.cycle;
  const kpis = listKpis(db).filter((k) => (opts.kpiId === undefined || k.id === opts.kpiId) && (!opts.pinned || k.pinned));
  const ranked = db.all<{ kpiId: number; rn: number; measuredOn: string; value: number }>(sql`
    select kpi_id as kpiId, rn, measured_on as measuredOn, value from (
      select kpi_id, measured_on, value, row_number() over (partition by kpi_id order by measured_on desc) as rn
      from kpi_measurements
      where ${opts.kpiId === undefined ? sql`1 = 1` : sql`kpi_id = ${opts.kpiId}`}
    ) where rn <= 2`);
  const targets = new Map(
    cycle
      ? db
          .all<{ kpiId: number; target: number }>(sql`select kpi_id as kpiId, target from kpi_targets where cycle_id = ${cycle.id}`)
          .map((t) => [t.kpiId, t.target])
      : [],
  );
  const latest = new Map<number, { measuredOn: string; value: number }>();
  const previous = new Map<number, { measuredOn: string; value: number }>();
  for (const r of ranked) (r.rn === 1 ? latest : previous).set(r.kpiId, { measuredOn: r.measuredOn, value: r.value });
  let metricCtx: MetricContext | undefined = opts.ctx;
  const tiles = kpis.map((k) => {
    let l = latest.get(k.id) ?? null;
    let p = previous.get(k.id) ?? null;
    let metric: MetricMarkData = { id: kpiMetricId(k.key), value: l?.value ?? null, asOf: l?.measuredOn ?? null, window: null };
    const linked = kpiSourceMetricId(k.source);
    if (linked) {
      // a computed KPI IS its catalogue metric (same value as the dashboards and the gates, over the
      // catalogue's window / as-of); "previous" = the same figure one window or one closed month before
      const ctx = (metricCtx ??= new MetricContext(db, now));
      const reading = readMetric(ctx, linked);
      const at = (r: { asOf?: string | null; window?: { from: number; to: number } }) =>
        r.window ? isoDayUtc(r.window.to - 1) : r.asOf && r.asOf.length === 7 ? `${r.asOf}-01` : (r.asOf ?? isoDayUtc(now));
      l = typeof reading.value === "number" ? { measuredOn: at(reading), value: reading.value } : null;
      const before = l ? readPrevious(ctx, linked) : null;
      p = before && typeof before.value === "number" ? { measuredOn: at(before), value: before.value } : null;
      metric = { id: kpiMetricId(k.key), value: reading.value, asOf: reading.asOf ?? null, window: reading.window ?? null };
    }
    const target = targets.get(k.id) ?? null;
    return { ...k, latest: l, previous: p, target, targetState: targetState(l?.value ?? null, target, k.direction), computed: linked !== null, metric };
  });
  return { cycle, tiles };
}

export type KpiSeriesPoint = { measuredOn: string; value: number | null; target: number | null };

/**
 * Measurements of the KPIs since `from` ('YYYY-MM-DD'), each with the target of the cycle that
 * contains its date (for the target line). Computed KPIs get their metric's own history instead
 * (metricHistory: the 90-day delivery window each week, the closed months…).
 */
export function getKpiSeries(db: Db, kpis: readonly Pick<KpiRow, "id" | "source">[], opts: { from: string; now?: number; ctx?: MetricContext }) {
  const now = opts.now ?? Date.now();
  const rows = db.all<{ kpiId: number; measuredOn: string; value: number; target: number | null }>(sql`
    select m.kpi_id as kpiId, m.measured_on as measuredOn, m.value,
      (select t.target from kpi_targets t join cycles c on c.id = t.cycle_id
        where t.kpi_id = m.kpi_id and m.measured_on between c.start_date and c.end_date
        order by c.start_date desc limit 1) as target
    from kpi_measurements m
    where m.measured_on >= ${opts.from}
      and m.kpi_id in (${sql.join(kpis.length ? kpis.map((k) => sql`${k.id}`) : [sql`null`], sql`, `)})
    order by m.kpi_id, m.measured_on`);
  const series = new Map<number, KpiSeriesPoint[]>();
  for (const r of rows) {
    const list = series.get(r.kpiId) ?? [];
    list.push({ measuredOn: r.measuredOn, value: r.value, target: r.target });
    series.set(r.kpiId, list);
  }
  let ctx = opts.ctx;
  for (const k of kpis) {
    const linked = kpiSourceMetricId(k.source);
    if (!linked) continue;
    ctx ??= new MetricContext(db, now);
    const computed = metricHistory(ctx, linked, { from: opts.from, to: ctx.today }).points.map((p) => ({ measuredOn: p.date, value: p.value }));
    const targetsByCycle = db.all<{ startDate: string; endDate: string; target: number }>(sql`
      select c.start_date as startDate, c.end_date as endDate, t.target from kpi_targets t join cycles c on c.id = t.cycle_id where t.kpi_id = ${k.id}`);
    series.set(
      k.id,
      computed.map((p) => ({
        ...p,
        target: targetsByCycle.find((t) => p.measuredOn >= t.startDate && p.measuredOn <= t.endDate)?.target ?? null,
      })),
    );
  }
  return series;
}

// ---------------------------------------------------------------- one KPI

export function listKpiTargets(db: Db, kpiId: number) {
  return db.all<{ cycleId: number; cycleName: string; startDate: string; endDate: string; target: number | null }>(sql`
    select c.id as cycleId, c.name as cycleName, c.start_date as startDate, c.end_date as endDate, t.target
    from cycles c left join kpi_targets t on t.cycle_id = c.id and t.kpi_id = ${kpiId}
    order by c.start_date desc`);
}

export type MeasurementRow = { id: number; measuredOn: string; value: number; note: string | null; authorName: string | null };

export function listMeasurements(db: Db, kpiId: number, page: { limit: number; offset: number }) {
  const rows = db.all<MeasurementRow>(sql`
    select m.id, m.measured_on as measuredOn, m.value, m.note, u.name as authorName
    from kpi_measurements m left join users u on u.id = m.author_user_id
    where m.kpi_id = ${kpiId} order by m.measured_on desc limit ${page.limit} offset ${page.offset}`);
  const total = db.get<{ n: number }>(sql`select count(*) as n from kpi_measurements where kpi_id = ${kpiId}`).n;
  return { rows, total };
}

// ---------------------------------------------------------------- writes

export type KpiInput = {
  key: string;
  name: string;
  unit: string | null;
  direction: KpiDirection;
  category: string;
  description: string | null;
  source: KpiSource;
};

export function kpiKeyTaken(db: Db, key: string, exceptId?: number): boolean {
  return !!db.get(sql`select 1 as x from kpis where key = ${key} and id <> ${exceptId ?? -1}`);
}

export function createKpi(db: Db, actorUserId: number, input: KpiInput): number {
  return db.transaction((tx) => {
    const max = tx.get<{ m: number | null }>(sql`select max(sort_order) as m from kpis`).m ?? 0;
    const row = tx
      .insert(schema.kpis)
      .values({ ...input, sortOrder: max + 1 })
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "create", entityType: "kpi", entityId: row.id, after: row });
    return row.id;
  });
}

export function updateKpi(db: Db, actorUserId: number, kpiId: number, input: KpiInput): void {
  db.transaction((tx) => {
    const before = tx.select().from(schema.kpis).where(eq(schema.kpis.id, kpiId)).get();
    if (!before) throw new Error("No such KPI");
    updateRowAudited(tx, { userId: actorUserId }, "kpi", schema.kpis, kpiId, input, before);
  });
}

/** Sets (or clears, with null) the target of a KPI for a cycle. */
export function setKpiTarget(db: Db, actorUserId: number, kpiId: number, cycleId: number, target: number | null): void {
  db.transaction((tx) => {
    const before = tx
      .select()
      .from(schema.kpiTargets)
      .where(and(eq(schema.kpiTargets.kpiId, kpiId), eq(schema.kpiTargets.cycleId, cycleId)))
      .get();
    if (target === null) {
      if (!before) return;
      tx.delete(schema.kpiTargets).where(eq(schema.kpiTargets.id, before.id)).run();
    } else {
      tx.insert(schema.kpiTargets)
        .values({ kpiId, cycleId, target })
        .onConflictDoUpdate({ target: [schema.kpiTargets.kpiId, schema.kpiTargets.cycleId], set: { target, updatedAt: new Date() } })
        .run();
    }
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: target === null ? "delete" : before ? "update" : "create",
      entityType: "kpi_target",
      entityId: `${kpiId}:${cycleId}`,
      before: before ? { target: before.target } : null,
      after: target === null ? null : { kpiId, cycleId, target },
    });
  });
}

export type MeasurementInput = { measuredOn: string; value: number; note: string | null };

type Writer = Parameters<Parameters<Db["transaction"]>[0]>[0];

function upsertMeasurement(
  tx: Writer,
  actorUserId: number | null,
  kpiId: number,
  m: MeasurementInput,
): { result: "created" | "updated"; before: { value: number; note: string | null } | null } {
  const before = tx
    .select({ id: schema.kpiMeasurements.id, value: schema.kpiMeasurements.value, note: schema.kpiMeasurements.note })
    .from(schema.kpiMeasurements)
    .where(and(eq(schema.kpiMeasurements.kpiId, kpiId), eq(schema.kpiMeasurements.measuredOn, m.measuredOn)))
    .get();
  tx.insert(schema.kpiMeasurements)
    .values({ kpiId, ...m, authorUserId: actorUserId })
    .onConflictDoUpdate({
      target: [schema.kpiMeasurements.kpiId, schema.kpiMeasurements.measuredOn],
      set: { value: m.value, note: m.note, authorUserId: actorUserId, updatedAt: new Date() },
    })
    .run();
  return { result: before ? "updated" : "created", before: before ? { value: before.value, note: before.note } : null };
}

/** A KPI whose unit is "%" holds percentages: 0 to 100. null when the value fits the KPI's unit, else why not. */
export function kpiValueProblem(unit: string | null, value: number): string | null {
  if (unit?.trim() === "%" && (value < 0 || value > 100)) return serverT("must be a percentage from 0 to 100", { ns: "kpis" });
  return null;
}

/** Records the value of a KPI on a date (replacing that date's value if there is one). */
export function recordMeasurement(db: Db, actorUserId: number, kpiId: number, m: MeasurementInput): "created" | "updated" {
  return db.transaction((tx) => {
    const { result, before } = upsertMeasurement(tx, actorUserId, kpiId, m);
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: result === "created" ? "create" : "update",
      entityType: "kpi_measurement",
      entityId: `${kpiId}:${m.measuredOn}`,
      before: before ? { measuredOn: m.measuredOn, ...before } : null,
      after: m,
    });
    return result;
  });
}

export function deleteMeasurement(db: Db, actorUserId: number, kpiId: number, measurementId: number): boolean {
  return deleteByIdAudited(db, { userId: actorUserId }, "kpi_measurement", schema.kpiMeasurements, measurementId, (tx) =>
    tx
      .select()
      .from(schema.kpiMeasurements)
      .where(and(eq(schema.kpiMeasurements.id, measurementId), eq(schema.kpiMeasurements.kpiId, kpiId)))
      .get(),
  );
}

// ---------------------------------------------------------------- API (monitoring pushes)

export function getKpiByKey(db: Db, key: string): KpiRow | null {
  return kpiRow(db.get<KpiRow | undefined>(sql`select ${sql.raw(KPI_COLUMNS)} from kpis k where k.key = ${key}`)) ?? null;
}

/** Most measurements one API request may carry (more → 413). */
export const MAX_MEASUREMENTS_PER_REQUEST = 1000;

export type ApiMeasurementResult = { index: number; measuredOn: string; value: number; status: "created" | "updated" | "unchanged" };

/**
 * Records measurements sent by an API token (scope kpis:write) — idempotent on KPI + day: a day
 * already holding the same value and note is left as it is ("unchanged"), another value replaces
 * it ("updated"). One transaction; an audit entry (the token as actor) per measurement that changed.
 */
export function recordMeasurementsFromApi(db: Db, tokenId: number, kpi: KpiRow, items: readonly MeasurementInput[]) {
  return db.transaction((tx) => {
    const results: ApiMeasurementResult[] = [];
    items.forEach((m, index) => {
      const existing = tx
        .select({ value: schema.kpiMeasurements.value, note: schema.kpiMeasurements.note })
        .from(schema.kpiMeasurements)
        .where(and(eq(schema.kpiMeasurements.kpiId, kpi.id), eq(schema.kpiMeasurements.measuredOn, m.measuredOn)))
        .get();
      if (existing && existing.value === m.value && existing.note === m.note) {
        results.push({ index, measuredOn: m.measuredOn, value: m.value, status: "unchanged" });
        return;
      }
      const { result, before } = upsertMeasurement(tx, null, kpi.id, m);
      recordAudit(tx, {
        actor: { tokenId },
        action: result === "created" ? "create" : "update",
        entityType: "kpi_measurement",
        entityId: `${kpi.id}:${m.measuredOn}`,
        before: before ? { kpi: kpi.key, measuredOn: m.measuredOn, ...before } : null,
        after: { kpi: kpi.key, ...m, source: "api" },
      });
      results.push({ index, measuredOn: m.measuredOn, value: m.value, status: result });
    });
    const count = (status: ApiMeasurementResult["status"]) => results.filter((r) => r.status === status).length;
    return { created: count("created"), updated: count("updated"), unchanged: count("unchanged"), measurements: results };
  });
}

// ---------------------------------------------------------------- CSV

export const MEASUREMENT_CSV_HEADERS = ["kpi_key", "measured_on", "value", "note"] as const;

/** The row schema of one import: knows the KPIs, and flags a KPI + date given twice in the file. */
function measurementCsvRow(kpis: Map<string, KpiRow>) {
  const seen = new Set<string>();
  const base = kpiMeasurementCsvRowSchema;
  return base
    .extend({
      kpi_key: base.shape.kpi_key.superRefine((key, ctx) => {
        const kpi = kpis.get(key);
        if (!kpi) ctx.addIssue({ code: "custom", message: serverT('unknown KPI key "{{key}}"', { ns: "kpis", key }) });
        else if (kpi.source !== "manual")
          ctx.addIssue({ code: "custom", message: serverT('"{{key}}" is computed from the delivery data and takes no measurements', { ns: "kpis", key }) });
      }),
    })
    .superRefine((row, ctx) => {
      const problem = kpiValueProblem(kpis.get(row.kpi_key)?.unit ?? null, row.value);
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
      const k = `${row.kpi_key}|${row.measured_on}`;
      if (seen.has(k))
        ctx.addIssue({ code: "custom", path: ["measured_on"], message: serverT("this KPI and date appear on an earlier row of the file", { ns: "kpis" }) });
      seen.add(k);
    });
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Imports measurements from CSV, all or nothing: every bad row and field is reported (unknown KPI
 * key, a KPI computed from another domain, a date twice for the same KPI, bad numbers or dates),
 * and nothing is written unless every row is good. One transaction: an audit entry per measurement
 * that changed (before → after) and one for the import.
 */
export function importMeasurementsCsv(db: Db, actorUserId: number, text: string, maxRows = 20_000): ImportResult {
  const kpis = new Map(listKpis(db).map((k) => [k.key, k]));
  const parsed = parseCsv(text, measurementCsvRow(kpis), { headers: MEASUREMENT_CSV_HEADERS, maxRows });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return db.transaction((tx) => {
    let created = 0;
    let updated = 0;
    for (const r of parsed.rows) {
      const kpi = kpis.get(r.kpi_key)!;
      const m = { measuredOn: r.measured_on, value: r.value, note: r.note ?? null };
      const { result, before } = upsertMeasurement(tx, actorUserId, kpi.id, m);
      if (result === "created") created += 1;
      else updated += 1;
      if (before && before.value === m.value && before.note === m.note) continue;
      // each measurement that changed: before → after, in the import's transaction
      recordAudit(tx, {
        actor: { userId: actorUserId },
        action: result === "created" ? "create" : "update",
        entityType: "kpi_measurement",
        entityId: `${kpi.id}:${m.measuredOn}`,
        before: before ? { kpi: kpi.key, measuredOn: m.measuredOn, ...before } : null,
        after: { kpi: kpi.key, ...m, source: "csv import" },
      });
    }
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "import",
      entityType: "kpi_measurement",
      after: { rows: parsed.rows.length, created, updated, kpis: [...new Set(parsed.rows.map((r) => r.kpi_key))] },
    });
    return { ok: true as const, created, updated };
  });
}

/** Measurements as CSV (`kpi_key,measured_on,value,note`), of one KPI or all, oldest first. */
export function exportMeasurementsCsv(db: Db, kpiId?: number): string {
  const rows = db.all<{ key: string; measuredOn: string; value: number; note: string | null }>(sql`
    select k.key, m.measured_on as measuredOn, m.value, m.note
    from kpi_measurements m join kpis k on k.id = m.kpi_id
    where ${kpiId == null ? sql`1 = 1` : sql`m.kpi_id = ${kpiId}`}
    order by k.sort_order, k.key, m.measured_on`);
  return toCsv(
    MEASUREMENT_CSV_HEADERS,
    rows.map((r) => [r.key, r.measuredOn, r.value, r.note]),
  );
}
