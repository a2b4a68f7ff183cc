/**
 * OKR queries and writes: cycles, objectives, key results, check-ins.
 *
 * Progress: the per-KR clamp of the metric contract is written once in SQL (KR_PROGRESS_SQL, the
 * same rule as krProgress() in app/lib/metrics/okrs.ts, tested against it) so that per-objective
 * and per-team progress aggregate in SQL (sum(progress × weight) ÷ sum(weight)). Status and pace
 * come from the pure functions. See docs/decisions/500-okr-progress-in-sql.md.
 */
import { eq, sql } from "drizzle-orm";
import { DomainError, fieldErrorsOf } from "~/lib/errors";
import { expectedProgress, krProgress, okrStatus, type KrKind, type OkrStatus } from "~/lib/metrics/okrs";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- linked key results

/**
 * The current value of every metric a key result is linked to, in the KRs' scale
 * (krValueFromMetric: fractions × 100), null = the metric has no data. Built per request from the
 * catalogue by linkedKrValues() (app/models/metrics.server.ts) for the few linked metrics, and fed
 * into the progress SQL as the `metric_now` table (metricNowCte), so a linked KR's value is the
 * metric's — on its page, in its objective's progress and in every aggregate — and nothing is copied
 * into the database on a page view. See docs/decisions/801-key-results-linked-to-metrics.md.
 */
export type LinkedValues = ReadonlyMap<string, number | null>;

/** For callers that know no KR of theirs is linked (tests, the seed). */
export const NO_LINKED_VALUES: LinkedValues = new Map();

/** The distinct metric ids linked by key results whose progress is not frozen yet (bounded by the catalogue). */
export function listLinkedMetricIds(db: Db): string[] {
  return db
    .all<{ id: string }>(sql`select distinct metric_id as id from key_results where metric_id is not null and final_progress is null order by metric_id`)
    .map((r) => r.id);
}

/** `with metric_now(metric_id, value) as (…)`: the linked values as a table every OKR progress query reads. */
export function metricNowCte(linked: LinkedValues) {
  const rows = [...linked].map(([id, v]) => sql`select ${id}, ${v}`);
  return sql`with metric_now(metric_id, value) as (${rows.length ? sql.join(rows, sql` union all `) : sql`select null, null where 0`}) `;
}

// ---------------------------------------------------------------- SQL building blocks

/**
 * The current value of the key_results row aliased `kr`: a manual KR's latest check-in
 * (current_value); a linked KR's metric (metric_now, null when it has no data) — except once its
 * progress is frozen (closed cycle), when current_value holds the metric's value at closing.
 * Every query using it starts with metricNowCte().
 */
export const KR_CURRENT_SQL = `(case when kr.metric_id is null or kr.final_progress is not null then kr.current_value
  else (select mn.value from metric_now mn where mn.metric_id = kr.metric_id) end)`;

/**
 * KR progress 0–1 for the key_results row aliased `kr` (contract: clamp((current − start) ÷ (target − start), 0, 1);
 * boolean: 1 when done; target = start: 1 when current ≥ target). A frozen final_progress wins (closed cycles).
 * null for a linked KR whose metric has no data (left out of the means, never a made-up 0).
 */
export const KR_PROGRESS_SQL = `coalesce(kr.final_progress, case
  when ${KR_CURRENT_SQL} is null then null
  when kr.kind = 'boolean' then (case when ${KR_CURRENT_SQL} >= 1 then 1.0 else 0.0 end)
  when kr.target_value = kr.start_value then (case when ${KR_CURRENT_SQL} >= kr.target_value then 1.0 else 0.0 end)
  else max(0.0, min(1.0, (${KR_CURRENT_SQL} - kr.start_value) * 1.0 / (kr.target_value - kr.start_value)))
end)`;

/** weight default 1, negative weights count as 0 (same as objectiveProgress()). */
export const KR_WEIGHT_SQL = `max(0.0, coalesce(kr.weight, 1.0))`;

/** Weighted mean over the non-archived KRs of objective `o` that have a progress; null when none or total weight 0. */
const OBJECTIVE_PROGRESS_SQL = `(
  select sum(krp.p * krp.w) / nullif(sum(case when krp.p is not null then krp.w end), 0)
  from (select ${KR_PROGRESS_SQL} as p, ${KR_WEIGHT_SQL} as w from key_results kr
        where kr.objective_id = o.id and kr.archived_at is null) krp
)`;

