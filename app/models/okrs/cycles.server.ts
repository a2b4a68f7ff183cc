/** OKR cycles: reads, creation, closing (freezing every KR's progress) and the rule that a closed cycle is read-only. */
import { sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { DomainError, fieldErrorsOf } from "~/lib/errors";
import { recordAudit } from "~/models/audit.server";
import { KR_CURRENT_SQL, KR_PROGRESS_SQL, OBJECTIVE_PROGRESS_SQL, metricNowCte, type LinkedValues } from "~/models/okrs/progress-sql.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- cycles

/** A cycle as every OKR read returns it (closedAt in UTC ms, not the schema's Date). */
export type CycleRow = Pick<typeof schema.cycles.$inferSelect, "id" | "name" | "startDate" | "endDate" | "status"> & { closedAt: number | null };

const CYCLE_COLUMNS = `id, name, start_date as startDate, end_date as endDate, status, closed_at as closedAt`;

/** 'YYYY-MM-DD' of an instant, in UTC (cycles are calendar dates, compared in UTC like expectedProgress). */
export function isoDayUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function getCycle(db: Db, cycleId: number): CycleRow | null {
  return db.get<CycleRow | undefined>(sql.raw(`select ${CYCLE_COLUMNS} from cycles where id = ${Number(cycleId)}`)) ?? null;
}

/** The open cycle whose dates contain `now` (the latest-starting one if several do), or null. */
export function getCurrentCycle(db: Db, now = Date.now()): CycleRow | null {
  const day = isoDayUtc(now);
  return (
    db.get<CycleRow | undefined>(sql`
      select ${sql.raw(CYCLE_COLUMNS)} from cycles
      where status = 'open' and start_date <= ${day} and end_date >= ${day}
      order by start_date desc, id desc limit 1`) ?? null
  );
}

/**
 * The cycle a page shows by default: the open cycle containing now, else the open cycle starting
 * soonest after now, else the latest cycle.
 */
export function getDefaultCycle(db: Db, now = Date.now()): CycleRow | null {
  const current = getCurrentCycle(db, now);
  if (current) return current;
  const day = isoDayUtc(now);
  return (
    db.get<CycleRow | undefined>(sql`
      select ${sql.raw(CYCLE_COLUMNS)} from cycles
      where status = 'open' and start_date > ${day}
      order by start_date asc, id asc limit 1`) ??
    db.get<CycleRow | undefined>(sql.raw(`select ${CYCLE_COLUMNS} from cycles order by start_date desc, id desc limit 1`)) ??
    null
  );
}

export function listCycles(db: Db): CycleRow[] {
  return db.all<CycleRow>(sql.raw(`select ${CYCLE_COLUMNS} from cycles order by start_date desc, id desc`));
}

// ---------------------------------------------------------------- rules and errors

/** A write refused by an OKR rule (closed cycle, archived row, nothing to carry over…): shown next to the form. */
export class OkrRuleError extends DomainError {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super("rule", message, fieldErrorsOf(field, message));
  }
}

export function assertOpen(cycle: { status: string; name: string }) {
  if (cycle.status !== "open") throw new OkrRuleError(serverT("Cycle {{name}} is closed: its OKRs are read-only.", { ns: "okrs", name: cycle.name }));
}

// ---------------------------------------------------------------- cycles (writes)

export type CycleInput = Pick<typeof schema.cycles.$inferInsert, "name" | "startDate" | "endDate">;

export function cycleNameTaken(db: Db, name: string): boolean {
  return !!db.get(sql`select 1 as x from cycles where name = ${name}`);
}

export function createCycle(db: Db, actorUserId: number, input: CycleInput): CycleRow {
  if (input.endDate < input.startDate) throw new OkrRuleError(serverT("must be on or after the start date", { ns: "okrs" }), "endDate");
  return db.transaction((tx) => {
    const row = tx
      .insert(schema.cycles)
      .values({ ...input, status: "open" })
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "create", entityType: "cycle", entityId: row.id, after: row });
    return getCycle(tx as unknown as Db, row.id)!;
  });
}

/**
 * Closes a cycle: freezes every KR's progress (final_progress) and every objective's closing score
 * (weighted mean of the frozen KR progress, 0 for an objective without KRs), then makes it read-only.
 * One transaction, audited. Archived rows are frozen too (so the history reads the same).
 */
export function closeCycle(db: Db, actorUserId: number, cycleId: number, now: number, linked: LinkedValues): { objectives: number; keyResults: number } {
  return db.transaction((tx) => {
    const cycle = getCycle(tx as unknown as Db, cycleId);
    if (!cycle) throw new OkrRuleError(serverT("No such cycle.", { ns: "okrs" }));
    assertOpen(cycle);
    const cte = metricNowCte(linked);
    // linked KRs keep the metric's value at closing (no data: their start value, progress 0; the SET
    // expressions read the row before the update), then the objectives from the frozen progress
    const krs = tx.run(sql`${cte}
      update key_results as kr set final_progress = coalesce(${sql.raw(KR_PROGRESS_SQL)}, 0),
        current_value = coalesce(${sql.raw(KR_CURRENT_SQL)}, kr.start_value), updated_at = ${now}
      where kr.objective_id in (select id from objectives where cycle_id = ${cycleId})`);
    const objs = tx.run(sql`${cte}
      update objectives as o set closing_score = coalesce(${sql.raw(OBJECTIVE_PROGRESS_SQL)}, 0), updated_at = ${now}
      where o.cycle_id = ${cycleId}`);
    tx.run(sql`update cycles set status = 'closed', closed_at = ${now}, updated_at = ${now} where id = ${cycleId}`);
    const scores = tx.all<{ id: number; title: string; closingScore: number }>(
      sql`select id, title, closing_score as closingScore from objectives where cycle_id = ${cycleId} order by id`,
    );
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "close",
      entityType: "cycle",
      entityId: cycleId,
      before: { status: cycle.status },
      after: { status: "closed", closedAt: now, closingScores: scores },
    });
    return { objectives: objs.changes, keyResults: krs.changes };
  });
}

/** The open cycle that starts after this one (for carry-over), or null. */
export function getNextCycle(db: Db, cycleId: number): CycleRow | null {
  return (
    db.get<CycleRow | undefined>(sql`
      select ${sql.raw(CYCLE_COLUMNS)} from cycles
      where status = 'open' and start_date > (select start_date from cycles where id = ${cycleId})
      order by start_date asc, id asc limit 1`) ?? null
  );
}

/** The cycle an objective belongs to (its writes are refused once it is closed). */
export function cycleOfObjective(db: Db, objectiveId: number): CycleRow {
  const c = db.get<CycleRow | undefined>(sql`
    select ${sql.raw(CYCLE_COLUMNS.replace(/(^|, )(\w+)/g, "$1c.$2"))} from cycles c join objectives o on o.cycle_id = c.id where o.id = ${objectiveId}`);
  if (!c) throw new OkrRuleError(serverT("No such objective.", { ns: "okrs" }));
  return c;
}
