import type { Permission } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";

export type NavItem = {
  to: string;
  label: string;
  permission: Permission;
  group: "Dashboards" | "Plan" | "Operate" | "Admin";
  /** shows the number of items waiting (the root loader's `inboxCount`) next to the label */
  badge?: "inbox";
};

/** The pages that exist, in menu order. A page appears here when it is built, never before. */
export const NAV: NavItem[] = [
  { to: "/", label: N_("Home"), permission: "dashboards:read", group: N_("Dashboards") },
  { to: "/inbox", label: N_("Inbox"), permission: "dashboards:read", group: N_("Dashboards"), badge: "inbox" },
  { to: "/dashboards/executive", label: N_("Executive dashboard"), permission: "dashboards:read", group: N_("Dashboards") },
  { to: "/dashboards/cto", label: N_("CTO dashboard"), permission: "dashboards:read", group: N_("Dashboards") },
  { to: "/dashboards/product", label: N_("Product dashboard"), permission: "dashboards:read", group: N_("Dashboards") },
  { to: "/okrs", label: N_("OKRs"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/okrs/mine", label: N_("My key results"), permission: "okrs:checkin", group: N_("Plan") },
  { to: "/kpis", label: N_("KPIs"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/hiring", label: N_("Hiring plan"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/budgets", label: N_("Budgets"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/finance/snapshots", label: N_("Finance snapshots"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/teams", label: N_("Teams"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/risks", label: N_("Risks"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/strategy", label: N_("Multi-year plan"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/scenarios", label: N_("Scenarios"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/roadmap", label: N_("Roadmap"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/governance/gates", label: N_("Decision gates"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/reports/board", label: N_("Board packs"), permission: "dashboards:read", group: N_("Plan") },
  { to: "/targets", label: N_("Targets"), permission: "targets:edit", group: N_("Plan") },
  { to: "/delivery/deployments", label: N_("Deployments"), permission: "dashboards:read", group: N_("Operate") },
  { to: "/delivery/incidents", label: N_("Incidents"), permission: "dashboards:read", group: N_("Operate") },
  { to: "/delivery/services", label: N_("Services"), permission: "dashboards:read", group: N_("Operate") },
  { to: "/governance/compliance", label: N_("Compliance"), permission: "dashboards:read", group: N_("Operate") },
  { to: "/governance/maturity", label: N_("IT maturity"), permission: "dashboards:read", group: N_("Operate") },
  // everyone who may write something an import feeds (leads: their OKRs); each import checks its own right
  { to: "/import", label: N_("Import data"), permission: "okrs:edit", group: N_("Admin") },
  { to: "/settings", label: N_("Settings"), permission: "users:manage", group: N_("Admin") },
  { to: "/settings/tokens", label: N_("API tokens"), permission: "tokens:manage", group: N_("Admin") },
  { to: "/settings/webhooks", label: N_("Webhook sources"), permission: "tokens:manage", group: N_("Admin") },
  { to: "/audit", label: N_("Audit trail"), permission: "audit:read", group: N_("Admin") },
];

/**
 * The menu item a path belongs to: the item whose path is the longest segment-wise prefix
 * of `pathname` ("/okrs/12" → OKRs, "/okrs/mine" → My key results, "/" only for "/").
 */
export function activeNavPath(pathname: string, paths: readonly string[]): string | null {
  let best: string | null = null;
  for (const to of paths) {
    const matches = to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
    if (matches && (best === null || to.length > best.length)) best = to;
  }
  return best;
}