// ---------------------------------------------------------------- cycles

export type CycleRow = {
  id: number;
  name: string;
  startDate: string;
  endDate: string;
  status: "open" | "closed";
  closedAt: number | null;
};

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

// ---------------------------------------------------------------- objectives progress (shared API)

export type ObjectiveProgress = {
  id: number;
  title: string;
  teamId: number | null;
  teamName: string | null;
  parentId: number | null;
  ownerUserId: number | null;
  /** weighted mean of the KRs' progress, 0–1; null when the objective has no KRs (the closing score once closed) */
  progress: number | null;
  /** expected progress = elapsed share of the cycle */
  expected: number;
  elapsedShare: number;
  status: OkrStatus | null;
};

/**
 * Progress, pace and status of every non-archived objective of a cycle (default: the open cycle
 * containing `now`; [] when there is none). Company objectives first, then by team name, then id.
 * Used by the OKR pages, the dashboards and the risk rules.
 */
export function getObjectivesProgress(db: Db, opts: { cycleId?: number; now?: number; linked: LinkedValues }): ObjectiveProgress[] {
  const now = opts.now ?? Date.now();
  const cycle = opts.cycleId != null ? getCycle(db, opts.cycleId) : getCurrentCycle(db, now);
  if (!cycle) return [];
  const elapsed = expectedProgress(cycle.startDate, cycle.endDate, now);
  const rows = db.all<{
    id: number;
    title: string;
    teamId: number | null;
    teamName: string | null;
    parentId: number | null;
    ownerUserId: number | null;
    progress: number | null;
  }>(sql`${metricNowCte(opts.linked)}
    select o.id, o.title, o.team_id as teamId, t.name as teamName, o.parent_id as parentId, o.owner_user_id as ownerUserId,
      coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
    from objectives o
    left join teams t on t.id = o.team_id
    where o.cycle_id = ${cycle.id} and o.archived_at is null
    order by (o.team_id is not null), t.name, o.id`);
  return rows.map((r) => ({
    ...r,
    expected: elapsed,
    elapsedShare: elapsed,
    status: r.progress == null ? null : okrStatus(r.progress, elapsed),
  }));
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

function assertOpen(cycle: { status: string; name: string }) {
  if (cycle.status !== "open") throw new OkrRuleError(`Cycle ${cycle.name} is closed: its OKRs are read-only.`);
}

// ---------------------------------------------------------------- cycles (writes)

export type CycleInput = { name: string; startDate: string; endDate: string };

export function cycleNameTaken(db: Db, name: string): boolean {
  return !!db.get(sql`select 1 as x from cycles where name = ${name}`);
}

export function createCycle(db: Db, actorUserId: number, input: CycleInput): CycleRow {
  if (input.endDate < input.startDate) throw new OkrRuleError("must be on or after the start date", "endDate");
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
    if (!cycle) throw new OkrRuleError("No such cycle.");
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

// ---------------------------------------------------------------- tree (read)

export type KeyResultView = {
  id: number;
  objectiveId: number;
  title: string;
  kind: KrKind;
  startValue: number;
  targetValue: number;
  /** the KR's value now; a linked KR's is its metric's (null: the metric has no data) */
  currentValue: number | null;
  unit: string | null;
  /** the catalogue metric it is linked to; null: manual check-ins */
  metricId: string | null;
  weight: number;
  ownerUserId: number | null;
  ownerName: string | null;
  carriedFromId: number | null;
  archivedAt: number | null;
  finalProgress: number | null;
  /** null: a linked KR whose metric has no data */
  progress: number | null;
  status: OkrStatus | null;
  lastCheckInAt: number | null;
  lastConfidence: number | null;
  checkIns: number;
};

const KR_VIEW_SELECT = `
  kr.id, kr.objective_id as objectiveId, kr.title, kr.kind, kr.start_value as startValue, kr.target_value as targetValue,
  ${KR_CURRENT_SQL} as currentValue, kr.unit, kr.metric_id as metricId, kr.weight, kr.owner_user_id as ownerUserId, u.name as ownerName,
  kr.carried_from_id as carriedFromId, kr.archived_at as archivedAt, kr.final_progress as finalProgress,
  ${KR_PROGRESS_SQL} as progress,
  (select max(ci.created_at) from check_ins ci where ci.key_result_id = kr.id) as lastCheckInAt,
  (select ci.confidence from check_ins ci where ci.key_result_id = kr.id order by ci.created_at desc, ci.id desc limit 1) as lastConfidence,
  (select count(*) from check_ins ci where ci.key_result_id = kr.id) as checkIns`;

type KrViewRow = Omit<KeyResultView, "status">;

function withKrStatus(rows: KrViewRow[], expected: number): KeyResultView[] {
  return rows.map((r) => ({ ...r, status: r.progress === null ? null : okrStatus(r.progress, expected) }));
}

export type ObjectiveNode = ObjectiveProgress & {
  description: string | null;
  ownerUserId: number | null;
  ownerName: string | null;
  keyResults: KeyResultView[];
  children: ObjectiveNode[];
};

/**
 * The alignment tree of a cycle: company objectives with the team objectives aligned under them
 * (any depth); objectives whose parent is outside the cycle or archived are roots. Progress per
 * objective from getObjectivesProgress (SQL); the KR rows of one cycle are bounded.
 */
export function getOkrTree(db: Db, cycleId: number, now: number, linked: LinkedValues): ObjectiveNode[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const progress = getObjectivesProgress(db, { cycleId, now, linked });
  const extra = new Map(
    db
      .all<{ id: number; description: string | null; ownerUserId: number | null; ownerName: string | null }>(
        sql`
        select o.id, o.description, o.owner_user_id as ownerUserId, u.name as ownerName
        from objectives o left join users u on u.id = o.owner_user_id
        where o.cycle_id = ${cycleId} and o.archived_at is null`,
      )
      .map((r) => [r.id, r]),
  );
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const krs = withKrStatus(
    db.all<KrViewRow>(sql`${metricNowCte(linked)}
      select ${sql.raw(KR_VIEW_SELECT)}
      from key_results kr join objectives o on o.id = kr.objective_id left join users u on u.id = kr.owner_user_id
      where o.cycle_id = ${cycleId} and o.archived_at is null and kr.archived_at is null
      order by kr.id`),
    expected,
  );
  const nodes = new Map<number, ObjectiveNode>();
  for (const p of progress) {
    const e = extra.get(p.id);
    nodes.set(p.id, {
      ...p,
      description: e?.description ?? null,
      ownerUserId: e?.ownerUserId ?? null,
      ownerName: e?.ownerName ?? null,
      keyResults: [],
      children: [],
    });
  }
  for (const kr of krs) nodes.get(kr.objectiveId)?.keyResults.push(kr);
  const roots: ObjectiveNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId != null && node.parentId !== node.id ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

// ---------------------------------------------------------------- one objective

export type ObjectiveDetail = {
  id: number;
  cycleId: number;
  title: string;
  description: string | null;
  ownerUserId: number | null;
  ownerName: string | null;
  teamId: number | null;
  teamName: string | null;
  parentId: number | null;
  parentTitle: string | null;
  archivedAt: number | null;
  closingScore: number | null;
  progress: number | null;
};

export function getObjective(db: Db, objectiveId: number, linked: LinkedValues): ObjectiveDetail | null {
  return (
    db.get<ObjectiveDetail | undefined>(sql`${metricNowCte(linked)}
      select o.id, o.cycle_id as cycleId, o.title, o.description, o.owner_user_id as ownerUserId, u.name as ownerName,
        o.team_id as teamId, t.name as teamName, o.parent_id as parentId, p.title as parentTitle,
        o.archived_at as archivedAt, o.closing_score as closingScore,
        coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
      from objectives o
      left join users u on u.id = o.owner_user_id
      left join teams t on t.id = o.team_id
      left join objectives p on p.id = o.parent_id
      where o.id = ${objectiveId}`) ?? null
  );
}

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

/** Objectives of a cycle an objective may align under (not itself, not archived). */
export function listParentOptions(db: Db, cycleId: number, exceptId?: number) {
  return db.all<{ id: number; title: string; teamName: string | null }>(sql`
    select o.id, o.title, t.name as teamName from objectives o left join teams t on t.id = o.team_id
    where o.cycle_id = ${cycleId} and o.archived_at is null and o.id <> ${exceptId ?? -1}
    order by (o.team_id is not null), t.name, o.id`);
}

export function listPeople(db: Db) {
  return db.all<{ id: number; name: string; teamId: number | null }>(sql`select id, name, team_id as teamId from users where active = 1 order by name`);
}

// ---------------------------------------------------------------- objectives (writes)

export type ObjectiveInput = {
  title: string;
  description: string | null;
  ownerUserId: number | null;
  teamId: number | null;
  parentId: number | null;
};

function checkParent(db: Db, cycleId: number, parentId: number | null, selfId?: number) {
  if (parentId == null) return;
  if (parentId === selfId) throw new OkrRuleError("an objective cannot align under itself", "parentId");
  const parent = db.get<{ cycleId: number; archivedAt: number | null } | undefined>(
    sql`select cycle_id as cycleId, archived_at as archivedAt from objectives where id = ${parentId}`,
  );
  if (!parent || parent.cycleId !== cycleId || parent.archivedAt != null) {
    throw new OkrRuleError("must be an objective of the same cycle", "parentId");
  }
  // no cycles in the alignment tree: walk up from the parent
  let cursor: number | null = parentId;
  for (let depth = 0; cursor != null && depth < 100; depth++) {
    if (cursor === selfId) throw new OkrRuleError("would make the alignment circular", "parentId");
    cursor = db.get<{ p: number | null } | undefined>(sql`select parent_id as p from objectives where id = ${cursor}`)?.p ?? null;
  }
}

export function createObjective(db: Db, actorUserId: number, cycleId: number, input: ObjectiveInput): number {
  return db.transaction((tx) => {
    const cycle = getCycle(tx as unknown as Db, cycleId);
    if (!cycle) throw new OkrRuleError("No such cycle.", "cycleId");
    assertOpen(cycle);
    checkParent(tx as unknown as Db, cycleId, input.parentId);
    const row = tx
      .insert(schema.objectives)
      .values({ cycleId, ...input })
      .returning()
      .get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "create", entityType: "objective", entityId: row.id, after: row });
    return row.id;
  });
}

function objectiveRow(db: Db, id: number) {
  return db.select().from(schema.objectives).where(eq(schema.objectives.id, id)).get();
}

function cycleOfObjective(db: Db, objectiveId: number): CycleRow {
  const c = db.get<CycleRow | undefined>(sql`
    select ${sql.raw(CYCLE_COLUMNS.replace(/(^|, )(\w+)/g, "$1c.$2"))} from cycles c join objectives o on o.cycle_id = c.id where o.id = ${objectiveId}`);
  if (!c) throw new OkrRuleError("No such objective.");
  return c;
}

export function updateObjective(db: Db, actorUserId: number, objectiveId: number, input: ObjectiveInput): void {
  db.transaction((tx) => {
    const before = objectiveRow(tx as unknown as Db, objectiveId);
    if (!before) throw new OkrRuleError("No such objective.");
    assertOpen(cycleOfObjective(tx as unknown as Db, objectiveId));
    checkParent(tx as unknown as Db, before.cycleId, input.parentId, objectiveId);
    const after = tx.update(schema.objectives).set(input).where(eq(schema.objectives.id, objectiveId)).returning().get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "update", entityType: "objective", entityId: objectiveId, before, after });
  });
}

