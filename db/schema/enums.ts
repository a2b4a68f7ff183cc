/**
 * Every enumerated value the database stores, defined once: the Drizzle schema types its columns
 * with them, and the app (forms, filters, labels, browser code) imports them from here. Pure data:
 * no Drizzle import, so browser code may use it.
 */

export const DEPLOYMENT_STATUSES = ["success", "failure"] as const;
export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
/** explicit: given by a person or the API; inferred: by the contract's rule; none: cleared by a person */
export const CAUSE_KINDS = ["explicit", "inferred", "none"] as const;
export const BUDGET_GROUPS = ["it", "payroll", "other"] as const;
export const REQUIREMENT_STATUSES = ["todo", "in_progress", "in_review", "done"] as const;
export const REQUIREMENT_RESULTS = ["compliant", "partial", "non_compliant", "not_applicable"] as const;
export const MATURITY_INDICATORS = ["process", "documentation", "governance", "controls", "audit"] as const;
export const GATE_OPERATORS = [">=", ">", "<=", "<"] as const;
export const REQUISITION_STATUSES = ["planned", "open", "interviewing", "offer", "hired", "cancelled"] as const;
export const PRIORITIES = ["P0", "P1", "P2"] as const;
export const KPI_DIRECTIONS = ["higher", "lower"] as const;
/** A KPI's source is "manual" or a catalogue metric id (open: validated against the catalogue, decision 801). */
export const KPI_MANUAL_SOURCE = "manual";
export const TARGET_COMPARISONS = [">=", ">", "<=", "<"] as const;
export const KR_KINDS = ["number", "percent", "currency", "boolean"] as const;
export const ROLES = ["ceo", "cto", "lead", "viewer"] as const;
export const API_SCOPES = ["deployments:write", "incidents:write", "metrics:read", "finance:read", "import:write", "kpis:write"] as const;
export const RISK_CATEGORIES = ["technical", "financial", "market", "competitive", "operational", "security", "compliance", "people"] as const;
export const RISK_TREATMENTS = ["mitigate", "accept", "transfer", "avoid"] as const;
export const RISK_STATUSES = ["proposed", "open", "monitoring", "closed"] as const;
export const RISK_RULE_KINDS = ["runway_below_months", "cfr_above_percent_30d", "objective_off_track_mid_cycle", "scenario_trigger_holds"] as const;
/** Tools that push DORA data as signed webhooks (docs/decisions/302-webhook-sources.md). */
export const WEBHOOK_KINDS = ["github", "gitlab", "alertmanager", "pagerduty"] as const;
/** What a delivery did: wrote something, changed something, was accepted and not used, or was refused. */
export const WEBHOOK_OUTCOMES = ["created", "updated", "ignored", "refused"] as const;
export const KPI_CATEGORIES = ["product", "technical", "business"] as const;
/** How a scenario's trigger compares the live figure: one bound, or an inclusive range [value, value2] (decision 900). */
export const TRIGGER_COMPARISONS = [">=", ">", "<=", "<", "between"] as const;
/** How a milestone's condition compares its metric's figure (decision 901). */
export const MILESTONE_COMPARISONS = [">=", ">", "<=", "<"] as const;
/** The status a person sets on a manual milestone (decision 901). */
export const MILESTONE_STATUSES = ["pending", "done", "missed"] as const;
/** A roadmap item's status (decision 902). */
export const ROADMAP_STATUSES = ["planned", "in_progress", "done", "dropped"] as const;
/** A recorded gate decision (decision 903). */
export const GATE_DECISIONS = ["go", "no_go", "alternative"] as const;

/** The interface languages (docs/decisions/023): a person's choice, else the company's default. */
export const LANGUAGES = ["en", "fr"] as const;
