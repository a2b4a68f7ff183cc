/** Incident lists and export, one incident's page, and the incident form (create, edit, cause choice; audited). */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { N_ } from "~/i18n/mark";
import { MS_PER_HOUR } from "~/lib/metrics/delivery";
import { type CauseKind, MS_PER_DAY, type Severity } from "~/lib/schemas/delivery.server";
import { recordAudit } from "~/models/audit.server";
import { csvChunks, type DeploymentSort, d, inc, isoOrEmpty, listOrder } from "~/models/delivery/deployments.server";
import { type IncidentFilter } from "~/models/delivery/filters.server";
import { inferCauseId, statements } from "~/models/delivery/ingest.server";
import { schema, type Db, countRows } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// Incidents list
// ---------------------------------------------------------------------------------------------------

function incidentWhere(f: IncidentFilter): SQL | undefined {
  const w: SQL[] = [];
  if (f.serviceIds !== undefined)
    w.push(f.serviceIds.length === 0 ? sql`0` : f.serviceIds.length === 1 ? eq(inc.serviceId, f.serviceIds[0]) : inArray(inc.serviceId, f.serviceIds));
  if (f.severity) w.push(eq(inc.severity, f.severity));
  if (f.state === "open") w.push(sql`${inc.resolvedAt} IS NULL`);
  if (f.state === "resolved") w.push(sql`${inc.resolvedAt} IS NOT NULL`);
  if (f.cause === "unset") w.push(sql`${inc.causeKind} IS NULL`);
  else if (f.cause) w.push(eq(inc.causeKind, f.cause));
  if (f.from !== undefined) w.push(gte(inc.startedAt, new Date(f.from)));
  if (f.to !== undefined) w.push(lt(inc.startedAt, new Date(f.to)));
  return w.length ? and(...w) : undefined;
}

/** Sortable columns, each served by an index on 100 k+ incidents (severity and state are filters instead). */
export const INCIDENT_SORTS = ["startedAt", "service", "duration"] as const;

function incidentOrder(sort: DeploymentSort): SQL[] {
  return listOrder(sort, inc.startedAt, inc.id, {
    // matches the expression index incidents_duration_idx; open incidents (NULL) sort last when descending
    duration: (dir) => [dir(sql`(${inc.resolvedAt} - ${inc.startedAt})`), desc(inc.id)],
  });
}

const causeDep = {
  id: sql<number | null>`cd.id`,
  externalId: sql<string | null>`cd.external_id`,
  finishedAt: sql<number | null>`cd.finished_at`,
};

