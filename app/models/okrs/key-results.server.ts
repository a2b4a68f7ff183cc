/** OKR key results: the list of one objective, the key-result writes and the carry-over to the next cycle. */
import { eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { expectedProgress, krProgress, type KrKind } from "~/lib/metrics/okrs";
import { recordAudit, updateRowAudited } from "~/models/audit.server";
import { OkrRuleError, assertOpen, getNextCycle, type CycleRow } from "~/models/okrs/cycles.server";
import { objectiveRow, openObjective, writeArchivedAt } from "~/models/okrs/objectives.server";
import {
  KR_VIEW_SELECT,
  metricNowCte,
  withKrStatus,
  type KeyResultColumns,
  type KeyResultRecord,
  type KeyResultView,
  type KrViewRow,
  type LinkedValues,
} from "~/models/okrs/progress-sql.server";
import { schema, type Db } from "~/utils/db.server";

/** Every KR of an objective (archived ones too, flagged), with progress and status at `now`. */
export function listObjectiveKeyResults(db: Db, objectiveId: number, now: number, linked: LinkedValues): KeyResultView[] {
  const cycle = db.get<{ startDate: string; endDate: string } | undefined>(sql`
    select c.start_date as startDate, c.end_date as endDate from cycles c join objectives o on o.cycle_id = c.id where o.id = ${objectiveId}`);
  if (!cycle) return [];
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  return withKrStatus(
    db.all<KrViewRow>(sql`${metricNowCte(linked)}
      select ${sql.raw(KR_VIEW_SELECT)}
      from key_results kr left join users u on u.id = kr.owner_user_id
      where kr.objective_id = ${objectiveId}
      order by (kr.archived_at is not null), kr.id`),
    expected,
  );
}

// ---------------------------------------------------------------- key results (writes)

/** What a person sets on a key result; `metricId` is a catalogue metric id checked by the caller (linkableMetric); null: manual. */
export type KeyResultInput = Pick<KeyResultRecord, "title" | "kind" | "startValue" | "targetValue" | "unit" | "weight" | "ownerUserId" | "metricId">;

/** The stored form of a KR's numbers: boolean KRs always run 0 → 1. */
function normalizeKr<T extends { kind: KrKind; startValue: number; targetValue: number }>(input: T): T {
  return input.kind === "boolean" ? { ...input, startValue: 0, targetValue: 1 } : input;
}

export function createKeyResult(db: Db, actorUserId: number, objectiveId: number, input: KeyResultInput): number {
  return db.transaction((tx) => {
    const objective = openObjective(tx as unknown as Db, objectiveId);
    if (objective.archivedAt) throw new OkrRuleError(serverT("The objective is archived.", { ns: "okrs" }));
    const values = normalizeKr(input);
    const row = tx
      .insert(schema.keyResults)
      .values({ objectiveId, ...values, currentValue: values.startValue })
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "create", entityType: "key_result", entityId: row.id, after: row });
    return row.id;
  });
}

export type KeyResultRef = KeyResultColumns &
  /** currentValue: the stored value — a manual KR's latest check-in; a linked KR's frozen value once closed (else unused) */
  Pick<KeyResultRecord, "currentValue"> & {
    ownerName: string | null;
    archivedAt: number | null;
    teamId: number | null;
    objectiveTitle: string;
    objectiveArchivedAt: number | null;
    cycleId: number;
    cycleName: string;
    cycleStatus: CycleRow["status"];
    cycleStartDate: string;
    cycleEndDate: string;
  };

/** A KR with what permission checks and rules need (its objective's team, its cycle). */
export function getKeyResult(db: Db, keyResultId: number): KeyResultRef | null {
  return (
    db.get<KeyResultRef | undefined>(sql`
      select kr.id, kr.objective_id as objectiveId, kr.title, kr.kind, kr.start_value as startValue, kr.target_value as targetValue,
        kr.current_value as currentValue, kr.unit, kr.metric_id as metricId, kr.weight, kr.owner_user_id as ownerUserId, ku.name as ownerName, kr.archived_at as archivedAt,
        kr.carried_from_id as carriedFromId, kr.final_progress as finalProgress,
        o.team_id as teamId, o.title as objectiveTitle, o.archived_at as objectiveArchivedAt,
        c.id as cycleId, c.name as cycleName, c.status as cycleStatus, c.start_date as cycleStartDate, c.end_date as cycleEndDate
      from key_results kr join objectives o on o.id = kr.objective_id join cycles c on c.id = o.cycle_id
      left join users ku on ku.id = kr.owner_user_id
      where kr.id = ${keyResultId}`) ?? null
  );
}

/** A KR for a write (getKeyResult): refused when there is none or its cycle is closed. */
export function openKeyResult(db: Db, keyResultId: number): KeyResultRef {
  const ref = getKeyResult(db, keyResultId);
  if (!ref) throw new OkrRuleError(serverT("No such key result.", { ns: "okrs" }));
  assertOpen({ status: ref.cycleStatus, name: ref.cycleName });
  return ref;
}

