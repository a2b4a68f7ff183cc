/**
 * The company's targets, as data: one table (metric_targets) per catalogue metric and OKR cycle
 * (cycle null = open-ended), read through ONE function, targetFor(), by the dashboards, gates,
 * key results and the API — so a metric shows the same target for the same cycle everywhere.
 * Product KPI targets stay in kpi_targets (edited on the KPI pages) and are read here too.
 * Writes: CTO for delivery.*, CEO for the others (can(actor, "targets:edit", {metricDomain})), audited.
 */
import { sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { DomainError } from "~/lib/errors";
import { CATALOGUE, isKpiMetricId, isStaticMetricId, kpiKeyOf, metricDefinition, type MetricDefinition } from "~/lib/metrics/catalogue";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

export const TARGET_COMPARISONS = schema.TARGET_COMPARISONS;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];

export type MetricTarget = {
  metricId: string;
  /** null: open-ended (every cycle without a row of its own) */
  cycleId: number | null;
  comparison: TargetComparison;
  /** in the metric's unit */
  value: number;
  setBy: string | null;
  note: string | null;
  /** where the target is kept */
  source: "metric_targets" | "kpi_targets";
};

export { meetsTarget } from "~/lib/metrics/targets";

/**
 * The target of a metric for a cycle: that cycle's row, else the open-ended row; for a KPI
 * (`kpi.<key>`), its kpi_targets row of that cycle, compared by the KPI's direction. null: none.
 * One indexed statement.
 */
export function targetFor(db: Db, metricId: string, cycleId: number | null = null): MetricTarget | null {
  if (isKpiMetricId(metricId)) {
    if (cycleId === null) return null;
    const row = db.get<{ target: number; direction: string } | undefined>(sql`
      select t.target, k.direction from kpi_targets t join kpis k on k.id = t.kpi_id
       where k.key = ${kpiKeyOf(metricId)} and t.cycle_id = ${cycleId}`);
    if (!row) return null;
    return {
      metricId,
      cycleId,
      comparison: row.direction === "lower" ? "<=" : ">=",
      value: row.target,
      setBy: null,
      note: null,
      source: "kpi_targets",
    };
  }
  const row = db.get<{ cycleId: number | null; comparison: TargetComparison; value: number; setBy: string | null; note: string | null } | undefined>(sql`
    select t.cycle_id as cycleId, t.comparison, t.value, u.name as setBy, t.note
      from metric_targets t left join users u on u.id = t.set_by_user_id
     where t.metric_id = ${metricId} and (t.cycle_id = ${cycleId ?? -1} or t.cycle_id is null)
     order by t.cycle_id is null
     limit 1`);
  return row ? { metricId, ...row, source: "metric_targets" } : null;
}

/** The targets of several metrics for one cycle, keyed by metric id (missing: no target). */
export function targetsFor(db: Db, metricIds: readonly string[], cycleId: number | null = null): Record<string, MetricTarget | null> {
  const out: Record<string, MetricTarget | null> = {};
  for (const id of metricIds) out[id] = targetFor(db, id, cycleId);
  return out;
}

export type MetricTargetRow = Pick<typeof schema.metricTargets.$inferSelect, "id" | "metricId" | "cycleId" | "comparison" | "value" | "note"> & {
  label: string;
  cycleName: string | null;
  setBy: string | null;
  updatedAt: number;
};

/** Every row of metric_targets (a few dozen at most: one per metric and cycle), metric then cycle. */
export function listMetricTargets(db: Db): MetricTargetRow[] {
  const rows = db.all<Omit<MetricTargetRow, "label">>(sql`
    select t.id, t.metric_id as metricId, t.cycle_id as cycleId, c.name as cycleName, t.comparison, t.value,
           u.name as setBy, t.note, t.updated_at as updatedAt
      from metric_targets t
      left join cycles c on c.id = t.cycle_id
      left join users u on u.id = t.set_by_user_id
     order by t.metric_id, c.start_date is not null, c.start_date
     limit 1000`);
  return rows.map((r) => ({ ...r, label: metricDefinition(r.metricId)?.label ?? r.metricId }));
}

export class TargetPermissionError extends DomainError {
  constructor(message: string = N_("You may not set this target.")) {
    super("forbidden", message);
  }
}

export type TargetInput = { metricId: string; cycleId: number | null; comparison: TargetComparison; value: number; note: string | null };

/** The static catalogue metrics whose target this actor may set (KPI targets are set on the KPI pages). */
export function editableTargetMetrics(actor: Actor): MetricDefinition[] {
  return CATALOGUE.filter((d) => d.unit !== "date" && d.unit !== "boolean" && can(actor, "targets:edit", { metricDomain: d.domain }));
}

/**
 * Sets the target of a metric for a cycle (or open-ended): insert or update, audited, in one
 * transaction. TargetPermissionError when the actor may not set a target of that metric's domain.
 */
export function setMetricTarget(db: Db, actor: Actor, input: TargetInput): { id: number; created: boolean } {
  const def = isStaticMetricId(input.metricId) ? metricDefinition(input.metricId) : null;
  if (!def) throw new RangeError(`unknown metric ${input.metricId}`);
  if (!can(actor, "targets:edit", { metricDomain: def.domain }))
    throw new TargetPermissionError(serverT("may not set targets of {{domain}} metrics", { domain: def.domain }));
  return db.transaction((tx) => {
    const T = schema.metricTargets;
    const before = tx.get<{ id: number; comparison: string; value: number; note: string | null } | undefined>(sql`
      select id, comparison, value, note from metric_targets
       where metric_id = ${input.metricId} and ${input.cycleId === null ? sql`cycle_id is null` : sql`cycle_id = ${input.cycleId}`}`);
    const fields = { comparison: input.comparison, value: input.value, note: input.note, setByUserId: actor.id };
    let id: number;
    if (before) {
      tx.update(T)
        .set(fields)
        .where(sql`${T.id} = ${before.id}`)
        .run();
      id = before.id;
    } else {
      id = tx
        .insert(T)
        .values({ metricId: input.metricId, cycleId: input.cycleId, ...fields })
        .returning({ id: T.id })
        .get().id;
    }
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: before ? "update" : "create",
      entityType: "metric_target",
      entityId: id,
      before: before ? { metricId: input.metricId, cycleId: input.cycleId, comparison: before.comparison, value: before.value, note: before.note } : null,
      after: input,
    });
    return { id, created: !before };
  });
}

/** Removes a target row (audited). false when there is none; TargetPermissionError when not allowed. */
export function deleteMetricTarget(db: Db, actor: Actor, id: number): boolean {
  return db.transaction((tx) => {
    const row = tx.get<{ id: number; metricId: string; cycleId: number | null; comparison: string; value: number; note: string | null } | undefined>(sql`
      select id, metric_id as metricId, cycle_id as cycleId, comparison, value, note from metric_targets where id = ${id}`);
    if (!row) return false;
    const def = metricDefinition(row.metricId);
    if (!can(actor, "targets:edit", { metricDomain: def?.domain ?? "unknown" })) throw new TargetPermissionError(N_("may not remove this target"));
    tx.delete(schema.metricTargets)
      .where(sql`id = ${id}`)
      .run();
    recordAudit(tx, { actor: { userId: actor.id }, action: "delete", entityType: "metric_target", entityId: id, before: row });
    return true;
  });
}
