/**
 * Webhook sources (GitHub, GitLab, Alertmanager, PagerDuty) and their delivery log.
 *
 * - Sources are data: kind, name, a shared secret (sealed at rest, shown once), the service-mapping
 *   rule (repository / project / label value → service, with a default) and the environment that
 *   counts as production. People's writes to them are audited; the secret never is.
 * - A delivery (`receiveWebhook`) is verified on its raw bytes, parsed by the vendor's pure parser
 *   (app/lib/webhooks/), mapped to a service and written through the same ingestion as the JSON API
 *   (`ingestDeployments`, `upsertIncidents`), so the DORA figures are the API's by construction.
 * - Pushed commits wait in `webhook_commits` for the production deployment that ships them
 *   (docs/decisions/303-webhook-commits-and-lead-time.md).
 * - Every delivery leaves one row in the source's log (bounded, pruned in the same transaction),
 *   saying what it wrote or exactly why it was ignored or refused. Deliveries are machine writes:
 *   they are recorded there and, for the delivery data they change, in the audit trail as the
 *   system (like a token's writes, with the source named), never as a person.
 *
 * Status codes: 201 created, 200 updated / ignored (unknown events too, so no sender disables the
 * hook), 202 refused for the tracker's own configuration (an unmapped service: fixed on the source's
 * page, not by the sender), 400 invalid payload, 401 bad signature (nothing written but the log row).
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { PRODUCTION } from "~/lib/metrics/delivery";
import { parseAlertmanager } from "~/lib/webhooks/alertmanager";
import { parseGithub } from "~/lib/webhooks/github";
import { parseGitlab } from "~/lib/webhooks/gitlab";
import { KIND_LABELS, MAPPING_KEY_LABELS } from "~/lib/webhooks/labels";
import { resolveService, type MappingRule } from "~/lib/webhooks/mapping";
import { parsePagerDuty } from "~/lib/webhooks/pagerduty";
import { SIGNATURE_HEADER, verifyDelivery } from "~/lib/webhooks/signatures.server";
import type { DeploymentEvent, IncidentsEvent, ParsedDelivery, PushEvent, WebhookEvent, WebhookKind } from "~/lib/webhooks/types";
import { recordAudit, SYSTEM_ACTOR } from "~/models/audit.server";
import {
  addDeploymentCommits,
  deploymentInputSchema,
  findDeploymentByExternalId,
  findIncidentByExternalId,
  incidentInputSchema,
  ingestDeployments,
  MIN_PLAUSIBLE_INSTANT,
  removeDeploymentCommits,
  updateDeploymentOutcome,
  upsertIncidents,
  type IncidentInput,
} from "~/models/delivery.server";
import { ApiInputError } from "~/utils/api.server";
import { schema, type Db } from "~/utils/db.server";
import { open, seal } from "~/utils/secret-box.server";
import { WEBHOOK_KINDS, WEBHOOK_OUTCOMES } from "../../db/schema";

export { WEBHOOK_KINDS, WEBHOOK_OUTCOMES };
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Verified deliveries kept per source. */
export const WEBHOOK_LOG_KEEP = 200;
/** Deliveries refused before verification (bad signature, too large) kept per source, apart, so forged posts cannot push the real ones out. */
export const WEBHOOK_LOG_KEEP_UNVERIFIED = 20;
/** Most commits attached to one deployment from the pushed-commit store (the API's own limit). */
const MAX_ATTACH = 1000;
const MS_PER_DAY = 86_400_000;
const MAX_COMMIT_AGE_MS = 5 * 365 * MS_PER_DAY;

export { KIND_LABELS, MAPPING_KEY_LABELS };

const src = schema.webhookSources;
const maps = schema.webhookServiceMappings;
const log = schema.webhookDeliveries;
const wc = schema.webhookCommits;

// ---------------------------------------------------------------------------------------------------
// Sources (a person's writes: audited, the secret never)
// ---------------------------------------------------------------------------------------------------

/** A new shared secret: 32 random bytes, base64url (43 characters). */
export function generateWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

function hintOf(secret: string): string {
  return secret.slice(-4);
}

export type WebhookSourceInput = {
  name: string;
  productionEnvironment: string;
  serviceLabel: string;
  defaultServiceId: number | null;
  mappings: MappingRule[];
};

