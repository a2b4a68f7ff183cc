/**
 * The multi-year plan: yearly targets per catalogue metric compared with the catalogue's live
 * figure, and milestones (a condition on a catalogue metric, or a status a person sets with
 * evidence). Pure judgements in app/lib/metrics/strategy.ts. docs/decisions/901-multi-year-plan.md
 */
import { asc, eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { numericValue } from "~/lib/metrics/catalogue";
import {
  milestoneState,
  planCell,
  planYearKind,
  timelineLayout,
  type MilestoneComparison,
  type MilestoneState,
  type MilestoneStatus,
  type PlanYearKind,
  type TimelineLayout,
} from "~/lib/metrics/strategy";
import { deleteRowAudited, recordAudit } from "~/models/audit.server";
import type { MetricContext } from "~/models/metrics/context.server";
import { readMetricAt } from "~/models/metrics/history.server";
import { definitionOf, metricNumber, readMetric } from "~/models/metrics/readings.server";
import { schema, type Db } from "~/utils/db.server";

const T = schema.planTargets;
const MS = schema.milestones;

/** The plan spans at most this many years. */
export const PLAN_MAX_YEARS = 5;

export type PlanTargetRow = { id: number; metricId: string; year: number; value: number; note: string | null };

export function listPlanTargets(db: Db): PlanTargetRow[] {
  return db.select({ id: T.id, metricId: T.metricId, year: T.year, value: T.value, note: T.note }).from(T).orderBy(asc(T.metricId), asc(T.year)).all();
}

export type PlanCell = {
  year: number;
  kind: PlanYearKind;
  targetId: number | null;
  target: number | null;
  note: string | null;
  /** past year: its year-end value from the data; current year: today's figure; future: null. null = no data */
  actual: number | null;
  /** where the actual was read ('YYYY-MM' closed month, 'YYYY-MM-DD' day); null for a delivery window or no data */
  asOf: string | null;
  gap: number | null;
  met: boolean | null;
};

export type PlanRow = {
  metricId: string;
  label: string;
  unit: string;
  known: boolean;
  /** today's catalogue figure (null = no data) */
  actual: number | null;
  /** one cell per plan year */
  years: PlanCell[];
};

export type PlanView = { years: number[]; currentYear: number; rows: PlanRow[] };

/**
 * Plan vs actual: one row per metric with a target, one column per plan year (the years that hold
 * a target, at most 5). Every figure is the catalogue's, read once here (the page never computes):
 * - a past year: the metric as it read at the end of that year, from the stored data
 *   (readMetricAt(…, 'YYYY-12-31', since 'YYYY-01-01'): finance as of the year's last closed
 *   month, headcount on 31 December, delivery over the 90 days to it, a KPI's last measurement of
 *   the year); no data when the data holds none for that year — never an earlier year's value;
 * - the current year: today's figure;
 * - a future year: its target only.
 * The gap is actual − target, met by the metric's direction (planCell).
 */
export function getPlanView(ctx: MetricContext): PlanView {
  const targets = listPlanTargets(ctx.db);
  const currentYear = Number(ctx.today.slice(0, 4));
  const years = [...new Set(targets.map((t) => t.year))].sort((a, b) => a - b).slice(0, PLAN_MAX_YEARS);
  const metrics = [...new Set(targets.map((t) => t.metricId))];
  const rows: PlanRow[] = metrics.map((metricId) => {
    const def = definitionOf(ctx, metricId);
    const today = def ? readMetric(ctx, metricId) : null;
    const actual = today ? numericValue(today.value) : null;
    return {
      metricId,
      label: def?.label ?? metricId,
      unit: def?.unit ?? "measure",
      known: def !== null,
      actual,
      years: years.map((year): PlanCell => {
        const t = targets.find((x) => x.metricId === metricId && x.year === year) ?? null;
        const kind = planYearKind(year, currentYear);
        const reading = !def || kind === "future" ? null : kind === "current" ? today : readMetricAt(ctx, metricId, `${year}-12-31`, `${year}-01-01`);
        const cell = planCell(kind, t?.value ?? null, reading ? numericValue(reading.value) : null, def?.direction ?? "higher");
        return { year, kind, targetId: t?.id ?? null, target: t?.value ?? null, note: t?.note ?? null, asOf: reading?.asOf ?? null, ...cell };
      }),
    };
  });
  return { years, currentYear, rows };
}

export function setPlanTarget(db: Db, actorId: number, input: { metricId: string; year: number; value: number; note: string | null }): number {
  return db.transaction((tx) => {
    const before = tx
      .select()
      .from(T)
      .where(sql`${T.metricId} = ${input.metricId} AND ${T.year} = ${input.year}`)
      .get();
    if (before) {
      tx.update(T).set({ value: input.value, note: input.note }).where(eq(T.id, before.id)).run();
      recordAudit(tx, {
        actor: { userId: actorId },
        action: "update",
        entityType: "plan_target",
        entityId: before.id,
        before: { metricId: before.metricId, year: before.year, value: before.value, note: before.note },
        after: input,
      });
      return before.id;
    }
    const row = tx.insert(T).values(input).returning({ id: T.id }).get();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "plan_target", entityId: row.id, after: input });
    return row.id;
  });
}

