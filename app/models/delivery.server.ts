/**
 * Delivery data: services, deployments (with commits) and incidents.
 *
 * - Ingestion (API, CSV import): one transaction per request, prepared statements, nothing partially
 *   written; idempotent on (service, externalId) for deployments, upsert on externalId for incidents;
 *   unknown services are created on first sight (and audited).
 * - Inferred causes (metric contract): an incident with no explicit cause is linked to the latest
 *   successful production deployment of the same service finished at or before the incident's start
 *   (ties → the higher id). Kept right when data arrives out of order: ingesting deployments re-infers,
 *   in one UPDATE with a correlated subquery, the incidents of those services (cause kind 'inferred' or
 *   NULL) that started at or after the new deployment finished.
 * - Lists: filtering, sorting and paging in SQL (COUNT with the same filters), CSV export in chunks.
 *
 * The DORA aggregations live in `delivery-metrics.server.ts`.
 */
import type BetterSqlite3 from "better-sqlite3";
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { CAUSE_KINDS, DEPLOYMENT_STATUSES, SEVERITIES } from "../../db/schema";
import { leadTimeSamplesMs, median, MS_PER_HOUR, PRODUCTION } from "~/lib/metrics/delivery";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { ignoredParamNotice, parseSearchParams } from "~/lib/url-params.server";
import { isoDateSchema, isoInstantSchema } from "~/lib/validation.server";
import { fromLocalInput } from "~/lib/time";
import { recordAudit, type AuditActor } from "~/models/audit.server";
import { ApiInputError } from "~/utils/api.server";
import { schema, type Db } from "~/utils/db.server";

export { CAUSE_KINDS, DEPLOYMENT_STATUSES, SEVERITIES };
export type Severity = (typeof SEVERITIES)[number];
export type CauseKind = (typeof CAUSE_KINDS)[number];
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Most deployments one API request may carry (more → 413). */
export const MAX_DEPLOYMENTS_PER_REQUEST = 1000;
/** Most incidents one API request may carry (more → 413). */
export const MAX_INCIDENTS_PER_REQUEST = 1000;
/** Most commits per deployment. */
export const MAX_COMMITS_PER_DEPLOYMENT = 1000;
/** Most data rows in one CSV import (the body limit usually comes first). */
export const MAX_IMPORT_ROWS = 200_000;
/** Most rows in one CSV export; the reply says when it was cut. */
export const MAX_EXPORT_ROWS = 100_000;

const MS_PER_DAY = 86_400_000;
/** Instants before this are not plausible for this product's data. */
export const MIN_PLAUSIBLE_INSTANT = Date.UTC(2000, 0, 1);
/** Clock skew allowed into the future. */
const FUTURE_SLACK_MS = MS_PER_DAY;
/** A commit older than this before its deployment is treated as a mistake. */
const MAX_COMMIT_AGE_MS = 5 * 365 * MS_PER_DAY;

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

/** A validation failure found while writing (unknown cause, duplicate ids): rolls the transaction back. */
/** Delivery input that fails past its schema (unknown cause, resolved before started…): a 400 through runApi. */
export class DeliveryInputError extends ApiInputError {}

function addError(errors: Record<string, string[]>, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

// ---------------------------------------------------------------------------------------------------
// Schemas (API bodies and CSV rows)
// ---------------------------------------------------------------------------------------------------

function plausible(ms: number) {
  return ms >= MIN_PLAUSIBLE_INSTANT && ms <= Date.now() + FUTURE_SLACK_MS;
}

/** ISO 8601 with a zone → ms, a real calendar date, between 2000-01-01 and tomorrow. */
export const plausibleInstantSchema = isoInstantSchema.refine(plausible, { message: "must be between 2000-01-01 and now (ISO 8601 date-time with a time zone)" });

/** A `datetime-local` form value in the company's time zone → UTC ms (the incident forms). */
export function localTimeSchema(timeZone: string) {
  return z.string({ error: "is required" }).transform((s, ctx) => {
    const ms = fromLocalInput(s, timeZone);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: "must be a date and time" });
      return z.NEVER;
    }
    // Date.UTC reads years 0–99 as 1900–1999: "0001-01-01T10:00" must be refused, not stored as 1901.
    if (!plausible(ms) || Number(s.trim().slice(0, 4)) < 2000) {
      ctx.addIssue({ code: "custom", message: "must be between 2000-01-01 and now" });
      return z.NEVER;
    }
    return ms;
  });
}

/** `null` (JSON) and absent both mean "not given". */
const optionalInstant = z.preprocess((v) => (v === null ? undefined : v), plausibleInstantSchema.optional());

export const serviceNameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/:@-]*$/, "may hold letters, digits, spaces and . _ / : @ - (starting with a letter or digit)");

const externalIdSchema = z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const optionalExternalId = z.preprocess((v) => (v === null ? undefined : v), externalIdSchema.optional());

const environmentSchema = z
  .string({ error: "must be a string" })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, "must be 1–50 letters, digits, . _ - (e.g. production, staging)");

const flagSchema = z.preprocess((v) => (v === null ? undefined : v), z.boolean({ error: "must be true or false" }).optional());