function auditView(input: WebhookSourceInput & { kind?: WebhookKind }) {
  return {
    ...(input.kind ? { kind: input.kind } : {}),
    name: input.name,
    productionEnvironment: input.productionEnvironment,
    serviceLabel: input.serviceLabel,
    defaultServiceId: input.defaultServiceId,
    mappings: input.mappings.map((m) => `${m.matchValue} → #${m.serviceId}`),
  };
}

function writeMappings(tx: Pick<Db, "insert" | "delete">, sourceId: number, mappings: readonly MappingRule[]) {
  tx.delete(maps).where(eq(maps.sourceId, sourceId)).run();
  if (mappings.length > 0) tx.insert(maps).values(mappings.map((m) => ({ sourceId, matchValue: m.matchValue, serviceId: m.serviceId }))).run();
}

export function webhookSourceNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.select({ id: src.id }).from(src).where(eq(src.name, name)).get();
  return !!row && row.id !== exceptId;
}

/**
 * Creates a source. `secret`: the sender's own secret (PagerDuty generates it), or undefined to
 * generate one — except for PagerDuty, which then waits for its secret to be pasted. Returns the
 * secret to show ONCE (null when none was set).
 */
export function createWebhookSource(
  db: Db,
  userId: number,
  input: WebhookSourceInput & { kind: WebhookKind },
  secret?: string,
): { id: number; secret: string | null } {
  const plain = secret ?? (input.kind === "pagerduty" ? null : generateWebhookSecret());
  return db.transaction((tx) => {
    const row = tx
      .insert(src)
      .values({
        kind: input.kind,
        name: input.name,
        productionEnvironment: input.productionEnvironment,
        serviceLabel: input.serviceLabel,
        defaultServiceId: input.defaultServiceId,
        secretBox: plain === null ? null : seal(plain),
        secretHint: plain === null ? null : hintOf(plain),
        secretSetAt: plain === null ? null : new Date(),
        createdByUserId: userId,
      })
      .returning({ id: src.id })
      .get();
    writeMappings(tx, row.id, input.mappings);
    recordAudit(tx, {
      actor: { userId },
      action: "create",
      entityType: "webhook_source",
      entityId: row.id,
      after: { ...auditView(input), secret: plain === null ? "not set" : `set (…${hintOf(plain)})` },
    });
    return { id: row.id, secret: plain };
  });
}

/** Updates a source's name, production environment, label and mapping rule. False when there is no such source. */
export function updateWebhookSource(db: Db, userId: number, id: number, input: WebhookSourceInput): boolean {
  return db.transaction((tx) => {
    const before = getWebhookSource(tx as unknown as Db, id);
    if (!before) return false;
    tx.update(src)
      .set({
        name: input.name,
        productionEnvironment: input.productionEnvironment,
        serviceLabel: input.serviceLabel,
        defaultServiceId: input.defaultServiceId,
      })
      .where(eq(src.id, id))
      .run();
    writeMappings(tx, id, input.mappings);
    recordAudit(tx, {
      actor: { userId },
      action: "update",
      entityType: "webhook_source",
      entityId: id,
      before: auditView({ ...before, mappings: before.mappings }),
      after: auditView(input),
    });
    return true;
  });
}

/**
 * Replaces the secret: a new generated one (rotation), or the sender's own (PagerDuty shows its
 * secret when the subscription is made). Returns the secret to show once, or null when no such source.
 */
export function setWebhookSecret(db: Db, userId: number, id: number, own?: string): { secret: string } | null {
  const plain = own ?? generateWebhookSecret();
  return db.transaction((tx) => {
    const before = tx.select({ hint: src.secretHint }).from(src).where(eq(src.id, id)).get();
    if (!before) return null;
    tx.update(src).set({ secretBox: seal(plain), secretHint: hintOf(plain), secretSetAt: new Date() }).where(eq(src.id, id)).run();
    recordAudit(tx, {
      actor: { userId },
      action: own === undefined ? "rotate_secret" : "set_secret",
      entityType: "webhook_source",
      entityId: id,
      before: { secret: before.hint ? `…${before.hint}` : "not set" },
      after: { secret: `…${hintOf(plain)}` },
    });
    return { secret: plain };
  });
}

