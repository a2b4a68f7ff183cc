/**
 * Receiving a delivery (`receiveWebhook`): verified on its raw bytes, parsed by the vendor's pure parser
 * (app/lib/webhooks/), mapped to a service, and logged — every delivery leaves one row in the source's
 * bounded log saying what it wrote or exactly why it was ignored or refused.
 *
 * Status codes: 201 created, 200 updated / ignored (unknown events too, so no sender disables the
 * hook), 202 refused for the tracker's own configuration (an unmapped service: fixed on the source's
 * page, not by the sender), 400 invalid payload, 401 bad signature (nothing written but the log row).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { parseAlertmanager } from "~/lib/webhooks/alertmanager";
import { parseGithub } from "~/lib/webhooks/github";
import { parseGitlab } from "~/lib/webhooks/gitlab";
import { MAPPING_KEY_LABELS } from "~/lib/webhooks/labels";
import { logText } from "~/lib/webhooks/log-texts";
import type { MappingRule } from "~/lib/webhooks/mapping";
import { parsePagerDuty } from "~/lib/webhooks/pagerduty";
import { SIGNATURE_HEADER, verifyDelivery } from "~/lib/webhooks/signatures.server";
import type { ParsedDelivery, WebhookEvent, WebhookKind } from "~/lib/webhooks/types";
import { applyDeployment, applyIncidents, applyPush } from "~/models/webhooks/events.server";
import { WEBHOOK_LOG_KEEP, WEBHOOK_LOG_KEEP_UNVERIFIED, type WebhookOutcome, log, maps, src } from "~/models/webhooks/sources.server";
import { ApiInputError } from "~/utils/api.server";
import { schema, type Db, countRows } from "~/utils/db.server";
import { open } from "~/utils/secret-box.server";

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
  if (entry.verified)
    db.update(src)
      .set({ lastDeliveryAt: new Date(now) })
      .where(eq(src.id, sourceId))
      .run();
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
  const total = countRows(db, log, where);
  const page = Math.max(1, opts.page ?? 1);
  const rows = db
    .select()
    .from(log)
    .where(where)
    .orderBy(desc(log.id))
    .limit(DELIVERY_PAGE_SIZE)
    .offset((page - 1) * DELIVERY_PAGE_SIZE)
    .all()
    .map((r): DeliveryLogRow => ({
      id: r.id,
      receivedAt: r.receivedAt.getTime(),
      deliveryId: r.deliveryId,
      event: r.event,
      outcome: r.outcome,
      verified: r.verified,
      httpStatus: r.httpStatus,
      reason: r.reason,
      summary: r.summary,
    }));
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE)) };
}

// ---------------------------------------------------------------------------------------------------
// Receiving a delivery
// ---------------------------------------------------------------------------------------------------

export type WebhookReply = { status: number; body: Record<string, unknown> };

export type SourceRow = {
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
export type Applied = { outcome: WebhookOutcome; status: number; reason?: string; summary?: string };

export const refused = (status: number, reason: string): Applied => ({ outcome: "refused", status, reason });
export const ignored = (reason: string): Applied => ({ outcome: "ignored", status: 200, reason });

/** The JSON text of a body: JSON, or GitHub's form-encoded `payload=` (its "application/x-www-form-urlencoded" option). */
function bodyJson(kind: WebhookKind, contentType: string, body: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { ok: false, reason: logText("notUtf8") };
  }
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (kind === "github" && type === "application/x-www-form-urlencoded") {
    const payload = new URLSearchParams(text).get("payload");
    if (payload === null) return { ok: false, reason: logText("noPayloadField") };
    text = payload;
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: logText("notJson") };
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

export function rulesOf(db: Db, sourceId: number): MappingRule[] {
  return db.select({ matchValue: maps.matchValue, serviceId: maps.serviceId }).from(maps).where(eq(maps.sourceId, sourceId)).all();
}

export function serviceName(db: Db, id: number): string {
  return db.select({ name: schema.services.name }).from(schema.services).where(eq(schema.services.id, id)).get()!.name;
}

export const iso = (ms: number) => new Date(ms).toISOString();

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
  const badSignature = (detail: string) => logText("badSignature", { detail });
  if (source.secretBox === null) failure = badSignature(logText("noSecret"));
  else if (secret === null) failure = badSignature(logText("secretUnreadable"));
  else {
    const check = verifyDelivery(source.kind, secret, body, headers);
    if (check === "missing") failure = badSignature(logText("noSignatureHeader", { header }));
    else if (check === "mismatch") failure = badSignature(logText("signatureMismatch", { header }));
  }
  if (failure !== null) {
    const reason = failure;
    return db.transaction(() => {
      const id = writeLog(
        db,
        source.id,
        { event: eventHeaderOf(source.kind, headers), outcome: "refused", verified: false, httpStatus: 401, reason, deliveryId },
        now,
      );
      return { status: 401, body: { outcome: "refused", reason, delivery: id } };
    });
  }

  // 2. parse, 3. apply — the data writes in a savepoint, so a refusal found while writing leaves nothing but the log row
  const json = bodyJson(source.kind, headers.get("Content-Type") ?? "", body);
  const parsed: ParsedDelivery = json.ok
    ? parseDelivery(source, headers, json.value)
    : { kind: "invalid", event: eventHeaderOf(source.kind, headers), reason: json.reason };
  return db.transaction(() => {
    let applied: Applied;
    if (parsed.kind === "invalid") applied = refused(400, logText("invalidPayload", { detail: parsed.reason }));
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
        else if (err instanceof ApiInputError) applied = refused(400, logText("invalidPayload", { detail: describeFieldErrors(err.fieldErrors) }));
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
      body: {
        outcome: applied.outcome,
        event,
        ...(applied.reason ? { reason: applied.reason } : {}),
        ...(applied.summary ? { summary: applied.summary } : {}),
        delivery: id,
      },
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

export function unmapped(kind: WebhookKind, keys: readonly string[]): Applied {
  const what = MAPPING_KEY_LABELS[kind];
  const named = keys.length ? keys.map((k) => `"${k}"`).join(" / ") : logText("none");
  return refused(202, logText("unmapped", { what, named }));
}
