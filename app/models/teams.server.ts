import { and, asc, eq, isNull, or, sql, inArray } from "drizzle-orm";
import type { Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import { setArchivedAudited } from "~/models/archived.server";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

/**
 * Teams: created, renamed, archived on the Teams page (`teams:manage`: CEO any team, CTO tech
 * teams); their kind (tech / non-tech) decides whether the CTO edits their hiring and sees their
 * requisitions' salaries. Leads are users with the role "lead" and this team (`users:manage`).
 */

export type TeamKind = "tech" | "non-tech";

export type TeamOption = { id: number; name: string; isTech: boolean; archived: boolean };

/**
 * The one list every team select offers (users, services, requisitions, employees, objectives):
 * active teams by name, plus the archived ones named in `keepIds` (a row already on them keeps
 * its value).
 */
export function listTeamOptions(db: Db, keepIds: readonly (number | null | undefined)[] = []): TeamOption[] {
  const keep = keepIds.filter((id): id is number => typeof id === "number");
  return db
    .select({ id: schema.teams.id, name: schema.teams.name, isTech: schema.teams.isTech, archivedAt: schema.teams.archivedAt })
    .from(schema.teams)
    .where(keep.length ? or(isNull(schema.teams.archivedAt), inArray(schema.teams.id, keep)) : isNull(schema.teams.archivedAt))
    .orderBy(sql`${schema.teams.name} COLLATE NOCASE`)
    .all()
    .map((t) => ({ id: t.id, name: t.name, isTech: t.isTech, archived: t.archivedAt !== null }));
}

/** Why a team id cannot be chosen for a new assignment (unknown or archived), or null when it can. */
export function teamChoiceProblem(db: Db, teamId: number, currentTeamId?: number | null): string | null {
  const t = db.select({ archivedAt: schema.teams.archivedAt }).from(schema.teams).where(eq(schema.teams.id, teamId)).get();
  if (!t) return serverT("is not a known team", { ns: "auth" });
  if (t.archivedAt !== null && teamId !== currentTeamId) return serverT("is archived", { ns: "auth" });
  return null;
}

export type TeamRow = Pick<typeof schema.teams.$inferSelect, "id" | "name" | "isTech" | "archivedAt"> & {
  users: number;
  employees: number;
  services: number;
  leads: { id: number; name: string; email: string }[];
};

/** Every team (active first, then archived) with its member counts and leads: a few grouped queries. */
export function listTeamsWithCounts(db: Db, todayIso: string): TeamRow[] {
  const rows = db.all<{ id: number; name: string; isTech: number; archivedAt: number | null; users: number; employees: number; services: number }>(sql`
    SELECT t.id, t.name, t.is_tech AS isTech, t.archived_at AS archivedAt,
      (SELECT count(*) FROM users u WHERE u.team_id = t.id AND u.active = 1) AS users,
      (SELECT count(*) FROM employees e WHERE e.team_id = t.id AND e.start_date <= ${todayIso} AND (e.end_date IS NULL OR e.end_date >= ${todayIso})) AS employees,
      (SELECT count(*) FROM services s WHERE s.team_id = t.id) AS services
    FROM teams t
    ORDER BY t.archived_at IS NOT NULL, t.name COLLATE NOCASE`);
  const leads = db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, teamId: schema.users.teamId })
    .from(schema.users)
    .where(and(eq(schema.users.role, "lead"), eq(schema.users.active, true)))
    .orderBy(asc(schema.users.name))
    .all();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    isTech: r.isTech === 1,
    archivedAt: r.archivedAt === null ? null : new Date(r.archivedAt),
    users: r.users,
    employees: r.employees,
    services: r.services,
    leads: leads.filter((l) => l.teamId === r.id).map(({ teamId: _t, ...l }) => l),
  }));
}

export type TeamMembers = {
  users: { id: number; name: string; email: string; role: string; active: boolean }[];
  employees: { id: number; name: string; title: string; startDate: string }[];
  services: { id: number; name: string }[];
};