/** Deletes a source with its rules, log and waiting commits (the deliveries' data stays). */
export function deleteWebhookSource(db: Db, userId: number, id: number): boolean {
  return db.transaction((tx) => {
    const before = getWebhookSource(tx as unknown as Db, id);
    if (!before) return false;
    tx.delete(src).where(eq(src.id, id)).run();
    recordAudit(tx, { actor: { userId }, action: "delete", entityType: "webhook_source", entityId: id, before: auditView(before) });
    return true;
  });
}

export type WebhookSourceView = {
  id: number;
  kind: WebhookKind;
  name: string;
  productionEnvironment: string;
  serviceLabel: string;
  defaultServiceId: number | null;
  defaultServiceName: string | null;
  secretHint: string | null;
  secretSetAt: number | null;
  /** the sealed secret cannot be opened (SESSION_SECRET changed since) */
  secretUnreadable: boolean;
  lastDeliveryAt: number | null;
  createdAt: number;
  mappings: (MappingRule & { serviceName: string })[];
};

/** A source without its secret (null when there is none). */
export function getWebhookSource(db: Db, id: number): WebhookSourceView | null {
  const row = db
    .select({
      id: src.id,
      kind: src.kind,
      name: src.name,
      productionEnvironment: src.productionEnvironment,
      serviceLabel: src.serviceLabel,
      defaultServiceId: src.defaultServiceId,
      defaultServiceName: schema.services.name,
      secretBox: src.secretBox,
      secretHint: src.secretHint,
      secretSetAt: src.secretSetAt,
      lastDeliveryAt: src.lastDeliveryAt,
      createdAt: src.createdAt,
    })
    .from(src)
    .leftJoin(schema.services, eq(schema.services.id, src.defaultServiceId))
    .where(eq(src.id, id))
    .get();
  if (!row) return null;
  const mappings = db
    .select({ matchValue: maps.matchValue, serviceId: maps.serviceId, serviceName: schema.services.name })
    .from(maps)
    .innerJoin(schema.services, eq(schema.services.id, maps.serviceId))
    .where(eq(maps.sourceId, id))
    .orderBy(asc(maps.id))
    .all();
  const { secretBox, ...rest } = row;
  return {
    ...rest,
    secretSetAt: row.secretSetAt?.getTime() ?? null,
    secretUnreadable: secretBox !== null && open(secretBox) === null,
    lastDeliveryAt: row.lastDeliveryAt?.getTime() ?? null,
    createdAt: row.createdAt.getTime(),
    mappings,
  };
}

export type WebhookSourceListRow = {
  id: number;
  kind: WebhookKind;
  name: string;
  rules: number;
  defaultServiceName: string | null;
  hasSecret: boolean;
  lastDeliveryAt: number | null;
  lastOutcome: WebhookOutcome | null;
  refused: number;
};

export function listWebhookSources(db: Db): WebhookSourceListRow[] {
  return db
    .all<{
      id: number;
      kind: WebhookKind;
      name: string;
      rules: number;
      defaultServiceName: string | null;
      hasSecret: number;
      lastDeliveryAt: number | null;
      lastOutcome: WebhookOutcome | null;
      refused: number;
    }>(
      sql`SELECT s.id, s.kind, s.name,
            (SELECT count(*) FROM webhook_service_mappings m WHERE m.source_id = s.id) AS rules,
            sv.name AS defaultServiceName,
            s.secret_box IS NOT NULL AS hasSecret,
            s.last_delivery_at AS lastDeliveryAt,
            (SELECT l.outcome FROM webhook_deliveries l WHERE l.source_id = s.id ORDER BY l.id DESC LIMIT 1) AS lastOutcome,
            (SELECT count(*) FROM webhook_deliveries l WHERE l.source_id = s.id AND l.outcome = 'refused') AS refused
          FROM webhook_sources s LEFT JOIN services sv ON sv.id = s.default_service_id
          ORDER BY s.name`,
    )
    .map((r) => ({ ...r, hasSecret: !!r.hasSecret }));
}

// ---------------------------------------------------------------------------------------------------
// Delivery log (bounded)
// ---------------------------------------------------------------------------------------------------

export type DeliveryLogEntry = {
  event: string;
  outcome: WebhookOutcome;
  httpStatus: number;
  verified: boolean;
  reason?: string | null;
  summary?: string | null;
  deliveryId?: string | null;
};

