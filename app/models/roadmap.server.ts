/**
 * The roadmap: items of each squad (CORE-01 …) per quarter, their status and owner, and the key
 * results they serve. A lead edits their team's items; the CEO and CTO any. Every write audited.
 * docs/decisions/902-roadmap-items.md
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";
import { serverT, translateMessage } from "~/i18n/translate.server";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { roadmapCsvRowSchema } from "~/lib/schemas/roadmap.server";
import { deleteByIdAudited, recordAudit } from "~/models/audit.server";
import { insertRows, replaceChildRows } from "~/models/child-rows.server";
import { schema, type Db } from "~/utils/db.server";
import { type ROADMAP_STATUSES } from "../../db/schema/enums";

export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

const I = schema.roadmapItems;
const L = schema.roadmapItemKeyResults;

export type RoadmapItemRow = Pick<typeof I.$inferSelect, "id" | "key" | "title" | "teamId" | "quarter" | "sprint" | "status" | "ownerUserId"> & {
  teamName: string;
  ownerName: string | null;
  keyResults: { id: number; title: string }[];
};

export type RoadmapFilter = { teamId?: number; quarter?: string; status?: RoadmapStatus };

/** Items matching the filter (SQL), by quarter, team and key, with their linked key results (one more query). */
export function listRoadmapItems(db: Db, filter: RoadmapFilter = {}): RoadmapItemRow[] {
  const where = [];
  if (filter.teamId !== undefined) where.push(eq(I.teamId, filter.teamId));
  if (filter.quarter !== undefined) where.push(eq(I.quarter, filter.quarter));
  if (filter.status !== undefined) where.push(eq(I.status, filter.status));
  const rows = db
    .select({
      id: I.id,
      key: I.key,
      title: I.title,
      teamId: I.teamId,
      teamName: schema.teams.name,
      quarter: I.quarter,
      sprint: I.sprint,
      status: I.status,
      ownerUserId: I.ownerUserId,
      ownerName: schema.users.name,
    })
    .from(I)
    .innerJoin(schema.teams, eq(schema.teams.id, I.teamId))
    .leftJoin(schema.users, eq(schema.users.id, I.ownerUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(I.quarter), sql`${schema.teams.name} COLLATE NOCASE`, asc(I.key))
    .limit(2000)
    .all();
  const ids = rows.map((r) => r.id);
  const links = ids.length
    ? db
        .select({ itemId: L.itemId, id: schema.keyResults.id, title: schema.keyResults.title })
        .from(L)
        .innerJoin(schema.keyResults, eq(schema.keyResults.id, L.keyResultId))
        .where(inArray(L.itemId, ids))
        .orderBy(asc(schema.keyResults.id))
        .all()
    : [];
  return rows.map((r) => ({ ...r, keyResults: links.filter((l) => l.itemId === r.id).map(({ id, title }) => ({ id, title })) }));
}

export function getRoadmapItem(db: Db, id: number): RoadmapItemRow | null {
  const row = db.select({ id: I.id }).from(I).where(eq(I.id, id)).get();
  if (!row) return null;
  return listRoadmapItems(db).find((r) => r.id === id) ?? null;
}

export function roadmapKeyTaken(db: Db, key: string, exceptId?: number | null): boolean {
  const row = db.get<{ id: number } | undefined>(sql`SELECT id FROM roadmap_items WHERE key = ${key} COLLATE NOCASE`);
  return !!row && row.id !== exceptId;
}

/** The quarters that hold items, in order (for the quarter filter). */
export function listRoadmapQuarters(db: Db): string[] {
  return db.all<{ q: string }>(sql`SELECT DISTINCT quarter AS q FROM roadmap_items ORDER BY quarter`).map((r) => r.q);
}

/** Key results a roadmap item may serve: those of the open cycles (title with its objective), for the select. */
export function listKeyResultOptions(db: Db): { id: number; label: string; teamId: number | null }[] {
  return db.all<{ id: number; label: string; teamId: number | null }>(sql`
    SELECT kr.id AS id, o.title || ' — ' || kr.title AS label, o.team_id AS teamId
      FROM key_results kr JOIN objectives o ON o.id = kr.objective_id JOIN cycles c ON c.id = o.cycle_id
     WHERE c.status = 'open'
     ORDER BY c.start_date, o.id, kr.id
     LIMIT 500`);
}

export function keyResultsExist(db: Db, ids: readonly number[]): boolean {
  if (ids.length === 0) return true;
  const n = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM key_results WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  ).n;
  return n === new Set(ids).size;
}

export type RoadmapInput = {
  key: string;
  title: string;
  teamId: number;
  quarter: string;
  sprint: string | null;
  status: RoadmapStatus;
  ownerUserId: number | null;
  keyResultIds: number[];
};

