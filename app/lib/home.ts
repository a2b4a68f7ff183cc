import type { Role } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";

/** `title` (a menu label, namespace common) and `why` (namespace home) are keys: the page shows `t(…)`. */
export type HomeCard = { to: string; title: string; why: string };

/** Per role, the pages to start from, most important first; only pages that exist are shown. */
export const HOME_CARDS: Record<Role, HomeCard[]> = {
  ceo: [
    { to: "/dashboards/executive", title: N_("Executive dashboard"), why: N_("Cash, burn, runway, default alive, SaaS metrics.", "home") },
    { to: "/hiring", title: N_("Hiring plan"), why: N_("Requisitions and what they do to runway.", "home") },
    { to: "/budgets", title: N_("Budgets"), why: N_("Planned vs actual by category and month.", "home") },
    { to: "/okrs", title: N_("OKRs"), why: N_("Company and team objectives, progress and pace.", "home") },
    { to: "/risks", title: N_("Risks"), why: N_("The register and its heat map.", "home") },
    { to: "/audit", title: N_("Audit trail"), why: N_("Every change, who made it and when.", "home") },
    { to: "/settings", title: N_("Settings"), why: N_("Users, roles and company settings.", "home") },
  ],
  cto: [
    { to: "/dashboards/cto", title: N_("CTO dashboard"), why: N_("DORA metrics with tiers and trends, incidents, IT budget.", "home") },
    { to: "/delivery/deployments", title: N_("Deployments"), why: N_("Every production deployment and its commits.", "home") },
    { to: "/delivery/incidents", title: N_("Incidents"), why: N_("Open incidents and their causes.", "home") },
    { to: "/okrs", title: N_("OKRs"), why: N_("Objectives of every team.", "home") },
    { to: "/risks", title: N_("Risks"), why: N_("Technical and security risks.", "home") },
    { to: "/governance/compliance", title: N_("Compliance"), why: N_("Progress on the compliance frameworks.", "home") },
    { to: "/settings/tokens", title: N_("API tokens"), why: N_("Connect CI pipelines and incident tools.", "home") },
  ],
  lead: [
    { to: "/okrs/mine", title: N_("My key results"), why: N_("Check in on your team's key results in seconds.", "home") },
    { to: "/okrs", title: N_("OKRs"), why: N_("How your objectives align with the company's.", "home") },
    { to: "/dashboards/product", title: N_("Product dashboard"), why: N_("Product KPIs against their targets.", "home") },
    { to: "/hiring", title: N_("Hiring plan"), why: N_("Propose a hire for your team.", "home") },
    { to: "/risks", title: N_("Risks"), why: N_("Propose a risk you see coming.", "home") },
  ],
  viewer: [
    { to: "/dashboards/executive", title: N_("Executive dashboard"), why: N_("How long the money lasts.", "home") },
    { to: "/dashboards/cto", title: N_("CTO dashboard"), why: N_("How well we deliver.", "home") },
    { to: "/dashboards/product", title: N_("Product dashboard"), why: N_("Product KPIs against targets.", "home") },
    { to: "/okrs", title: N_("OKRs"), why: N_("Where every objective stands.", "home") },
    { to: "/risks", title: N_("Risks"), why: N_("What could go wrong, and what is done about it.", "home") },
  ],
};