function incidentSelect(db: Db) {
  return db
    .select({
      id: inc.id,
      externalId: inc.externalId,
      title: inc.title,
      severity: inc.severity,
      service: schema.services.name,
      serviceId: inc.serviceId,
      team: schema.teams.name,
      startedAt: inc.startedAt,
      resolvedAt: inc.resolvedAt,
      causeKind: inc.causeKind,
      causeDeploymentId: causeDep.id,
      causeExternalId: causeDep.externalId,
      causeFinishedAt: causeDep.finishedAt,
    })
    .from(inc)
    .innerJoin(schema.services, eq(schema.services.id, inc.serviceId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .leftJoin(sql`deployments cd`, sql`cd.id = ${inc.causeDeploymentId}`);
}

export type IncidentListRow = {
  id: number;
  externalId: string | null;
  title: string;
  severity: Severity;
  service: string;
  team: string | null;
  startedAt: number;
  resolvedAt: number | null;
  durationHours: number | null;
  causeKind: CauseKind | null;
  causeDeploymentId: number | null;
  causeExternalId: string | null;
};

function toIncidentRow(r: ReturnType<ReturnType<typeof incidentSelect>["all"]>[number]): IncidentListRow {
  const started = r.startedAt.getTime();
  const resolved = r.resolvedAt?.getTime() ?? null;
  return {
    id: r.id,
    externalId: r.externalId,
    title: r.title,
    severity: r.severity,
    service: r.service,
    team: r.team,
    startedAt: started,
    resolvedAt: resolved,
    durationHours: resolved === null ? null : (resolved - started) / MS_PER_HOUR,
    causeKind: r.causeKind,
    causeDeploymentId: r.causeKind === "none" ? null : r.causeDeploymentId,
    causeExternalId: r.causeKind === "none" ? null : r.causeExternalId,
  };
}

export function listIncidents(db: Db, filter: IncidentFilter, sort: DeploymentSort, page: { limit: number; offset: number }) {
  const where = incidentWhere(filter);
  const total = countRows(db, inc, where);
  const rows = incidentSelect(db)
    .where(where)
    .orderBy(...incidentOrder(sort))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { rows: rows.map(toIncidentRow), total };
}

/** Filtered incidents as CSV rows; caused_by_external_id holds the EXPLICIT cause only (a re-import keeps inference). */
export function incidentCsvRows(db: Db, filter: IncidentFilter, sort: DeploymentSort): Generator<string[][]> {
  const where = incidentWhere(filter);
  return csvChunks(
    () =>
      incidentSelect(db)
        .where(where)
        .orderBy(...incidentOrder(sort)),
    (r) => [
      r.externalId ?? "",
      r.service,
      r.title,
      r.severity,
      isoOrEmpty(r.startedAt.getTime()),
      isoOrEmpty(r.resolvedAt?.getTime()),
      r.causeKind === "explicit" ? (r.causeExternalId ?? "") : "",
    ],
  );
}

export function countIncidents(db: Db, filter: IncidentFilter): number {
  return countRows(db, inc, incidentWhere(filter));
}

export function getIncident(db: Db, id: number) {
  const r = incidentSelect(db).where(eq(inc.id, id)).get();
  if (!r) return null;
  const row = toIncidentRow(r);
  const st = statements(db);
  // what the contract's rule says now, to show beside an explicit or cleared cause
  const inferredId = inferCauseId(st, r.serviceId, row.startedAt);
  return { ...row, serviceId: r.serviceId, causeFinishedAt: r.causeKind === "none" ? null : r.causeFinishedAt, ruleDeploymentId: inferredId };
}

/** Deployments a person may pick as the cause: the service's latest ones finished up to a day after the start. */
export function causeCandidates(db: Db, serviceId: number, startedAt: number, include?: number | null) {
  const rows = db
    .select({ id: d.id, externalId: d.externalId, environment: d.environment, status: d.status, finishedAt: d.finishedAt })
    .from(d)
    .where(and(eq(d.serviceId, serviceId), lt(d.finishedAt, new Date(startedAt + MS_PER_DAY))))
    .orderBy(desc(d.finishedAt), desc(d.id))
    .limit(30)
    .all();
  if (include != null && !rows.some((r) => r.id === include)) {
    const extra = db
      .select({ id: d.id, externalId: d.externalId, environment: d.environment, status: d.status, finishedAt: d.finishedAt })
      .from(d)
      .where(eq(d.id, include))
      .get();
    if (extra) rows.unshift(extra);
  }
  return rows.map((r) => ({ ...r, finishedAt: r.finishedAt.getTime() }));
}

// ---------------------------------------------------------------------------------------------------
// Incidents edited by a person
// ---------------------------------------------------------------------------------------------------

/** How a person sets the cause: a deployment (explicit), the contract's rule (inferred), or none (cleared). */
export type CauseChoice = { mode: "explicit"; deploymentId: number } | { mode: "inferred" } | { mode: "none" };

export type IncidentFormInput = {
  serviceId: number;
  title: string;
  severity: Severity;
  startedAt: number;
  resolvedAt: number | null;
  externalId?: string | null;
  cause: CauseChoice;
};

function resolveCause(
  db: Db,
  serviceId: number,
  startedAt: number,
  cause: CauseChoice,
): { causeKind: CauseKind | null; causeDeploymentId: number | null } | { error: string } {
  if (cause.mode === "none") return { causeKind: "none", causeDeploymentId: null };
  if (cause.mode === "inferred") {
    const id = inferCauseId(statements(db), serviceId, startedAt);
    return { causeKind: id === null ? null : "inferred", causeDeploymentId: id };
  }
  const dep = db.select({ id: d.id, serviceId: d.serviceId }).from(d).where(eq(d.id, cause.deploymentId)).get();
  if (!dep || dep.serviceId !== serviceId) return { error: N_("must be a deployment of the incident's service", "delivery") };
  return { causeKind: "explicit", causeDeploymentId: dep.id };
}

export function externalIdTaken(db: Db, externalId: string, exceptId?: number): boolean {
  const row = db.select({ id: inc.id }).from(inc).where(eq(inc.externalId, externalId)).get();
  return !!row && row.id !== exceptId;
}

/** Creates an incident; returns its id, or a per-field error. */
export function createIncident(db: Db, userId: number, input: IncidentFormInput): { id: number } | { field: string; error: string } {
  const cause = resolveCause(db, input.serviceId, input.startedAt, input.cause);
  if ("error" in cause) return { field: "cause", error: cause.error };
  if (input.externalId && externalIdTaken(db, input.externalId)) return { field: "externalId", error: N_("is already used by another incident", "delivery") };
  return db.transaction((tx) => {
    const values = {
      serviceId: input.serviceId,
      externalId: input.externalId || null,
      title: input.title,
      severity: input.severity,
      startedAt: new Date(input.startedAt),
      resolvedAt: input.resolvedAt === null ? null : new Date(input.resolvedAt),
      ...cause,
    };
    const row = tx.insert(inc).values(values).returning({ id: inc.id }).get();
    recordAudit(tx, { actor: { userId }, action: "create", entityType: "incident", entityId: row.id, after: values });
    return { id: row.id };
  });
}

/**
 * Updates the incident's fields (service excepted) and, when `cause` is given, its cause.
 * When the start moves and the cause is inferred, the rule runs again.
 */
export function updateIncident(
  db: Db,
  userId: number,
  id: number,
  patch: { title?: string; severity?: Severity; startedAt?: number; resolvedAt?: number | null; cause?: CauseChoice },
): { ok: true } | { field: string; error: string } | null {
  const before = db.select().from(inc).where(eq(inc.id, id)).get();
  if (!before) return null;
  const startedAt = patch.startedAt ?? before.startedAt.getTime();
  const resolvedAt = patch.resolvedAt === undefined ? (before.resolvedAt?.getTime() ?? null) : patch.resolvedAt;
  if (resolvedAt !== null && resolvedAt < startedAt) return { field: "resolvedAt", error: N_("must not be before the start", "delivery") };
  let cause: { causeKind: CauseKind | null; causeDeploymentId: number | null } = { causeKind: before.causeKind, causeDeploymentId: before.causeDeploymentId };
  const choice: CauseChoice | undefined =
    patch.cause ??
    (startedAt !== before.startedAt.getTime() && (before.causeKind === null || before.causeKind === "inferred") ? { mode: "inferred" } : undefined);
  if (choice) {
    const r = resolveCause(db, before.serviceId, startedAt, choice);
    if ("error" in r) return { field: "cause", error: r.error };
    cause = r;
  }
  return db.transaction((tx) => {
    const values = {
      title: patch.title ?? before.title,
      severity: patch.severity ?? before.severity,
      startedAt: new Date(startedAt),
      resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
      ...cause,
    };
    tx.update(inc).set(values).where(eq(inc.id, id)).run();
    recordAudit(tx, {
      actor: { userId },
      action: "update",
      entityType: "incident",
      entityId: id,
      before: {
        title: before.title,
        severity: before.severity,
        startedAt: before.startedAt,
        resolvedAt: before.resolvedAt,
        causeKind: before.causeKind,
        causeDeploymentId: before.causeDeploymentId,
      },
      after: values,
    });
    return { ok: true as const };
  });
}