const clip = (s: string | null | undefined, max: number) => (s == null ? null : s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Adds a log row and prunes the source's log to its bounds — call inside the delivery's transaction. */
function writeLog(db: Db, sourceId: number, entry: DeliveryLogEntry, now: number): number {
  const row = db
    .insert(log)
    .values({
      sourceId,
      receivedAt: new Date(now),
      deliveryId: clip(entry.deliveryId, 100),
      event: clip(entry.event, 120) ?? "(none)",
      outcome: entry.outcome,
      verified: entry.verified,
      httpStatus: entry.httpStatus,
      reason: clip(entry.reason, 1000),
      summary: clip(entry.summary, 1000),
    })
    .returning({ id: log.id })
    .get();
  const keep = entry.verified ? WEBHOOK_LOG_KEEP : WEBHOOK_LOG_KEEP_UNVERIFIED;
  db.run(sql`DELETE FROM webhook_deliveries WHERE source_id = ${sourceId} AND verified = ${entry.verified ? 1 : 0}
    AND id <= (SELECT id FROM webhook_deliveries WHERE source_id = ${sourceId} AND verified = ${entry.verified ? 1 : 0}
               ORDER BY id DESC LIMIT 1 OFFSET ${keep})`);
  if (entry.verified) db.update(src).set({ lastDeliveryAt: new Date(now) }).where(eq(src.id, sourceId)).run();
  return row.id;
}

/** Records a delivery refused before it could be read (e.g. a body over the size limit). */
export function recordRefusedDelivery(db: Db, sourceId: number, entry: Omit<DeliveryLogEntry, "outcome" | "verified">, now = Date.now()): void {
  db.transaction(() => {
    writeLog(db, sourceId, { ...entry, outcome: "refused", verified: false }, now);
  });
}

export const DELIVERY_PAGE_SIZE = 50;

export type DeliveryLogRow = {
  id: number;
  receivedAt: number;
  deliveryId: string | null;
  event: string;
  outcome: WebhookOutcome;
  verified: boolean;
  httpStatus: number;
  reason: string | null;
  summary: string | null;
};

/** The newest deliveries of a source first, filtered by outcome, one page. */
export function listWebhookDeliveries(db: Db, sourceId: number, opts: { outcome?: WebhookOutcome; page?: number } = {}) {
  const where = and(eq(log.sourceId, sourceId), opts.outcome ? eq(log.outcome, opts.outcome) : undefined);
  const total = db.select({ n: sql<number>`count(*)` }).from(log).where(where).get()!.n;
  const page = Math.max(1, opts.page ?? 1);
  const rows = db
    .select()
    .from(log)
    .where(where)
    .orderBy(desc(log.id))
    .limit(DELIVERY_PAGE_SIZE)
    .offset((page - 1) * DELIVERY_PAGE_SIZE)
    .all()
    .map(
      (r): DeliveryLogRow => ({
        id: r.id,
        receivedAt: r.receivedAt.getTime(),
        deliveryId: r.deliveryId,
        event: r.event,
        outcome: r.outcome,
        verified: r.verified,
        httpStatus: r.httpStatus,
        reason: r.reason,
        summary: r.summary,
      }),
    );
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------------------------------
// Receiving a delivery
// ---------------------------------------------------------------------------------------------------

export type WebhookReply = { status: number; body: Record<string, unknown> };

type SourceRow = {
  id: number;
  kind: WebhookKind;
  name: string;
  secretBox: string | null;
  productionEnvironment: string;
  serviceLabel: string;
  defaultServiceId: number | null;
};

function loadSource(db: Db, id: number): SourceRow | null {
  return (
    db
      .select({
        id: src.id,
        kind: src.kind,
        name: src.name,
        secretBox: src.secretBox,
        productionEnvironment: src.productionEnvironment,
        serviceLabel: src.serviceLabel,
        defaultServiceId: src.defaultServiceId,
      })
      .from(src)
      .where(eq(src.id, id))
      .get() ?? null
  );
}

/** The id and kind of a source (null when there is none). */
export function findWebhookSourceKind(db: Db, id: number): { id: number; kind: WebhookKind } | null {
  return db.select({ id: src.id, kind: src.kind }).from(src).where(eq(src.id, id)).get() ?? null;
}

/** The event name the sender puts in a header, for the log of a delivery that cannot be read yet. */
export function eventHeaderOf(kind: WebhookKind, headers: Headers): string {
  switch (kind) {
    case "github":
      return headers.get("X-GitHub-Event") ?? "(no X-GitHub-Event)";
    case "gitlab":
      return headers.get("X-Gitlab-Event") ?? "(no X-Gitlab-Event)";
    case "alertmanager":
      return "alerts";
    case "pagerduty":
      return "(PagerDuty event)";
  }
}

export function deliveryIdOf(kind: WebhookKind, headers: Headers): string | null {
  switch (kind) {
    case "github":
      return headers.get("X-GitHub-Delivery");
    case "gitlab":
      return headers.get("X-Gitlab-Event-UUID");
    case "pagerduty":
      return headers.get("X-Webhook-Id");
    default:
      return null;
  }
}

/** An outcome before it is logged. */
type Applied = { outcome: WebhookOutcome; status: number; reason?: string; summary?: string };

const refused = (status: number, reason: string): Applied => ({ outcome: "refused", status, reason });
const ignored = (reason: string): Applied => ({ outcome: "ignored", status: 200, reason });

/** The JSON text of a body: JSON, or GitHub's form-encoded `payload=` (its "application/x-www-form-urlencoded" option). */
function bodyJson(kind: WebhookKind, contentType: string, body: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: "invalid payload: the body is not UTF-8 text" };
  }
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (kind === "github" && type === "application/x-www-form-urlencoded") {
    const payload = new URLSearchParams(text).get("payload");
    if (payload === null) return { ok: false, reason: "invalid payload: a form-encoded body must hold a payload field" };
    text = payload;
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: "invalid payload: the body is not JSON" };
  }
}

