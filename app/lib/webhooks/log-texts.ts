/**
 * The texts a webhook delivery writes into its log and answers to its sender: what it wrote
 * (`summary`) and why it was ignored or refused (`reason`). They are stored in English — the
 * sender reads the same text in the HTTP response — and the source's page shows them in the reader's
 * language (`localizeLogText`), by the template matching of lib/text-templates.ts (decision 601).
 * One text may hold several parts joined by "; ", each a template.
 *
 * What the sender's payload got wrong (a field's path and the validator's words, after "invalid
 * payload: ") is a diagnostic of the sender's document: shown as written.
 * Pure: no I/O. Namespace `delivery`.
 */
import { N_ } from "~/i18n/mark";
import { templateSet, type TemplateT } from "~/lib/text-templates";

export const LOG_TEXTS = {
  // wrappers around a detail
  invalidPayload: N_("invalid payload: {{detail}}", "delivery"),
  badSignature: N_("bad signature: {{detail}}", "delivery"),
  unmapped: N_("unmapped service: {{what}} {{named}} matches no rule of this source, and it has no default service", "delivery"),
  // the body
  notUtf8: N_("the body is not UTF-8 text", "delivery"),
  noPayloadField: N_("a form-encoded body must hold a payload field", "delivery"),
  notJson: N_("the body is not JSON", "delivery"),
  tooLarge: N_("too large: the body is over the API_MAX_BODY_BYTES limit", "delivery"),
  // the signature
  noSecret: N_("the source has no secret yet (paste the sender's secret on the source's page)", "delivery"),
  secretUnreadable: N_("the stored secret cannot be read since SESSION_SECRET changed; set a new secret on the source's page", "delivery"),
  noSignatureHeader: N_("no {{header}} header (was the secret pasted in the sender's settings?)", "delivery"),
  signatureMismatch: N_("{{header}} does not match the source's secret", "delivery"),
  // what a mapping rule reads (the unmapped reason's {{what}}) and no key at all
  keyRepository: N_("repository (owner/name)", "delivery"),
  keyProject: N_("project path (group/project)", "delivery"),
  keyServiceLabel: N_("value of the service label", "delivery"),
  keyPagerDutyService: N_("PagerDuty service name or id", "delivery"),
  none: N_("(none)", "delivery"),
  // GitHub and GitLab
  eventHeaderMissing: N_("the {{header}} header is missing", "delivery"),
  pingHook: N_("ping: GitHub reached the tracker (hook {{hook}}); deployments and pushes will follow", "delivery"),
  ping: N_("ping: GitHub reached the tracker; deployments and pushes will follow", "delivery"),
  stateInactive: N_("state inactive: a newer deployment replaced this one; its recorded outcome stands", "delivery"),
  stateNotOutcome: N_("state {{state}} is not an outcome yet (success, failure and error are)", "delivery"),
  gitlabStatusNotOutcome: N_("status {{state}} is not an outcome (success and failed are)", "delivery"),
  pushNotBranch: N_("push of {{ref}}: only branch pushes carry commits to deploy", "delivery"),
  branchDeleted: N_("branch {{branch}} deleted", "delivery"),
  pushOtherBranch: N_("push to {{branch}}, not the default branch {{defaultBranch}}: its commits reach production when merged", "delivery"),
  pushEmpty: N_("push to {{branch}} without commits", "delivery"),
  githubUnused: N_("event {{event}} is not used (the tracker reads deployment_status and push)", "delivery"),
  gitlabUnused: N_("event {{event}} is not used (the tracker reads Deployment Hook and Push Hook)", "delivery"),
  // Alertmanager and PagerDuty
  noAlert: N_("the notification holds no alert", "delivery"),
  alertStart: N_("alerts.{{index}}.startsAt: must be an RFC 3339 date-time", "delivery"),
  alertEndMissing: N_("alerts.{{index}}.endsAt: a resolved alert needs its end time", "delivery"),
  alertEndBefore: N_("alerts.{{index}}.endsAt: is before startsAt", "delivery"),
  severityUnknown: N_('severity "{{label}}" not recognised: SEV3', "delivery"),
  severityMissing: N_("no severity label: SEV3", "delivery"),
  pagerDutyUnused: N_("event {{event}} is not used (the tracker reads incident.triggered, .acknowledged, .resolved, .reopened and status changes)", "delivery"),
  occurredAtFormat: N_("event.occurred_at: must be an ISO 8601 date-time", "delivery"),
  occurredAtBefore: N_("event.occurred_at: is before the incident's created_at", "delivery"),
  // deployments
  otherEnvironment: N_('environment "{{environment}}" is not this source\'s production environment ("{{production}}")', "delivery"),
  deploymentWithCommits: N_("deployment #{{id}} of {{service}}: {{status}}, {{commits}}", "delivery"),
  deployment: N_("deployment #{{id}} of {{service}}: {{status}}", "delivery"),
  deploymentChangedWith: N_("deployment #{{id}} of {{service}}: {{from}} → {{to}}, {{change}}", "delivery"),
  deploymentChanged: N_("deployment #{{id}} of {{service}}: {{from}} → {{to}}", "delivery"),
  deploymentKnown: N_("already recorded: deployment #{{id}} of {{service}} is {{status}}", "delivery"),
  noCommitFromPushes: N_("no commit from pushes (lead time needs the push events)", "delivery"),
  commitFromPushes: N_("{{count}} commit from pushes", "delivery"),
  commitsFromPushes: N_("{{count}} commits from pushes", "delivery"),
  commitReleased: N_("{{count}} commit released", "delivery"),
  commitsReleased: N_("{{count}} commits released", "delivery"),
  // pushes
  commitStored: N_("{{count}} commit of {{service}} ({{branch}}) stored, waiting for its next production deployment", "delivery"),
  commitsStored: N_("{{count}} commits of {{service}} ({{branch}}) stored, waiting for its next production deployment", "delivery"),
  commitKnown: N_("all {{count}} commit of this push to {{branch}} already known", "delivery"),
  commitsKnown: N_("all {{count}} commits of this push to {{branch}} already known", "delivery"),
  implausibleSkipped: N_("{{count}} with an implausible time skipped", "delivery"),
  notListed: N_("{{count}} more not listed by the sender", "delivery"),
  // incidents
  incidentsWritten: N_("{{parts}} ({{ids}})", "delivery"),
  incidentOpened: N_("{{count}} incident opened", "delivery"),
  incidentsOpened: N_("{{count}} incidents opened", "delivery"),
  updated: N_("{{count}} updated", "delivery"),
  resolved: N_("{{count}} resolved", "delivery"),
  unchanged: N_("{{count}} unchanged", "delivery"),
  truncated: N_("{{count}} truncated by the sender (max_alerts)", "delivery"),
  incidentKnown: N_("already recorded: {{count}} incident unchanged", "delivery"),
  incidentsKnown: N_("already recorded: {{count}} incidents unchanged", "delivery"),
  alertSkipped: N_("{{count}} alert skipped, unmapped service: {{services}}", "delivery"),
  alertsSkipped: N_("{{count}} alerts skipped, unmapped service: {{services}}", "delivery"),
  // deployment outcomes, as the log names them
  success: N_("success", "delivery"),
  failure: N_("failure", "delivery"),
} as const;

