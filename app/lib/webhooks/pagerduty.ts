/**
 * PagerDuty v3 webhooks → incidents (pure). The payload as PagerDuty documents it (developer docs,
 * "Webhooks v3 overview"; fixtures in tests/fixtures/webhooks/pagerduty/): `{event: {id, event_type,
 * resource_type, occurred_at, agent, client, data}}`, `data` an incident for incident.* events:
 * `{id, type: "incident", number, status, created_at, title, service: {id, summary}, priority:
 * {summary: "P1"} | null, urgency: "high" | "low", …}`.
 *
 * - incident.triggered, .acknowledged, .unacknowledged, .escalated, .delegated, .reassigned,
 *   .priority_updated: the incident is open (created if missing; title and severity kept current).
 * - incident.resolved: resolved at `occurred_at`. incident.reopened: open again.
 * - anything else (notes, responders, service.*): accepted and ignored.
 */
import { z } from "zod";
import { clip, describeIssues, parseVendorInstant, vendorInstant } from "./common";
import { logText } from "./log-texts";
import type { ParsedDelivery, Severity } from "./types";

const instant = vendorInstant("must be an ISO 8601 date-time");

const Envelope = z.object({
  event: z.object({
    id: z.string().max(100).nullish(),
    event_type: z.string().min(1).max(100),
    occurred_at: z.string().max(40).nullish(),
    data: z.unknown(),
  }),
});

const Incident = z.object({
  id: z.string().min(1).max(100),
  type: z.literal("incident"),
  title: z.string().max(2000).nullish(),
  created_at: instant,
  service: z.object({ id: z.string().max(100), summary: z.string().max(300).nullish() }),
  priority: z.object({ summary: z.string().max(100).nullish() }).nullish(),
  urgency: z.string().max(20).nullish(),
});

const OPEN_EVENTS = new Set([
  "incident.triggered",
  "incident.acknowledged",
  "incident.unacknowledged",
  "incident.escalated",
  "incident.delegated",
  "incident.reassigned",
  "incident.priority_updated",
]);

/** PagerDuty priority P1–P5 when set, else urgency: high → SEV2, low → SEV3. */
export function pagerDutySeverity(priority: string | null | undefined, urgency: string | null | undefined): Severity {
  const p = /^P([1-5])\b/i.exec(priority?.trim() ?? "");
  if (p) return `SEV${Math.min(Number(p[1]), 4)}` as Severity;
  return urgency?.toLowerCase() === "high" ? "SEV2" : "SEV3";
}

export function parsePagerDuty(body: unknown): ParsedDelivery {
  const env = Envelope.safeParse(body);
  if (!env.success) return { kind: "invalid", event: "(unknown)", reason: describeIssues(env.error) };
  const { event_type: event, occurred_at, data } = env.data.event;
  const resolving = event === "incident.resolved";
  const reopening = event === "incident.reopened";
  if (!OPEN_EVENTS.has(event) && !resolving && !reopening) {
    return {
      kind: "ignore",
      event,
      reason: logText("pagerDutyUnused", { event }),
    };
  }
  const inc = Incident.safeParse(data);
  if (!inc.success) return { kind: "invalid", event, reason: describeIssues(inc.error, "event.data.") };
  const d = inc.data;
  let resolvedAt: number | null | undefined;
  if (resolving) {
    const at = parseVendorInstant(occurred_at);
    if (at === null) return { kind: "invalid", event, reason: logText("occurredAtFormat") };
    if (at < d.created_at) return { kind: "invalid", event, reason: logText("occurredAtBefore") };
    resolvedAt = at;
  } else if (reopening) {
    resolvedAt = null;
  }
  return {
    kind: "event",
    event,
    data: {
      type: "incidents",
      truncated: 0,
      incidents: [
        {
          serviceKeys: [d.service.summary, d.service.id].filter((v): v is string => !!v),
          externalId: `pagerduty-${d.id}`,
          title: clip(d.title || `PagerDuty incident ${d.id}`, 300),
          severity: pagerDutySeverity(d.priority?.summary, d.urgency),
          startedAt: d.created_at,
          ...(resolvedAt !== undefined ? { resolvedAt } : {}),
        },
      ],
    },
  };
}