function checkCommitTime(ctx: z.RefinementCtx, finishedAt: number, committedAt: number, path: (string | number)[]) {
  if (committedAt < finishedAt - MAX_COMMIT_AGE_MS) {
    ctx.addIssue({ code: "custom", path, message: "is more than 5 years before finishedAt" });
  }
}

export const deploymentInputSchema = z
  .object({
    externalId: optionalExternalId,
    service: serviceNameSchema,
    environment: z.preprocess((v) => (v === null ? undefined : v), environmentSchema.default(PRODUCTION)),
    status: z.enum(DEPLOYMENT_STATUSES, { error: 'must be "success" or "failure"' }),
    startedAt: optionalInstant,
    finishedAt: plausibleInstantSchema,
    commits: z.preprocess(
      (v) => (v === null ? undefined : v),
      z
        .array(
          z.object(
            {
              sha: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
              committedAt: plausibleInstantSchema,
            },
            { error: "must be an object {sha, committedAt}" },
          ),
          { error: "must be an array of {sha, committedAt}" },
        )
        .max(MAX_COMMITS_PER_DEPLOYMENT, `must hold at most ${MAX_COMMITS_PER_DEPLOYMENT} commits`)
        .optional(),
    ),
    firstCommitAt: optionalInstant,
    hotfix: flagSchema,
    rollback: flagSchema,
  }, { error: "must be a deployment object" })
  .refine((d) => d.startedAt === undefined || d.finishedAt >= d.startedAt, {
    path: ["finishedAt"],
    message: "must not be before startedAt",
    // also reported when other fields of the element are wrong
    when: (p) => {
      const v = p.value as { startedAt?: unknown; finishedAt?: unknown } | null;
      return typeof v?.startedAt === "number" && typeof v?.finishedAt === "number";
    },
  })
  .superRefine((d, ctx) => {
    d.commits?.forEach((c, i) => checkCommitTime(ctx, d.finishedAt, c.committedAt, ["commits", i, "committedAt"]));
    if (d.firstCommitAt !== undefined) checkCommitTime(ctx, d.finishedAt, d.firstCommitAt, ["firstCommitAt"]);
  });

export type DeploymentInput = z.output<typeof deploymentInputSchema>;

export const incidentInputSchema = z
  .object({
    externalId: optionalExternalId,
    service: serviceNameSchema,
    title: z.string({ error: "is required" }).trim().min(1, "is required").max(300, "must be at most 300 characters"),
    severity: z.enum(SEVERITIES, { error: "must be SEV1, SEV2, SEV3 or SEV4" }),
    startedAt: plausibleInstantSchema,
    /** absent: keep (on update) / open (on create); null: reopen */
    resolvedAt: z.union([z.null(), plausibleInstantSchema]).optional(),
    /** absent: keep an explicit or cleared cause, else infer; null: back to the inferred rule */
    causedByDeploymentExternalId: z.union([z.null(), externalIdSchema]).optional(),
  }, { error: "must be an incident object" })
  .refine((d) => typeof d.resolvedAt !== "number" || d.resolvedAt >= d.startedAt, {
    path: ["resolvedAt"],
    message: "must not be before startedAt",
    when: (p) => {
      const v = p.value as { startedAt?: unknown; resolvedAt?: unknown } | null;
      return typeof v?.startedAt === "number" && typeof v?.resolvedAt === "number";
    },
  });

export type IncidentInput = z.output<typeof incidentInputSchema>;

/** How elements of a batch are named in error keys: "3." + field for API arrays, "" for one object. */
export type BatchNaming = { key: (i: number) => string; describe: (i: number) => string };

function apiNaming(count: number): BatchNaming {
  return { key: (i) => (count === 1 ? "" : `${i}.`), describe: (i) => `element ${i}` };
}

/** Duplicate keys inside one batch are refused (the reply names both elements). */
function duplicateErrors<T>(items: readonly T[], key: (item: T) => string | null, field: string, naming: BatchNaming) {
  const errors: Record<string, string[]> = {};
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === null) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else addError(errors, `${naming.key(i)}${field}`, `repeats the same external id as ${naming.describe(first)}`);
  });
  return errors;
}

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
};

const statementCache = new WeakMap<Client, Statements>();

const INFER_SUBQUERY = `(SELECT d.id FROM deployments d
   WHERE d.service_id = incidents.service_id AND d.environment = 'production' AND d.status = 'success'
     AND d.finished_at <= incidents.started_at
   ORDER BY d.finished_at DESC, d.id DESC LIMIT 1)`;

function statements(db: Db): Statements {
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
  };
  statementCache.set(client, s);
  return s;
}

type ServiceCache = Map<string, number | null>;