export type LogTextKey = keyof typeof LOG_TEXTS;

const TEMPLATES = templateSet(LOG_TEXTS, {
  optional: ["detail", "what", "named", "commits", "change", "status", "from", "to"],
  lists: { parts: ", " },
  numbers: ["count"],
  // where a text could be split two ways: a deployment's id and outcomes are words, the keys quoted
  shapes: { id: "\\d+", status: "[a-z_]+", from: "[a-z_]+", to: "[a-z_]+", named: '"[^"]*"(?: / "[^"]*")*|\\(none\\)' },
});

/** The English text of a log template with its values (stored, and answered to the sender). */
export function logText(key: LogTextKey, values: Record<string, string | number> = {}): string {
  return TEMPLATES.fill(key, values);
}

/** A singular or plural template by the English rule (the French texts say it the same way for 1). */
export function countedLogText(one: LogTextKey, many: LogTextKey, count: number, values: Record<string, string | number> = {}): string {
  return logText(count === 1 ? one : many, { ...values, count });
}

/** Parts of one text, as stored: "a; b". */
export const joinLogParts = (parts: readonly string[]) => parts.filter(Boolean).join("; ");

/**
 * A stored summary or reason in the reader's language: the whole text when one template produced
 * it, else each "; " part that one did; what none produced (the sender's payload details, a text
 * older than its template) as written.
 */
export function localizeLogText(text: string | null, t: TemplateT, locale: string): string | null {
  if (!text) return text;
  const whole = TEMPLATES.localize(text, t, locale);
  if (whole !== null) return whole;
  return text
    .split("; ")
    .map((part) => TEMPLATES.localize(part, t, locale) ?? part)
    .join("; ");
}
