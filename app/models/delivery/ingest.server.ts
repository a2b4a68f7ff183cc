/**
 * Ingestion (API, CSV import, webhooks): one transaction per request, prepared statements (decision 018), nothing partially
 * written; idempotent on (service, externalId) for deployments, upsert on externalId for incidents;
 * unknown services are created on first sight (and audited).
 * Inferred causes (metric contract): an incident with no explicit cause is linked to the latest
 * successful production deployment of the same service finished at or before the incident's start
 * (ties → the higher id). Kept right when data arrives out of order: ingesting deployments re-infers,
 * in one UPDATE with a correlated subquery, the incidents of those services (cause kind 'inferred' or
 * NULL) that started at or after the new deployment finished.
 */
import type BetterSqlite3 from "better-sqlite3";
import { and, eq, inArray } from "drizzle-orm";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { PRODUCTION } from "~/lib/metrics/delivery";
import {
  type BatchNaming,
  type CauseKind,
  DeliveryInputError,
  type DeploymentInput,
  type DeploymentStatus,
  type IncidentInput,
  MAX_DEPLOYMENTS_PER_REQUEST,
  type Severity,
  addError,
  apiNaming,
  duplicateErrors,
} from "~/lib/schemas/delivery.server";
import { recordAudit, type AuditActor } from "~/models/audit.server";
import { d } from "~/models/delivery/deployments.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// Prepared statements (cached per connection)
// ---------------------------------------------------------------------------------------------------

type Client = Db["$client"];
type Stmt = BetterSqlite3.Statement<unknown[], unknown>;
type Statements = {
  serviceByName: Stmt;
  insertService: Stmt;
  deploymentByExternal: Stmt;
  insertDeployment: Stmt;
  insertCommit: Stmt;
  reinfer: Stmt;
  inferOne: Stmt;
  incidentByExternal: Stmt;
  insertIncident: Stmt;
  updateIncident: Stmt;
  maxDeploymentId: Stmt;
  bulkOn: Stmt;
  bulkOff: Stmt;
  bulkSamples: Stmt;
  bulkDaily: Stmt;
  bulkLeadDaily: Stmt;
  bulkLeadServiceDaily: Stmt;
};

/** From this many deployments in one call, the rollups are maintained in bulk instead of by the per-row triggers (decision 404). */
export const BULK_ROLLUP_MIN = 20;

const DAY_OF = (col: string) => `${col} - ((${col} % 86400000) + 86400000) % 86400000`;
const BUCKET_OF = (col: string) => `CAST(ln(${col}) * 5 AS INTEGER)`;

const statementCache = new WeakMap<Client, Statements>();

const INFER_SUBQUERY = `(SELECT d.id FROM deployments d
   WHERE d.service_id = incidents.service_id AND d.environment = 'production' AND d.status = 'success'
     AND d.finished_at <= incidents.started_at
   ORDER BY d.finished_at DESC, d.id DESC LIMIT 1)`;

