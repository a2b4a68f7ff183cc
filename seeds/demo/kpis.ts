/** The demo's product KPIs and their measurements (writes). */
import { sql } from "drizzle-orm";
import { schema } from "../../db/client";
import { insertMany, type DbWriter } from "../builders";
import { DAY, HOUR, dateToMs, isoDate } from "../calendar";
import { KPIS, type UserKey } from "../demo-data";
import type { Rng } from "../prng";
import { type DemoCalendar } from "./calendar";
import { type GenSnapshot } from "./finance";

// ====================================================================== KPIs (writes)

export function insertKpis(db: DbWriter, rng: Rng, cal: DemoCalendar, snapshots: readonly GenSnapshot[], userId: (key: UserKey) => number): void {
  const cycles = db.select({ id: schema.cycles.id, name: schema.cycles.name, startDate: schema.cycles.startDate }).from(schema.cycles).all();
  cycles.sort((a, b) => a.startDate.localeCompare(b.startDate));
  const firstStart = dateToMs(cycles[0].startDate);
  const created = new Date(firstStart - 10 * DAY);
  const days: number[] = [];
  for (let d = cal.anchor - DAY; d >= firstStart; d -= 7 * DAY) days.unshift(d);

  const targets: (typeof schema.kpiTargets.$inferInsert)[] = [];
  const measurements: (typeof schema.kpiMeasurements.$inferInsert)[] = [];
  KPIS.forEach((k, i) => {
    const row = db
      .insert(schema.kpis)
      .values({
        key: k.key,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        category: k.category,
        description: k.description,
        source: k.source,
        pinned: k.pinned ?? false,
        sortOrder: i + 1,
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: schema.kpis.id })
      .get();
    cycles.slice(0, 4).forEach((c, ci) => {
      targets.push({ kpiId: row.id, cycleId: c.id, target: k.targets[ci], createdAt: created, updatedAt: created });
    });
    if (k.source !== "manual") return;
    days.forEach((day, di) => {
      let value: number;
      if (k.trend) {
        const frac = days.length <= 1 ? 1 : di / (days.length - 1);
        const raw = k.trend.from + (k.trend.to - k.trend.from) * frac + rng.normal(0, k.trend.sd);
        const clamped = Math.min(k.trend.max ?? Infinity, Math.max(k.trend.min ?? -Infinity, raw));
        const f = Math.pow(10, k.trend.decimals);
        value = Math.round(clamped * f) / f;
      } else return;
      const t = day + 10 * HOUR;
      measurements.push({
        kpiId: row.id,
        measuredOn: isoDate(day),
        value,
        note: di === days.length - 1 && rng.chance(0.5) ? "Reviewed at the weekly product sync." : null,
        authorUserId: userId(k.author),
        createdAt: new Date(t),
        updatedAt: new Date(t),
      });
    });
  });
  insertMany(db, schema.kpiTargets, targets);
  insertMany(db, schema.kpiMeasurements, measurements);
}

/**
 * A key result linked to a manual KPI starts from the KPI's measurement at its cycle's start (the
 * latest on or before it, else the first one): the KPIs are written after the OKRs.
 */
export function startKpiLinkedKrsAtTheKpi(db: DbWriter): void {
  db.run(sql`
    update key_results as kr set
      start_value = coalesce((
        select m.value from kpi_measurements m join kpis k on k.id = m.kpi_id
         join objectives o on o.id = kr.objective_id join cycles c on c.id = o.cycle_id
        where 'kpi.' || k.key = kr.metric_id
        order by (m.measured_on <= c.start_date) desc,
                 case when m.measured_on <= c.start_date then m.measured_on end desc, m.measured_on asc
        limit 1), kr.start_value)
    where kr.metric_id like 'kpi.%' and kr.final_progress is null`);
  db.run(sql`update key_results set current_value = start_value where metric_id like 'kpi.%' and final_progress is null`);
}