function krRow(db: Db, id: number) {
  return db.select().from(schema.keyResults).where(eq(schema.keyResults.id, id)).get();
}

export function updateKeyResult(db: Db, actorUserId: number, keyResultId: number, input: KeyResultInput): void {
  db.transaction((tx) => {
    openKeyResult(tx as unknown as Db, keyResultId);
    const before = krRow(tx as unknown as Db, keyResultId)!;
    updateRowAudited(tx, { userId: actorUserId }, "key_result", schema.keyResults, keyResultId, normalizeKr(input), before);
  });
}

export function setKeyResultArchived(db: Db, actorUserId: number, keyResultId: number, archived: boolean, now = Date.now()): void {
  db.transaction((tx) => {
    const ref = openKeyResult(tx as unknown as Db, keyResultId);
    writeArchivedAt(tx, actorUserId, { entityType: "key_result", id: keyResultId, archivedAt: ref.archivedAt }, archived, now);
  });
}

/**
 * Carries an unfinished KR over to the next open cycle: a copy (same title, kind, target, unit,
 * weight, owner) with carried_from_id set, starting from the current value. It goes under
 * `targetObjectiveId` (an objective of the next cycle) or, when none is given, under a copy of its
 * objective in the next cycle (reused if a copy with the same title and team is already there).
 * The source KR may be in an open or a closed cycle; it is left as is.
 */
export function carryOverKeyResult(
  db: Db,
  actorUserId: number,
  keyResultId: number,
  opts: { targetObjectiveId?: number | null; linked: LinkedValues },
): { keyResultId: number; objectiveId: number; cycleId: number } {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const found = getKeyResult(t, keyResultId);
    if (!found) throw new OkrRuleError(serverT("No such key result.", { ns: "okrs" }));
    // a linked KR of an open cycle is at its metric's value (frozen into current_value once closed)
    const live = found.metricId !== null && found.finalProgress === null ? (opts.linked.get(found.metricId) ?? null) : found.currentValue;
    const ref = { ...found, currentValue: live ?? found.startValue };
    if (krProgress(ref) >= 1) throw new OkrRuleError(serverT("This key result is done: there is nothing to carry over.", { ns: "okrs" }));
    const already = t.get<{ id: number } | undefined>(sql`select id from key_results where carried_from_id = ${keyResultId} and archived_at is null`);
    if (already) throw new OkrRuleError(serverT("This key result was already carried over.", { ns: "okrs" }));
    const next = getNextCycle(t, ref.cycleId);
    if (!next) throw new OkrRuleError(serverT("There is no open cycle after this one: create the next cycle first.", { ns: "okrs" }));
    let objectiveId: number;
    if (opts.targetObjectiveId != null) {
      const target = objectiveRow(t, opts.targetObjectiveId);
      if (!target || target.cycleId !== next.id || target.archivedAt) {
        throw new OkrRuleError(serverT("must be an objective of {{cycle}}", { ns: "okrs", cycle: next.name }), "targetObjectiveId");
      }
      objectiveId = target.id;
    } else {
      const source = objectiveRow(t, ref.objectiveId)!;
      const existing = t.get<{ id: number } | undefined>(sql`
        select id from objectives where cycle_id = ${next.id} and title = ${source.title} and archived_at is null
          and coalesce(team_id, -1) = coalesce(${source.teamId}, -1) order by id limit 1`);
      if (existing) objectiveId = existing.id;
      else {
        // align the copy under the parent's copy in the next cycle when there is one
        const parentCopy =
          source.parentId == null
            ? undefined
            : t.get<{ id: number } | undefined>(sql`
                select n.id from objectives n join objectives p on p.title = n.title and coalesce(p.team_id, -1) = coalesce(n.team_id, -1)
                where p.id = ${source.parentId} and n.cycle_id = ${next.id} and n.archived_at is null order by n.id limit 1`);
        const obj = tx
          .insert(schema.objectives)
          .values({
            cycleId: next.id,
            title: source.title,
            description: source.description,
            ownerUserId: source.ownerUserId,
            teamId: source.teamId,
            parentId: parentCopy?.id ?? null,
          })
          .returning()
          .get();
        recordAudit(tx, {
          actor: { userId: actorUserId },
          action: "create",
          entityType: "objective",
          entityId: obj.id,
          after: { ...obj, copiedFromObjectiveId: source.id },
        });
        objectiveId = obj.id;
      }
    }
    const row = tx
      .insert(schema.keyResults)
      .values({
        objectiveId,
        title: ref.title,
        kind: ref.kind,
        startValue: ref.kind === "boolean" ? 0 : ref.currentValue,
        targetValue: ref.targetValue,
        currentValue: ref.kind === "boolean" ? 0 : ref.currentValue,
        unit: ref.unit,
        metricId: ref.metricId,
        weight: ref.weight,
        ownerUserId: ref.ownerUserId,
        carriedFromId: ref.id,
      })
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "carry_over",
      entityType: "key_result",
      entityId: row.id,
      before: { carriedFromId: ref.id },
      after: row,
    });
    return { keyResultId: row.id, objectiveId, cycleId: next.id };
  });
}