/** Who and what belongs to a team: its users, its current employees (never their salaries), its services. */
export function getTeamMembers(db: Db, teamId: number, todayIso: string): TeamMembers {
  return {
    users: db
      .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, role: schema.users.role, active: schema.users.active })
      .from(schema.users)
      .where(eq(schema.users.teamId, teamId))
      .orderBy(asc(schema.users.name))
      .all(),
    employees: db.all<{ id: number; name: string; title: string; startDate: string }>(sql`
      SELECT id, name, title, start_date AS startDate FROM employees
      WHERE team_id = ${teamId} AND start_date <= ${todayIso} AND (end_date IS NULL OR end_date >= ${todayIso})
      ORDER BY name COLLATE NOCASE LIMIT 500`),
    services: db
      .select({ id: schema.services.id, name: schema.services.name })
      .from(schema.services)
      .where(eq(schema.services.teamId, teamId))
      .orderBy(asc(schema.services.name))
      .all(),
  };
}

export function getTeamRow(db: Db, teamId: number) {
  return db.select().from(schema.teams).where(eq(schema.teams.id, teamId)).get() ?? null;
}

export function teamNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.get<{ id: number } | undefined>(sql`SELECT id FROM teams WHERE name = ${name} COLLATE NOCASE`);
  return !!row && row.id !== exceptId;
}

export function createTeam(db: Db, actor: Actor, input: { name: string; isTech: boolean }): number {
  return db.transaction((tx) => {
    const row = tx.insert(schema.teams).values(input).returning({ id: schema.teams.id }).get();
    recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "team", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateTeam(db: Db, actor: Actor, teamId: number, patch: { name: string; isTech: boolean }): boolean {
  return db.transaction((tx) => {
    const before = tx.select({ name: schema.teams.name, isTech: schema.teams.isTech }).from(schema.teams).where(eq(schema.teams.id, teamId)).get();
    if (!before) return false;
    tx.update(schema.teams).set(patch).where(eq(schema.teams.id, teamId)).run();
    recordAudit(tx, { actor: { userId: actor.id }, action: "update", entityType: "team", entityId: teamId, before, after: patch });
    return true;
  });
}

/** Archives (or restores) a team: it keeps its history but is no longer offered in team lists. */
export function setTeamArchived(db: Db, actor: Actor, teamId: number, archived: boolean, now = Date.now()): boolean {
  return setArchivedAudited(db, actor.id, "team", teamId, archived, now);
}

/**
 * Makes a user a lead of this team (role "lead", team = it), or takes the lead role back (role
 * "viewer", the user stays in the team). CEO and CTO accounts are not turned into leads here.
 */
export function setTeamLead(db: Db, actor: Actor, teamId: number, userId: number, lead: boolean): "ok" | "no-user" | "not-eligible" {
  return db.transaction((tx) => {
    const before = tx
      .select({ role: schema.users.role, teamId: schema.users.teamId, active: schema.users.active })
      .from(schema.users)
      .where(eq(schema.users.id, userId))
      .get();
    if (!before) return "no-user";
    if (before.role === "ceo" || before.role === "cto") return "not-eligible";
    if (!lead && (before.role !== "lead" || before.teamId !== teamId)) return "not-eligible";
    const after = lead ? { role: "lead" as const, teamId } : { role: "viewer" as const, teamId };
    tx.update(schema.users).set(after).where(eq(schema.users.id, userId)).run();
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: lead ? "set-lead" : "unset-lead",
      entityType: "user",
      entityId: userId,
      before: { role: before.role, teamId: before.teamId },
      after,
    });
    return "ok";
  });
}

/** Users who could be made a lead (active leads and viewers), for the "set a lead" select. */
export function listLeadCandidates(db: Db) {
  return db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email, role: schema.users.role, teamId: schema.users.teamId })
    .from(schema.users)
    .where(and(eq(schema.users.active, true), inArray(schema.users.role, ["lead", "viewer"])))
    .orderBy(asc(schema.users.name))
    .all();
}
