/** The demo's hiring plan (pure). */
import { type schema } from "../../db/client";
import { addMonths } from "../calendar";
import { PLAN_002_ROLES, REQUISITION_QUOTAS, ROLE_POOL, TEAMS, type Priority, type RoleTemplate, type TeamName, type UserKey } from "../demo-data";
import type { Rng } from "../prng";
import { type DemoCalendar, FORECAST_MONTHS } from "./calendar";

// ====================================================================== hiring (pure)

export type GenRequisition = RoleTemplate & {
  salaryCents: number;
  targetStartMonth: string;
  status: (typeof schema.REQUISITION_STATUSES)[number];
  link: "scale" | "team" | null;
  proposedBy: UserKey | null;
};

export const SIGNED_HIRE_NAMES = ["Inès Lambert", "Hugo Marchand", "Yasmine Haddad"] as const;

const PRIORITY_ORDER: Record<Priority, number> = { P0: 0, P1: 1, P2: 2 };

/** 25 people today + 75 requisitions = the 100 of 000's "SCALING RAPIDE", plus a few cancelled. */
export function generateRequisitions(rng: Rng, cal: DemoCalendar): GenRequisition[] {
  const roles: RoleTemplate[] = [...PLAN_002_ROLES];
  for (const team of TEAMS.map((t) => t.name)) {
    const pool = ROLE_POOL[team];
    const missing = REQUISITION_QUOTAS[team] - PLAN_002_ROLES.filter((r) => r.team === team).length;
    for (let k = 0; k < missing; k++) roles.push({ ...pool[k % pool.length], team });
  }
  const ordered = roles
    .map((r, i) => ({ r, i }))
    .sort((a, b) => PRIORITY_ORDER[a.r.priority] - PRIORITY_ORDER[b.r.priority] || a.i - b.i)
    .map(({ r }) => r);
  const total = ordered.length;
  const planned = ordered.map((r, i): GenRequisition => {
    const offset = Math.floor((i * FORECAST_MONTHS) / total);
    const status = i < 3 ? "hired" : i < 6 ? "offer" : i < 14 ? "interviewing" : i < 26 ? "open" : "planned";
    const [lo, hi] = r.salaryK;
    return {
      ...r,
      salaryCents: rng.int(lo, hi) * 1000_00,
      // signed hires start next month; nothing starts before the current month
      targetStartMonth: addMonths(cal.currentMonth, status === "hired" ? 1 : offset),
      status,
      link: r.priority === "P0" ? "scale" : ["Core", "AI/Data", "Sales", "Payments"].includes(r.team) ? "team" : null,
      proposedBy: null,
    };
  });
  // leads propose for their own team
  const proposals: readonly [TeamName, UserKey, number][] = [
    ["Core", "lead", 2],
    ["Payments", "leadPayments", 1],
  ];
  for (const [team, user, n] of proposals) {
    planned
      .filter((q) => q.team === team && q.status === "planned")
      .slice(0, n)
      .forEach((q) => (q.proposedBy = user));
  }
  // cancelled requisitions (not counted toward the plan)
  const cancelledTeams: readonly TeamName[] = ["Mobile", "Marketing", "Sales", "Platform"];
  for (const team of cancelledTeams) {
    const role = rng.pick(ROLE_POOL[team]);
    const [lo, hi] = role.salaryK;
    planned.push({
      ...role,
      team,
      salaryCents: rng.int(lo, hi) * 1000_00,
      targetStartMonth: addMonths(cal.currentMonth, rng.int(0, 6)),
      status: "cancelled",
      link: null,
      proposedBy: null,
    });
  }
  return planned;
}
