/** OKR objectives: progress per objective (SQL), the alignment tree, one objective, and the objective writes. */
import { eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import { expectedProgress, okrStatus, type OkrStatus } from "~/lib/metrics/okrs";
import { recordAudit, updateRowAudited } from "~/models/audit.server";
import { OkrRuleError, assertOpen, cycleOfObjective, getCurrentCycle, getCycle } from "~/models/okrs/cycles.server";
import {
  KR_VIEW_SELECT,
  OBJECTIVE_PROGRESS_SQL,
  metricNowCte,
  withKrStatus,
  type KeyResultView,
  type KrViewRow,
  type LinkedValues,
} from "~/models/okrs/progress-sql.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- objectives progress (shared API)

export type ObjectiveProgress = Pick<typeof schema.objectives.$inferSelect, "id" | "title" | "teamId" | "parentId" | "ownerUserId"> & {
  teamName: string | null;
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
export function getObjectivesProgress(
  db: Db,
  opts: { cycleId?: number; now?: number; linked: LinkedValues; ids?: readonly number[]; /** company objectives only (no team) */ companyOnly?: boolean },
): ObjectiveProgress[] {
  const now = opts.now ?? Date.now();
  const cycle = opts.cycleId != null ? getCycle(db, opts.cycleId) : getCurrentCycle(db, now);
  if (!cycle) return [];
  const elapsed = expectedProgress(cycle.startDate, cycle.endDate, now);
  const rows = db.all<Omit<ObjectiveProgress, "expected" | "elapsedShare" | "status">>(sql`${metricNowCte(opts.linked)}
    select o.id, o.title, o.team_id as teamId, t.name as teamName, o.parent_id as parentId, o.owner_user_id as ownerUserId,
      coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
    from objectives o
    left join teams t on t.id = o.team_id
    where o.cycle_id = ${cycle.id} and o.archived_at is null ${idsFilter("o.id", opts.ids)} ${opts.companyOnly ? sql`and o.team_id is null` : sql``}
    order by (o.team_id is not null), t.name, o.id`);
  return rows.map((r) => ({
    ...r,
    expected: elapsed,
    elapsedShare: elapsed,
    status: r.progress == null ? null : okrStatus(r.progress, elapsed),
  }));
}

// ---------------------------------------------------------------- tree (read)

export type ObjectiveNode = ObjectiveProgress & {
  description: string | null;
  ownerUserId: number | null;
  ownerName: string | null;
  keyResults: KeyResultView[];
  children: ObjectiveNode[];
};

/** `and <column> in (…ids)` (one JSON parameter), or nothing when ids is undefined (every row). */
function idsFilter(column: string, ids: readonly number[] | undefined) {
  return ids === undefined ? sql`` : sql`and ${sql.raw(column)} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The alignment tree of a cycle: company objectives with the team objectives aligned under them
 * (any depth); objectives whose parent is outside the cycle or archived are roots. Progress per
 * objective from getObjectivesProgress (SQL); the KR rows of one cycle are bounded.
 * Pages use getOkrTreePage (a page of roots with their subtrees).
 */
export function getOkrTree(db: Db, cycleId: number, now: number, linked: LinkedValues): ObjectiveNode[] {
  return buildTree(db, cycleId, now, linked, undefined);
}

/**
 * A top-level objective of the tree: not archived, and its parent (if any) is not a live objective
 * of the same cycle (the same rule as getOkrTree's roots). For the objectives row aliased `o`.
 */
const IS_ROOT_SQL = `not exists (select 1 from objectives p
  where p.id = o.parent_id and p.id <> o.id and p.cycle_id = o.cycle_id and p.archived_at is null)`;

export type OkrTreePage = {
  /** this page's top-level objectives, each with its whole subtree */
  roots: ObjectiveNode[];
  /** top-level objectives of the cycle (every page) */
  total: number;
  /** objectives of the cycle, at every level (every page) */
  objectives: number;
};

/**
 * One page of the alignment tree: `limit` top-level objectives from `offset`, in the tree's order
 * (company first, then by team name, then id), each with every objective aligned under it (a
 * recursive query); counts over the whole cycle in SQL. The same nodes as getOkrTree's for them.
 */
export function getOkrTreePage(db: Db, cycleId: number, now: number, linked: LinkedValues, page: { limit: number; offset: number }): OkrTreePage {
  const counts = db.get<{ total: number; objectives: number }>(sql`
    select coalesce(sum(${sql.raw(IS_ROOT_SQL)}), 0) as total, count(*) as objectives
    from objectives o where o.cycle_id = ${cycleId} and o.archived_at is null`)!;
  const ids = db
    .all<{ id: number }>(
      sql`with recursive page(id) as (
          select o.id from objectives o left join teams t on t.id = o.team_id
          where o.cycle_id = ${cycleId} and o.archived_at is null and ${sql.raw(IS_ROOT_SQL)}
          order by (o.team_id is not null), t.name, o.id
          limit ${page.limit} offset ${page.offset}),
        subtree(id) as (
          select id from page
          union
          select c.id from objectives c join subtree s on c.parent_id = s.id
          where c.cycle_id = ${cycleId} and c.archived_at is null and c.id <> c.parent_id)
        select id from subtree`,
    )
    .map((r) => r.id);
  return { roots: ids.length === 0 ? [] : buildTree(db, cycleId, now, linked, ids), total: counts.total, objectives: counts.objectives };
}

function buildTree(db: Db, cycleId: number, now: number, linked: LinkedValues, ids: readonly number[] | undefined): ObjectiveNode[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const progress = getObjectivesProgress(db, { cycleId, now, linked, ids });
  const extra = new Map(
    db
      .all<{ id: number; description: string | null; ownerUserId: number | null; ownerName: string | null }>(
        sql`
        select o.id, o.description, o.owner_user_id as ownerUserId, u.name as ownerName
        from objectives o left join users u on u.id = o.owner_user_id
        where o.cycle_id = ${cycleId} and o.archived_at is null ${idsFilter("o.id", ids)}`,
      )
      .map((r) => [r.id, r]),
  );
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const krs = withKrStatus(
    db.all<KrViewRow>(sql`${metricNowCte(linked)}
      select ${sql.raw(KR_VIEW_SELECT)}
      from key_results kr join objectives o on o.id = kr.objective_id left join users u on u.id = kr.owner_user_id
      where o.cycle_id = ${cycleId} and o.archived_at is null and kr.archived_at is null ${idsFilter("o.id", ids)}
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

export type ObjectiveDetail = Pick<
  typeof schema.objectives.$inferSelect,
  "id" | "cycleId" | "title" | "description" | "ownerUserId" | "teamId" | "parentId" | "closingScore"
> & {
  ownerName: string | null;
  teamName: string | null;
  parentTitle: string | null;
  archivedAt: number | null;
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

export type ObjectiveInput = Pick<typeof schema.objectives.$inferSelect, "title" | "description" | "ownerUserId" | "teamId" | "parentId">;

function checkParent(db: Db, cycleId: number, parentId: number | null, selfId?: number) {
  if (parentId == null) return;
  if (parentId === selfId) throw new OkrRuleError(serverT("an objective cannot align under itself", { ns: "okrs" }), "parentId");
  const parent = db.get<{ cycleId: number; archivedAt: number | null } | undefined>(
    sql`select cycle_id as cycleId, archived_at as archivedAt from objectives where id = ${parentId}`,
  );
  if (!parent || parent.cycleId !== cycleId || parent.archivedAt != null) {
    throw new OkrRuleError(serverT("must be an objective of the same cycle", { ns: "okrs" }), "parentId");
  }
  // no cycles in the alignment tree: walk up from the parent
  let cursor: number | null = parentId;
  for (let depth = 0; cursor != null && depth < 100; depth++) {
    if (cursor === selfId) throw new OkrRuleError(serverT("would make the alignment circular", { ns: "okrs" }), "parentId");
    cursor = db.get<{ p: number | null } | undefined>(sql`select parent_id as p from objectives where id = ${cursor}`)?.p ?? null;
  }
}

export function createObjective(db: Db, actorUserId: number, cycleId: number, input: ObjectiveInput): number {
  return db.transaction((tx) => {
    const cycle = getCycle(tx as unknown as Db, cycleId);
    if (!cycle) throw new OkrRuleError(serverT("No such cycle.", { ns: "okrs" }), "cycleId");
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

export function objectiveRow(db: Db, id: number) {
  return db.select().from(schema.objectives).where(eq(schema.objectives.id, id)).get();
}

/** An objective's row for a write: refused when there is none or its cycle is closed. */
export function openObjective(db: Db, id: number) {
  const row = objectiveRow(db, id);
  if (!row) throw new OkrRuleError(serverT("No such objective.", { ns: "okrs" }));
  assertOpen(cycleOfObjective(db, id));
  return row;
}

export function updateObjective(db: Db, actorUserId: number, objectiveId: number, input: ObjectiveInput): void {
  db.transaction((tx) => {
    const before = openObjective(tx as unknown as Db, objectiveId);
    checkParent(tx as unknown as Db, before.cycleId, input.parentId, objectiveId);
    updateRowAudited(tx, { userId: actorUserId }, "objective", schema.objectives, objectiveId, input, before);
  });
}

/** Archive (or restore) an objective: it leaves the tree and the progress figures; its history stays. */
export function setObjectiveArchived(db: Db, actorUserId: number, objectiveId: number, archived: boolean, now = Date.now()): void {
  db.transaction((tx) => {
    const before = openObjective(tx as unknown as Db, objectiveId);
    writeArchivedAt(tx, actorUserId, { entityType: "objective", id: objectiveId, archivedAt: before.archivedAt }, archived, now);
  });
}

/**
 * Sets (archive) or clears (restore) an objective's or a key result's archived_at, audited with
 * its value before and after, in the caller's transaction.
 */
export function writeArchivedAt(
  tx: Pick<Db, "update" | "insert">,
  actorUserId: number,
  /** archivedAt before, as the caller read it (audited as it is) */
  row: { entityType: "objective" | "key_result"; id: number; archivedAt: Date | number | null },
  archived: boolean,
  now: number,
): void {
  const table = row.entityType === "objective" ? schema.objectives : schema.keyResults;
  const after = tx
    .update(table)
    .set({ archivedAt: archived ? new Date(now) : null })
    .where(eq(table.id, row.id))
    .returning({ archivedAt: table.archivedAt })
    .get()!;
  recordAudit(tx, {
    actor: { userId: actorUserId },
    action: archived ? "archive" : "restore",
    entityType: row.entityType,
    entityId: row.id,
    before: { archivedAt: row.archivedAt },
    after: { archivedAt: after.archivedAt },
  });
}