/** The service's id, created (and audited) on first sight when `create` is true. */
function serviceId(db: Db, st: Statements, cache: ServiceCache, name: string, actor: AuditActor, created: string[], create: boolean): number | null {
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

function inferCauseId(st: Statements, svcId: number, startedAt: number): number | null {
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
export function ingestDeployments(
  db: Db,
  items: readonly DeploymentInput[],
  actor: AuditActor,
  opts: IngestOptions = { via: "api" },
): DeploymentIngestResult {
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
  return db.delete(schema.deploymentCommits).where(and(eq(schema.deploymentCommits.deploymentId, deploymentId), inArray(schema.deploymentCommits.sha, [...shas]))).run().changes;
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

export type IncidentUpsertItem = { index: number; id: number; externalId: string | null; created: boolean; causeKind: CauseKind | null; causeDeploymentId: number | null };
export type IncidentUpsertResult = { created: number; updated: number; servicesCreated: string[]; incidents: IncidentUpsertItem[] };

/**
 * Creates or updates incidents (upsert on externalId) in ONE transaction. Throws DeliveryInputError
 * (nothing written) when a cause names no deployment of that service, or an externalId repeats.
 *
 * Cause: a given `causedByDeploymentExternalId` → explicit. Absent → an explicit or cleared cause is
 * kept, otherwise the contract's rule infers it. `null` → back to the inferred rule.
 */
export function upsertIncidents(
  db: Db,
  items: readonly IncidentInput[],
  actor: AuditActor,
  opts: IngestOptions = { via: "api" },
): IncidentUpsertResult {
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
          addError(errors, `${label(index)}causedByDeploymentExternalId`, `no deployment "${inc.causedByDeploymentExternalId}" of service "${inc.service}" is known`);
          return;
        }
        explicitId = dep.id;
      }
      const sid = svcId!;
      const existing = inc.externalId === undefined ? undefined : (st.incidentByExternal.get(inc.externalId) as IncidentRow | undefined);
      const resolvedAt = inc.resolvedAt === undefined ? (existing?.resolvedAt ?? null) : inc.resolvedAt;
      if (resolvedAt !== null && resolvedAt < inc.startedAt) {
        addError(errors, `${label(index)}resolvedAt`, "must not be before startedAt (the stored resolution time is earlier than this start)");
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
      if (existing) {
        st.updateIncident.run(sid, inc.title, inc.severity, inc.startedAt, resolvedAt, causeId, causeKind, now, existing.id);
        const after = { serviceId: sid, title: inc.title, severity: inc.severity, startedAt: inc.startedAt, resolvedAt, causeDeploymentId: causeId, causeKind, ...via };
        recordAudit(db, { actor, action: opts.via === "import" ? "import" : "update", entityType: "incident", entityId: existing.id, before: existing, after });
        results.push({ index, id: existing.id, externalId: existing.externalId, created: false, causeKind, causeDeploymentId: causeId });
      } else {
        const id = Number(
          st.insertIncident.run(sid, inc.externalId ?? null, inc.title, inc.severity, inc.startedAt, resolvedAt, causeId, causeKind, now, now).lastInsertRowid,
        );
        const after = { serviceId: sid, externalId: inc.externalId ?? null, title: inc.title, severity: inc.severity, startedAt: inc.startedAt, resolvedAt, causeDeploymentId: causeId, causeKind, ...via };
        recordAudit(db, { actor, action: opts.via === "import" ? "import" : "create", entityType: "incident", entityId: id, after });
        results.push({ index, id, externalId: inc.externalId ?? null, created: true, causeKind, causeDeploymentId: causeId });
      }
    });
    if (Object.keys(errors).length > 0) throw new DeliveryInputError(errors);
    const created = results.filter((r) => r.created).length;
    return { created, updated: results.length - created, servicesCreated, incidents: results };
  });
}

// ---------------------------------------------------------------------------------------------------
// CSV rows (DESIGN.md formats)
// ---------------------------------------------------------------------------------------------------

export const DEPLOYMENT_CSV_HEADERS = [
  "external_id",
  "service",
  "environment",
  "status",
  "started_at",
  "finished_at",
  "first_commit_at",
  "hotfix",
  "rollback",
] as const;

export const INCIDENT_CSV_HEADERS = ["external_id", "service", "title", "severity", "started_at", "resolved_at", "caused_by_external_id"] as const;

/** A CSV boolean cell: true/false, 1/0, yes/no; empty = false; anything else → null (an error). */
function csvFlag(v: string | undefined): boolean | null {
  if (v === undefined) return false;
  const s = v.trim().toLowerCase();
  if (["true", "1", "yes", "y"].includes(s)) return true;
  if (["false", "0", "no", "n"].includes(s)) return false;
  return null;
}

/** One CSV row of deployments → the API's input shape (so both paths validate the same way). */
export const deploymentCsvRowSchema = z
  .object({
    external_id: z.string().optional(),
    service: z.string({ error: "required" }),
    environment: z.string().optional(),
    status: z.string({ error: "required" }),
    started_at: z.string().optional(),
    finished_at: z.string({ error: "required" }),
    first_commit_at: z.string().optional(),
    hotfix: z.string().optional(),
    rollback: z.string().optional(),
  })
  .transform((r, ctx) => {
    const hotfix = csvFlag(r.hotfix);
    const rollback = csvFlag(r.rollback);
    if (hotfix === null) ctx.addIssue({ code: "custom", path: ["hotfix"], message: "must be true or false (also 1/0, yes/no)" });
    if (rollback === null) ctx.addIssue({ code: "custom", path: ["rollback"], message: "must be true or false (also 1/0, yes/no)" });
    const parsed = deploymentInputSchema.safeParse({
      externalId: r.external_id,
      service: r.service,
      environment: r.environment,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      firstCommitAt: r.first_commit_at,
      hotfix: hotfix ?? false,
      rollback: rollback ?? false,
    });
    if (parsed.success && hotfix !== null && rollback !== null) return parsed.data;
    if (parsed.success) return z.NEVER;
    const column: Record<string, string> = {
      externalId: "external_id",
      startedAt: "started_at",
      finishedAt: "finished_at",
      firstCommitAt: "first_commit_at",
      hotfix: "hotfix",
      rollback: "rollback",
    };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      ctx.addIssue({ code: "custom", path: [column[key] ?? key], message: issue.message });
    }
    return z.NEVER;
  });

