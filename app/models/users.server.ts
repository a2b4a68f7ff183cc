import crypto from "node:crypto";
import { and, asc, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Role } from "~/auth/permissions";
import type { Language } from "~/i18n/config";
import { recordAudit, type AuditActor } from "~/models/audit.server";
import { preparedPerConnection } from "~/models/prepared.server";
import { schema, type Db } from "~/utils/db.server";

/** What the app knows of a signed-in user; never the password hash. */
export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  /** the interface language chosen; null = the company's default */
  language: Language | null;
};

const sessionUserColumns = {
  id: schema.users.id,
  email: schema.users.email,
  name: schema.users.name,
  role: schema.users.role,
  teamId: schema.users.teamId,
  teamName: schema.teams.name,
  language: schema.users.language,
};

/**
 * Sessions are stored under the SHA-256 of their id: the cookie carries the id itself, so a copy of
 * the database (a backup, a leaked file) holds nothing that signs anyone in.
 */
export function sessionKey(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId).digest("hex");
}

/** Every request reads it: prepared once per connection (decision 018). */
const sessionUserQuery = preparedPerConnection((db) =>
  db
    .select(sessionUserColumns)
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.users.teamId))
    // expires_at is stored in milliseconds (timestamp_ms): the placeholder takes them as they are
    .where(and(eq(schema.sessions.id, sql.placeholder("key")), gt(schema.sessions.expiresAt, sql.placeholder("nowMs")), eq(schema.users.active, true)))
    .prepare(),
);

export function getUserBySessionId(db: Db, sessionId: string, now = Date.now()): SessionUser | null {
  return sessionUserQuery(db).get({ key: sessionKey(sessionId), nowMs: now }) ?? null;
}

/** For login only: includes the hash. */
export function getUserForLogin(db: Db, email: string) {
  return db
    .select({ id: schema.users.id, passwordHash: schema.users.passwordHash, active: schema.users.active })
    .from(schema.users)
    .where(eq(schema.users.email, email.toLowerCase()))
    .get();
}

export function createSession(db: Db, userId: number, sessionId: string, expiresAt: number) {
  db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, new Date())).run();
  db.insert(schema.sessions)
    .values({ id: sessionKey(sessionId), userId, expiresAt: new Date(expiresAt) })
    .run();
}

export function deleteSession(db: Pick<Db, "delete">, sessionId: string) {
  db.delete(schema.sessions)
    .where(eq(schema.sessions.id, sessionKey(sessionId)))
    .run();
}

export function listUsers(db: Db) {
  return db
    .select({ ...sessionUserColumns, active: schema.users.active })
    .from(schema.users)
    .leftJoin(schema.teams, eq(schema.teams.id, schema.users.teamId))
    .orderBy(asc(schema.users.name))
    .all();
}

export function listTeams(db: Db) {
  return db.select({ id: schema.teams.id, name: schema.teams.name, isTech: schema.teams.isTech }).from(schema.teams).orderBy(asc(schema.teams.name)).all();
}

export function emailTaken(db: Db, email: string, exceptUserId?: number) {
  const cond = exceptUserId ? and(eq(schema.users.email, email.toLowerCase()), ne(schema.users.id, exceptUserId)) : eq(schema.users.email, email.toLowerCase());
  return !!db.select({ id: schema.users.id }).from(schema.users).where(cond).get();
}

/** Whether any user exists (none: the install is new and every page leads to /setup). */
export function hasAnyUser(db: Db): boolean {
  return !!db.select({ id: schema.users.id }).from(schema.users).limit(1).get();
}

/** An existing team by id, with its archived flag (null when there is none). */
export function findTeam(db: Db, teamId: number): { id: number; name: string; isTech: boolean; archived: boolean } | null {
  const t = db
    .select({ id: schema.teams.id, name: schema.teams.name, isTech: schema.teams.isTech, archivedAt: schema.teams.archivedAt })
    .from(schema.teams)
    .where(eq(schema.teams.id, teamId))
    .get();
  return t ? { id: t.id, name: t.name, isTech: t.isTech, archived: t.archivedAt !== null } : null;
}

export function findTeamByName(db: Db, name: string): { id: number; name: string; isTech: boolean; archived: boolean } | null {
  const t = db
    .select({ id: schema.teams.id })
    .from(schema.teams)
    .where(sql`${schema.teams.name} = ${name} COLLATE NOCASE`)
    .get();
  return t ? findTeam(db, t.id) : null;
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .select({ id: schema.users.id, email: schema.users.email, name: schema.users.name, role: schema.users.role, active: schema.users.active })
    .from(schema.users)
    .where(eq(schema.users.email, email.toLowerCase()))
    .get();
}

export function createUser(
  db: Db,
  actor: number | AuditActor,
  input: { email: string; name: string; role: Role; teamId: number | null; passwordHash: string },
) {
  const auditActor: AuditActor = typeof actor === "number" ? { userId: actor } : actor;
  return db.transaction((tx) => {
    const row = tx
      .insert(schema.users)
      .values({ ...input, email: input.email.toLowerCase() })
      .returning({ id: schema.users.id })
      .get();
    recordAudit(tx, {
      actor: auditActor,
      action: "create",
      entityType: "user",
      entityId: row.id,
      after: { email: input.email.toLowerCase(), name: input.name, role: input.role, teamId: input.teamId },
    });
    return row;
  });
}

export function updateUser(db: Db, actorId: number, userId: number, patch: { name: string; role: Role; teamId: number | null; active: boolean }) {
  return db.transaction((tx) => {
    const before = tx
      .select({ name: schema.users.name, role: schema.users.role, teamId: schema.users.teamId, active: schema.users.active })
      .from(schema.users)
      .where(eq(schema.users.id, userId))
      .get();
    if (!before) return null;
    tx.update(schema.users).set(patch).where(eq(schema.users.id, userId)).run();
    if (!patch.active) tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId)).run();
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "user", entityId: userId, before, after: patch });
    return patch;
  });
}

/**
 * Sets a user's password (the `npm run user:password` recovery): signs them out everywhere and
 * reactivates them, so a locked-out admin gets back in. Returns false when no user has the email.
 */
export function setUserPassword(db: Db, actor: AuditActor, email: string, passwordHash: string): boolean {
  return db.transaction((tx) => {
    const user = tx.select({ id: schema.users.id, active: schema.users.active }).from(schema.users).where(eq(schema.users.email, email.toLowerCase())).get();
    if (!user) return false;
    tx.update(schema.users).set({ passwordHash, active: true }).where(eq(schema.users.id, user.id)).run();
    tx.delete(schema.sessions).where(eq(schema.sessions.userId, user.id)).run();
    // the hash never goes into the audit trail: only that it changed
    recordAudit(tx, { actor, action: "password-reset", entityType: "user", entityId: user.id, before: { active: user.active }, after: { active: true } });
    return true;
  });
}

/** A person's interface language (null = the company's default); audited. Returns false for an unknown user. */
export function setUserLanguage(db: Db, userId: number, language: Language | null): boolean {
  return db.transaction((tx) => {
    const before = tx.select({ language: schema.users.language }).from(schema.users).where(eq(schema.users.id, userId)).get();
    if (!before) return false;
    if (before.language === language) return true;
    tx.update(schema.users).set({ language, updatedAt: new Date() }).where(eq(schema.users.id, userId)).run();
    recordAudit(tx, { actor: { userId }, action: "update", entityType: "user", entityId: userId, before, after: { language } });
    return true;
  });
}
