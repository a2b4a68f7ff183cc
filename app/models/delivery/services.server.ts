/** Services: list, options, create and rename (audited). */
import { asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------------

export function listServices(db: Db) {
  return db
    .select({
      id: schema.services.id,
      name: schema.services.name,
      teamId: schema.services.teamId,
      teamName: schema.teams.name,
      deployments: sql<number>`(SELECT count(*) FROM deployments d WHERE d.service_id = ${schema.services.id})`,
      lastDeployedAt: sql<
        number | null
      >`(SELECT max(d.finished_at) FROM deployments d WHERE d.service_id = ${schema.services.id} AND d.environment = 'production')`,
      openIncidents: sql<number>`(SELECT count(*) FROM incidents i INDEXED BY incidents_open_service_idx WHERE i.service_id = ${schema.services.id} AND i.resolved_at IS NULL)`,
    })
    .from(schema.services)
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .orderBy(asc(schema.services.name))
    .all();
}

export function listTeamOptions(db: Db) {
  return db.select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).orderBy(asc(schema.teams.name)).all();
}

export function listServiceOptions(db: Db) {
  return db.select({ id: schema.services.id, name: schema.services.name }).from(schema.services).orderBy(asc(schema.services.name)).all();
}

export function serviceNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.name, name)).get();
  return !!row && row.id !== exceptId;
}

export function createService(db: Db, userId: number, input: { name: string; teamId: number | null }): number {
  return db.transaction((tx) => {
    const row = tx.insert(schema.services).values(input).returning({ id: schema.services.id }).get();
    recordAudit(tx, { actor: { userId }, action: "create", entityType: "service", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateService(db: Db, userId: number, id: number, patch: { name: string; teamId: number | null }): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(schema.services).where(eq(schema.services.id, id)).get();
    if (!before) return false;
    tx.update(schema.services).set(patch).where(eq(schema.services.id, id)).run();
    recordAudit(tx, {
      actor: { userId },
      action: "update",
      entityType: "service",
      entityId: id,
      before: { name: before.name, teamId: before.teamId },
      after: patch,
    });
    return true;
  });
}

export function serviceExists(db: Db, id: number): boolean {
  return !!db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.id, id)).get();
}

/** Whether any deployment was ever recorded (an empty install shows where to send them, not zeros). */
export function hasAnyDeployment(db: Db): boolean {
  return !!db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM deployments LIMIT 1`);
}