export const incidentCsvRowSchema = z
  .object({
    external_id: z.string().optional(),
    service: z.string({ error: "required" }),
    title: z.string({ error: "required" }),
    severity: z.string({ error: "required" }),
    started_at: z.string({ error: "required" }),
    resolved_at: z.string().optional(),
    caused_by_external_id: z.string().optional(),
  })
  .transform((r, ctx) => {
    const parsed = incidentInputSchema.safeParse({
      externalId: r.external_id,
      service: r.service,
      title: r.title,
      severity: r.severity?.toUpperCase(),
      startedAt: r.started_at,
      // an empty cell is "not resolved" / "no explicit cause" — a CSV row states the whole incident
      resolvedAt: r.resolved_at ?? null,
      causedByDeploymentExternalId: r.caused_by_external_id,
    });
    if (parsed.success) return parsed.data;
    const column: Record<string, string> = {
      externalId: "external_id",
      startedAt: "started_at",
      resolvedAt: "resolved_at",
      causedByDeploymentExternalId: "caused_by_external_id",
    };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      ctx.addIssue({ code: "custom", path: [column[key] ?? key], message: issue.message });
    }
    return z.NEVER;
  });

export type CsvImportResult =
  | { ok: true; kind: "deployments" | "incidents"; rows: number; created: number; updated: number; unchanged: number; servicesCreated: string[] }
  | { ok: false; errors: CsvRowError[] };

const API_TO_DEPLOYMENT_COLUMN: Record<string, string> = { externalId: "external_id" };
const API_TO_INCIDENT_COLUMN: Record<string, string> = {
  externalId: "external_id",
  causedByDeploymentExternalId: "caused_by_external_id",
  resolvedAt: "resolved_at",
  startedAt: "started_at",
};

/** DeliveryInputError keys ("<index>.<field>") → CSV row errors. */
function csvErrorsOf(err: DeliveryInputError, rowNumbers: readonly number[], columns: Record<string, string>): CsvRowError[] {
  const out: CsvRowError[] = [];
  for (const [key, messages] of Object.entries(err.fieldErrors)) {
    const dot = key.indexOf(".");
    const index = Number(key.slice(0, dot));
    const field = key.slice(dot + 1);
    for (const message of messages) out.push({ row: rowNumbers[index] ?? 0, field: columns[field] ?? field, message });
  }
  return out.sort((a, b) => a.row - b.row);
}

function csvNaming(rowNumbers: readonly number[]): BatchNaming {
  return { key: (i) => `${i}.`, describe: (i) => `row ${rowNumbers[i]}` };
}

/**
 * Imports deployments from CSV (DESIGN.md format), all or nothing: any bad row rejects the file and
 * every bad row and field is listed. Rows whose (service, external_id) is already known are left
 * as they are (counted "unchanged"): the import is idempotent like the API.
 */