export function statements(db: Db): Statements {
  const client = db.$client;
  let s = statementCache.get(client);
  if (s) return s;
  s = {
    serviceByName: client.prepare("SELECT id FROM services WHERE name = ?"),
    insertService: client.prepare("INSERT INTO services (name, team_id, created_at, updated_at) VALUES (?, NULL, ?, ?)"),
    deploymentByExternal: client.prepare("SELECT id FROM deployments WHERE service_id = ? AND external_id = ?"),
    insertDeployment: client.prepare(
      `INSERT INTO deployments (service_id, external_id, environment, status, started_at, finished_at, first_commit_at,
         is_hotfix, is_rollback, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertCommit: client.prepare("INSERT INTO deployment_commits (deployment_id, sha, committed_at) VALUES (?, ?, ?)"),
    // Out-of-order arrival: re-infer the causes that a new successful production deployment may change.
    reinfer: client.prepare(
      `UPDATE incidents SET cause_deployment_id = ${INFER_SUBQUERY}, cause_kind = 'inferred', updated_at = ?
       WHERE service_id = ? AND started_at >= ? AND (cause_kind IS NULL OR cause_kind = 'inferred')`,
    ),
    inferOne: client.prepare(
      `SELECT id FROM deployments WHERE service_id = ? AND environment = 'production' AND status = 'success'
         AND finished_at <= ? ORDER BY finished_at DESC, id DESC LIMIT 1`,
    ),
    incidentByExternal: client.prepare(
      `SELECT id, service_id AS serviceId, external_id AS externalId, title, severity, started_at AS startedAt,
         resolved_at AS resolvedAt, cause_deployment_id AS causeDeploymentId, cause_kind AS causeKind
       FROM incidents WHERE external_id = ?`,
    ),
    insertIncident: client.prepare(
      `INSERT INTO incidents (service_id, external_id, title, severity, started_at, resolved_at, cause_deployment_id,
         cause_kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateIncident: client.prepare(
      `UPDATE incidents SET service_id = ?, title = ?, severity = ?, started_at = ?, resolved_at = ?,
         cause_deployment_id = ?, cause_kind = ?, updated_at = ? WHERE id = ?`,
    ),
    // Bulk-maintained rollups (decision 404): the same rules as the triggers of migrations 0004 and
    // 0012, applied once to every deployment inserted after id @after.
    maxDeploymentId: client.prepare("SELECT COALESCE(MAX(id), 0) FROM deployments"),
    bulkOn: client.prepare("INSERT INTO delivery_bulk_ingest (active) VALUES (1)"),
    bulkOff: client.prepare("DELETE FROM delivery_bulk_ingest"),
    bulkSamples: client.prepare(
      `INSERT INTO delivery_lead_samples (deployment_id, commit_id, service_id, finished_at, lead_ms)
       SELECT d.id, c.id, d.service_id, d.finished_at, d.finished_at - c.committed_at
       FROM deployments d JOIN deployment_commits c ON c.deployment_id = d.id
       WHERE d.id > @after AND d.environment = 'production' AND d.status = 'success' AND d.finished_at > c.committed_at
       UNION ALL
       SELECT d.id, NULL, d.service_id, d.finished_at, d.finished_at - d.first_commit_at
       FROM deployments d
       WHERE d.id > @after AND d.environment = 'production' AND d.status = 'success'
         AND d.first_commit_at IS NOT NULL AND d.finished_at > d.first_commit_at
         AND NOT EXISTS (SELECT 1 FROM deployment_commits c WHERE c.deployment_id = d.id)`,
    ),
    bulkDaily: client.prepare(
      `INSERT INTO delivery_daily (day, service_id, deployments, rework, failed)
       SELECT ${DAY_OF("finished_at")}, service_id, COUNT(*), SUM(is_hotfix OR is_rollback), SUM(caused_incidents > 0)
       FROM deployments WHERE id > @after AND environment = 'production' AND status = 'success'
       GROUP BY 1, 2
       ON CONFLICT (day, service_id) DO UPDATE SET
         deployments = deployments + excluded.deployments, rework = rework + excluded.rework, failed = failed + excluded.failed`,
    ),
    bulkLeadDaily: client.prepare(
      `INSERT INTO delivery_lead_daily (day, bucket, samples)
       SELECT ${DAY_OF("finished_at")}, ${BUCKET_OF("lead_ms")}, COUNT(*) FROM delivery_lead_samples WHERE deployment_id > @after GROUP BY 1, 2
       ON CONFLICT (day, bucket) DO UPDATE SET samples = samples + excluded.samples`,
    ),
    bulkLeadServiceDaily: client.prepare(
      `INSERT INTO delivery_lead_service_daily (service_id, day, bucket, samples)
       SELECT service_id, ${DAY_OF("finished_at")}, ${BUCKET_OF("lead_ms")}, COUNT(*) FROM delivery_lead_samples WHERE deployment_id > @after GROUP BY 1, 2, 3
       ON CONFLICT (service_id, day, bucket) DO UPDATE SET samples = samples + excluded.samples`,
    ),
  };
  statementCache.set(client, s);
  return s;
}

type ServiceCache = Map<string, number | null>;

/** The service's id, created (and audited) on first sight when `create` is true. */
export function serviceId(db: Db, st: Statements, cache: ServiceCache, name: string, actor: AuditActor, created: string[], create: boolean): number | null {
  if (cache.has(name)) return cache.get(name)!;
  const row = st.serviceByName.get(name) as { id: number } | undefined;
  if (row) {
    cache.set(name, row.id);
    return row.id;
  }
  if (!create) return null;
  const now = Date.now();
  const id = Number(st.insertService.run(name, now, now).lastInsertRowid);
  recordAudit(db, { actor, action: "create", entityType: "service", entityId: id, after: { name, teamId: null, via: "ingestion" } });
  cache.set(name, id);
  created.push(name);
  return id;
}

/** Re-infers the causes of incidents of a service that started at or after `sinceMs`. Returns the rows touched. */
function reinferCauses(st: Statements, svcId: number, sinceMs: number): number {
  return st.reinfer.run(Date.now(), svcId, sinceMs).changes;
}

export function inferCauseId(st: Statements, svcId: number, startedAt: number): number | null {
  const row = st.inferOne.get(svcId, startedAt) as { id: number } | undefined;
  return row?.id ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Deployments ingestion
// ---------------------------------------------------------------------------------------------------

/** Where a write comes from: the JSON API, a CSV import, or a webhook source (named in the audit entry). */
export type IngestOptions = { via: "api" | "import" | "webhook"; naming?: BatchNaming; source?: string };

export type DeploymentIngestItem = { index: number; id: number; service: string; externalId: string | null; created: boolean };
export type DeploymentIngestResult = {
  created: number;
  known: number;
  servicesCreated: string[];
  incidentsReinferred: number;
  deployments: DeploymentIngestItem[];
};

/**
 * Writes deployments in ONE transaction: known (service, externalId) pairs are left as they are
 * ("known"), new ones are inserted with their commits. Throws DeliveryInputError (nothing written)
 * for duplicate (service, externalId) pairs within the batch.
 * `naming` names element i in error keys ("3." for API arrays; the CSV import maps them to rows).
 */
export function ingestDeployments(db: Db, items: readonly DeploymentInput[], actor: AuditActor, opts: IngestOptions = { via: "api" }): DeploymentIngestResult {
  const naming = opts.naming ?? apiNaming(items.length);
  const dupes = duplicateErrors(items, (d) => (d.externalId === undefined ? null : `${d.service}\u0000${d.externalId}`), "externalId", naming);
  if (Object.keys(dupes).length > 0) throw new DeliveryInputError(dupes);

  const st = statements(db);
  return db.transaction(() => {
    const cache: ServiceCache = new Map();
    const servicesCreated: string[] = [];
    /** per service: earliest finish of a new successful production deployment */
    const reinferFrom = new Map<number, number>();
    const results: DeploymentIngestItem[] = [];
    const now = Date.now();
    let created = 0;
    // A batch: the per-row triggers stand aside and the rollups are maintained once, in bulk, below.
    const bulk = items.length >= BULK_ROLLUP_MIN;
    const after = bulk ? (st.maxDeploymentId.pluck().get() as number) : 0;
    if (bulk) st.bulkOn.run();
    items.forEach((d, index) => {
      const svcId = serviceId(db, st, cache, d.service, actor, servicesCreated, true)!;
      if (d.externalId !== undefined) {
        const known = st.deploymentByExternal.get(svcId, d.externalId) as { id: number } | undefined;
        if (known) {
          results.push({ index, id: known.id, service: d.service, externalId: d.externalId, created: false });
          return;
        }
      }
      const id = Number(
        st.insertDeployment.run(
          svcId,
          d.externalId ?? null,
          d.environment,
          d.status,
          d.startedAt ?? null,
          d.finishedAt,
          d.firstCommitAt ?? null,
          d.hotfix ? 1 : 0,
          d.rollback ? 1 : 0,
          now,
          now,
        ).lastInsertRowid,
      );
      for (const c of d.commits ?? []) st.insertCommit.run(id, c.sha, c.committedAt);
      created += 1;
      results.push({ index, id, service: d.service, externalId: d.externalId ?? null, created: true });
      if (d.environment === PRODUCTION && d.status === "success") {
        const prev = reinferFrom.get(svcId);
        if (prev === undefined || d.finishedAt < prev) reinferFrom.set(svcId, d.finishedAt);
      }
    });
    if (bulk) {
      // every deployment of this call has an id above `after` (AUTOINCREMENT): samples first, then the rollups of both
      st.bulkSamples.run({ after });
      st.bulkDaily.run({ after });
      st.bulkLeadDaily.run({ after });
      st.bulkLeadServiceDaily.run({ after });
      st.bulkOff.run();
    }
    // with the triggers back: moved causes update caused_incidents and the daily rollups row by row
    let incidentsReinferred = 0;
    for (const [svcId, since] of reinferFrom) incidentsReinferred += reinferCauses(st, svcId, since);

    const createdIds = results.filter((r) => r.created).map((r) => r.id);
    if (createdIds.length > 0 || servicesCreated.length > 0) {
      recordAudit(db, {
        actor,
        action: opts.via === "import" ? "import" : "ingest",
        entityType: "deployment",
        entityId: createdIds.length === 1 ? createdIds[0] : null,
        after: {
          created: createdIds.length,
          known: results.length - createdIds.length,
          // the ids themselves for API batches (≤ 1000); a range for large imports
          ids: createdIds.length <= MAX_DEPLOYMENTS_PER_REQUEST ? createdIds : undefined,
          idRange: createdIds.length > MAX_DEPLOYMENTS_PER_REQUEST ? [createdIds[0], createdIds[createdIds.length - 1]] : undefined,
          servicesCreated,
          incidentsReinferred,
          ...(opts.via === "webhook" ? { via: "webhook", source: opts.source } : {}),
        },
      });
    }
    return { created, known: results.length - created, servicesCreated, incidentsReinferred, deployments: results };
  });
}

/**
 * Changes the outcome of a known deployment — a later status of the same deployment, as a webhook
 * sends it (failure, then success on a retry). Updates status, finish and start times, re-infers the
 * causes of the service's incidents that the change may move (started at or after the earlier of
 * the old and new finish), and records the change. The daily rollups and lead-time samples follow
 * by their triggers. Returns false when there is no such deployment.
 */
export function updateDeploymentOutcome(
  db: Db,
  id: number,
  patch: { status: DeploymentStatus; finishedAt: number; startedAt: number | null },
  actor: AuditActor,
  note: Record<string, unknown> = {},
): boolean {
  const st = statements(db);
  return db.transaction(() => {
    const before = db
      .select({ serviceId: d.serviceId, environment: d.environment, status: d.status, finishedAt: d.finishedAt, startedAt: d.startedAt })
      .from(d)
      .where(eq(d.id, id))
      .get();
    if (!before) return false;
    db.update(d)
      .set({ status: patch.status, finishedAt: new Date(patch.finishedAt), startedAt: patch.startedAt === null ? null : new Date(patch.startedAt) })
      .where(eq(d.id, id))
      .run();
    let incidentsReinferred = 0;
    if (before.environment === PRODUCTION && (before.status === "success" || patch.status === "success")) {
      incidentsReinferred = reinferCauses(st, before.serviceId, Math.min(before.finishedAt.getTime(), patch.finishedAt));
    }
    recordAudit(db, {
      actor,
      action: "update",
      entityType: "deployment",
      entityId: id,
      before: { status: before.status, finishedAt: before.finishedAt.getTime(), startedAt: before.startedAt?.getTime() ?? null },
      after: { ...patch, incidentsReinferred, ...note },
    });
    return true;
  });
}

/** Adds commits to a deployment (the lead-time samples follow by trigger). */
export function addDeploymentCommits(db: Db, deploymentId: number, commits: readonly { sha: string; committedAt: number }[]): void {
  const st = statements(db);
  for (const c of commits) st.insertCommit.run(deploymentId, c.sha, c.committedAt);
}

/** Removes the commits with these shas from a deployment. */
export function removeDeploymentCommits(db: Db, deploymentId: number, shas: readonly string[]): number {
  if (shas.length === 0) return 0;
  return db
    .delete(schema.deploymentCommits)
    .where(and(eq(schema.deploymentCommits.deploymentId, deploymentId), inArray(schema.deploymentCommits.sha, [...shas])))
    .run().changes;
}

/** A deployment of a service by its external id: its id, status and times (null when unknown). */
export function findDeploymentByExternalId(db: Db, serviceId: number, externalId: string) {
  const row = db
    .select({ id: d.id, environment: d.environment, status: d.status, finishedAt: d.finishedAt, startedAt: d.startedAt })
    .from(d)
    .where(and(eq(d.serviceId, serviceId), eq(d.externalId, externalId)))
    .get();
  return row ? { ...row, finishedAt: row.finishedAt.getTime(), startedAt: row.startedAt?.getTime() ?? null } : null;
}

/** An incident by its external id, as the upsert compares it (null when unknown). */
export function findIncidentByExternalId(db: Db, externalId: string): IncidentRow | null {
  return (statements(db).incidentByExternal.get(externalId) as IncidentRow | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Incidents upsert (API and CSV)
// ---------------------------------------------------------------------------------------------------

export type IncidentRow = {
  id: number;
  serviceId: number;
  externalId: string | null;
  title: string;
  severity: Severity;
  startedAt: number;
  resolvedAt: number | null;
  causeDeploymentId: number | null;
  causeKind: CauseKind | null;
};

export type IncidentUpsertItem = {
  index: number;
  id: number;
  externalId: string | null;
  created: boolean;
  causeKind: CauseKind | null;
  causeDeploymentId: number | null;
};
export type IncidentUpsertResult = { created: number; updated: number; servicesCreated: string[]; incidents: IncidentUpsertItem[] };

/**
 * Creates or updates incidents (upsert on externalId) in ONE transaction. Throws DeliveryInputError
 * (nothing written) when a cause names no deployment of that service, or an externalId repeats.
 *
 * Cause: a given `causedByDeploymentExternalId` → explicit. Absent → an explicit or cleared cause is
 * kept, otherwise the contract's rule infers it. `null` → back to the inferred rule.
 */
export function upsertIncidents(db: Db, items: readonly IncidentInput[], actor: AuditActor, opts: IngestOptions = { via: "api" }): IncidentUpsertResult {
  const naming = opts.naming ?? apiNaming(items.length);
  const label = naming.key;
  const errors = duplicateErrors(items, (d) => d.externalId ?? null, "externalId", naming);
  if (Object.keys(errors).length > 0) throw new DeliveryInputError(errors);

  const st = statements(db);
  return db.transaction(() => {
    const cache: ServiceCache = new Map();
    const servicesCreated: string[] = [];
    const results: IncidentUpsertItem[] = [];
    const now = Date.now();
    const via = opts.via === "webhook" ? { via: "webhook", source: opts.source } : {};
    items.forEach((inc, index) => {
      const causeGiven = typeof inc.causedByDeploymentExternalId === "string";
      // A cause must name a deployment of that service: an unknown service cannot hold it.
      const svcId = serviceId(db, st, cache, inc.service, actor, servicesCreated, !causeGiven);
      let explicitId: number | null = null;
      if (causeGiven) {
        const dep = svcId === null ? undefined : (st.deploymentByExternal.get(svcId, inc.causedByDeploymentExternalId) as { id: number } | undefined);
        if (!dep) {
          addError(
            errors,
            `${label(index)}causedByDeploymentExternalId`,
            serverT('no deployment "{{id}}" of service "{{service}}" is known', { ns: "delivery", id: inc.causedByDeploymentExternalId, service: inc.service }),
          );
          return;
        }
        explicitId = dep.id;
      }
      const sid = svcId!;
      const existing = inc.externalId === undefined ? undefined : (st.incidentByExternal.get(inc.externalId) as IncidentRow | undefined);
      const resolvedAt = inc.resolvedAt === undefined ? (existing?.resolvedAt ?? null) : inc.resolvedAt;
      if (resolvedAt !== null && resolvedAt < inc.startedAt) {
        addError(errors, `${label(index)}resolvedAt`, N_("must not be before startedAt (the stored resolution time is earlier than this start)", "delivery"));
        return;
      }
      let causeKind: CauseKind | null;
      let causeId: number | null;
      if (explicitId !== null) {
        causeKind = "explicit";
        causeId = explicitId;
      } else if (
        inc.causedByDeploymentExternalId === undefined &&
        existing &&
        existing.serviceId === sid &&
        (existing.causeKind === "explicit" || existing.causeKind === "none")
      ) {
        causeKind = existing.causeKind;
        causeId = existing.causeDeploymentId;
      } else {
        causeId = inferCauseId(st, sid, inc.startedAt);
        causeKind = causeId === null ? null : "inferred";
      }
      // what the audit entry keeps of the incident written (after its service and external id)
      const fields = { title: inc.title, severity: inc.severity, startedAt: inc.startedAt, resolvedAt, causeDeploymentId: causeId, causeKind, ...via };
      if (existing) {
        st.updateIncident.run(sid, inc.title, inc.severity, inc.startedAt, resolvedAt, causeId, causeKind, now, existing.id);
        const after = { serviceId: sid, ...fields };
        recordAudit(db, { actor, action: opts.via === "import" ? "import" : "update", entityType: "incident", entityId: existing.id, before: existing, after });
        results.push({ index, id: existing.id, externalId: existing.externalId, created: false, causeKind, causeDeploymentId: causeId });
      } else {
        const id = Number(
          st.insertIncident.run(sid, inc.externalId ?? null, inc.title, inc.severity, inc.startedAt, resolvedAt, causeId, causeKind, now, now).lastInsertRowid,
        );
        const after = { serviceId: sid, externalId: inc.externalId ?? null, ...fields };
        recordAudit(db, { actor, action: opts.via === "import" ? "import" : "create", entityType: "incident", entityId: id, after });
        results.push({ index, id, externalId: inc.externalId ?? null, created: true, causeKind, causeDeploymentId: causeId });
      }
    });
    if (Object.keys(errors).length > 0) throw new DeliveryInputError(errors);
    const created = results.filter((r) => r.created).length;
    return { created, updated: results.length - created, servicesCreated, incidents: results };
  });
}
