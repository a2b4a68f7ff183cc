/** The demo's budget lines and finance snapshots (pure). */
import type { FinanceSnapshot } from "../builders";
import { addMonths, monthStart } from "../calendar";
import type { Rng } from "../prng";
import type { BudgetCategoryName } from "../reference";
import { CLOSED_MONTHS, type DemoCalendar, type GenEmployee, LOADED, OPENING_CASH_CENTS, SERIES_A_CENTS, SERIES_A_MONTH_INDEX, payrollShare } from "./calendar";
import { type GenRequisition } from "./hiring";

// ====================================================================== finance (pure)

type GenLine = { month: string; category: BudgetCategoryName; plannedCents: number; actualCents: number | null };
/** A generated snapshot: every demo month records its cost of revenue. */
export type GenSnapshot = Omit<FinanceSnapshot, "id" | "createdAt" | "updatedAt" | "costOfRevenueCents"> & { costOfRevenueCents: number };

/**
 * Cost of revenue of a demo month: the cloud infrastructure actually spent plus 18 % of revenue
 * (support and third-party fees serving customers) — a gross margin near the business plan's 75 %
 * for a first year. Deterministic: no draw from the PRNG, so the rest of the demo is unchanged.
 */
export const COST_OF_REVENUE_SHARE = 0.18;

/** The IT strategy's IT budget, 150 k€ a year — cloud 60, dev tools 30, security 25, training 20, R&D 15. */
const IT_MONTHLY_PLAN: Record<"Cloud infrastructure" | "Dev tools" | "Security" | "Training" | "R&D", number> = {
  "Cloud infrastructure": 5000_00,
  "Dev tools": 2500_00,
  Security: 2083_33,
  Training: 1666_67,
  "R&D": 1250_00,
};

export const IT_ANNUAL_ENVELOPE: Record<keyof typeof IT_MONTHLY_PLAN, number> = {
  "Cloud infrastructure": 60_000_00,
  "Dev tools": 30_000_00,
  Security: 25_000_00,
  Training: 20_000_00,
  "R&D": 15_000_00,
};

const NEW_CUSTOMERS = [1, 1, 0, 1, 1, 1, 1, 0, 1, 2, 1, 1, 1, 1] as const;
const CHURNED_CUSTOMERS = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0] as const;
const OPENING_CUSTOMERS = 7;

export function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function salaryLine(employees: readonly GenEmployee[], hires: readonly GenRequisition[], month: string): number {
  let total = 0;
  for (const e of employees) total += Math.round((e.salaryCents / 12) * payrollShare(e, month) * LOADED);
  for (const h of hires) if (h.targetStartMonth <= month) total += Math.round((h.salaryCents / 12) * LOADED);
  return total;
}