export function importDeploymentsCsv(db: Db, text: string, actor: AuditActor): CsvImportResult {
  const parsed = parseCsv(text, deploymentCsvRowSchema, { headers: DEPLOYMENT_CSV_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  if (parsed.rows.length === 0) return { ok: false, errors: [{ row: 2, field: "", message: "the file has no data rows" }] };
  try {
    const r = ingestDeployments(db, parsed.rows, actor, { via: "import", naming: csvNaming(parsed.rowNumbers) });
    return { ok: true, kind: "deployments", rows: parsed.rows.length, created: r.created, updated: 0, unchanged: r.known, servicesCreated: r.servicesCreated };
  } catch (err) {
    if (err instanceof DeliveryInputError) return { ok: false, errors: csvErrorsOf(err, parsed.rowNumbers, API_TO_DEPLOYMENT_COLUMN) };
    throw err;
  }
}

/** Imports incidents from CSV, all or nothing; upsert on external_id (created / updated). */
export function importIncidentsCsv(db: Db, text: string, actor: AuditActor): CsvImportResult {
  const parsed = parseCsv(text, incidentCsvRowSchema, { headers: INCIDENT_CSV_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  if (parsed.rows.length === 0) return { ok: false, errors: [{ row: 2, field: "", message: "the file has no data rows" }] };
  try {
    const r = upsertIncidents(db, parsed.rows, actor, { via: "import", naming: csvNaming(parsed.rowNumbers) });
    return { ok: true, kind: "incidents", rows: parsed.rows.length, created: r.created, updated: r.updated, unchanged: 0, servicesCreated: r.servicesCreated };
  } catch (err) {
    if (err instanceof DeliveryInputError) return { ok: false, errors: csvErrorsOf(err, parsed.rowNumbers, API_TO_INCIDENT_COLUMN) };
    throw err;
  }
}

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
      lastDeployedAt: sql<number | null>`(SELECT max(d.finished_at) FROM deployments d WHERE d.service_id = ${schema.services.id} AND d.environment = 'production')`,
      openIncidents: sql<number>`(SELECT count(*) FROM incidents i WHERE i.service_id = ${schema.services.id} AND i.resolved_at IS NULL)`,
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

// ---------------------------------------------------------------------------------------------------
// List filters (URL parameters)
// ---------------------------------------------------------------------------------------------------

/** What a list filter resolved to; names were looked up (unknown ones leave a notice). */
export type DeploymentFilter = {
  serviceIds?: number[];
  status?: DeploymentStatus;
  environment?: string;
  from?: number;
  to?: number;
  hotfix?: boolean;
  rollback?: boolean;
};

export type IncidentFilter = {
  serviceIds?: number[];
  severity?: Severity;
  state?: "open" | "resolved";
  cause?: CauseKind | "unset";
  from?: number;
  to?: number;
};

export type FilterEcho = Record<string, string>;

const INSTANT_PARAM_MESSAGE = "must be a date (YYYY-MM-DD), an ISO 8601 date-time with a zone, or milliseconds";

/** `from` / `to` of a list: a UTC day (dateOnly), an ISO 8601 instant with a zone, or epoch milliseconds. */
const instantParam = z.union(
  [
    z.string().regex(/^\d{1,15}$/).transform((v) => ({ ms: Number(v), dateOnly: false })),
    isoDateSchema.transform((v) => ({ ms: Date.parse(`${v}T00:00:00Z`), dateOnly: true })),
    isoInstantSchema.transform((ms) => ({ ms, dateOnly: false })),
  ],
  { error: INSTANT_PARAM_MESSAGE },
);

const boolParam = z.enum(["yes", "no", "true", "false", "1", "0"], { error: "must be yes or no" }).transform((v) => v === "yes" || v === "true" || v === "1");

/** The filters' URL parameters through their schema: bad ones are ignored with a notice; `echo` is what was accepted. */
function parseFilterParams<S extends z.ZodObject>(sp: URLSearchParams, schema: S, notices: string[]) {
  const { data, ignored, accepted } = parseSearchParams(sp, schema);
  notices.push(...ignored.map(ignoredParamNotice));
  return { p: data, echo: accepted as FilterEcho };
}

export const DeploymentFilterParamsSchema = z.object({
  service: z.string().max(100).optional(),
  team: z.string().max(100).optional(),
  status: z.enum(DEPLOYMENT_STATUSES, { error: "must be success or failure" }).optional(),
  environment: environmentSchema.optional(),
  from: instantParam.optional(),
  to: instantParam.optional(),
  hotfix: boolParam.optional(),
  rollback: boolParam.optional(),
});

export const IncidentFilterParamsSchema = z.object({
  service: z.string().max(100).optional(),
  team: z.string().max(100).optional(),
  severity: z.string().toUpperCase().pipe(z.enum(SEVERITIES, { error: "must be SEV1 to SEV4" })).optional(),
  state: z.enum(["open", "resolved"], { error: "must be open or resolved" }).optional(),
  cause: z.enum([...CAUSE_KINDS, "unset"], { error: "must be explicit, inferred, none or unset" }).optional(),
  from: instantParam.optional(),
  to: instantParam.optional(),
});

function resolveServiceScope(db: Db, service: string | undefined, team: string | undefined, notices: string[]): number[] | undefined {
  let ids: number[] | undefined;
  if (service !== undefined) {
    const row = db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.name, service)).get();
    if (!row) notices.push(`No service is named "${service}".`);
    ids = row ? [row.id] : [];
  }
  if (team !== undefined) {
    const t = db.select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.name, team)).get();
    if (!t) notices.push(`No team is named "${team}".`);
    const owned = t
      ? db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.teamId, t.id)).all().map((r) => r.id)
      : [];
    ids = ids === undefined ? owned : ids.filter((id) => owned.includes(id));
  }
  return ids;
}

function windowFromParams(p: { from?: { ms: number; dateOnly: boolean }; to?: { ms: number; dateOnly: boolean } }, notices: string[]) {
  const from = p.from?.ms;
  // a bare date as `to` includes that whole day (UTC): the bound is the next midnight
  const to = p.to === undefined ? undefined : p.to.dateOnly ? p.to.ms + MS_PER_DAY : p.to.ms;
  if (from !== undefined && to !== undefined && to <= from) notices.push("The end of the date range is not after its start: no row can match.");
  return { from, to };
}

/**
 * Deployments list filters from the URL: service and team BY NAME, status, environment,
 * from/to (half-open [from, to) on finished time; YYYY-MM-DD (UTC; a bare `to` date includes that day),
 * ISO 8601 with a zone, or ms), hotfix/rollback (yes/no). Bad values are ignored with a notice.
 */