function parseDelivery(source: SourceRow, headers: Headers, value: unknown): ParsedDelivery {
  switch (source.kind) {
    case "github":
      return parseGithub(headers.get("X-GitHub-Event"), value);
    case "gitlab":
      return parseGitlab(headers.get("X-Gitlab-Event"), value);
    case "alertmanager":
      return parseAlertmanager(value, { serviceLabel: source.serviceLabel });
    case "pagerduty":
      return parsePagerDuty(value);
  }
}

function rulesOf(db: Db, sourceId: number): MappingRule[] {
  return db.select({ matchValue: maps.matchValue, serviceId: maps.serviceId }).from(maps).where(eq(maps.sourceId, sourceId)).all();
}

function serviceName(db: Db, id: number): string {
  return db.select({ name: schema.services.name }).from(schema.services).where(eq(schema.services.id, id)).get()!.name;
}

const iso = (ms: number) => new Date(ms).toISOString();

function describeFieldErrors(errors: Record<string, string[]>): string {
  return Object.entries(errors)
    .slice(0, 3)
    .map(([k, v]) => `${k || "body"} ${v.join(", ")}`)
    .join("; ");
}

/**
 * Receives one delivery for source `sourceId`: verifies it on the raw bytes, parses and applies it,
 * and logs the outcome — one transaction. Null when the source does not exist (the route answers 404).
 */
