/** Webhook sources: data (kind, name, sealed secret, service-mapping rule, production environment); a person's writes are audited, the secret never. */
import crypto from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { DAY_MS } from "~/lib/time";
import { KIND_LABELS, MAPPING_KEY_LABELS } from "~/lib/webhooks/labels";
import type { MappingRule } from "~/lib/webhooks/mapping";
import type { WebhookKind } from "~/lib/webhooks/types";
import { deleteByIdAudited, recordAudit } from "~/models/audit.server";
import { replaceChildRows } from "~/models/child-rows.server";
import { schema, type Db } from "~/utils/db.server";
import { open, seal } from "~/utils/secret-box.server";
import { WEBHOOK_KINDS, WEBHOOK_OUTCOMES } from "../../../db/schema";

export { WEBHOOK_KINDS, WEBHOOK_OUTCOMES };
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Verified deliveries kept per source. */
export const WEBHOOK_LOG_KEEP = 200;
/** Deliveries refused before verification (bad signature, too large) kept per source, apart, so forged posts cannot push the real ones out. */
export const WEBHOOK_LOG_KEEP_UNVERIFIED = 20;
/** Most commits attached to one deployment from the pushed-commit store (the API's own limit). */
export const MAX_ATTACH = 1000;
export const MS_PER_DAY = DAY_MS;
export const MAX_COMMIT_AGE_MS = 5 * 365 * MS_PER_DAY;

export { KIND_LABELS, MAPPING_KEY_LABELS };

export const src = schema.webhookSources;
export const maps = schema.webhookServiceMappings;
export const log = schema.webhookDeliveries;
export const wc = schema.webhookCommits;

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
  replaceChildRows(
    tx,
    maps,
    maps.sourceId,
    sourceId,
    mappings.map((m) => ({ sourceId, matchValue: m.matchValue, serviceId: m.serviceId })),
  );
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
    tx.update(src)
      .set({ secretBox: seal(plain), secretHint: hintOf(plain), secretSetAt: new Date() })
      .where(eq(src.id, id))
      .run();
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
  return deleteByIdAudited(db, { userId }, "webhook_source", src, id, (tx) => getWebhookSource(tx, id), auditView);
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
