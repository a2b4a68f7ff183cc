/** IT-maturity assessments: one score per indicator, audited. */
import { eq } from "drizzle-orm";
import { type MaturityIndicator } from "~/lib/metrics/governance";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- maturity

export type MaturityAssessment = {
  assessedOn: string;
  scores: Partial<Record<MaturityIndicator, number>>;
  notes: Partial<Record<MaturityIndicator, string>>;
};

/** Every assessment, oldest first (one row per date, its indicators' scores and notes). */
export function listMaturityAssessments(db: Db): MaturityAssessment[] {
  const M = schema.maturityScores;
  const rows = db.select({ assessedOn: M.assessedOn, indicator: M.indicator, score: M.score, note: M.note }).from(M).orderBy(M.assessedOn, M.id).all();
  const byDate = new Map<string, MaturityAssessment>();
  for (const r of rows) {
    let a = byDate.get(r.assessedOn);
    if (!a) byDate.set(r.assessedOn, (a = { assessedOn: r.assessedOn, scores: {}, notes: {} }));
    a.scores[r.indicator] = r.score;
    if (r.note) a.notes[r.indicator] = r.note;
  }
  return [...byDate.values()];
}

/** Records (or corrects) the assessment of one date: one score per indicator given. */
export function recordMaturityAssessment(
  db: Db,
  actorId: number,
  input: { assessedOn: string; scores: Record<MaturityIndicator, number>; notes: Partial<Record<MaturityIndicator, string | null>> },
): void {
  const M = schema.maturityScores;
  db.transaction((tx) => {
    const before = tx.select({ indicator: M.indicator, score: M.score, note: M.note }).from(M).where(eq(M.assessedOn, input.assessedOn)).all();
    for (const [indicator, score] of Object.entries(input.scores) as [MaturityIndicator, number][]) {
      const note = input.notes[indicator] ?? null;
      tx.insert(M)
        .values({ assessedOn: input.assessedOn, indicator, score, note })
        .onConflictDoUpdate({ target: [M.assessedOn, M.indicator], set: { score, note, updatedAt: new Date() } })
        .run();
    }
    recordAudit(tx, {
      actor: { userId: actorId },
      action: before.length ? "update" : "create",
      entityType: "maturity_assessment",
      entityId: input.assessedOn,
      before: before.length ? Object.fromEntries(before.map((b) => [b.indicator, b.score])) : undefined,
      after: input.scores,
    });
  });
}
