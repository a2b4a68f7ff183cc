/** OKR check-ins: recording one (the KR's new value, or only confidence and a note on a linked KR), the history, "my key results". */
import { eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { expectedProgress, krProgress, okrStatus } from "~/lib/metrics/okrs";
import { recordAudit } from "~/models/audit.server";
import { OkrRuleError, getCycle } from "~/models/okrs/cycles.server";
import { openKeyResult } from "~/models/okrs/key-results.server";
import { KR_VIEW_SELECT, metricNowCte, type KeyResultView, type KrViewRow, type LinkedValues } from "~/models/okrs/progress-sql.server";
import { schema, type Db } from "~/utils/db.server";

/** value: the KR's value now — null (and only null) for a KR linked to a metric, whose value is the metric's. */
export type CheckInInput = { value: number | null; confidence: number; note: string | null };

/**
 * Records a check-in and makes it the KR's current value, with an audit entry, in one transaction.
 * On a KR linked to a metric the check-in records only confidence and a note (value null): the
 * value is the metric's, never a copy. Refused on a closed cycle, an archived KR or objective.
 */
export function addCheckIn(
  db: Db,
  actorUserId: number,
  keyResultId: number,
  input: CheckInInput,
  now = Date.now(),
): { checkInId: number; currentValue: number | null; progress: number | null } {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const ref = openKeyResult(t, keyResultId);
    if (ref.archivedAt || ref.objectiveArchivedAt) throw new OkrRuleError(serverT("This key result is archived.", { ns: "okrs" }));
    const at = new Date(now);
    if (ref.metricId !== null) {
      if (input.value !== null)
        throw new OkrRuleError(serverT("is the linked metric's: a check-in records only your confidence and a note", { ns: "okrs" }), "value");
      const row = tx
        .insert(schema.checkIns)
        .values({ keyResultId, value: null, confidence: input.confidence, note: input.note, authorUserId: actorUserId, createdAt: at, updatedAt: at })
        .returning()
        .get();
      tx.update(schema.keyResults).set({ updatedAt: at }).where(eq(schema.keyResults.id, keyResultId)).run();
      recordAudit(tx, {
        actor: { userId: actorUserId },
        action: "check_in",
        entityType: "key_result",
        entityId: keyResultId,
        after: { metricId: ref.metricId, confidence: input.confidence, note: input.note, checkInId: row.id },
      });
      return { checkInId: row.id, currentValue: null, progress: null };
    }
    if (input.value === null) throw new OkrRuleError(serverT("is required", { ns: "okrs" }), "value");
    if (ref.kind === "boolean" && input.value !== 0 && input.value !== 1)
      throw new OkrRuleError(serverT("must be done (1) or not done (0)", { ns: "okrs" }), "value");
    const value: number = input.value;
    const row = tx
      .insert(schema.checkIns)
      .values({ keyResultId, value, confidence: input.confidence, note: input.note, authorUserId: actorUserId, createdAt: at, updatedAt: at })
      .returning()
      .get();
    tx.update(schema.keyResults).set({ currentValue: value, updatedAt: at }).where(eq(schema.keyResults.id, keyResultId)).run();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "check_in",
      entityType: "key_result",
      entityId: keyResultId,
      before: { currentValue: ref.currentValue },
      after: { currentValue: input.value, confidence: input.confidence, note: input.note, checkInId: row.id },
    });
    const progress = krProgress({ ...ref, currentValue: value });
    return { checkInId: row.id, currentValue: value, progress };
  });
}

/** value null: a check-in on a linked KR (confidence and note only). */
export type CheckInRow = Pick<typeof schema.checkIns.$inferSelect, "id" | "value" | "confidence" | "note"> & { authorName: string | null; createdAt: number };

export function listCheckIns(db: Db, keyResultId: number): CheckInRow[] {
  return db.all<CheckInRow>(sql`
    select ci.id, ci.value, ci.confidence, ci.note, u.name as authorName, ci.created_at as createdAt
    from check_ins ci left join users u on u.id = ci.author_user_id
    where ci.key_result_id = ${keyResultId}
    order by ci.created_at asc, ci.id asc`);
}

export type MyKeyResult = KeyResultView & { objectiveTitle: string; teamName: string | null; objectiveTeamId: number | null };

/**
 * "My key results": the non-archived KRs of a cycle whose objective belongs to the user's team, or
 * that the user owns. Ordered by objective then KR.
 */
export function listMyKeyResults(
  db: Db,
  user: { id: number; teamId: number | null },
  cycleId: number,
  now: number,
  linked: LinkedValues,
  page?: { limit: number; offset: number },
): MyKeyResult[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  // the page's ids first, so the per-KR subqueries of the view (latest check-in…) run for its rows only
  const rows = db.all<KrViewRow & { objectiveTitle: string; teamName: string | null; objectiveTeamId: number | null }>(sql`${metricNowCte(linked)},
    page_ids(id) as (
      select kr.id from key_results kr join objectives o on o.id = kr.objective_id
      where ${myKeyResultsWhere(user, cycleId)}
      order by (o.team_id is null), o.id, kr.id
      limit ${page?.limit ?? -1} offset ${page?.offset ?? 0})
    select ${sql.raw(KR_VIEW_SELECT)}, o.title as objectiveTitle, t.name as teamName, o.team_id as objectiveTeamId
    from page_ids
    join key_results kr on kr.id = page_ids.id
    join objectives o on o.id = kr.objective_id
    left join teams t on t.id = o.team_id
    left join users u on u.id = kr.owner_user_id
    order by (o.team_id is null), o.id, kr.id`);
  return rows.map((r) => ({ ...r, status: r.progress === null ? null : okrStatus(r.progress, expected) }));
}

/** How many key results listMyKeyResults gives without paging (one count in SQL). */
export function countMyKeyResults(db: Db, user: { id: number; teamId: number | null }, cycleId: number): number {
  return db.get<{ n: number }>(sql`
    select count(*) as n from key_results kr join objectives o on o.id = kr.objective_id
    where ${myKeyResultsWhere(user, cycleId)}`)!.n;
}

/** Live key results of the cycle's live objectives of the user's team, or owned by the user. */
function myKeyResultsWhere(user: { id: number; teamId: number | null }, cycleId: number) {
  return sql`o.cycle_id = ${cycleId} and o.archived_at is null and kr.archived_at is null
      and (o.team_id = ${user.teamId ?? -1} or kr.owner_user_id = ${user.id})`;
}
