import type { Permission } from "~/auth/permissions";

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
  { to: "/", label: "Home", permission: "dashboards:read", group: "Dashboards" },
  { to: "/inbox", label: "Inbox", permission: "dashboards:read", group: "Dashboards", badge: "inbox" },
  { to: "/dashboards/executive", label: "Executive dashboard", permission: "dashboards:read", group: "Dashboards" },
  { to: "/dashboards/cto", label: "CTO dashboard", permission: "dashboards:read", group: "Dashboards" },
  { to: "/dashboards/product", label: "Product dashboard", permission: "dashboards:read", group: "Dashboards" },
  { to: "/okrs", label: "OKRs", permission: "dashboards:read", group: "Plan" },
  { to: "/okrs/mine", label: "My key results", permission: "okrs:checkin", group: "Plan" },
  { to: "/kpis", label: "KPIs", permission: "dashboards:read", group: "Plan" },
  { to: "/hiring", label: "Hiring plan", permission: "dashboards:read", group: "Plan" },
  { to: "/budgets", label: "Budgets", permission: "dashboards:read", group: "Plan" },
  { to: "/finance/snapshots", label: "Finance snapshots", permission: "dashboards:read", group: "Plan" },
  { to: "/teams", label: "Teams", permission: "dashboards:read", group: "Plan" },
  { to: "/risks", label: "Risks", permission: "dashboards:read", group: "Plan" },
  { to: "/strategy", label: "Multi-year plan", permission: "dashboards:read", group: "Plan" },
  { to: "/scenarios", label: "Scenarios", permission: "dashboards:read", group: "Plan" },
  { to: "/roadmap", label: "Roadmap", permission: "dashboards:read", group: "Plan" },
  { to: "/governance/gates", label: "Decision gates", permission: "dashboards:read", group: "Plan" },
  { to: "/reports/board", label: "Board packs", permission: "dashboards:read", group: "Plan" },
  { to: "/targets", label: "Targets", permission: "targets:edit", group: "Plan" },
  { to: "/delivery/deployments", label: "Deployments", permission: "dashboards:read", group: "Operate" },
  { to: "/delivery/incidents", label: "Incidents", permission: "dashboards:read", group: "Operate" },
  { to: "/delivery/services", label: "Services", permission: "dashboards:read", group: "Operate" },
  { to: "/governance/compliance", label: "Compliance", permission: "dashboards:read", group: "Operate" },
  { to: "/governance/maturity", label: "IT maturity", permission: "dashboards:read", group: "Operate" },
  // everyone who may write something an import feeds (leads: their OKRs); each import checks its own right
  { to: "/import", label: "Import data", permission: "okrs:edit", group: "Admin" },
  { to: "/settings", label: "Settings", permission: "users:manage", group: "Admin" },
  { to: "/settings/tokens", label: "API tokens", permission: "tokens:manage", group: "Admin" },
  { to: "/settings/webhooks", label: "Webhook sources", permission: "tokens:manage", group: "Admin" },
  { to: "/audit", label: "Audit trail", permission: "audit:read", group: "Admin" },
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
