/**
 * Gate decisions: manual criteria a person checks (with a note) beside the metric criteria, and
 * the decisions taken on a gate, each freezing every criterion's value at that moment.
 * docs/decisions/903-gate-decisions.md
 */
import { and, asc, desc, eq } from "drizzle-orm";
import type { GateVerdict } from "~/lib/metrics/governance";
import { recordAudit } from "~/models/audit.server";
import { evaluateGates, getGate, type EvaluatedGate } from "~/models/governance.server";
import { gateMetricReader } from "~/models/live-metrics.server";
import type { MetricContext } from "~/models/metrics.server";
import { schema, type Db } from "~/utils/db.server";

const MC = schema.gateManualCriteria;
const GD = schema.gateDecisions;

export const GATE_DECISIONS = schema.GATE_DECISIONS;
export type GateDecisionKind = (typeof GATE_DECISIONS)[number];

export type ManualCriterionRow = { id: number; label: string; checked: boolean; checkedByName: string | null; checkedAt: number | null; note: string | null };

export function listManualCriteria(db: Db, gateId: number): ManualCriterionRow[] {
  return db
    .select({ id: MC.id, label: MC.label, checked: MC.checked, checkedByName: schema.users.name, checkedAt: MC.checkedAt, note: MC.note })
    .from(MC)
    .leftJoin(schema.users, eq(schema.users.id, MC.checkedByUserId))
    .where(eq(MC.gateId, gateId))
    .orderBy(asc(MC.id))
    .all()
    .map((r) => ({ ...r, checkedAt: r.checkedAt === null ? null : r.checkedAt.getTime() }));
}

/** The gate's evaluation today with its manual criteria: go only when every metric criterion is met and every manual one checked. */
export type GateStanding = {
  gate: EvaluatedGate;
  manual: ManualCriterionRow[];
  /** the metric verdict combined with the manual criteria */
  verdict: GateVerdict;
};

export function getGateStanding(ctx: MetricContext, gateId: number): GateStanding | null {
  const gate = getGate(ctx.db, gateId);
  if (!gate) return null;
  const [evaluated] = evaluateGates([gate], gateMetricReader(ctx), ctx.today);
  const manual = listManualCriteria(ctx.db, gateId);
  const allManual = manual.every((m) => m.checked);
  let verdict: GateVerdict = evaluated.verdict;
  if (verdict === "go" && !allManual) verdict = ctx.today < gate.dueDate ? "pending" : "no_go";
  if (evaluated.criteria.length === 0 && manual.length > 0) verdict = allManual ? "go" : ctx.today < gate.dueDate ? "pending" : "no_go";
  return { gate: evaluated, manual, verdict };
}

export type DecisionSnapshot = {
  verdict: GateVerdict;
  criteria: { metric: string; label: string; operator: string; threshold: number; value: number | null; outcome: string }[];
  manual: { label: string; checked: boolean; checkedBy: string | null; note: string | null }[];
};

function snapshotOf(s: GateStanding): DecisionSnapshot {
  return {
    verdict: s.verdict,
    criteria: s.gate.criteria.map((c) => ({
      metric: c.metric,
      label: c.label,
      operator: c.operator,
      threshold: c.threshold,
      value: c.value,
      outcome: c.outcome,
    })),
    manual: s.manual.map((m) => ({ label: m.label, checked: m.checked, checkedBy: m.checkedByName, note: m.note })),
  };
}

export type GateDecisionRow = {
  id: number;
  decision: GateDecisionKind;
  alternative: string | null;
  rationale: string;
  decidedByName: string | null;
  decidedAt: number;
  snapshot: DecisionSnapshot;
};

