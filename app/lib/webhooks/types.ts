/**
 * What a vendor's webhook payload means for the tracker, once parsed (pure: no I/O). Each vendor
 * module (github.ts, gitlab.ts, alertmanager.ts, pagerduty.ts) turns a payload into one of these;
 * app/models/webhooks.server.ts maps the service and writes through the delivery ingestion.
 */
export type WebhookKind = "github" | "gitlab" | "alertmanager" | "pagerduty";
export type Severity = "SEV1" | "SEV2" | "SEV3" | "SEV4";

export type PushedCommit = { sha: string; committedAt: number };

/** A deployment that reached an outcome (statuses on the way — queued, running — are ignored). */
export type DeploymentEvent = {
  type: "deployment";
  /** what the service-mapping rule reads: the repository (GitHub) or project path (GitLab) */
  serviceKey: string;
  /** the sender's deployment id, prefixed with the tool: idempotency key with the service */
  externalId: string;
  /** as the sender names it; compared with the source's production environment */
  environment: string;
  status: "success" | "failure";
  startedAt: number | null;
  finishedAt: number;
  /** the deployed commit (full sha, or GitLab's short sha when no full one is given) */
  sha: string | null;
};

/** Commits pushed to the repository's default branch. */
export type PushEvent = {
  type: "push";
  serviceKey: string;
  branch: string;
  commits: PushedCommit[];
  /** commits the push holds beyond those listed (GitLab lists the newest 20) */
  unlisted: number;
};

export type IncidentEvent = {
  /** the values the mapping rule tries, in order (an alert label; a PagerDuty service name, then id) */
  serviceKeys: string[];
  externalId: string;
  title: string;
  severity: Severity;
  /** set when the severity was not recognised (the incident gets SEV3) */
  severityNote?: string;
  startedAt: number;
  /** absent: keep what is stored (open when new); null: reopen; a time: resolved then */
  resolvedAt?: number | null;
};

export type IncidentsEvent = { type: "incidents"; incidents: IncidentEvent[]; truncated: number };

export type WebhookEvent = DeploymentEvent | PushEvent | IncidentsEvent;

/**
 * A parsed delivery: events to apply, an event accepted and not used (200, so the sender keeps the
 * hook enabled), or a payload that does not have the documented shape (400, "invalid payload").
 */
export type ParsedDelivery =
  { kind: "event"; event: string; data: WebhookEvent } | { kind: "ignore"; event: string; reason: string } | { kind: "invalid"; event: string; reason: string };
