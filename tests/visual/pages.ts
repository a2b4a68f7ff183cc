/**
 * Every page of the app, who may open it, and which of them the visual suite photographs beyond
 * the CEO at 1440 px in light. Ids are those of the demo data set seeded at the frozen instant
 * (deterministic: same seed, same clock, same rows).
 */
import type { DemoRole } from "../e2e/fixtures";

export const ROLES = ["ceo", "cto", "lead", "viewer"] as const satisfies readonly DemoRole[];
export const WIDTHS = { desktop: 1440, phone: 390 } as const;
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The instant the visual server's clock and the demo seed are frozen at (a Wednesday, mid-quarter). */
export const FROZEN_NOW = "2026-11-18T09:30:00.000Z";

export type PageSpec = {
  /** file-name friendly, unique */
  name: string;
  path: string;
  /** who may open it (others get 403); default every role */
  roles?: readonly DemoRole[];
  /**
   * Roles whose view of the page differs in content (salaries withheld, edit controls, role cards):
   * photographed once per such role besides the CEO.
   */
  shotRoles?: readonly DemoRole[];
  /** photographed at 390 px and in dark too (home and the three dashboards) */
  everyWidthAndTheme?: boolean;
  /** photograph the main content only (the navigation is photographed with home) */
  mainOnly?: boolean;
};

const editors = ["ceo", "cto"] as const;
const proposers = ["ceo", "cto", "lead"] as const;

const LIST: PageSpec[] = [
  { name: "home", path: "/", everyWidthAndTheme: true, shotRoles: ["cto", "lead", "viewer"] },
  // every role has its own inbox (what each owns); the viewer's is the empty state
  { name: "inbox", path: "/inbox", shotRoles: ["cto", "lead", "viewer"] },
  { name: "profile", path: "/profile" },
  { name: "dashboard-executive", path: "/dashboards/executive", everyWidthAndTheme: true, shotRoles: ["viewer"] },
  { name: "dashboard-cto", path: "/dashboards/cto", everyWidthAndTheme: true },
  { name: "dashboard-product", path: "/dashboards/product", everyWidthAndTheme: true },
  { name: "okrs", path: "/okrs" },
  { name: "okrs-mine", path: "/okrs/mine", shotRoles: ["lead"] },
  { name: "okr-objective", path: "/okrs/1" },
  { name: "okr-key-result", path: "/okrs/kr/1" },
  { name: "kpis", path: "/kpis" },
  { name: "kpi", path: "/kpis/1" },
  { name: "hiring", path: "/hiring", shotRoles: ["cto", "viewer"] },
  { name: "hiring-new", path: "/hiring/new", roles: proposers },
  { name: "hiring-requisition", path: "/hiring/1" },
  { name: "hiring-employees", path: "/hiring/employees", shotRoles: ["viewer"] },
  { name: "hiring-employee-new", path: "/hiring/employees/new", roles: ["ceo"] },
  { name: "hiring-headcount", path: "/hiring/headcount" },
  { name: "budgets", path: "/budgets", shotRoles: ["cto", "viewer"] },
  { name: "budget-categories", path: "/budgets/categories", shotRoles: ["viewer"] },
  { name: "finance-snapshots", path: "/finance/snapshots", shotRoles: ["viewer"] },
  { name: "teams", path: "/teams", shotRoles: ["viewer"] },
  { name: "targets", path: "/targets", roles: editors },
  { name: "risks", path: "/risks", shotRoles: ["viewer"] },
  { name: "risks-new", path: "/risks/new", roles: proposers, shotRoles: ["lead"] },
  { name: "risks-rules", path: "/risks/rules" },
  { name: "risk", path: "/risks/1" },
  { name: "gates", path: "/governance/gates", shotRoles: ["viewer"] },
  { name: "board-packs", path: "/reports/board" },
  // the draft of the latest closed month at FROZEN_NOW: the CEO's alone (others get 404 until it is published)
  { name: "board-pack", path: "/reports/board/2026-10", roles: ["ceo"] },
  { name: "gate", path: "/governance/gates/1", roles: ["ceo"] },
  { name: "gate-decisions", path: "/governance/decisions/1" },
  { name: "scenarios", path: "/scenarios", shotRoles: ["viewer"] },
  { name: "strategy", path: "/strategy" },
  { name: "roadmap", path: "/roadmap", shotRoles: ["lead"] },
  { name: "compliance", path: "/governance/compliance" },
  { name: "maturity", path: "/governance/maturity" },
  { name: "deployments", path: "/delivery/deployments" },
  { name: "deployment", path: "/delivery/deployments/1" },
  { name: "incidents", path: "/delivery/incidents" },
  { name: "incident", path: "/delivery/incidents/1" },
  { name: "incident-new", path: "/delivery/incidents/new", roles: editors },
  { name: "services", path: "/delivery/services" },
  { name: "delivery-import", path: "/delivery/import", roles: editors },
  { name: "import", path: "/import", shotRoles: ["viewer"] },
  { name: "settings", path: "/settings", roles: ["ceo"] },
  { name: "tokens", path: "/settings/tokens", roles: editors },
  { name: "webhooks", path: "/settings/webhooks", roles: editors },
  { name: "webhook", path: "/settings/webhooks/1", roles: editors },
  // filtered to the rule-raised risks: sign-ins (every test signs in) would make the picture depend on test order
  { name: "audit", path: "/audit?entity=risk", roles: ["ceo"] },
];
export const PAGES: readonly PageSpec[] = LIST.map((p) => ({ mainOnly: p.name !== "home", ...p }));

export function pagesFor(role: DemoRole): PageSpec[] {
  return PAGES.filter((p) => !p.roles || p.roles.includes(role));
}