export function receiveWebhook(db: Db, sourceId: number, req: { headers: Headers; body: Uint8Array }, now = Date.now()): WebhookReply | null {
  const source = loadSource(db, sourceId);
  if (!source) return null;
  const { headers, body } = req;
  const deliveryId = deliveryIdOf(source.kind, headers);
  const header = SIGNATURE_HEADER[source.kind];

  // 1. the secret, then the signature over the exact bytes received
  let failure: string | null = null;
  const secret = source.secretBox === null ? null : open(source.secretBox);
  if (source.secretBox === null) failure = "bad signature: the source has no secret yet (paste the sender's secret on the source's page)";
  else if (secret === null) failure = "bad signature: the stored secret cannot be read since SESSION_SECRET changed; set a new secret on the source's page";
  else {
    const check = verifyDelivery(source.kind, secret, body, headers);
    if (check === "missing") failure = `bad signature: no ${header} header (was the secret pasted in the sender's settings?)`;
    else if (check === "mismatch") failure = `bad signature: ${header} does not match the source's secret`;
  }
  if (failure !== null) {
    const reason = failure;
    return db.transaction(() => {
      const id = writeLog(db, source.id, { event: eventHeaderOf(source.kind, headers), outcome: "refused", verified: false, httpStatus: 401, reason, deliveryId }, now);
      return { status: 401, body: { outcome: "refused", reason, delivery: id } };
    });
  }

  // 2. parse, 3. apply — the data writes in a savepoint, so a refusal found while writing leaves nothing but the log row
  const json = bodyJson(source.kind, headers.get("Content-Type") ?? "", body);
  const parsed: ParsedDelivery = json.ok ? parseDelivery(source, headers, json.value) : { kind: "invalid", event: eventHeaderOf(source.kind, headers), reason: json.reason.replace(/^invalid payload: /, "") };
  return db.transaction(() => {
    let applied: Applied;
    if (parsed.kind === "invalid") applied = refused(400, `invalid payload: ${parsed.reason}`);
    else if (parsed.kind === "ignore") applied = ignored(parsed.reason);
    else {
      try {
        applied = db.transaction(() => {
          const a = apply(db, source, parsed.data);
          // a refusal keeps nothing it may have written: thrown to roll the savepoint back
          if (a.outcome === "refused") throw new Refusal(a);
          return a;
        });
      } catch (err) {
        if (err instanceof Refusal) applied = err.applied;
        else if (err instanceof ApiInputError) applied = refused(400, `invalid payload: ${describeFieldErrors(err.fieldErrors)}`);
        else throw err;
      }
    }
    const event = parsed.event;
    const id = writeLog(
      db,
      source.id,
      { event, outcome: applied.outcome, verified: true, httpStatus: applied.status, reason: applied.reason, summary: applied.summary, deliveryId },
      now,
    );
    return {
      status: applied.status,
      body: { outcome: applied.outcome, event, ...(applied.reason ? { reason: applied.reason } : {}), ...(applied.summary ? { summary: applied.summary } : {}), delivery: id },
    };
  });
}

class Refusal extends Error {
  constructor(public readonly applied: Applied) {
    super(applied.reason);
  }
}

function apply(db: Db, source: SourceRow, data: WebhookEvent): Applied {
  switch (data.type) {
    case "deployment":
      return applyDeployment(db, source, data);
    case "push":
      return applyPush(db, source, data);
    case "incidents":
      return applyIncidents(db, source, data);
  }
}

function unmapped(kind: WebhookKind, keys: readonly string[]): Applied {
  const what = MAPPING_KEY_LABELS[kind];
  const named = keys.length ? keys.map((k) => `"${k}"`).join(" / ") : "(none)";
  return refused(202, `unmapped service: ${what} ${named} matches no rule of this source, and it has no default service`);
}

// ---------------------------------------------------------------------------------------------------
// Deployments and pushed commits
// ---------------------------------------------------------------------------------------------------

/**
 * The commits waiting for a deployment of the service, up to `cutoff`: the deployed commit's own time
 * when its sha was pushed here, else the deployment's finish — never after the finish, never more
 * than 5 years before it. Newest MAX_ATTACH.
 */
function pendingCommits(db: Db, serviceId: number, finishedAt: number, sha: string | null) {
  let cutoff = finishedAt;
  sha = sha?.toLowerCase() ?? null;
  if (sha && sha.length >= 7) {
    const deployed = db
      .select({ committedAt: wc.committedAt })
      .from(wc)
      // a short sha (GitLab) matches as a prefix: a range on the (service, sha) index
      .where(and(eq(wc.serviceId, serviceId), sha.length >= 40 ? eq(wc.sha, sha) : sql`${wc.sha} >= ${sha} AND ${wc.sha} < ${`${sha}~`}`))
      .get();
    if (deployed) cutoff = Math.min(cutoff, deployed.committedAt.getTime());
  }
  return db
    .select({ id: wc.id, sha: wc.sha, committedAt: wc.committedAt })
    .from(wc)
    .where(
      and(
        eq(wc.serviceId, serviceId),
        sql`${wc.deploymentId} IS NULL`,
        sql`${wc.committedAt} <= ${cutoff}`,
        sql`${wc.committedAt} >= ${finishedAt - MAX_COMMIT_AGE_MS}`,
      ),
    )
    .orderBy(desc(wc.committedAt))
    .limit(MAX_ATTACH)
    .all()
    .map((c) => ({ id: c.id, sha: c.sha, committedAt: c.committedAt.getTime() }));
}