export function parseDeploymentFilter(db: Db, sp: URLSearchParams) {
  const notices: string[] = [];
  const { p, echo } = parseFilterParams(sp, DeploymentFilterParamsSchema, notices);
  const filter: DeploymentFilter = {
    serviceIds: resolveServiceScope(db, p.service, p.team, notices),
    status: p.status,
    environment: p.environment,
    hotfix: p.hotfix,
    rollback: p.rollback,
    ...windowFromParams(p, notices),
  };
  return { filter, notices, echo };
}

/** Incidents list filters: service, team, severity, state (open/resolved), cause (explicit/inferred/none/unset), from/to on start. */
export function parseIncidentFilter(db: Db, sp: URLSearchParams) {
  const notices: string[] = [];
  const { p, echo } = parseFilterParams(sp, IncidentFilterParamsSchema, notices);
  const filter: IncidentFilter = {
    serviceIds: resolveServiceScope(db, p.service, p.team, notices),
    severity: p.severity,
    state: p.state,
    cause: p.cause,
    ...windowFromParams(p, notices),
  };
  return { filter, notices, echo };
}

// ---------------------------------------------------------------------------------------------------
// Deployments list
// ---------------------------------------------------------------------------------------------------

const d = schema.deployments;
const inc = schema.incidents;

/**
 * `scanByFinish`: for the page query sorted by finish time with several services (a team), the
 * service term is written `+service_id IN (…)` so SQLite walks the finished_at index newest first
 * and stops after one page, instead of collecting and sorting every row of those services.
 */
function deploymentWhere(f: DeploymentFilter, scanByFinish = false): SQL | undefined {
  const w: SQL[] = [];
  if (f.serviceIds !== undefined) {
    if (f.serviceIds.length === 0) w.push(sql`0`);
    else if (f.serviceIds.length === 1) w.push(eq(d.serviceId, f.serviceIds[0]));
    else if (scanByFinish) w.push(sql`+${d.serviceId} IN (${sql.join(f.serviceIds.map((id) => sql`${id}`), sql`, `)})`);
    else w.push(inArray(d.serviceId, f.serviceIds));
  }
  if (f.status) w.push(eq(d.status, f.status));
  if (f.environment) w.push(eq(d.environment, f.environment));
  if (f.from !== undefined) w.push(gte(d.finishedAt, new Date(f.from)));
  if (f.to !== undefined) w.push(lt(d.finishedAt, new Date(f.to)));
  if (f.hotfix !== undefined) w.push(eq(d.isHotfix, f.hotfix));
  if (f.rollback !== undefined) w.push(eq(d.isRollback, f.rollback));
  return w.length ? and(...w) : undefined;
}

/** Sortable columns: each has an index that serves it on millions of rows (status / environment are filters instead). */
export const DEPLOYMENT_SORTS = ["finishedAt", "service", "id"] as const;
export type DeploymentSort = { id: string; desc: boolean };

function deploymentOrder(sort: DeploymentSort): SQL[] {
  const dir = sort.desc ? desc : asc;
  switch (sort.id) {
    case "service":
      return [dir(schema.services.name), desc(d.finishedAt), desc(d.id)];
    case "id":
      return [dir(d.id)];
    default:
      return [dir(d.finishedAt), dir(d.id)];
  }
}

const deploymentColumns = {
  id: d.id,
  externalId: d.externalId,
  service: schema.services.name,
  team: schema.teams.name,
  environment: d.environment,
  status: d.status,
  startedAt: d.startedAt,
  finishedAt: d.finishedAt,
  firstCommitAt: d.firstCommitAt,
  isHotfix: d.isHotfix,
  isRollback: d.isRollback,
};

export type DeploymentListRow = {
  id: number;
  externalId: string | null;
  service: string;
  team: string | null;
  environment: string;
  status: DeploymentStatus;
  startedAt: number | null;
  finishedAt: number;
  isHotfix: boolean;
  isRollback: boolean;
  commits: number;
  /** finished − oldest change (oldest commit, else first-commit time), hours; null when none */
  oldestChangeHours: number | null;
  incidents: number;
};

