/**
 * Webhook sources (GitHub, GitLab, Alertmanager, PagerDuty) and their delivery log — one module per
 * concern under app/models/webhooks/: sources (a person's writes), receive (verify, log, dispatch),
 * events (deployments, pushed commits, incidents through the API's ingestion). Status codes and the
 * rules of a delivery: docs/decisions/302 and 303.
 */
export * from "~/models/webhooks/sources.server";
export * from "~/models/webhooks/receive.server";
export * from "~/models/webhooks/events.server";