export function deletePlanTarget(db: Db, actorId: number, id: number): boolean {
  return deleteRowAudited(db, { userId: actorId }, "plan_target", T, id, (b) => ({ metricId: b.metricId, year: b.year, value: b.value }));
}

/** Years a new target may be set for: the plan's years, or up to 5 from the current year; a sixth distinct year is refused. */
export function planYearProblem(db: Db, year: number): string | null {
  const years = new Set(listPlanTargets(db).map((t) => t.year));
  if (years.has(year) || years.size < PLAN_MAX_YEARS) return null;
  return serverT("the plan already spans {{max}} years ({{years}})", { max: PLAN_MAX_YEARS, years: [...years].sort().join(", ") });
}

// ---------------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------------

/** What a person sets on a milestone. */
export type MilestoneInput = {
  title: string;
  dueDate: string;
  metricId: string | null;
  comparison: MilestoneComparison | null;
  value: number | null;
  status: MilestoneStatus;
  evidence: string | null;
};

export type MilestoneRow = MilestoneInput & { id: number; updatedByName: string | null };

export type MilestoneView = MilestoneRow & { metricLabel: string | null; current: number | null; state: MilestoneState };

export function listMilestones(db: Db): MilestoneRow[] {
  return db
    .select({
      id: MS.id,
      title: MS.title,
      dueDate: MS.dueDate,
      metricId: MS.metricId,
      comparison: MS.comparison,
      value: MS.value,
      status: MS.status,
      evidence: MS.evidence,
      updatedByName: schema.users.name,
    })
    .from(MS)
    .leftJoin(schema.users, eq(schema.users.id, MS.updatedByUserId))
    .orderBy(asc(MS.dueDate), asc(MS.id))
    .all();
}

/** Milestones on the timeline: a linked one judged on today's catalogue figure, a manual one by its status. */
export function getMilestoneViews(ctx: MetricContext): MilestoneView[] {
  return listMilestones(ctx.db).map((m) => {
    const def = m.metricId ? definitionOf(ctx, m.metricId) : null;
    const current = def && m.metricId ? metricNumber(ctx, m.metricId) : null;
    const state = milestoneState(
      m.metricId && m.comparison && m.value !== null ? { comparison: m.comparison, value: m.value, current } : null,
      m.status,
      m.dueDate,
      ctx.today,
    );
    return { ...m, metricLabel: def?.label ?? m.metricId, current, state };
  });
}

/** The milestones with their drawn timeline (years, today, markers and lanes), laid out once here. */
export function getMilestoneTimeline(ctx: MetricContext): { milestones: MilestoneView[]; layout: TimelineLayout } {
  const milestones = getMilestoneViews(ctx);
  return { milestones, layout: timelineLayout(milestones, ctx.today) };
}

export function createMilestone(db: Db, actorId: number, input: MilestoneInput): number {
  return db.transaction((tx) => {
    const row = tx
      .insert(MS)
      .values({ ...input, updatedByUserId: actorId })
      .returning({ id: MS.id })
      .get();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "milestone", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateMilestone(db: Db, actorId: number, id: number, input: MilestoneInput): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(MS).where(eq(MS.id, id)).get();
    if (!before) return false;
    tx.update(MS)
      .set({ ...input, updatedByUserId: actorId })
      .where(eq(MS.id, id))
      .run();
    const { id: _i, createdAt: _c, updatedAt: _u, updatedByUserId: _b, ...fields } = before;
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "milestone", entityId: id, before: fields, after: input });
    return true;
  });
}

export function deleteMilestone(db: Db, actorId: number, id: number): boolean {
  return deleteRowAudited(db, { userId: actorId }, "milestone", MS, id, (b) => ({ title: b.title, dueDate: b.dueDate }));
}

export function getMilestone(db: Db, id: number): MilestoneRow | null {
  return listMilestones(db).find((m) => m.id === id) ?? null;
}