/** Archive (or restore) an objective: it leaves the tree and the progress figures; its history stays. */
export function setObjectiveArchived(db: Db, actorUserId: number, objectiveId: number, archived: boolean, now = Date.now()): void {
  db.transaction((tx) => {
    const before = objectiveRow(tx as unknown as Db, objectiveId);
    if (!before) throw new OkrRuleError("No such objective.");
    assertOpen(cycleOfObjective(tx as unknown as Db, objectiveId));
    const after = tx
      .update(schema.objectives)
      .set({ archivedAt: archived ? new Date(now) : null })
      .where(eq(schema.objectives.id, objectiveId))
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: archived ? "archive" : "restore",
      entityType: "objective",
      entityId: objectiveId,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt: after.archivedAt },
    });
  });
}

// ---------------------------------------------------------------- key results (writes)

export type KeyResultInput = {
  title: string;
  kind: KrKind;
  startValue: number;
  targetValue: number;
  unit: string | null;
  weight: number;
  ownerUserId: number | null;
  /** a catalogue metric id checked by the caller against the catalogue (linkableMetric); null: manual */
  metricId: string | null;
};

/** The stored form of a KR's numbers: boolean KRs always run 0 → 1. */
function normalizeKr<T extends { kind: KrKind; startValue: number; targetValue: number }>(input: T): T {
  return input.kind === "boolean" ? { ...input, startValue: 0, targetValue: 1 } : input;
}

