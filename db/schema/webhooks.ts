import { sql } from "drizzle-orm";
import { index, integer, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, instant, optionalKey, parentKey } from "./_columns";
import { deployments, services } from "./delivery";
import { WEBHOOK_KINDS, WEBHOOK_OUTCOMES } from "./enums";
import { users } from "./people";

export { WEBHOOK_KINDS, WEBHOOK_OUTCOMES };

/**
 * A webhook source: one sender (a GitHub repository or organisation hook, a GitLab project hook,
 * an Alertmanager receiver, a PagerDuty subscription) posting to POST /api/v1/webhooks/<id>.
 */
export const webhookSources = entityTable("webhook_sources", {
  kind: text("kind", { enum: WEBHOOK_KINDS }).notNull(),
  name: text("name").notNull().unique(),
  /**
   * The shared secret, sealed with AES-256-GCM under a key derived from SESSION_SECRET
   * (app/utils/secret-box.server.ts). HMAC verification needs the plain secret, so it cannot be
   * hashed like an API token. Null while a PagerDuty source waits for the secret PagerDuty generates.
   */
  secretBox: text("secret_box"),
  /** the last 4 characters of the secret, to recognise it on the page */
  secretHint: text("secret_hint"),
  secretSetAt: instant("secret_set_at"),
  /** the environment name that counts as production (GitHub, GitLab); compared case-insensitively */
  productionEnvironment: text("production_environment").notNull().default("production"),
  /** Alertmanager: the alert label that names the service */
  serviceLabel: text("service_label").notNull().default("service"),
  /** where an event whose repository / project / label matches no rule goes; null: refused */
  defaultServiceId: optionalKey("default_service_id", () => services.id),
  createdByUserId: optionalKey("created_by_user_id", () => users.id),
  lastDeliveryAt: instant("last_delivery_at"),
});

/** The service-mapping rule of a source: repository / project / label value / PagerDuty service → service. */
export const webhookServiceMappings = entityTable(
  "webhook_service_mappings",
  {
    sourceId: parentKey("source_id", () => webhookSources.id),
    /** matched case-insensitively */
    matchValue: text("match_value").notNull(),
    serviceId: parentKey("service_id", () => services.id),
  },
  (t) => [uniqueIndex("webhook_service_mappings_uq").on(t.sourceId, t.matchValue)],
);

/**
 * The delivery log of a source, bounded: the newest WEBHOOK_LOG_KEEP verified deliveries and the
 * newest WEBHOOK_LOG_KEEP_UNVERIFIED refused before verification (bad signature, too large), pruned in
 * the transaction that adds one. Never holds the body or the secret.
 */
export const webhookDeliveries = entityTable(
  "webhook_deliveries",
  {
    sourceId: parentKey("source_id", () => webhookSources.id),
    receivedAt: instant("received_at").notNull(),
    /** the sender's delivery id (X-GitHub-Delivery, X-Gitlab-Event-UUID, X-Webhook-Id) when it sends one */
    deliveryId: text("delivery_id"),
    /** the event as the sender names it (deployment_status, Push Hook, incident.resolved, …) */
    event: text("event").notNull(),
    outcome: text("outcome", { enum: WEBHOOK_OUTCOMES }).notNull(),
    /** false: refused before the signature was verified (its content cannot be trusted) */
    verified: integer("verified", { mode: "boolean" }).notNull(),
    httpStatus: integer("http_status").notNull(),
    /** why it was ignored or refused */
    reason: text("reason"),
    /** what it wrote ("deployment #12 of api-gateway: success, 3 commits") */
    summary: text("summary"),
  },
  (t) => [
    index("webhook_deliveries_source_idx").on(t.sourceId, t.verified, t.id),
    /** the inbox's recent refusals (outcome = 'refused', received in the last days) */
    index("webhook_deliveries_outcome_idx").on(t.outcome, t.receivedAt),
  ],
);

/**
 * Commits pushed to a service's repository (GitHub / GitLab push events), waiting for the
 * production deployment that ships them (docs/decisions/303-webhook-commits-and-lead-time.md).
 * `deploymentId` null: not shipped yet.
 */
export const webhookCommits = entityTable(
  "webhook_commits",
  {
    sourceId: parentKey("source_id", () => webhookSources.id),
    serviceId: parentKey("service_id", () => services.id),
    sha: text("sha").notNull(),
    committedAt: instant("committed_at").notNull(),
    deploymentId: optionalKey("deployment_id", () => deployments.id),
  },
  (t) => [
    uniqueIndex("webhook_commits_service_sha_uq").on(t.serviceId, t.sha),
    // the commits still waiting for a deployment of a service, oldest first
    index("webhook_commits_pending_idx")
      .on(t.serviceId, t.committedAt)
      .where(sql`${t.deploymentId} is null`),
    index("webhook_commits_deployment_idx").on(t.deploymentId),
  ],
);