export function listDeployments(db: Db, filter: DeploymentFilter, sort: DeploymentSort, page: { limit: number; offset: number }) {
  const where = deploymentWhere(filter);
  const total = db.select({ n: sql<number>`count(*)` }).from(d).where(where).get()!.n;
  const rows = db
    .select(deploymentColumns)
    .from(d)
    .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .where(deploymentWhere(filter, sort.id === "finishedAt"))
    .orderBy(...deploymentOrder(sort))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  // per-row extras for this page only (≤ 100 rows)
  const ids = rows.map((r) => r.id);
  const extras = new Map<number, { commits: number; oldest: number | null; incidents: number }>();
  if (ids.length > 0) {
    const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
    for (const r of db.all<{ id: number; commits: number; oldest: number | null }>(
      sql`SELECT deployment_id AS id, count(*) AS commits, min(committed_at) AS oldest FROM deployment_commits WHERE deployment_id IN (${list}) GROUP BY deployment_id`,
    )) {
      extras.set(r.id, { commits: r.commits, oldest: r.oldest, incidents: 0 });
    }
    for (const r of db.all<{ id: number; n: number }>(
      sql`SELECT cause_deployment_id AS id, count(*) AS n FROM incidents WHERE cause_deployment_id IN (${list}) AND cause_kind IN ('explicit', 'inferred') GROUP BY cause_deployment_id`,
    )) {
      const e = extras.get(r.id) ?? { commits: 0, oldest: null, incidents: 0 };
      e.incidents = r.n;
      extras.set(r.id, e);
    }
  }
  const out: DeploymentListRow[] = rows.map((r) => {
    const e = extras.get(r.id);
    const oldest = e?.oldest ?? r.firstCommitAt?.getTime() ?? null;
    const finished = r.finishedAt.getTime();
    return {
      id: r.id,
      externalId: r.externalId,
      service: r.service,
      team: r.team,
      environment: r.environment,
      status: r.status,
      startedAt: r.startedAt?.getTime() ?? null,
      finishedAt: finished,
      isHotfix: r.isHotfix,
      isRollback: r.isRollback,
      commits: e?.commits ?? 0,
      oldestChangeHours: oldest === null ? null : (finished - oldest) / MS_PER_HOUR,
      incidents: e?.incidents ?? 0,
    };
  });
  return { rows: out, total };
}

function isoOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "" : new Date(ms).toISOString();
}

const EXPORT_CHUNK = 5000;

/** The filtered deployments as CSV rows (DESIGN.md format), in chunks, at most MAX_EXPORT_ROWS. */
export function* deploymentCsvRows(db: Db, filter: DeploymentFilter, sort: DeploymentSort): Generator<string[][]> {
  const where = deploymentWhere(filter);
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += EXPORT_CHUNK) {
    const rows = db
      .select({
        externalId: d.externalId,
        service: schema.services.name,
        environment: d.environment,
        status: d.status,
        startedAt: d.startedAt,
        finishedAt: d.finishedAt,
        firstCommitAt: sql<number | null>`coalesce(${d.firstCommitAt}, (SELECT min(c.committed_at) FROM deployment_commits c WHERE c.deployment_id = ${d.id}))`,
        isHotfix: d.isHotfix,
        isRollback: d.isRollback,
      })
      .from(d)
      .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
      .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
      .where(where)
      .orderBy(...deploymentOrder(sort))
      .limit(Math.min(EXPORT_CHUNK, MAX_EXPORT_ROWS - offset))
      .offset(offset)
      .all();
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.externalId ?? "",
      r.service,
      r.environment,
      r.status,
      isoOrEmpty(r.startedAt?.getTime()),
      isoOrEmpty(r.finishedAt.getTime()),
      isoOrEmpty(r.firstCommitAt),
      r.isHotfix ? "true" : "false",
      r.isRollback ? "true" : "false",
    ]);
    if (rows.length < EXPORT_CHUNK) return;
  }
}

export function countDeployments(db: Db, filter: DeploymentFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(d).where(deploymentWhere(filter)).get()!.n;
}

export function getDeployment(db: Db, id: number) {
  const row = db
    .select({ ...deploymentColumns, serviceId: d.serviceId, createdAt: d.createdAt })
    .from(d)
    .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .where(eq(d.id, id))
    .get();
  if (!row) return null;
  const finished = row.finishedAt.getTime();
  const commits = db
    .select({ id: schema.deploymentCommits.id, sha: schema.deploymentCommits.sha, committedAt: schema.deploymentCommits.committedAt })
    .from(schema.deploymentCommits)
    .where(eq(schema.deploymentCommits.deploymentId, id))
    .orderBy(asc(schema.deploymentCommits.committedAt), asc(schema.deploymentCommits.id))
    .all()
    .map((c) => {
      const ms = finished - c.committedAt.getTime();
      return { id: c.id, sha: c.sha, committedAt: c.committedAt.getTime(), leadTimeHours: ms / MS_PER_HOUR, counted: ms > 0 };
    });
  // the contract's samples: every commit, else the first-commit time; values ≤ 0 dropped
  const samples = leadTimeSamplesMs({
    id: row.id,
    serviceId: row.serviceId,
    environment: row.environment,
    status: row.status,
    finishedAt: finished,
    firstCommitAt: row.firstCommitAt?.getTime() ?? null,
    commits: commits.map((c) => c.committedAt),
    isHotfix: row.isHotfix,
    isRollback: row.isRollback,
  });
  const medianMs = median(samples);
  const causedIncidents = db
    .select({ id: inc.id, title: inc.title, severity: inc.severity, startedAt: inc.startedAt, resolvedAt: inc.resolvedAt, causeKind: inc.causeKind })
    .from(inc)
    .where(and(eq(inc.causeDeploymentId, id), inArray(inc.causeKind, ["explicit", "inferred"])))
    .orderBy(desc(inc.startedAt))
    .limit(100)
    .all()
    .map((i) => ({ ...i, startedAt: i.startedAt.getTime(), resolvedAt: i.resolvedAt?.getTime() ?? null }));
  return {
    id: row.id,
    externalId: row.externalId,
    service: row.service,
    team: row.team,
    environment: row.environment,
    status: row.status,
    startedAt: row.startedAt?.getTime() ?? null,
    finishedAt: finished,
    firstCommitAt: row.firstCommitAt?.getTime() ?? null,
    isHotfix: row.isHotfix,
    isRollback: row.isRollback,
    createdAt: row.createdAt.getTime(),
    commits,
    leadTime: {
      samples: samples.length,
      medianHours: medianMs === null ? null : medianMs / MS_PER_HOUR,
      /** production + success: the deployment counts in the DORA figures */
      counts: row.environment === PRODUCTION && row.status === "success",
    },
    causedIncidents,
  };
}