function audited(row: RoadmapItemRow) {
  return {
    key: row.key,
    title: row.title,
    teamId: row.teamId,
    quarter: row.quarter,
    sprint: row.sprint,
    status: row.status,
    ownerUserId: row.ownerUserId,
    keyResultIds: row.keyResults.map((k) => k.id),
  };
}

export function createRoadmapItem(db: Db, actor: Actor, input: RoadmapInput, action = "create"): number {
  return db.transaction((tx) => {
    const { keyResultIds, ...fields } = input;
    const row = tx.insert(I).values(fields).returning({ id: I.id }).get();
    insertRows(
      tx,
      L,
      [...new Set(keyResultIds)].map((keyResultId) => ({ itemId: row.id, keyResultId })),
    );
    recordAudit(tx, { actor: { userId: actor.id }, action, entityType: "roadmap_item", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateRoadmapItem(db: Db, actor: Actor, id: number, input: RoadmapInput, action = "update"): boolean {
  return db.transaction((tx) => {
    const before = getRoadmapItem(tx as unknown as Db, id);
    if (!before) return false;
    const { keyResultIds, ...fields } = input;
    tx.update(I).set(fields).where(eq(I.id, id)).run();
    replaceChildRows(
      tx,
      L,
      L.itemId,
      id,
      [...new Set(keyResultIds)].map((keyResultId) => ({ itemId: id, keyResultId })),
    );
    recordAudit(tx, { actor: { userId: actor.id }, action, entityType: "roadmap_item", entityId: id, before: audited(before), after: input });
    return true;
  });
}

export function setRoadmapStatus(db: Db, actor: Actor, id: number, status: RoadmapStatus): boolean {
  return db.transaction((tx) => {
    const before = tx.select({ status: I.status }).from(I).where(eq(I.id, id)).get();
    if (!before) return false;
    if (before.status === status) return true;
    tx.update(I).set({ status }).where(eq(I.id, id)).run();
    recordAudit(tx, { actor: { userId: actor.id }, action: "status", entityType: "roadmap_item", entityId: id, before, after: { status } });
    return true;
  });
}

export function deleteRoadmapItem(db: Db, actor: Actor, id: number): boolean {
  return deleteByIdAudited(db, { userId: actor.id }, "roadmap_item", I, id, (tx) => getRoadmapItem(tx, id), audited);
}

/** Completion of the items serving a key result (or the key results of an objective): done ÷ items not dropped. */
export type RoadmapProgress = { total: number; done: number; inProgress: number; dropped: number; share: number | null };

export function progressOf(items: readonly { status: RoadmapStatus }[]): RoadmapProgress {
  const dropped = items.filter((i) => i.status === "dropped").length;
  const done = items.filter((i) => i.status === "done").length;
  const total = items.length - dropped;
  return { total, done, inProgress: items.filter((i) => i.status === "in_progress").length, dropped, share: total > 0 ? done / total : null };
}

/** The items serving one key result, and their completion (SQL join on the link table). */
export function getKeyResultRoadmap(db: Db, keyResultId: number): { items: RoadmapItemRow[]; progress: RoadmapProgress } {
  const ids = db
    .select({ id: L.itemId })
    .from(L)
    .where(eq(L.keyResultId, keyResultId))
    .all()
    .map((r) => r.id);
  const items = ids.length ? listRoadmapItems(db).filter((i) => ids.includes(i.id)) : [];
  return { items, progress: progressOf(items) };
}

/** Per key result of an objective: the completion of its items (counted in SQL). */
export function getObjectiveRoadmapProgress(db: Db, objectiveId: number): Map<number, RoadmapProgress> {
  const rows = db.all<{ krId: number; status: RoadmapStatus; n: number }>(sql`
    SELECT l.key_result_id AS krId, i.status AS status, count(*) AS n
      FROM roadmap_item_key_results l JOIN roadmap_items i ON i.id = l.item_id JOIN key_results kr ON kr.id = l.key_result_id
     WHERE kr.objective_id = ${objectiveId}
     GROUP BY l.key_result_id, i.status`);
  const out = new Map<number, RoadmapStatus[]>();
  for (const r of rows) for (let k = 0; k < r.n; k++) (out.get(r.krId) ?? out.set(r.krId, []).get(r.krId)!).push(r.status);
  return new Map([...out].map(([id, statuses]) => [id, progressOf(statuses.map((status) => ({ status })))]));
}

// ---------------------------------------------------------------- CSV (import = export format)

export const ROADMAP_CSV_HEADERS = ["key", "title", "team", "quarter", "sprint", "status", "owner_email", "key_result_ids"] as const;

export function exportRoadmapRows(db: Db, filter: RoadmapFilter = {}): (string | number | null)[][] {
  const emails = new Map(
    db
      .select({ id: schema.users.id, email: schema.users.email })
      .from(schema.users)
      .all()
      .map((u) => [u.id, u.email]),
  );
  return listRoadmapItems(db, filter).map((i) => [
    i.key,
    i.title,
    i.teamName,
    i.quarter,
    i.sprint,
    i.status,
    i.ownerUserId === null ? null : (emails.get(i.ownerUserId) ?? null),
    i.keyResults.map((k) => k.id).join(" "),
  ]);
}

/** Team and user lookups an import needs (by name / email, case-insensitive). */
export function roadmapLookups(db: Db) {
  const teams = new Map(
    db
      .select({ id: schema.teams.id, name: schema.teams.name })
      .from(schema.teams)
      .all()
      .map((t) => [t.name.toLowerCase(), t.id]),
  );
  const users = new Map(
    db
      .select({ id: schema.users.id, email: schema.users.email })
      .from(schema.users)
      .all()
      .map((u) => [u.email.toLowerCase(), u.id]),
  );
  const items = new Map(
    db
      .select({ id: I.id, key: I.key, teamId: I.teamId })
      .from(I)
      .all()
      .map((i) => [i.key.toUpperCase(), i]),
  );
  return { teams, users, items };
}

/** At most this many data rows per roadmap file. */
export const MAX_ROADMAP_IMPORT_ROWS = 2000;

export type RoadmapImportResult = { ok: true; rows: number; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Imports roadmap items (ROADMAP_CSV_HEADERS, the export's columns) — the one way to load them,
 * used by the /import hub: every row parsed by roadmapCsvRowSchema and checked (known team and
 * owner, existing key results, a key once per file, the actor's right on the row's squad and, for
 * an existing key, on its current squad: a lead imports their own team's items only); every bad
 * row and field named with its row number; else all rows written in one transaction (an existing
 * key is updated), each write audited ("import") and the import itself audited with its counts.
 */
export function importRoadmapCsv(db: Db, actor: Actor, text: string, source: string): RoadmapImportResult {
  const lk = roadmapLookups(db);
  const seen = new Set<string>();
  const rowSchema = roadmapCsvRowSchema.transform((r, ctx): RoadmapInput => {
    const teamId = lk.teams.get(r.team.toLowerCase());
    if (teamId === undefined) ctx.addIssue({ code: "custom", path: ["team"], message: N_("is not a known team") });
    const ownerUserId = r.owner_email ? lk.users.get(r.owner_email.toLowerCase()) : null;
    if (ownerUserId === undefined) ctx.addIssue({ code: "custom", path: ["owner_email"], message: N_("is not a known user") });
    const existing = lk.items.get(r.key);
    if ((teamId !== undefined && !can(actor, "roadmap:edit", { teamId })) || (existing && !can(actor, "roadmap:edit", { teamId: existing.teamId })))
      ctx.addIssue({ code: "custom", path: ["team"], message: N_("you may not edit this squad's items") });
    if (!keyResultsExist(db, r.key_result_ids))
      ctx.addIssue({ code: "custom", path: ["key_result_ids"], message: N_("names a key result that does not exist") });
    if (seen.has(r.key)) ctx.addIssue({ code: "custom", path: ["key"], message: serverT("{{key}} appears on an earlier row too", { key: r.key }) });
    seen.add(r.key);
    return {
      key: r.key,
      title: r.title,
      teamId: teamId ?? 0,
      quarter: r.quarter,
      sprint: r.sprint ?? null,
      status: r.status,
      ownerUserId: ownerUserId ?? null,
      keyResultIds: r.key_result_ids,
    };
  });
  const parsed = parseCsv(text, rowSchema, { headers: ROADMAP_CSV_HEADERS, maxRows: MAX_ROADMAP_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ ...e, message: translateMessage(e.message) })) };
  const rows = parsed.rows;
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    let created = 0;
    for (const r of rows) {
      const existing = t
        .select({ id: I.id })
        .from(I)
        .where(sql`${I.key} = ${r.key} COLLATE NOCASE`)
        .get();
      if (existing) updateRoadmapItem(t, actor, existing.id, r, "import");
      else {
        createRoadmapItem(t, actor, r, "import");
        created++;
      }
    }
    const updated = rows.length - created;
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: "import",
      entityType: "roadmap_item",
      entityId: null,
      after: { source, rows: rows.length, created, updated },
    });
    return { ok: true as const, rows: rows.length, created, updated };
  });
}