export function createKeyResult(db: Db, actorUserId: number, objectiveId: number, input: KeyResultInput): number {
  return db.transaction((tx) => {
    const objective = objectiveRow(tx as unknown as Db, objectiveId);
    if (!objective) throw new OkrRuleError("No such objective.");
    assertOpen(cycleOfObjective(tx as unknown as Db, objectiveId));
    if (objective.archivedAt) throw new OkrRuleError("The objective is archived.");
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

export type KeyResultRef = {
  id: number;
  objectiveId: number;
  title: string;
  kind: KrKind;
  startValue: number;
  targetValue: number;
  /** stored value: a manual KR's latest check-in; a linked KR's frozen value once closed (else unused) */
  currentValue: number;
  unit: string | null;
  metricId: string | null;
  weight: number;
  ownerUserId: number | null;
  ownerName: string | null;
  archivedAt: number | null;
  carriedFromId: number | null;
  finalProgress: number | null;
  teamId: number | null;
  objectiveTitle: string;
  objectiveArchivedAt: number | null;
  cycleId: number;
  cycleName: string;
  cycleStatus: "open" | "closed";
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

function krRow(db: Db, id: number) {
  return db.select().from(schema.keyResults).where(eq(schema.keyResults.id, id)).get();
}

export function updateKeyResult(db: Db, actorUserId: number, keyResultId: number, input: KeyResultInput): void {
  db.transaction((tx) => {
    const ref = getKeyResult(tx as unknown as Db, keyResultId);
    if (!ref) throw new OkrRuleError("No such key result.");
    assertOpen({ status: ref.cycleStatus, name: ref.cycleName });
    const before = krRow(tx as unknown as Db, keyResultId)!;
    const values = normalizeKr(input);
    const after = tx.update(schema.keyResults).set(values).where(eq(schema.keyResults.id, keyResultId)).returning().get();
    recordAudit(tx, { actor: { userId: actorUserId }, action: "update", entityType: "key_result", entityId: keyResultId, before, after });
  });
}

export function setKeyResultArchived(db: Db, actorUserId: number, keyResultId: number, archived: boolean, now = Date.now()): void {
  db.transaction((tx) => {
    const ref = getKeyResult(tx as unknown as Db, keyResultId);
    if (!ref) throw new OkrRuleError("No such key result.");
    assertOpen({ status: ref.cycleStatus, name: ref.cycleName });
    const after = tx
      .update(schema.keyResults)
      .set({ archivedAt: archived ? new Date(now) : null })
      .where(eq(schema.keyResults.id, keyResultId))
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: archived ? "archive" : "restore",
      entityType: "key_result",
      entityId: keyResultId,
      before: { archivedAt: ref.archivedAt },
      after: { archivedAt: after.archivedAt },
    });
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
    if (!found) throw new OkrRuleError("No such key result.");
    // a linked KR of an open cycle is at its metric's value (frozen into current_value once closed)
    const live = found.metricId !== null && found.finalProgress === null ? (opts.linked.get(found.metricId) ?? null) : found.currentValue;
    const ref = { ...found, currentValue: live ?? found.startValue };
    if (krProgress(ref) >= 1) throw new OkrRuleError("This key result is done: there is nothing to carry over.");
    const already = t.get<{ id: number } | undefined>(sql`select id from key_results where carried_from_id = ${keyResultId} and archived_at is null`);
    if (already) throw new OkrRuleError("This key result was already carried over.");
    const next = getNextCycle(t, ref.cycleId);
    if (!next) throw new OkrRuleError("There is no open cycle after this one: create the next cycle first.");
    let objectiveId: number;
    if (opts.targetObjectiveId != null) {
      const target = objectiveRow(t, opts.targetObjectiveId);
      if (!target || target.cycleId !== next.id || target.archivedAt) {
        throw new OkrRuleError(`must be an objective of ${next.name}`, "targetObjectiveId");
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

// ---------------------------------------------------------------- check-ins

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
    const ref = getKeyResult(t, keyResultId);
    if (!ref) throw new OkrRuleError("No such key result.");
    assertOpen({ status: ref.cycleStatus, name: ref.cycleName });
    if (ref.archivedAt || ref.objectiveArchivedAt) throw new OkrRuleError("This key result is archived.");
    const at = new Date(now);
    if (ref.metricId !== null) {
      if (input.value !== null) throw new OkrRuleError("is the linked metric's: a check-in records only your confidence and a note", "value");
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
    if (input.value === null) throw new OkrRuleError("is required", "value");
    if (ref.kind === "boolean" && input.value !== 0 && input.value !== 1) throw new OkrRuleError("must be done (1) or not done (0)", "value");
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

export type CheckInRow = {
  id: number;
  /** null: a check-in on a linked KR (confidence and note only) */
  value: number | null;
  confidence: number;
  note: string | null;
  authorName: string | null;
  createdAt: number;
};

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
export function listMyKeyResults(db: Db, user: { id: number; teamId: number | null }, cycleId: number, now: number, linked: LinkedValues): MyKeyResult[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const rows = db.all<KrViewRow & { objectiveTitle: string; teamName: string | null; objectiveTeamId: number | null }>(sql`${metricNowCte(linked)}
    select ${sql.raw(KR_VIEW_SELECT)}, o.title as objectiveTitle, t.name as teamName, o.team_id as objectiveTeamId
    from key_results kr
    join objectives o on o.id = kr.objective_id
    left join teams t on t.id = o.team_id
    left join users u on u.id = kr.owner_user_id
    where o.cycle_id = ${cycleId} and o.archived_at is null and kr.archived_at is null
      and (o.team_id = ${user.teamId ?? -1} or kr.owner_user_id = ${user.id})
    order by (o.team_id is null), o.id, kr.id`);
  return rows.map((r) => ({ ...r, status: r.progress === null ? null : okrStatus(r.progress, expected) }));
}

// ---------------------------------------------------------------- health (dashboards)

export type TeamOkrHealth = {
  teamId: number;
  teamName: string;
  objectives: number;
  /** mean of its objectives' progress (objectives without KRs left out); null when none has KRs */
  progress: number | null;
  expected: number;
  status: OkrStatus | null;
};

/**
 * Per team, the mean progress of its non-archived objectives of a cycle (in SQL: objective progress
 * as a weighted mean of KR progress, then avg per team), with the pace status.
 */
export function getTeamOkrHealth(db: Db, cycleId: number, now: number, linked: LinkedValues): TeamOkrHealth[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const rows = db.all<{ teamId: number; teamName: string; objectives: number; progress: number | null }>(sql`${metricNowCte(linked)}
    select t.id as teamId, t.name as teamName, count(*) as objectives, avg(op.progress) as progress
    from (
      select o.id, o.team_id, coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
      from objectives o where o.cycle_id = ${cycleId} and o.archived_at is null and o.team_id is not null
    ) op join teams t on t.id = op.team_id
    group by t.id, t.name
    order by t.name`);
  return rows.map((r) => ({ ...r, expected, status: r.progress == null ? null : okrStatus(r.progress, expected) }));
}

export type OkrHealthPanelData = {
  cycle: Pick<CycleRow, "id" | "name" | "startDate" | "endDate" | "status"> | null;
  objectives: ObjectiveProgress[];
  counts: Record<OkrStatus, number>;
};

/** The executive dashboard's OKR panel: company objectives of the current cycle, progress and status. */
export function getOkrHealthPanel(db: Db, now: number, linked: LinkedValues): OkrHealthPanelData {
  const cycle = getCurrentCycle(db, now);
  const objectives = cycle ? getObjectivesProgress(db, { cycleId: cycle.id, now, linked }).filter((o) => o.teamId === null) : [];
  const counts: Record<OkrStatus, number> = { on_track: 0, at_risk: 0, off_track: 0 };
  for (const o of objectives) if (o.status) counts[o.status] += 1;
  return {
    cycle: cycle ? { id: cycle.id, name: cycle.name, startDate: cycle.startDate, endDate: cycle.endDate, status: cycle.status } : null,
    objectives,
    counts,
  };
}
