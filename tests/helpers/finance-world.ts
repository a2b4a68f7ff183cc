/**
 * The finance integration tests' world (finance-model, finance-writes): a fresh reference database
 * per test with a CEO, a CTO, a lead of the Core team and an import token, and the hand-made
 * snapshots and budget lines `load()` inserts.
 */
import { beforeEach } from "vitest";
import type { Actor } from "~/auth/permissions";
import { buildMonthFinance, type MonthFinance } from "~/lib/metrics/finance";
import { createApiToken } from "~/models/tokens.server";
import type { Db } from "~/utils/db.server";
import { insertBudgetLine, insertSnapshot, insertTeam, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { freshDbPerTest } from "./db";

export let CEO: Actor;
export let CTO: Actor;
export let LEAD: Actor;
export let tokenId: number;

export const t = freshDbPerTest(seedReference);
export let cat: Record<string, number>;

function categories(d: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of d.select().from(d._.fullSchema.budgetCategories).all()) out[c.name] = c.id;
  return out;
}

beforeEach(() => {
  cat = categories(t.db);
  const actor = (u: { id: number; role: Actor["role"]; teamId: number | null }): Actor => ({ id: u.id, role: u.role, teamId: u.teamId });
  CEO = actor(insertUser(t.db, { role: "ceo" }));
  CTO = actor(insertUser(t.db, { role: "cto" }));
  const team = insertTeam(t.db, { name: "Core", isTech: true });
  LEAD = actor(insertUser(t.db, { role: "lead", teamId: team.id }));
  tokenId = createApiToken(t.db, { name: "ci", scopes: ["import:write"], createdByUserId: CTO.id }, null).id;
});

/** hand-made data: 5 closed months (one with no budget line at all), lines with missing actuals */
export const SNAPS = [
  { month: "2025-01", cashCents: 500_000_00, revenueCents: 10_000_00, mrrCents: 10_000_00, customers: 10, newCustomers: 2, churnedCustomers: 0 },
  { month: "2025-02", cashCents: 440_000_00, revenueCents: 12_000_00, mrrCents: 12_000_00, customers: 12, newCustomers: 3, churnedCustomers: 1 },
  { month: "2025-03", cashCents: 380_000_00, revenueCents: 13_000_00, mrrCents: 13_500_00, customers: 13, newCustomers: 2, churnedCustomers: 1 },
  { month: "2025-04", cashCents: 330_000_00, revenueCents: 15_000_00, mrrCents: 15_000_00, customers: 15, newCustomers: 3, churnedCustomers: 1 },
  { month: "2025-05", cashCents: 270_000_00, revenueCents: 16_000_00, mrrCents: 16_500_00, customers: 16, newCustomers: 2, churnedCustomers: 1 },
];
type L = { month: string; category: string; plannedCents: number; actualCents: number | null };
export const LINES: L[] = [
  { month: "2025-01", category: "Salaries", plannedCents: 50_000_00, actualCents: 48_000_00 },
  { month: "2025-01", category: "Marketing", plannedCents: 10_000_00, actualCents: 9_000_00 },
  { month: "2025-02", category: "Salaries", plannedCents: 50_000_00, actualCents: 51_000_00 },
  { month: "2025-02", category: "Marketing", plannedCents: 10_000_00, actualCents: null }, // missing actual
  { month: "2025-02", category: "Cloud infrastructure", plannedCents: 5_000_00, actualCents: 6_000_00 },
  { month: "2025-04", category: "Salaries", plannedCents: 55_000_00, actualCents: 56_000_00 },
  { month: "2025-04", category: "Marketing", plannedCents: 12_000_00, actualCents: 11_500_00 },
  { month: "2025-05", category: "Salaries", plannedCents: 55_000_00, actualCents: 57_000_00 },
  { month: "2025-05", category: "Marketing", plannedCents: 12_000_00, actualCents: 12_500_00 },
  { month: "2025-05", category: "Security", plannedCents: 2_000_00, actualCents: null },
  // months after M: planned only
  { month: "2025-06", category: "Salaries", plannedCents: 60_000_00, actualCents: null },
  { month: "2025-07", category: "Salaries", plannedCents: 60_000_00, actualCents: null },
  { month: "2025-07", category: "Cloud infrastructure", plannedCents: 6_000_00, actualCents: null },
];
export const SM = new Set(["Marketing"]);

export function load() {
  for (const s of SNAPS) insertSnapshot(t.db, s);
  for (const l of LINES) insertBudgetLine(t.db, { categoryId: cat[l.category], month: l.month, plannedCents: l.plannedCents, actualCents: l.actualCents });
}

export function pureMonths(): MonthFinance[] {
  return buildMonthFinance(
    SNAPS,
    LINES.map((l) => ({ month: l.month, actualCents: l.actualCents, isSalesMarketing: SM.has(l.category) })),
  );
}