function attach(db: Db, deploymentId: number, commits: readonly { id: number }[]) {
  if (commits.length === 0) return;
  db.update(wc).set({ deploymentId }).where(inArray(wc.id, commits.map((c) => c.id))).run();
}

function commitsText(n: number): string {
  return n === 0 ? "no commit from pushes (lead time needs the push events)" : `${n} commit${n === 1 ? "" : "s"} from pushes`;
}

function applyDeployment(db: Db, source: SourceRow, ev: DeploymentEvent): Applied {
  if (ev.environment.trim().toLowerCase() !== source.productionEnvironment.toLowerCase()) {
    return ignored(`environment "${ev.environment}" is not this source's production environment ("${source.productionEnvironment}")`);
  }
  const mapped = resolveService(rulesOf(db, source.id), source.defaultServiceId, [ev.serviceKey]);
  if (!mapped) return unmapped(source.kind, [ev.serviceKey]);
  const service = serviceName(db, mapped.serviceId);
  // the JSON API's own schema: the same checks (plausible times, start before finish)
  const parsed = deploymentInputSchema.safeParse({
    externalId: ev.externalId,
    service,
    environment: PRODUCTION,
    status: ev.status,
    startedAt: ev.startedAt === null ? undefined : iso(ev.startedAt),
    finishedAt: iso(ev.finishedAt),
  });
  if (!parsed.success) {
    return refused(400, `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const input = parsed.data;
  const note = { via: "webhook", source: source.name };
  const known = findDeploymentByExternalId(db, mapped.serviceId, ev.externalId);
  if (!known) {
    const commits = input.status === "success" ? pendingCommits(db, mapped.serviceId, input.finishedAt, ev.sha) : [];
    const r = ingestDeployments(db, [{ ...input, commits: commits.map(({ sha, committedAt }) => ({ sha, committedAt })) }], SYSTEM_ACTOR, { via: "webhook", source: source.name });
    const id = r.deployments[0].id;
    attach(db, id, commits);
    return {
      outcome: "created",
      status: 201,
      summary: `deployment #${id} of ${service}: ${input.status}${input.status === "success" ? `, ${commitsText(commits.length)}` : ""}`,
    };
  }
  if (known.status === input.status && known.finishedAt === input.finishedAt) {
    return ignored(`already recorded: deployment #${known.id} of ${service} is ${known.status}`);
  }
  updateDeploymentOutcome(db, known.id, { status: input.status, finishedAt: input.finishedAt, startedAt: input.startedAt ?? known.startedAt }, SYSTEM_ACTOR, note);
  let change = "";
  if (known.status === "success" && input.status !== "success") {
    // the commits go back to waiting for the deployment that really ships them
    const held = db.select({ id: wc.id, sha: wc.sha }).from(wc).where(eq(wc.deploymentId, known.id)).all();
    removeDeploymentCommits(db, known.id, held.map((c) => c.sha));
    if (held.length) db.update(wc).set({ deploymentId: null }).where(inArray(wc.id, held.map((c) => c.id))).run();
    change = held.length ? `, ${held.length} commit${held.length === 1 ? "" : "s"} released` : "";
  } else if (input.status === "success") {
    const commits = pendingCommits(db, mapped.serviceId, input.finishedAt, ev.sha);
    addDeploymentCommits(db, known.id, commits);
    attach(db, known.id, commits);
    change = `, ${commitsText(commits.length)}`;
  }
  return { outcome: "updated", status: 200, summary: `deployment #${known.id} of ${service}: ${known.status} → ${input.status}${change}` };
}

