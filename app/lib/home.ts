import type { Role } from "~/auth/permissions";

export type HomeCard = { to: string; title: string; why: string };

/** Per role, the pages to start from, most important first; only pages that exist are shown. */
export const HOME_CARDS: Record<Role, HomeCard[]> = {
  ceo: [
    { to: "/dashboards/executive", title: "Executive dashboard", why: "Cash, burn, runway, default alive, SaaS metrics." },
    { to: "/hiring", title: "Hiring plan", why: "Requisitions and what they do to runway." },
    { to: "/budgets", title: "Budgets", why: "Planned vs actual by category and month." },
    { to: "/okrs", title: "OKRs", why: "Company and team objectives, progress and pace." },
    { to: "/risks", title: "Risks", why: "The register and its heat map." },
    { to: "/audit", title: "Audit trail", why: "Every change, who made it and when." },
    { to: "/settings", title: "Settings", why: "Users, roles and company settings." },
  ],
  cto: [
    { to: "/dashboards/cto", title: "CTO dashboard", why: "DORA metrics with tiers and trends, incidents, IT budget." },
    { to: "/delivery/deployments", title: "Deployments", why: "Every production deployment and its commits." },
    { to: "/delivery/incidents", title: "Incidents", why: "Open incidents and their causes." },
    { to: "/okrs", title: "OKRs", why: "Objectives of every team." },
    { to: "/risks", title: "Risks", why: "Technical and security risks." },
    { to: "/governance/compliance", title: "Compliance", why: "Progress on the compliance frameworks." },
    { to: "/settings/tokens", title: "API tokens", why: "Connect CI pipelines and incident tools." },
  ],
  lead: [
    { to: "/okrs/mine", title: "My key results", why: "Check in on your team's key results in seconds." },
    { to: "/okrs", title: "OKRs", why: "How your objectives align with the company's." },
    { to: "/dashboards/product", title: "Product dashboard", why: "Product KPIs against their targets." },
    { to: "/hiring", title: "Hiring plan", why: "Propose a hire for your team." },
    { to: "/risks", title: "Risks", why: "Propose a risk you see coming." },
  ],
  viewer: [
    { to: "/dashboards/executive", title: "Executive dashboard", why: "How long the money lasts." },
    { to: "/dashboards/cto", title: "CTO dashboard", why: "How well we deliver." },
    { to: "/dashboards/product", title: "Product dashboard", why: "Product KPIs against targets." },
    { to: "/okrs", title: "OKRs", why: "Where every objective stands." },
    { to: "/risks", title: "Risks", why: "What could go wrong, and what is done about it." },
  ],
};