export function generateFinance(
  rng: Rng,
  cal: DemoCalendar,
  employees: readonly GenEmployee[],
  requisitions: readonly GenRequisition[],
): { lines: GenLine[]; snapshots: GenSnapshot[] } {
  const lines: GenLine[] = [];
  const snapshots: GenSnapshot[] = [];
  let cash = OPENING_CASH_CENTS;
  let customers = OPENING_CUSTOMERS;
  const pentestMonth = 6;

  cal.closedMonths.forEach((month, i) => {
    const seriesA = i === SERIES_A_MONTH_INDEX;
    const salaries = salaryLine(employees, [], month);
    const marketingPlan = roundTo(10_000_00 + 600_00 * i, 500_00);
    const trainingFactor = rng.pick([0.3, 0.6, 0.9, 1.1, 1.4, 2.1]);
    const monthLines: GenLine[] = [
      {
        month,
        category: "Salaries",
        plannedCents: Math.ceil((salaries * 1.01) / 1000_00) * 1000_00,
        actualCents: Math.round(salaries * rng.normal(1, 0.004)),
      },
      { month, category: "Marketing", plannedCents: marketingPlan, actualCents: Math.round(marketingPlan * rng.normalClamped(1, 0.1, 0.7, 1.3)) },
      {
        month,
        category: "Cloud infrastructure",
        plannedCents: IT_MONTHLY_PLAN["Cloud infrastructure"],
        // usage grows with customers: under budget early, over budget lately
        actualCents: Math.round(IT_MONTHLY_PLAN["Cloud infrastructure"] * (0.85 + (0.3 * i) / (CLOSED_MONTHS - 1) + rng.normal(0, 0.03))),
      },
      {
        month,
        category: "Dev tools",
        plannedCents: IT_MONTHLY_PLAN["Dev tools"],
        actualCents: Math.round(IT_MONTHLY_PLAN["Dev tools"] * rng.normalClamped(1.02, 0.06, 0.8, 1.3)),
      },
      {
        month,
        category: "Security",
        plannedCents: IT_MONTHLY_PLAN.Security,
        actualCents: Math.round(IT_MONTHLY_PLAN.Security * (i === pentestMonth ? 2.6 : rng.normalClamped(0.8, 0.1, 0.5, 1.1))),
      },
      { month, category: "Training", plannedCents: IT_MONTHLY_PLAN.Training, actualCents: Math.round(IT_MONTHLY_PLAN.Training * trainingFactor) },
      { month, category: "R&D", plannedCents: IT_MONTHLY_PLAN["R&D"], actualCents: Math.round(IT_MONTHLY_PLAN["R&D"] * rng.normalClamped(1, 0.2, 0.5, 1.6)) },
      {
        month,
        category: "Legal/Admin",
        plannedCents: 4500_00 + (seriesA ? 30_000_00 : 0),
        actualCents: Math.round(4500_00 * rng.normalClamped(1, 0.15, 0.6, 1.5)) + (seriesA ? 32_500_00 : 0),
      },
      { month, category: "Other", plannedCents: 3000_00, actualCents: Math.round(3000_00 * rng.normalClamped(1, 0.15, 0.6, 1.5)) },
    ];
    lines.push(...monthLines);

    const newCustomers = NEW_CUSTOMERS[i];
    const churned = CHURNED_CUSTOMERS[i];
    customers = customers + newCustomers - churned;
    const arpa = 8300_00 * Math.pow(1.008, i) * rng.normal(1, 0.01);
    const mrr = roundTo(customers * arpa, 100);
    const services = [4, 9, 12].includes(i) ? rng.int(8_000, 22_000) * 100 : 0;
    const revenue = Math.round(mrr * rng.normal(1, 0.02)) + services;
    const financing = seriesA ? SERIES_A_CENTS : 0;
    const grossBurn = monthLines.reduce((sum, l) => sum + (l.actualCents ?? 0), 0);
    const cloud = monthLines.find((l) => l.category === "Cloud infrastructure")?.actualCents ?? 0;
    // the identity the dashboards rely on: cash(m) = cash(m-1) + revenue + financing - gross burn
    cash = cash + revenue + financing - grossBurn;
    snapshots.push({
      month,
      cashCents: cash,
      revenueCents: revenue,
      mrrCents: mrr,
      customers,
      newCustomers,
      churnedCustomers: churned,
      financingCents: financing,
      costOfRevenueCents: cloud + Math.round(revenue * COST_OF_REVENUE_SHARE),
    });
  });

  // Planned lines for the 12 months after the last closed month (signed hires included).
  const hired = requisitions.filter((r) => r.status === "hired");
  const currentStaff = employees.filter((e) => e.endDate === null);
  cal.forecastMonths.forEach((month, k) => {
    const i = CLOSED_MONTHS + k;
    const salaries = salaryLine(currentStaff, hired, month);
    lines.push(
      { month, category: "Salaries", plannedCents: Math.ceil((salaries * 1.01) / 1000_00) * 1000_00, actualCents: null },
      { month, category: "Marketing", plannedCents: roundTo(10_000_00 + 600_00 * i, 500_00), actualCents: null },
      ...(Object.entries(IT_MONTHLY_PLAN) as [keyof typeof IT_MONTHLY_PLAN, number][]).map(([category, plannedCents]) => ({
        month,
        category,
        plannedCents,
        actualCents: null,
      })),
      { month, category: "Legal/Admin", plannedCents: 5000_00, actualCents: null },
      { month, category: "Other", plannedCents: 3500_00, actualCents: null },
    );
  });
  return { lines, snapshots };
}

/** Value of a snapshot field for the latest month closed before `at` (first month if none). */
export function snapshotAt(snapshots: readonly GenSnapshot[], at: number): GenSnapshot {
  let found = snapshots[0];
  for (const s of snapshots) if (monthStart(addMonths(s.month, 1)) <= at) found = s;
  return found;
}
