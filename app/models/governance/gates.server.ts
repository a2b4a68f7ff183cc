/** Decision gates: their metric criteria, manual criteria and evaluation (one verdict, read by every page). */
import { asc, eq, inArray } from "drizzle-orm";
import { evaluateGate, isGateMetricId, type GateEvaluation, type GateOperator } from "~/lib/metrics/governance";
import { deleteByIdAudited, recordAudit } from "~/models/audit.server";
import { insertRows, replaceChildRows } from "~/models/child-rows.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- decision gates

export type GateCriterionRow = { id: number; metric: string; operator: GateOperator; threshold: number };
export type GateRow = { id: number; name: string; description: string | null; dueDate: string; criteria: GateCriterionRow[] };

export function listGates(db: Db): GateRow[] {
  const G = schema.decisionGates;
  const C = schema.gateCriteria;
  const gates = db.select({ id: G.id, name: G.name, description: G.description, dueDate: G.dueDate }).from(G).orderBy(G.dueDate, G.id).all();
  const criteria = db.select({ id: C.id, gateId: C.gateId, metric: C.metric, operator: C.operator, threshold: C.threshold }).from(C).orderBy(C.id).all();
  return gates.map((g) => ({ ...g, criteria: criteria.filter((c) => c.gateId === g.id).map(({ gateId: _g, ...c }) => c) }));
}

export function getGate(db: Db, id: number): GateRow | null {
  return listGates(db).find((g) => g.id === id) ?? null;
}

export type EvaluatedCriterion = GateCriterionRow & {
  value: number | null;
  /** the criterion names a metric of the catalogue (else it is shown as "no data") */
  known: boolean;
  label: string;
  unit: string | null;
};

/** A criterion a person checks ("MVP ready"), with who checked it, when and their note (docs/decisions/903-gate-decisions.md). */
export type ManualCriterionRow = { id: number; label: string; checked: boolean; checkedByName: string | null; checkedAt: number | null; note: string | null };

export type EvaluatedGate = Omit<GateRow, "criteria"> & GateEvaluation<EvaluatedCriterion, ManualCriterionRow>;

/** What a gate needs of a metric id: its label and unit (null: not in the catalogue) and its value. */
export type GateMetricReader = {
  describe: (metricId: string) => { label: string; unit: string } | null;
  value: (metricId: string) => number | null;
};

/** The manual criteria of the given gates (every gate when omitted), keyed by gate, in creation order: one query. */
export function listManualCriteriaByGate(db: Db, gateIds?: readonly number[]): Map<number, ManualCriterionRow[]> {
  const MC = schema.gateManualCriteria;
  const out = new Map<number, ManualCriterionRow[]>();
  if (gateIds && gateIds.length === 0) return out;
  const rows = db
    .select({ gateId: MC.gateId, id: MC.id, label: MC.label, checked: MC.checked, checkedByName: schema.users.name, checkedAt: MC.checkedAt, note: MC.note })
    .from(MC)
    .leftJoin(schema.users, eq(schema.users.id, MC.checkedByUserId))
    .where(gateIds ? inArray(MC.gateId, [...gateIds]) : undefined)
    .orderBy(asc(MC.id))
    .all();
  for (const { gateId, ...r } of rows) {
    const list = out.get(gateId) ?? [];
    list.push({ ...r, checkedAt: r.checkedAt === null ? null : r.checkedAt.getTime() });
    out.set(gateId, list);
  }
  return out;
}

/**
 * Every gate evaluated today (todayIso) on the live catalogue values (see app/models/metrics/) and
 * its manual criteria — THE verdict of a gate (evaluateGate); the gates list, the decisions page,
 * the executive panel and the board pack read it from here. A criterion naming an id the catalogue
 * does not know has no data.
 */
export function evaluateGates(db: Db, gates: readonly GateRow[], metrics: GateMetricReader, todayIso: string): EvaluatedGate[] {
  const manualByGate = listManualCriteriaByGate(
    db,
    gates.map((g) => g.id),
  );
  return gates.map((g) => {
    const criteria: EvaluatedCriterion[] = g.criteria.map((c) => {
      const def = isGateMetricId(c.metric) ? metrics.describe(c.metric) : null;
      return {
        ...c,
        known: def !== null,
        value: def ? metrics.value(c.metric) : null,
        label: def?.label ?? c.metric,
        unit: def?.unit ?? null,
      };
    });
    const ev = evaluateGate({ dueDate: g.dueDate, criteria, manual: manualByGate.get(g.id) ?? [] }, todayIso);
    return { id: g.id, name: g.name, description: g.description, dueDate: g.dueDate, ...ev };
  });
}

export type GateInput = {
  name: string;
  description: string | null;
  dueDate: string;
  /** metric: a catalogue metric id */
  criteria: { metric: string; operator: GateOperator; threshold: number }[];
};

export function createGate(db: Db, actorId: number, input: GateInput): number {
  return db.transaction((tx) => {
    const { criteria, ...gate } = input;
    const row = tx.insert(schema.decisionGates).values(gate).returning().get();
    insertRows(
      tx,
      schema.gateCriteria,
      criteria.map((c) => ({ ...c, gateId: row.id })),
    );
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "decision_gate", entityId: row.id, after: input });
    return row.id;
  });
}

/** Replaces a gate's fields and criteria. */
export function updateGate(db: Db, actorId: number, id: number, input: GateInput): boolean {
  return db.transaction((tx) => {
    const before = getGate(tx as unknown as Db, id);
    if (!before) return false;
    const { criteria, ...gate } = input;
    tx.update(schema.decisionGates).set(gate).where(eq(schema.decisionGates.id, id)).run();
    replaceChildRows(
      tx,
      schema.gateCriteria,
      schema.gateCriteria.gateId,
      id,
      criteria.map((c) => ({ ...c, gateId: id })),
    );
    const { id: _i, ...beforeFields } = before;
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "update",
      entityType: "decision_gate",
      entityId: id,
      before: { ...beforeFields, criteria: before.criteria.map(({ id: _c, ...c }) => c) },
      after: input,
    });
    return true;
  });
}

export function deleteGate(db: Db, actorId: number, id: number): boolean {
  return deleteByIdAudited(db, { userId: actorId }, "decision_gate", schema.decisionGates, id, (tx) => getGate(tx, id));
}
