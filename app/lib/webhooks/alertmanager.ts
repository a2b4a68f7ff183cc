/**
 * Alertmanager webhook notifications → incidents (pure). The payload as Alertmanager documents it
 * (docs/configuration.md, `<webhook_config>`; fixtures in tests/fixtures/webhooks/alertmanager/):
 * `{version: "4", groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
 * commonAnnotations, externalURL, alerts: [{status, labels, annotations, startsAt, endsAt,
 * generatorURL, fingerprint}]}`. A firing alert's `endsAt` is the zero time "0001-01-01T00:00:00Z".
 *
 * One incident per alert occurrence: keyed on the fingerprint (a hash of the labels) AND startsAt,
 * since the same alert firing again later is a new incident with the same fingerprint.
 */
import { z } from "zod";
import { clip, describeIssues, parseVendorInstant, severityFromLabel } from "./common";
import { logText } from "./log-texts";
import type { IncidentEvent, ParsedDelivery } from "./types";

const labels = z.record(z.string().max(200), z.string().max(2000));

const Alert = z.object({
  status: z.enum(["firing", "resolved"]),
  labels,
  annotations: labels.nullish(),
  startsAt: z.string().max(40),
  endsAt: z.string().max(40).nullish(),
  fingerprint: z.string().min(1).max(100),
});

const Notification = z.object({
  version: z.string().max(10).nullish(),
  status: z.string().max(20).nullish(),
  truncatedAlerts: z.number().int().nonnegative().nullish(),
  alerts: z.array(Alert).max(5000),
});

export type AlertmanagerOptions = { serviceLabel: string };

/** The incidents an Alertmanager notification opens or resolves; alerts with unusable times are refused. */
export function parseAlertmanager(body: unknown, opts: AlertmanagerOptions): ParsedDelivery {
  const p = Notification.safeParse(body);
  if (!p.success) return { kind: "invalid", event: "alerts", reason: describeIssues(p.error) };
  const n = p.data;
  const event = `alerts (${n.status ?? "unknown"})`;
  if (n.alerts.length === 0) return { kind: "ignore", event, reason: logText("noAlert") };
  const incidents: IncidentEvent[] = [];
  for (const [i, a] of n.alerts.entries()) {
    const startedAt = parseVendorInstant(a.startsAt);
    if (startedAt === null) return { kind: "invalid", event, reason: logText("alertStart", { index: i }) };
    let resolvedAt: number | undefined;
    if (a.status === "resolved") {
      const end = parseVendorInstant(a.endsAt);
      if (end === null) return { kind: "invalid", event, reason: logText("alertEndMissing", { index: i }) };
      if (end < startedAt) return { kind: "invalid", event, reason: logText("alertEndBefore", { index: i }) };
      resolvedAt = end;
    }
    const name = a.labels.alertname ?? "alert";
    const summary = a.annotations?.summary ?? a.annotations?.description ?? null;
    const title = summary && !summary.includes(name) ? `${name}: ${summary}` : (summary ?? name);
    const label = a.labels.severity ?? a.labels.priority;
    const severity = severityFromLabel(label);
    const service = a.labels[opts.serviceLabel];
    incidents.push({
      serviceKeys: service ? [service] : [],
      externalId: `alertmanager-${a.fingerprint}-${startedAt}`,
      title: clip(title, 300),
      severity: severity ?? "SEV3",
      severityNote: severity ? undefined : label ? logText("severityUnknown", { label }) : logText("severityMissing"),
      startedAt,
      ...(resolvedAt !== undefined ? { resolvedAt } : {}),
    });
  }
  return { kind: "event", event, data: { type: "incidents", incidents, truncated: n.truncatedAlerts ?? 0 } };
}
