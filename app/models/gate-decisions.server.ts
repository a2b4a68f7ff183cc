/**
 * Gate decisions: manual criteria a person checks (with a note) beside the metric criteria, and
 * the decisions taken on a gate, each freezing every criterion's value at that moment.
 * docs/decisions/903-gate-decisions.md
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { GateVerdict } from "~/lib/metrics/governance";
import { deleteByIdAudited, recordAudit } from "~/models/audit.server";
import { evaluateGates, getGate, listManualCriteriaByGate, type EvaluatedGate, type ManualCriterionRow } from "~/models/governance.server";
import { gateMetricReader } from "~/models/live-metrics.server";
import type { MetricContext } from "~/models/metrics/context.server";
import { schema, type Db } from "~/utils/db.server";
import { type GATE_DECISIONS } from "../../db/schema/enums";

const MC = schema.gateManualCriteria;
const GD = schema.gateDecisions;

export type GateDecisionKind = (typeof GATE_DECISIONS)[number];

export type { ManualCriterionRow };

export function listManualCriteria(db: Db, gateId: number): ManualCriterionRow[] {
  return listManualCriteriaByGate(db, [gateId]).get(gateId) ?? [];
}

/** The gate's evaluation today, its manual criteria with it (evaluateGates: the one verdict). */
export type GateStanding = {
  gate: EvaluatedGate;
  manual: ManualCriterionRow[];
  /** the gate's verdict: metric criteria and manual criteria together */
  verdict: GateVerdict;
};

export function getGateStanding(ctx: MetricContext, gateId: number): GateStanding | null {
  const gate = getGate(ctx.db, gateId);
  if (!gate) return null;
  const [evaluated] = evaluateGates(ctx.db, [gate], gateMetricReader(ctx), ctx.today);
  return { gate: evaluated, manual: evaluated.manual, verdict: evaluated.verdict };
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

export type LatestDecision = { decision: GateDecisionKind; alternative: string | null; decidedByName: string | null; decidedAt: number };

/** The latest decision of each gate (the gates list, the board pack): one query, the newest row per gate. */
export function latestDecisions(db: Db): Map<number, LatestDecision> {
  const rows = db
    .select({ gateId: GD.gateId, decision: GD.decision, alternative: GD.alternative, decidedByName: schema.users.name, decidedAt: GD.decidedAt })
    .from(GD)
    .leftJoin(schema.users, eq(schema.users.id, GD.decidedByUserId))
    .where(sql`${GD.id} = (select d2.id from gate_decisions d2 where d2.gate_id = ${GD.gateId} order by d2.decided_at desc, d2.id desc limit 1)`)
    .all();
  return new Map(rows.map(({ gateId, ...r }) => [gateId, { ...r, decidedAt: r.decidedAt.getTime() }]));
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
  return deleteByIdAudited(
    db,
    { userId: actorId },
    "gate_manual_criterion",
    MC,
    id,
    (tx) => manualCriterion(tx, gateId, id),
    (b) => ({ gateId, label: b.label, checked: b.checked }),
  );
}

/** A manual criterion of a gate (undefined when the gate has no such criterion). */
function manualCriterion(db: Db, gateId: number, id: number) {
  return db
    .select()
    .from(MC)
    .where(and(eq(MC.id, id), eq(MC.gateId, gateId)))
    .get();
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
    const before = manualCriterion(tx as unknown as Db, gateId, id);
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