function applyPush(db: Db, source: SourceRow, ev: PushEvent): Applied {
  const mapped = resolveService(rulesOf(db, source.id), source.defaultServiceId, [ev.serviceKey]);
  if (!mapped) return unmapped(source.kind, [ev.serviceKey]);
  const service = serviceName(db, mapped.serviceId);
  const latest = Date.now() + MS_PER_DAY;
  const plausible = ev.commits.filter((c) => c.committedAt >= MIN_PLAUSIBLE_INSTANT && c.committedAt <= latest && c.sha.length <= 100);
  const skipped = ev.commits.length - plausible.length;
  let stored = 0;
  const now = new Date();
  for (const c of plausible) {
    stored += db
      .insert(wc)
      .values({ sourceId: source.id, serviceId: mapped.serviceId, sha: c.sha.toLowerCase(), committedAt: new Date(c.committedAt), createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [wc.serviceId, wc.sha] })
      .run().changes;
  }
  const notes = [
    skipped ? `${skipped} with an implausible time skipped` : "",
    ev.unlisted ? `${ev.unlisted} more not listed by the sender` : "",
  ].filter(Boolean);
  const tail = notes.length ? ` (${notes.join("; ")})` : "";
  if (stored === 0) return ignored(`all ${plausible.length} commit${plausible.length === 1 ? "" : "s"} of this push to ${ev.branch} already known${tail}`);
  return {
    outcome: "created",
    status: 201,
    summary: `${stored} commit${stored === 1 ? "" : "s"} of ${service} (${ev.branch}) stored, waiting for its next production deployment${tail}`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------------

function applyIncidents(db: Db, source: SourceRow, ev: IncidentsEvent): Applied {
  const rules = rulesOf(db, source.id);
  const items: IncidentInput[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  let unchanged = 0;
  for (const inc of ev.incidents) {
    const mapped = resolveService(rules, source.defaultServiceId, inc.serviceKeys);
    if (!mapped) {
      skipped.push(inc.serviceKeys.length ? inc.serviceKeys[0] : `(no ${source.kind === "alertmanager" ? `"${source.serviceLabel}" label` : "service"})`);
      continue;
    }
    const service = serviceName(db, mapped.serviceId);
    const existing = findIncidentByExternalId(db, inc.externalId);
    const resolvedAt = inc.resolvedAt === undefined ? (existing?.resolvedAt ?? null) : inc.resolvedAt;
    if (
      existing &&
      existing.serviceId === mapped.serviceId &&
      existing.title === inc.title &&
      existing.severity === inc.severity &&
      existing.startedAt === inc.startedAt &&
      existing.resolvedAt === resolvedAt
    ) {
      unchanged += 1;
      continue;
    }
    const parsed = incidentInputSchema.safeParse({
      externalId: inc.externalId,
      service,
      title: inc.title,
      severity: inc.severity,
      startedAt: iso(inc.startedAt),
      ...(inc.resolvedAt === undefined ? {} : { resolvedAt: inc.resolvedAt === null ? null : iso(inc.resolvedAt) }),
    });
    if (!parsed.success) {
      // the API's own checks (plausible times, resolved after started): nothing of this delivery is written
      throw new ApiInputError({ [`incident ${inc.externalId}`]: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`) });
    }
    if (inc.severityNote) notes.push(inc.severityNote);
    items.push(parsed.data);
  }
  const skippedNote = skipped.length
    ? `${skipped.length} alert${skipped.length === 1 ? "" : "s"} skipped, unmapped service: ${[...new Set(skipped)].slice(0, 5).join(", ")}`
    : "";
  if (items.length === 0) {
    if (unchanged > 0) return ignored(`already recorded: ${unchanged} incident${unchanged === 1 ? "" : "s"} unchanged${skippedNote ? `; ${skippedNote}` : ""}`);
    return unmapped(source.kind, [...new Set(skipped)]);
  }
  const r = upsertIncidents(db, items, SYSTEM_ACTOR, { via: "webhook", source: source.name });
  const parts: string[] = [];
  const resolvedNow = r.incidents.filter((x, i) => items[i].resolvedAt != null).length;
  if (r.created) parts.push(`${r.created} incident${r.created === 1 ? "" : "s"} opened`);
  if (r.updated) parts.push(`${r.updated} updated`);
  if (resolvedNow) parts.push(`${resolvedNow} resolved`);
  if (unchanged) parts.push(`${unchanged} unchanged`);
  if (ev.truncated) parts.push(`${ev.truncated} truncated by the sender (max_alerts)`);
  const ids = r.incidents.map((x) => `#${x.id}`).join(", ");
  const extra = [skippedNote, ...new Set(notes)].filter(Boolean).join("; ");
  return {
    outcome: r.created > 0 ? "created" : "updated",
    status: r.created > 0 ? 201 : 200,
    summary: `${parts.join(", ")} (${ids})`,
    ...(extra ? { reason: extra } : {}),
  };
}
