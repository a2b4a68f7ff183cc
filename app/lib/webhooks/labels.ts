import { N_ } from "~/i18n/mark";
import { LOG_TEXTS } from "~/lib/webhooks/log-texts";
import { WEBHOOK_KINDS as WEBHOOK_KIND_VALUES, WEBHOOK_OUTCOMES as WEBHOOK_OUTCOME_VALUES } from "../../../db/schema/enums";
export { WEBHOOK_KIND_VALUES, WEBHOOK_OUTCOME_VALUES };
/** Browser-safe words about webhook sources: kinds, what their rules read, where the secret goes. */
export type WebhookKindValue = (typeof WEBHOOK_KIND_VALUES)[number];

export const KIND_LABELS: Record<WebhookKindValue, string> = {
  github: "GitHub",
  gitlab: "GitLab",
  alertmanager: "Alertmanager",
  pagerduty: "PagerDuty",
};

/** What each kind's mapping rule reads, in the sender's words. */
export const MAPPING_KEY_LABELS: Record<WebhookKindValue, string> = {
  github: LOG_TEXTS.keyRepository,
  gitlab: LOG_TEXTS.keyProject,
  alertmanager: LOG_TEXTS.keyServiceLabel,
  pagerduty: LOG_TEXTS.keyPagerDutyService,
};

export const MAPPING_EXAMPLES: Record<WebhookKindValue, string> = {
  github: "innovatech/api-gateway = api-gateway",
  gitlab: "innovatech/payments/billing = billing",
  alertmanager: "api-gateway = api-gateway",
  pagerduty: "API Service = api-gateway",
};

/** Where the sender puts the secret and which events to send — the short version of docs/integrations.md. */
export const SETUP_STEPS: Record<WebhookKindValue, string[]> = {
  github: [
    N_("Repository (or organisation) → Settings → Webhooks → Add webhook.", "delivery"),
    N_("Payload URL: the URL above. Content type: application/json. Secret: the source's secret.", "delivery"),
    N_("Let me select individual events: tick Deployment statuses and Pushes (untick the rest).", "delivery"),
    N_('GitHub sends a ping at once: it appears below as ignored ("ping").', "delivery"),
  ],
  gitlab: [
    N_("Project → Settings → Webhooks → Add new webhook.", "delivery"),
    N_("URL: the URL above. Secret token: the source's secret.", "delivery"),
    N_("Trigger: tick Push events (all branches, or the default one) and Deployment events.", "delivery"),
    N_("Test → Push events sends a sample push: it appears below.", "delivery"),
  ],
  alertmanager: [
    N_("In alertmanager.yml, add a receiver with webhook_configs: url = the URL above, send_resolved: true,", "delivery"),
    N_("and http_config.authorization.credentials = the source's secret (type Bearer, the default).", "delivery"),
    N_("Route the alerts that are incidents to that receiver; reload Alertmanager.", "delivery"),
    N_('The alert label named below (default "service") picks the service.', "delivery"),
  ],
  pagerduty: [
    N_("Integrations → Generic Webhooks (v3) → New Webhook; Webhook URL: the URL above.", "delivery"),
    N_("Scope: the account, a team or a service. Events: incident.triggered, .acknowledged, .resolved, .reopened, .priority_updated.", "delivery"),
    N_('PagerDuty shows a signing secret once: paste it in "Use the sender\'s secret" below.', "delivery"),
    N_("Send a test event: it appears below as ignored.", "delivery"),
  ],
};

export const OUTCOME_TONES = { created: "good", updated: "info", ignored: "neutral", refused: "bad" } as const;

/** A delivery's outcome, as the log shows it. */
export const OUTCOME_LABELS: Record<keyof typeof OUTCOME_TONES, string> = {
  created: N_("created", "delivery"),
  updated: N_("updated", "delivery"),
  ignored: N_("ignored", "delivery"),
  refused: N_("refused", "delivery"),
};