// ---------------------------------------------------------------------------------------------------
// Incidents list
// ---------------------------------------------------------------------------------------------------

function incidentWhere(f: IncidentFilter): SQL | undefined {
  const w: SQL[] = [];
  if (f.serviceIds !== undefined) w.push(f.serviceIds.length === 0 ? sql`0` : f.serviceIds.length === 1 ? eq(inc.serviceId, f.serviceIds[0]) : inArray(inc.serviceId, f.serviceIds));
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
  const dir = sort.desc ? desc : asc;
  switch (sort.id) {
    case "service":
      return [dir(schema.services.name), desc(inc.startedAt), desc(inc.id)];
    case "duration":
      // matches the expression index incidents_duration_idx; open incidents (NULL) sort last when descending
      return [dir(sql`(${inc.resolvedAt} - ${inc.startedAt})`), desc(inc.id)];
    default:
      return [dir(inc.startedAt), dir(inc.id)];
  }
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
  const total = db.select({ n: sql<number>`count(*)` }).from(inc).where(where).get()!.n;
  const rows = incidentSelect(db).where(where).orderBy(...incidentOrder(sort)).limit(page.limit).offset(page.offset).all();
  return { rows: rows.map(toIncidentRow), total };
}

/** Filtered incidents as CSV rows; caused_by_external_id holds the EXPLICIT cause only (a re-import keeps inference). */
export function* incidentCsvRows(db: Db, filter: IncidentFilter, sort: DeploymentSort): Generator<string[][]> {
  const where = incidentWhere(filter);
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += EXPORT_CHUNK) {
    const rows = incidentSelect(db)
      .where(where)
      .orderBy(...incidentOrder(sort))
      .limit(Math.min(EXPORT_CHUNK, MAX_EXPORT_ROWS - offset))
      .offset(offset)
      .all();
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.externalId ?? "",
      r.service,
      r.title,
      r.severity,
      isoOrEmpty(r.startedAt.getTime()),
      isoOrEmpty(r.resolvedAt?.getTime()),
      r.causeKind === "explicit" ? (r.causeExternalId ?? "") : "",
    ]);
    if (rows.length < EXPORT_CHUNK) return;
  }
}

export function countIncidents(db: Db, filter: IncidentFilter): number {
  return db.select({ n: sql<number>`count(*)` }).from(inc).where(incidentWhere(filter)).get()!.n;
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

function resolveCause(db: Db, serviceId: number, startedAt: number, cause: CauseChoice): { causeKind: CauseKind | null; causeDeploymentId: number | null } | { error: string } {
  if (cause.mode === "none") return { causeKind: "none", causeDeploymentId: null };
  if (cause.mode === "inferred") {
    const id = inferCauseId(statements(db), serviceId, startedAt);
    return { causeKind: id === null ? null : "inferred", causeDeploymentId: id };
  }
  const dep = db.select({ id: d.id, serviceId: d.serviceId }).from(d).where(eq(d.id, cause.deploymentId)).get();
  if (!dep || dep.serviceId !== serviceId) return { error: "must be a deployment of the incident's service" };
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
  if (input.externalId && externalIdTaken(db, input.externalId)) return { field: "externalId", error: "is already used by another incident" };
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
  if (resolvedAt !== null && resolvedAt < startedAt) return { field: "resolvedAt", error: "must not be before the start" };
  let cause: { causeKind: CauseKind | null; causeDeploymentId: number | null } = { causeKind: before.causeKind, causeDeploymentId: before.causeDeploymentId };
  const choice: CauseChoice | undefined =
    patch.cause ?? (startedAt !== before.startedAt.getTime() && (before.causeKind === null || before.causeKind === "inferred") ? { mode: "inferred" } : undefined);
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

/** A deployment of a service by its external id, or "#<id>" for its internal id. */
export function findServiceDeployment(db: Db, serviceId: number, ref: string): number | null {
  const v = ref.trim();
  const internal = /^#(\d{1,15})$/.exec(v);
  const row = internal
    ? db.select({ id: d.id }).from(d).where(and(eq(d.serviceId, serviceId), eq(d.id, Number(internal[1])))).get()
    : db.select({ id: d.id }).from(d).where(and(eq(d.serviceId, serviceId), eq(d.externalId, v))).get();
  return row?.id ?? null;
}

export function serviceExists(db: Db, id: number): boolean {
  return !!db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.id, id)).get();
}

/** Whether any deployment was ever recorded (an empty install shows where to send them, not zeros). */
export function hasAnyDeployment(db: Db): boolean {
  return !!db.get<{ one: number } | undefined>(sql`SELECT 1 AS one FROM deployments LIMIT 1`);
}
