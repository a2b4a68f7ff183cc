/** Risks written by a person: create, edit, review, close (audited in the same transaction). */
import { and, eq, sql } from "drizzle-orm";
import { riskScore } from "~/lib/metrics/risks";
import { recordAudit, updateRowAudited } from "~/models/audit.server";
import { R, type RiskCategory, type RiskStatus, type RiskTreatment } from "~/models/risks/list.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------- writes

export type RiskInput = {
  title: string;
  description: string | null;
  category: RiskCategory;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  ownerUserId: number | null;
  treatment: RiskTreatment;
  mitigationPlan: string | null;
  nextReviewDate: string | null;
};

const AUDITED_FIELDS = [
  "title",
  "description",
  "category",
  "status",
  "inherentLikelihood",
  "inherentImpact",
  "residualLikelihood",
  "residualImpact",
  "ownerUserId",
  "treatment",
  "mitigationPlan",
  "nextReviewDate",
  "raisedValue",
] as const;
type AuditedRisk = Pick<typeof R.$inferSelect, (typeof AUDITED_FIELDS)[number]>;

export function auditedOf(row: typeof R.$inferSelect): AuditedRisk {
  const out = {} as Record<string, unknown>;
  for (const f of AUDITED_FIELDS) out[f] = row[f];
  return out as AuditedRisk;
}

function validateRatings(input: Pick<RiskInput, "inherentLikelihood" | "inherentImpact" | "residualLikelihood" | "residualImpact">) {
  riskScore(input.inherentLikelihood, input.inherentImpact);
  riskScore(input.residualLikelihood, input.residualImpact);
}

/**
 * Creates a risk. A proposal (a lead's, or anyone choosing to propose) gets status
 * "proposed" whatever else is asked; CEO/CTO create it "open" (or the status given).
 */
export function createRisk(db: Db, actorId: number, input: RiskInput & { status?: RiskStatus }, mode: "propose" | "create"): number {
  validateRatings(input);
  return db.transaction((tx) => {
    const status: RiskStatus = mode === "propose" ? "proposed" : (input.status ?? "open");
    const row = tx
      .insert(R)
      .values({ ...input, status, proposedByUserId: mode === "propose" ? actorId : null })
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: mode === "propose" ? "propose" : "create",
      entityType: "risk",
      entityId: row.id,
      after: auditedOf(row),
    });
    return row.id;
  });
}

/** Edits a risk (CEO/CTO). Returns false when it does not exist. */
export function updateRisk(db: Db, actorId: number, id: number, patch: RiskInput & { status: RiskStatus }): boolean {
  validateRatings(patch);
  return db.transaction((tx) => {
    const before = tx.select().from(R).where(eq(R.id, id)).get();
    if (!before) return false;
    updateRowAudited(tx, { userId: actorId }, "risk", R, id, patch, auditedOf(before), auditedOf);
    return true;
  });
}

/** Accepts a proposal (→ open), moves to monitoring, closes or reopens. */
export function setRiskStatus(db: Db, actorId: number, id: number, status: RiskStatus): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(R).where(eq(R.id, id)).get();
    if (!before) return false;
    if (before.status === status) return true;
    tx.update(R).set({ status }).where(eq(R.id, id)).run();
    const action = before.status === "proposed" && status === "open" ? "accept" : status === "closed" ? "close" : "update";
    recordAudit(tx, { actor: { userId: actorId }, action, entityType: "risk", entityId: id, before: { status: before.status }, after: { status } });
    return true;
  });
}

/**
 * Reopening a metric-raised risk while the same rule already has another open risk on the
 * same subject would break "one open risk per rule and subject".
 */
export function reopenWouldDuplicate(db: Db, id: number): boolean {
  const row = db.select().from(R).where(eq(R.id, id)).get();
  if (!row || row.raisedByRuleId == null || row.status !== "closed") return false;
  const other = db
    .select({ id: R.id })
    .from(R)
    .where(and(eq(R.raisedByRuleId, row.raisedByRuleId), sql`${R.raisedSubject} is ${row.raisedSubject}`, sql`${R.status} <> 'closed'`, sql`${R.id} <> ${id}`))
    .get();
  return !!other;
}
