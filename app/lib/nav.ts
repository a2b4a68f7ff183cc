import type { Permission } from "~/auth/permissions";

export type NavItem = { to: string; label: string; permission: Permission; group: "Dashboards" | "Plan" | "Operate" | "Admin" };

/** The pages that exist, in menu order. A page appears here when it is built, never before. */
export const NAV: NavItem[] = [
  { to: "/", label: "Home", permission: "dashboards:read", group: "Dashboards" },
  { to: "/settings", label: "Settings", permission: "users:manage", group: "Admin" },
];