/** The decisions of a gate, newest first. */
export function listGateDecisions(db: Db, gateId: number): GateDecisionRow[] {
  return db
    .select({
      id: GD.id,
      decision: GD.decision,
      alternative: GD.alternative,
      rationale: GD.rationale,
      decidedByName: schema.users.name,
      decidedAt: GD.decidedAt,
      snapshot: GD.snapshot,
    })
    .from(GD)
    .leftJoin(schema.users, eq(schema.users.id, GD.decidedByUserId))
    .where(eq(GD.gateId, gateId))
    .orderBy(desc(GD.decidedAt), desc(GD.id))
    .all()
    .map((r) => ({ ...r, decidedAt: r.decidedAt.getTime(), snapshot: JSON.parse(r.snapshot) as DecisionSnapshot }));
}

/** The latest decision of each gate (for the gates list). */
export function latestDecisions(db: Db): Map<number, { decision: GateDecisionKind; decidedAt: number }> {
  const rows = db
    .select({ gateId: GD.gateId, decision: GD.decision, decidedAt: GD.decidedAt, id: GD.id })
    .from(GD)
    .orderBy(asc(GD.decidedAt), asc(GD.id))
    .all();
  return new Map(rows.map((r) => [r.gateId, { decision: r.decision, decidedAt: r.decidedAt.getTime() }]));
}

/**
 * Whether today's figures still support the last decision: a go is supported while the gate's
 * verdict today is go; a no-go or an alternative while it is not go. null without a decision.
 */
export function stillSupported(decision: GateDecisionKind | null, todayVerdict: GateVerdict): boolean | null {
  if (decision === null) return null;
  return decision === "go" ? todayVerdict === "go" : todayVerdict !== "go";
}

/** Records a decision with the criteria's values as they are now (frozen in the row), audited. */
export function recordGateDecision(
  ctx: MetricContext,
  actorId: number,
  gateId: number,
  input: { decision: GateDecisionKind; alternative: string | null; rationale: string },
): number | null {
  const standing = getGateStanding(ctx, gateId);
  if (!standing) return null;
  const snapshot = snapshotOf(standing);
  return ctx.db.transaction((tx) => {
    const row = tx
      .insert(GD)
      .values({ gateId, ...input, decidedByUserId: actorId, decidedAt: new Date(ctx.now), snapshot: JSON.stringify(snapshot) })
      .returning({ id: GD.id })
      .get();
    recordAudit(tx, { actor: { userId: actorId }, action: "decide", entityType: "gate_decision", entityId: row.id, after: { gateId, ...input, snapshot } });
    return row.id;
  });
}

export function addManualCriterion(db: Db, actorId: number, gateId: number, label: string): number {
  return db.transaction((tx) => {
    const row = tx.insert(MC).values({ gateId, label }).returning({ id: MC.id }).get();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "gate_manual_criterion", entityId: row.id, after: { gateId, label } });
    return row.id;
  });
}

export function deleteManualCriterion(db: Db, actorId: number, gateId: number, id: number): boolean {
  return db.transaction((tx) => {
    const before = tx
      .select()
      .from(MC)
      .where(and(eq(MC.id, id), eq(MC.gateId, gateId)))
      .get();
    if (!before) return false;
    tx.delete(MC).where(eq(MC.id, id)).run();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "delete",
      entityType: "gate_manual_criterion",
      entityId: id,
      before: { gateId, label: before.label, checked: before.checked },
    });
    return true;
  });
}

/** A person checks (or unchecks) a manual criterion, with a note; who and when are kept. */
export function checkManualCriterion(
  db: Db,
  actorId: number,
  gateId: number,
  id: number,
  input: { checked: boolean; note: string | null },
  now = Date.now(),
): boolean {
  return db.transaction((tx) => {
    const before = tx
      .select()
      .from(MC)
      .where(and(eq(MC.id, id), eq(MC.gateId, gateId)))
      .get();
    if (!before) return false;
    const after = { checked: input.checked, note: input.note, checkedByUserId: actorId, checkedAt: new Date(now) };
    tx.update(MC).set(after).where(eq(MC.id, id)).run();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: input.checked ? "check" : "uncheck",
      entityType: "gate_manual_criterion",
      entityId: id,
      before: { checked: before.checked, note: before.note },
      after: { checked: input.checked, note: input.note },
    });
    return true;
  });
}
