import { N_ } from "~/i18n/mark";
import { type API_SCOPES, ROLES } from "../../db/schema/enums";
export { ROLES };
/**
 * The roles-and-permissions matrix of DESIGN.md, as one pure function.
 * Browser-safe: the UI uses it to hide what a user cannot do; every loader and
 * action still checks on the server with requirePermission().
 */
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ceo: N_("CEO"),
  cto: N_("CTO"),
  lead: N_("Team lead"),
  viewer: N_("Viewer"),
};

export type Actor = { id: number; role: Role; teamId: number | null };

/** What a permission is checked against, when it depends on the thing touched. */
export type PermissionContext = {
  /** team owning the objective / key result / requisition (null = company-level) */
  teamId?: number | null;
  /** that team is a tech team (the CTO's) */
  teamIsTech?: boolean;
  /** owner of the key result */
  ownerUserId?: number | null;
  /** the budget category is an IT category; finance snapshots pass false */
  categoryIsIt?: boolean;
  /** the domain of a catalogue metric whose target is set ("finance", "delivery", "people", "okrs") */
  metricDomain?: string;
};

export const PERMISSIONS = [
  "dashboards:read",
  /** individual salaries of employees */
  "salaries:employees:read",
  /** salaries on hiring requisitions (CTO: tech teams only) */
  "salaries:requisitions:read",
  "finance:edit",
  "delivery:edit",
  "tokens:manage",
  "okrs:edit",
  "okrs:checkin",
  "risks:edit",
  "risks:propose",
  "hiring:edit",
  "hiring:propose",
  /** create, rename, archive teams (CEO any; CTO tech teams) */
  "teams:manage",
  "users:manage",
  "settings:manage",
  "audit:read",
  /** company targets of catalogue metrics (metric_targets): CEO any, CTO delivery only */
  "targets:edit",
  /** product KPIs: definitions, targets, measurements, CSV import (CEO, CTO, leads; decision 502) */
  "kpis:edit",
  /** add or edit employees: whoever reads employees' salaries and edits that team's hiring plan */
  "employees:manage",
  /** publish the monthly board pack and write its commentary (CEO) */
  "reports:publish",
  /** scenarios, the multi-year plan and its milestones: the CEO */
  "plans:edit",
  /** roadmap items: CEO and CTO any team; a lead their own team's */
  "roadmap:edit",
  /** record a go / no-go / alternative decision on a gate: the CEO */
  "gates:decide",
  /** check or uncheck a gate's manual criterion: CEO and CTO */
  "gates:check",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Without a context, answers "may this actor do this to at least something?"
 * (enough to show a button or open a page); with one, answers for that thing.
 */
export function can(actor: Actor | null | undefined, permission: Permission, ctx?: PermissionContext): boolean {
  if (!actor) return false;
  const { role } = actor;
  const ownTeam = ctx === undefined || (ctx.teamId != null && ctx.teamId === actor.teamId);
  switch (permission) {
    case "dashboards:read":
      return true;
    case "salaries:employees:read":
      return role === "ceo";
    case "salaries:requisitions:read":
      if (role === "ceo") return true;
      if (role === "cto") return ctx === undefined || ctx.teamIsTech === true;
      return false;
    case "finance:edit":
      if (role === "ceo") return true;
      if (role === "cto") return ctx === undefined || ctx.categoryIsIt === true;
      return false;
    case "delivery:edit":
    case "tokens:manage":
    case "risks:edit":
      return role === "ceo" || role === "cto";
    case "okrs:edit":
      if (role === "ceo" || role === "cto") return true;
      return role === "lead" && ownTeam;
    case "okrs:checkin":
      if (role === "ceo" || role === "cto") return true;
      if (role !== "lead") return false;
      return ownTeam || (ctx?.ownerUserId != null && ctx.ownerUserId === actor.id);
    case "risks:propose":
      return role === "ceo" || role === "cto" || role === "lead";
    case "hiring:edit":
      if (role === "ceo") return true;
      if (role === "cto") return ctx === undefined || ctx.teamIsTech === true;
      return false;
    case "hiring:propose":
      if (role === "ceo" || role === "cto") return true;
      return role === "lead" && ownTeam;
    case "teams:manage":
      if (role === "ceo") return true;
      if (role === "cto") return ctx === undefined || ctx.teamIsTech === true;
      return false;
    case "targets:edit":
      if (role === "ceo") return ctx?.metricDomain !== "kpi";
      if (role === "cto") return ctx === undefined || ctx.metricDomain === "delivery";
      return false;
    case "roadmap:edit":
      if (role === "ceo" || role === "cto") return true;
      return role === "lead" && ownTeam;
    case "gates:check":
      return role === "ceo" || role === "cto";
    case "plans:edit":
    case "gates:decide":
    case "users:manage":
    case "settings:manage":
    case "audit:read":
    case "reports:publish":
      return role === "ceo";
    case "kpis:edit":
      return role === "ceo" || role === "cto" || role === "lead";
    case "employees:manage":
      return can(actor, "salaries:employees:read") && can(actor, "hiring:edit", { teamIsTech: ctx?.teamIsTech ?? false });
  }
}

/** The permissions an actor holds for at least something: sent to the UI so it can hide controls. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p));
}

/** The scopes of an API token. */
export type ApiScopeName = (typeof API_SCOPES)[number];

/**
 * Whether an actor, with the role they hold NOW, may hold an API scope: grant it on a new token,
 * have it honoured on a token they made (re-checked on every API request), and revoke a token that
 * has it. Writes need the right to edit delivery data; finance:read needs a CEO; metrics:read any
 * active user (what every dashboard shows); kpis:write someone who may edit KPIs.
 */
export function canHoldScope(actor: Actor | null | undefined, scope: ApiScopeName): boolean {
  if (!actor) return false;
  switch (scope) {
    case "deployments:write":
    case "incidents:write":
    case "import:write":
      return can(actor, "delivery:edit");
    case "finance:read":
      return actor.role === "ceo";
    case "metrics:read":
      return can(actor, "dashboards:read");
    case "kpis:write":
      return can(actor, "kpis:edit");
  }
}
