/**
 * The InnovaTech Solutions demo data set, built deterministically from a fixed PRNG seed and an
 * anchor day (`now` truncated to the UTC day): same `now` (same day) → same data.
 * Everything is written in one transaction; seeding a database that already holds the demo
 * (or any users or business data) writes nothing.
 */
import { count, eq } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import { schema, type Db } from "../db/client";
import { insertGate, insertMany, type DbWriter } from "./builders";
import { seedDemoPlans } from "./demo-plans";
import {
  DAY,
  HOUR,
  MINUTE,
  addMonths,
  addQuarters,
  dateToMs,
  daysInMonth,
  isoDate,
  lastDayOf,
  monthOf,
  monthStart,
  quarterInfo,
  quarterOf,
  utcDayStart,
} from "./calendar";
import {
  DEMO_COMPANY_NAME,
  DEMO_PASSWORD,
  DEMO_USERS,
  EMPLOYEES,
  GATES,
  KPIS,
  METRIC_TARGETS,
  MATURITY_ASSESSMENTS,
  PLAN_002_ROLES,
  REQUIREMENTS,
  REQUISITION_QUOTAS,
  RISKS,
  ROLE_POOL,
  SERVICES,
  TEAMS,
  type Priority,
  type RoleTemplate,
  type TeamName,
  type UserKey,
} from "./demo-data";
import { generateDelivery, type DeliveryData } from "./demo-delivery";
import { createRng, hashString, type Rng } from "./prng";
import { COMPANY_SETTINGS_DEFAULTS, seedReference, type BudgetCategoryName } from "./reference";

export { DEMO_LOGINS, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";

/** Fixed PRNG seed of the demo data set. */
export const DEMO_SEED = 0x1e2024;
/** Closed months (with a finance snapshot) ending with the month before the anchor day. */
export const CLOSED_MONTHS = 14;
/** Planned-only months after the last closed month. */
export const FORECAST_MONTHS = 12;
const OPENING_CASH_CENTS = 650_000_00;
const SERIES_A_CENTS = 5_000_000_00;
const SERIES_A_MONTH_INDEX = 1;
const LOADED = COMPANY_SETTINGS_DEFAULTS.loadedCostFactor;

export type SeedDemoResult = { seeded: boolean; reason?: string };

/** A PRNG stream per domain, so a change in one domain does not reshuffle the others. */
function rngFor(label: string): Rng {
  return createRng((DEMO_SEED ^ hashString(label)) >>> 0);
}

// ====================================================================== calendar

export type DemoCalendar = {
  /** `now` truncated to the UTC day; all generated instants are before it */
  anchor: number;
  currentMonth: string;
  lastClosedMonth: string;
  closedMonths: string[];
  forecastMonths: string[];
};

export function demoCalendar(now: number): DemoCalendar {
  const anchor = utcDayStart(now);
  const currentMonth = monthOf(anchor);
  const lastClosedMonth = addMonths(currentMonth, -1);
  const closedMonths = Array.from({ length: CLOSED_MONTHS }, (_, i) => addMonths(lastClosedMonth, i - CLOSED_MONTHS + 1));
  const forecastMonths = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(currentMonth, i));
  return { anchor, currentMonth, lastClosedMonth, closedMonths, forecastMonths };
}

// ====================================================================== people (pure)

type GenEmployee = { name: string; team: TeamName; title: string; startDate: string; endDate: string | null; salaryCents: number };

function generateEmployees(cal: DemoCalendar): GenEmployee[] {
  return EMPLOYEES.map((e) => ({
    name: e.name,
    team: e.team,
    title: e.title,
    startDate: `${addMonths(cal.currentMonth, -e.startMonthsAgo)}-${String(e.startDay).padStart(2, "0")}`,
    endDate: e.endMonthsAgo === undefined ? null : lastDayOf(addMonths(cal.currentMonth, -e.endMonthsAgo)),
    salaryCents: e.salaryK * 1000_00,
  }));
}

/** Share of a month an employee was on the payroll (0–1). */
function payrollShare(e: { startDate: string; endDate: string | null }, month: string): number {
  const first = monthStart(month);
  const last = first + (daysInMonth(month) - 1) * DAY;
  const from = Math.max(first, dateToMs(e.startDate));
  const to = Math.min(last, e.endDate ? dateToMs(e.endDate) : last);
  if (to < from) return 0;
  return ((to - from) / DAY + 1) / daysInMonth(month);
}

function headcountOn(employees: readonly GenEmployee[], at: number): number {
  const date = isoDate(at);
  return employees.filter((e) => e.startDate <= date && (e.endDate === null || e.endDate >= date)).length;
}

// ====================================================================== hiring (pure)

type GenRequisition = RoleTemplate & {
  salaryCents: number;
  targetStartMonth: string;
  status: (typeof schema.REQUISITION_STATUSES)[number];
  link: "scale" | "team" | null;
  proposedBy: UserKey | null;
};

const SIGNED_HIRE_NAMES = ["Inès Lambert", "Hugo Marchand", "Yasmine Haddad"] as const;

const PRIORITY_ORDER: Record<Priority, number> = { P0: 0, P1: 1, P2: 2 };

/** 25 people today + 75 requisitions = the 100 of 000's "SCALING RAPIDE", plus a few cancelled. */
function generateRequisitions(rng: Rng, cal: DemoCalendar): GenRequisition[] {
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
    planned.filter((q) => q.team === team && q.status === "planned").slice(0, n).forEach((q) => (q.proposedBy = user));
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

// ====================================================================== finance (pure)

type GenLine = { month: string; category: BudgetCategoryName; plannedCents: number; actualCents: number | null };
type GenSnapshot = {
  month: string;
  cashCents: number;
  revenueCents: number;
  mrrCents: number;
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
  financingCents: number;
};

/** The IT strategy's IT budget, 150 k€ a year — cloud 60, dev tools 30, security 25, training 20, R&D 15. */
const IT_MONTHLY_PLAN: Record<"Cloud infrastructure" | "Dev tools" | "Security" | "Training" | "R&D", number> = {
  "Cloud infrastructure": 5000_00,
  "Dev tools": 2500_00,
  Security: 2083_33,
  Training: 1666_67,
  "R&D": 1250_00,
};

const IT_ANNUAL_ENVELOPE: Record<keyof typeof IT_MONTHLY_PLAN, number> = {
  "Cloud infrastructure": 60_000_00,
  "Dev tools": 30_000_00,
  Security: 25_000_00,
  Training: 20_000_00,
  "R&D": 15_000_00,
};

const NEW_CUSTOMERS = [1, 1, 0, 1, 1, 1, 1, 0, 1, 2, 1, 1, 1, 1] as const;
const CHURNED_CUSTOMERS = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0] as const;
const OPENING_CUSTOMERS = 7;

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function salaryLine(employees: readonly GenEmployee[], hires: readonly GenRequisition[], month: string): number {
  let total = 0;
  for (const e of employees) total += Math.round((e.salaryCents / 12) * payrollShare(e, month) * LOADED);
  for (const h of hires) if (h.targetStartMonth <= month) total += Math.round((h.salaryCents / 12) * LOADED);
  return total;
}

function generateFinance(
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
      { month, category: "Dev tools", plannedCents: IT_MONTHLY_PLAN["Dev tools"], actualCents: Math.round(IT_MONTHLY_PLAN["Dev tools"] * rng.normalClamped(1.02, 0.06, 0.8, 1.3)) },
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
function snapshotAt(snapshots: readonly GenSnapshot[], at: number): GenSnapshot {
  let found = snapshots[0];
  for (const s of snapshots) if (monthStart(addMonths(s.month, 1)) <= at) found = s;
  return found;
}

// ====================================================================== OKRs (pure specs)

type KrKind = (typeof schema.KR_KINDS)[number];

type KrSpec = {
  title: string;
  kind: KrKind;
  start: number;
  target: number;
  unit: string | null;
  owner: UserKey;
  weight?: number;
  /** synthetic: progress = pace × elapsed share of the cycle */
  pace?: number;
  /** data-backed value at an instant */
  series?: (at: number) => number;
  /** rounding step of values */
  step?: number;
  /** boolean KRs: elapsed share when it became done; null = not done */
  doneAt?: number | null;
};

type ObjectiveSpec = {
  key: string;
  title: string;
  description?: string;
  owner: UserKey;
  team: TeamName | null;
  parent?: string;
  krs: KrSpec[];
};

type CycleSpec = { name: string; startDate: string; endDate: string; status: "open" | "closed"; objectives: ObjectiveSpec[] };

const NOTES = {
  good: ["On track, shipped as planned.", "Good week, ahead of plan.", "Trend holds; no blocker.", "Delivered the main milestone."],
  ok: ["Slightly behind, catching up next sprint.", "Some slippage; scope trimmed.", "Dependencies on another squad.", "Watching it closely."],
  bad: ["Blocked: waiting on hires.", "Behind plan; re-planning with the team.", "Needs a decision from leadership.", "Capacity went to incidents this week."],
} as const;

// ====================================================================== main

type Ids = {
  teams: Map<TeamName, number>;
  users: Map<UserKey, number>;
  categories: Map<string, number>;
};

/** True when the database already has the demo, or any users or business data of its own. */
function existingDataReason(db: DbWriter): string | null {
  const ceo = db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, "ceo@innovatech.test")).get();
  if (ceo) return "the demo data set is already present";
  const tables = [schema.users, schema.financeSnapshots, schema.deployments, schema.objectives, schema.risks];
  for (const t of tables) {
    const row = db.select({ n: count() }).from(t).get();
    if ((row?.n ?? 0) > 0) return "the database already holds data; run `npm run db:reset` first";
  }
  return null;
}

export async function seedDemo(db: Db, opts: { now?: number } = {}): Promise<SeedDemoResult> {
  const now = opts.now ?? Date.now();
  const before = existingDataReason(db);
  if (before) return { seeded: false, reason: before };
  // argon2 costs ~50 ms: hash once, outside the transaction, for all demo users
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const run = db.$client.transaction((): SeedDemoResult => {
    const reason = existingDataReason(db); // another process may have seeded meanwhile
    if (reason) return { seeded: false, reason };
    buildDemo(db, passwordHash, now);
    return { seeded: true };
  });
  return run.immediate();
}

function buildDemo(db: DbWriter, passwordHash: string, now: number): void {
  const cal = demoCalendar(now);
  const stamp = new Date(cal.anchor);
  const at = (ms: number) => ({ createdAt: new Date(ms), updatedAt: new Date(ms) });

  seedReference(db);
  db.update(schema.companySettings).set({ companyName: DEMO_COMPANY_NAME }).where(eq(schema.companySettings.id, 1)).run();

  // ---------------------------------------------------------------- teams, users, employees
  const ids: Ids = { teams: new Map(), users: new Map(), categories: new Map() };
  for (const t of TEAMS) {
    const row = db
      .insert(schema.teams)
      .values({ name: t.name, isTech: t.isTech, ...at(cal.anchor - 400 * DAY) })
      .returning({ id: schema.teams.id })
      .get();
    ids.teams.set(t.name, row.id);
  }
  const teamId = (name: TeamName | null) => (name === null ? null : (ids.teams.get(name) ?? null));
  for (const u of DEMO_USERS) {
    const row = db
      .insert(schema.users)
      .values({ email: u.email, name: u.name, role: u.role, teamId: teamId(u.team), passwordHash, active: true, ...at(cal.anchor - 90 * DAY) })
      .returning({ id: schema.users.id })
      .get();
    ids.users.set(u.key, row.id);
  }
  const userId = (key: UserKey): number => {
    const id = ids.users.get(key);
    if (id === undefined) throw new Error(`unknown demo user ${key}`);
    return id;
  };
  for (const c of db.select({ id: schema.budgetCategories.id, name: schema.budgetCategories.name }).from(schema.budgetCategories).all()) {
    ids.categories.set(c.name, c.id);
  }

  const employees = generateEmployees(cal);
  const requisitions = generateRequisitions(rngFor("hiring"), cal);
  // The people signed on the 'hired' requisitions: on the payroll from the 1st of their target
  // month (a hired requisition counts in the headcount through its employee row only).
  const signed: GenEmployee[] = requisitions
    .filter((r) => r.status === "hired")
    .map((r, k) => ({
      name: SIGNED_HIRE_NAMES[k % SIGNED_HIRE_NAMES.length],
      team: r.team,
      title: r.title,
      startDate: `${r.targetStartMonth}-01`,
      endDate: null,
      salaryCents: r.salaryCents,
    }));
  insertMany(
    db,
    schema.employees,
    [...employees, ...signed].map((e) => ({
      name: e.name,
      teamId: teamId(e.team),
      title: e.title,
      startDate: e.startDate,
      endDate: e.endDate,
      annualSalaryCents: e.salaryCents,
      ...at(Math.min(dateToMs(e.startDate), cal.anchor)),
    })),
  );

  // ---------------------------------------------------------------- finance
  const finance = generateFinance(rngFor("finance"), cal, employees, requisitions);
  insertMany(
    db,
    schema.budgetLines,
    finance.lines.map((l) => {
      const categoryId = ids.categories.get(l.category);
      if (categoryId === undefined) throw new Error(`unknown category ${l.category}`);
      const created = Math.min(monthStart(l.month) - 20 * DAY, cal.anchor);
      const updated = l.actualCents === null ? created : Math.min(monthStart(addMonths(l.month, 1)) + 4 * DAY, cal.anchor);
      return {
        categoryId,
        month: l.month,
        plannedCents: l.plannedCents,
        actualCents: l.actualCents,
        createdAt: new Date(created),
        updatedAt: new Date(updated),
      };
    }),
  );
  insertMany(
    db,
    schema.financeSnapshots,
    finance.snapshots.map((s) => ({ ...s, ...at(Math.min(monthStart(addMonths(s.month, 1)) + 4 * DAY, cal.anchor)) })),
  );
  // the IT envelopes (150 k€ a year) for the fiscal years the demo spans (calendar years)
  const anchorYear = Number(monthOf(cal.anchor).slice(0, 4));
  for (const year of [anchorYear - 1, anchorYear, anchorYear + 1]) {
    insertMany(
      db,
      schema.budgetEnvelopes,
      Object.entries(IT_ANNUAL_ENVELOPE).map(([name, amountCents]) => ({ categoryId: ids.categories.get(name)!, fiscalYear: year, amountCents, ...at(cal.anchor - 400 * DAY) })),
    );
  }

  // ---------------------------------------------------------------- delivery
  const delivery = generateDelivery(rngFor("delivery"), cal.anchor);
  insertDelivery(db, delivery, ids);

  // ---------------------------------------------------------------- OKRs
  const objectiveIds = insertOkrs(db, rngFor("okrs"), cal, { employees, snapshots: finance.snapshots, delivery }, ids, userId);

  // ---------------------------------------------------------------- hiring
  insertMany(
    db,
    schema.requisitions,
    requisitions.map((r, i) => ({
      title: r.title,
      teamId: teamId(r.team),
      profile: r.profile,
      priority: r.priority,
      targetStartMonth: r.targetStartMonth,
      annualSalaryCents: r.salaryCents,
      source: r.source,
      status: r.status,
      objectiveId: r.link === "scale" ? (objectiveIds.get("C3") ?? null) : r.link === "team" ? (objectiveIds.get(`team:${r.team}`) ?? null) : null,
      proposedByUserId: r.proposedBy === null ? null : userId(r.proposedBy),
      ...at(cal.anchor - (60 - (i % 50)) * DAY),
    })),
  );

  // ---------------------------------------------------------------- risks
  insertMany(
    db,
    schema.risks,
    RISKS.map((r, i) => ({
      title: r.title,
      description: r.description,
      category: r.category,
      inherentLikelihood: r.inherent[0],
      inherentImpact: r.inherent[1],
      residualLikelihood: r.residual[0],
      residualImpact: r.residual[1],
      ownerUserId: userId(r.owner),
      treatment: r.treatment,
      mitigationPlan: r.mitigationPlan,
      status: r.status,
      nextReviewDate: isoDate(cal.anchor + r.reviewInDays * DAY),
      proposedByUserId: r.proposedBy ? userId(r.proposedBy) : null,
      ...at(r.status === "proposed" ? cal.anchor - 2 * DAY : cal.anchor - (200 - i * 9) * DAY),
    })),
  );

  // ---------------------------------------------------------------- KPIs
  insertKpis(db, rngFor("kpis"), cal, finance.snapshots, userId);

  // ---------------------------------------------------------------- governance
  insertGovernance(db, cal, userId);
  seedDemoPlans(db, { anchor: cal.anchor, lastClosedMonth: cal.lastClosedMonth, userId, teamId: (name) => ids.teams.get(name as TeamName) ?? null });

  db.insert(schema.auditLog)
    .values({
      at: stamp,
      action: "seed",
      entityType: "database",
      entityId: null,
      before: null,
      after: JSON.stringify({ dataSet: "InnovaTech demo", anchorDay: isoDate(cal.anchor), seed: DEMO_SEED }),
      createdAt: stamp,
      updatedAt: stamp,
    })
    .run();
}

// ====================================================================== delivery (writes)

function insertDelivery(db: DbWriter, data: DeliveryData, ids: Ids): void {
  const serviceIds = new Map<string, number>();
  for (const s of SERVICES) {
    const row = db
      .insert(schema.services)
      .values({ name: s.name, teamId: ids.teams.get(s.team) ?? null, createdAt: new Date(data.deployments[0].finishedAt - 30 * DAY), updatedAt: new Date(data.deployments[0].finishedAt - 30 * DAY) })
      .returning({ id: schema.services.id })
      .get();
    serviceIds.set(s.name, row.id);
  }
  const sid = (name: string): number => {
    const id = serviceIds.get(name);
    if (id === undefined) throw new Error(`unknown service ${name}`);
    return id;
  };
  insertMany(
    db,
    schema.deployments,
    data.deployments.map((d) => ({
      serviceId: sid(d.service),
      externalId: d.externalId,
      environment: d.environment,
      status: d.status,
      startedAt: new Date(d.startedAt),
      finishedAt: new Date(d.finishedAt),
      firstCommitAt: d.commits.length > 0 ? new Date(d.commits[0].committedAt) : null,
      isHotfix: d.isHotfix,
      isRollback: d.isRollback,
      createdAt: new Date(d.finishedAt),
      updatedAt: new Date(d.finishedAt),
    })),
  );
  // ids by (service, external id): multi-row RETURNING order is not guaranteed, so look them up
  const deploymentIds = new Map<string, number>();
  for (const row of db
    .select({ id: schema.deployments.id, serviceId: schema.deployments.serviceId, externalId: schema.deployments.externalId })
    .from(schema.deployments)
    .all()) {
    deploymentIds.set(`${row.serviceId}:${row.externalId}`, row.id);
  }
  const did = (index: number): number => {
    const d = data.deployments[index];
    const id = deploymentIds.get(`${sid(d.service)}:${d.externalId}`);
    if (id === undefined) throw new Error(`deployment ${d.externalId} not inserted`);
    return id;
  };
  insertMany(
    db,
    schema.deploymentCommits,
    data.deployments.flatMap((d, i) => d.commits.map((c) => ({ deploymentId: did(i), sha: c.sha, committedAt: new Date(c.committedAt) }))),
  );
  insertMany(
    db,
    schema.incidents,
    data.incidents.map((inc) => ({
      serviceId: sid(inc.service),
      externalId: inc.externalId,
      title: inc.title,
      severity: inc.severity,
      startedAt: new Date(inc.startedAt),
      resolvedAt: inc.resolvedAt === null ? null : new Date(inc.resolvedAt),
      causeDeploymentId: inc.cause === null ? null : did(inc.cause),
      causeKind: inc.causeKind,
      createdAt: new Date(inc.startedAt + 5 * MINUTE),
      updatedAt: new Date(inc.resolvedAt ?? inc.startedAt + 5 * MINUTE),
    })),
  );
}

// ====================================================================== OKRs (writes)

type OkrSources = { employees: readonly GenEmployee[]; snapshots: readonly GenSnapshot[]; delivery: DeliveryData };

function cycleSpecs(cal: DemoCalendar, src: OkrSources): CycleSpec[] {
  const current = quarterOf(cal.anchor);
  const q = (n: number) => quarterInfo(addQuarters(current, n));
  const [qm2, qm1, q0, qp1] = [q(-2), q(-1), q(0), q(1)];
  const startMs = (info: { startDate: string }) => dateToMs(info.startDate);

  const mrr = (t: number) => snapshotAt(src.snapshots, t).mrrCents;
  const customers = (t: number) => snapshotAt(src.snapshots, t).customers;
  const headcount = (t: number) => headcountOn(src.employees, t);
  const prodSuccess = src.delivery.deployments.filter((d) => d.environment === "production" && d.status === "success");
  const deploysPerDay = (t: number) => {
    const from = t - 7 * DAY;
    return Math.round((prodSuccess.filter((d) => d.finishedAt >= from && d.finishedAt < t).length / 7) * 10) / 10;
  };
  /** contract's lead time: median over commits of successful production deployments in [t-30d, t), hours */
  const leadTimeHours = (services: readonly string[] | null) => (t: number) => {
    const values: number[] = [];
    for (const d of prodSuccess) {
      if (d.finishedAt < t - 30 * DAY || d.finishedAt >= t) continue;
      if (services && !services.includes(d.service)) continue;
      for (const c of d.commits) if (d.finishedAt > c.committedAt) values.push((d.finishedAt - c.committedAt) / HOUR);
    }
    values.sort((a, b) => a - b);
    if (values.length === 0) return 0;
    const mid = Math.floor(values.length / 2);
    return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  };
  const coreServices = SERVICES.filter((s) => s.team === "Core").map((s) => s.name);
  const leadAll = leadTimeHours(null);
  const leadCore = leadTimeHours(coreServices);
  const eur = (cents: number) => `${Math.round(cents / 1000_00)} k€`;

  const mrrQm1 = mrr(startMs(qm1));
  const custQm2 = customers(startMs(qm2));
  const mrrQ0 = mrr(startMs(q0));
  const custQ0 = customers(startMs(q0));
  const headQ0 = headcount(startMs(q0));
  const deployQ0 = deploysPerDay(startMs(q0));
  const leadQ0 = roundStep(leadAll(startMs(q0)), 0.1);
  const leadCoreQ0 = roundStep(leadCore(startMs(q0)), 0.1);

  return [
    {
      ...qm2,
      status: "closed",
      objectives: [
        {
          key: "P1",
          title: "Reach product-market fit in enterprise AI",
          owner: "ceo",
          team: null,
          krs: [
            { title: `Paying customers from ${custQm2} to ${custQm2 + 4}`, kind: "number", start: custQm2, target: custQm2 + 4, unit: "customers", owner: "ceo", series: customers, step: 1 },
            { title: "NPS from 30 to 40", kind: "number", start: 30, target: 40, unit: "pts", owner: "ceo", pace: 0.8, step: 1 },
          ],
        },
        {
          key: "P2",
          title: "Industrialise delivery",
          owner: "cto",
          team: null,
          krs: [
            { title: "CI/CD pipeline on every service", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.7 },
            { title: "Production deployments per day from 3 to 8", kind: "number", start: 3, target: 8, unit: "per day", owner: "lead", pace: 0.9, step: 0.1 },
          ],
        },
      ],
    },
    {
      ...qm1,
      status: "closed",
      objectives: [
        {
          key: "P3",
          title: "Grow recurring revenue 20 % this quarter",
          owner: "ceo",
          team: null,
          krs: [
            { title: `MRR from ${eur(mrrQm1)} to ${eur(mrrQm1 * 1.2)}`, kind: "currency", start: mrrQm1, target: roundTo(mrrQm1 * 1.2, 100_00), unit: "EUR", owner: "ceo", series: mrr, step: 100 },
            { title: "Sign 4 new customers", kind: "number", start: 0, target: 4, unit: "customers", owner: "ceo", pace: 0.75, step: 1 },
          ],
        },
        {
          key: "P4",
          title: "Prepare the ISO 27001 certification",
          owner: "cto",
          team: null,
          krs: [
            { title: "Gap analysis completed", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.6 },
            { title: "Annex A controls implemented from 10 to 40", kind: "number", start: 10, target: 40, unit: "controls", owner: "cto", pace: 0.55, step: 1 },
          ],
        },
        {
          key: "P5",
          title: "Observability for every service",
          owner: "lead",
          team: "Core",
          parent: "P4",
          krs: [
            { title: "Services with dashboards and alerts from 2 to 11", kind: "number", start: 2, target: 11, unit: "services", owner: "lead", pace: 1, step: 1 },
            { title: "MTTR from 240 to 120 min", kind: "number", start: 240, target: 120, unit: "min", owner: "lead", pace: 0.85, step: 1 },
          ],
        },
      ],
    },
    {
      ...q0,
      status: "open",
      objectives: [
        // 000 "OBJECTIFS 2024", translated
        {
          key: "C1",
          title: "Explosive growth: triple revenue to 2.4 M€",
          description: "Triple the annual revenue from 0.8 M€ to 2.4 M€.",
          owner: "ceo",
          team: null,
          krs: [
            { title: "Reach 200 k€ MRR", kind: "currency", start: mrrQ0, target: 200_000_00, unit: "EUR", owner: "ceo", series: mrr, step: 100, weight: 2 },
            { title: `Paying customers from ${custQ0} to 25`, kind: "number", start: custQ0, target: 25, unit: "customers", owner: "ceo", series: customers, step: 1 },
            { title: "Net revenue retention at 110 %", kind: "percent", start: 100, target: 110, unit: "%", owner: "ceo", pace: 0.85, step: 0.5 },
          ],
        },
        {
          key: "C2",
          title: "Permanent innovation: ship one new product every month",
          description: "1 new product a month.",
          owner: "cto",
          team: null,
          krs: [
            { title: "Launch 3 new products this quarter", kind: "number", start: 0, target: 3, unit: "products", owner: "cto", pace: 1.0, step: 1 },
            { title: "Adoption of new features from 35 % to 60 % of accounts", kind: "percent", start: 35, target: 60, unit: "%", owner: "cto", pace: 0.8, step: 1 },
            { title: "A/B testing available on every product", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.45 },
          ],
        },
        {
          key: "C3",
          title: "Rapid scaling: grow to 100 people by year end",
          description: "100 employees by the end of the year.",
          owner: "ceo",
          team: null,
          krs: [
            { title: `Headcount from ${headQ0} to 50`, kind: "number", start: headQ0, target: 50, unit: "people", owner: "ceo", series: headcount, step: 1, weight: 2 },
            { title: "Time to hire from 55 to 30 days", kind: "number", start: 55, target: 30, unit: "days", owner: "ceo", pace: 0.6, step: 1 },
            { title: "Onboarding satisfaction from 6.5 to 8 / 10", kind: "number", start: 6.5, target: 8, unit: "/10", owner: "ceo", pace: 1.1, step: 0.1 },
          ],
        },
        {
          key: "C4",
          title: "Technical excellence: reach DORA elite performance",
          description: "50+ deploys/day, lead time < 2 h, MTTR < 30 min, CFR < 5 %.",
          owner: "cto",
          team: null,
          krs: [
            { title: `Production deployments per day from ${deployQ0} to 20 (on the way to 50+)`, kind: "number", start: deployQ0, target: 20, unit: "per day", owner: "cto", series: deploysPerDay, step: 0.1 },
            { title: "MTTR from 120 to 30 min", kind: "number", start: 120, target: 30, unit: "min", owner: "lead", pace: 0.85, step: 1 },
            { title: "Change failure rate from 9 % to below 5 %", kind: "percent", start: 9, target: 5, unit: "%", owner: "cto", pace: 0.7, step: 0.1 },
            { title: `Lead time for changes from ${leadQ0} h to 1.5 h`, kind: "number", start: leadQ0, target: 1.5, unit: "h", owner: "lead", series: leadAll, step: 0.1 },
          ],
        },
        {
          key: "C5",
          title: "Market leadership: top 3 AI solutions provider in Europe",
          description: "Top 3 in Europe.",
          owner: "ceo",
          team: null,
          krs: [
            { title: "Customers outside France from 2 to 6", kind: "number", start: 2, target: 6, unit: "customers", owner: "ceo", pace: 0.7, step: 1 },
            { title: "NPS from 40 to 50", kind: "number", start: 40, target: 50, unit: "pts", owner: "ceo", pace: 1.1, step: 1 },
            { title: "Listed on 2 cloud marketplaces (AWS, Azure)", kind: "number", start: 0, target: 2, unit: "marketplaces", owner: "cto", pace: 0.6, step: 1 },
          ],
        },
        // squads, aligned under the company objectives
        {
          key: "team:Core",
          title: "Make every release fast and safe",
          owner: "lead",
          team: "Core",
          parent: "C4",
          krs: [
            { title: `Median lead time of Core services from ${leadCoreQ0} h to 1.5 h`, kind: "number", start: leadCoreQ0, target: 1.5, unit: "h", owner: "lead", series: leadCore, step: 0.1 },
            { title: "Automated test coverage from 80 % to 88 %", kind: "percent", start: 80, target: 88, unit: "%", owner: "lead", pace: 0.8, step: 0.1 },
            { title: "Production migrated to Kubernetes", kind: "boolean", start: 0, target: 1, unit: null, owner: "lead", doneAt: 0.3 },
          ],
        },
        {
          key: "team:Core:2",
          title: "Harden the platform for 10x load",
          owner: "lead",
          team: "Core",
          parent: "C4",
          krs: [
            { title: "API p95 response time from 200 ms to 150 ms", kind: "number", start: 200, target: 150, unit: "ms", owner: "lead", pace: 0.7, step: 1 },
            { title: "Redis cluster in high availability", kind: "boolean", start: 0, target: 1, unit: null, owner: "lead", doneAt: null },
          ],
        },
        {
          key: "team:Frontend",
          title: "Design system and accessibility",
          owner: "cto",
          team: "Frontend",
          parent: "C2",
          krs: [
            { title: "Documented Storybook components from 5 to 20", kind: "number", start: 5, target: 20, unit: "components", owner: "cto", pace: 1.2, step: 1 },
            { title: "Lighthouse score from 75 to 90", kind: "number", start: 75, target: 90, unit: "pts", owner: "cto", pace: 0.6, step: 1 },
          ],
        },
        {
          key: "team:Mobile",
          title: "Offline-first mobile app",
          owner: "cto",
          team: "Mobile",
          parent: "C2",
          krs: [
            { title: "Crash-free sessions from 97 % to 99.5 %", kind: "percent", start: 97, target: 99.5, unit: "%", owner: "cto", pace: 0.9, step: 0.1 },
            { title: "Offline mode shipped", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: null },
          ],
        },
        {
          key: "team:Payments",
          title: "Launch multi-currency billing",
          owner: "leadPayments",
          team: "Payments",
          parent: "C1",
          krs: [
            { title: "Currencies supported from 1 to 4 (EUR, USD, GBP, CHF)", kind: "number", start: 1, target: 4, unit: "currencies", owner: "leadPayments", pace: 1.0, step: 1 },
            { title: "Payment failure rate from 3 % to 1 %", kind: "percent", start: 3, target: 1, unit: "%", owner: "leadPayments", pace: 1.1, step: 0.1 },
          ],
        },
        {
          key: "team:AI/Data",
          title: "Ship the predictive analytics product",
          owner: "leadAi",
          team: "AI/Data",
          parent: "C2",
          krs: [
            { title: "Models in production from 1 to 3", kind: "number", start: 1, target: 3, unit: "models", owner: "leadAi", pace: 0.45, step: 1 },
            { title: "Inference p95 latency from 800 ms to 300 ms", kind: "number", start: 800, target: 300, unit: "ms", owner: "leadAi", pace: 0.4, step: 10 },
          ],
        },
        {
          key: "team:Platform",
          title: "Multi-tenant SaaS foundations",
          owner: "cto",
          team: "Platform",
          parent: "C5",
          krs: [{ title: "Customers on the multi-tenant stack from 0 to 10", kind: "number", start: 0, target: 10, unit: "customers", owner: "cto", pace: 0.9, step: 1 }],
        },
        {
          key: "team:Sales",
          title: "Build a repeatable sales engine",
          owner: "ceo",
          team: "Sales",
          parent: "C1",
          krs: [
            { title: "Qualified pipeline from 1.2 M€ to 3 M€", kind: "currency", start: 1_200_000_00, target: 3_000_000_00, unit: "EUR", owner: "ceo", pace: 0.95, step: 10_000_00 },
            { title: "Win rate from 20 % to 30 %", kind: "percent", start: 20, target: 30, unit: "%", owner: "ceo", pace: 0.7, step: 1 },
          ],
        },
        {
          key: "team:Marketing",
          title: "Brand awareness across Europe",
          owner: "ceo",
          team: "Marketing",
          parent: "C5",
          krs: [{ title: "Inbound leads per month from 40 to 120", kind: "number", start: 40, target: 120, unit: "leads", owner: "ceo", pace: 0.8, step: 1 }],
        },
        {
          key: "team:Operations",
          title: "Hire at the pace of the plan",
          owner: "ceo",
          team: "Operations",
          parent: "C3",
          krs: [{ title: "Requisitions filled this quarter: 20", kind: "number", start: 0, target: 20, unit: "hires", owner: "ceo", pace: 0.3, step: 1 }],
        },
      ],
    },
    {
      ...qp1,
      status: "open",
      objectives: [
        {
          key: "N1",
          title: "Prepare the Series B",
          description: "Draft for the next quarter.",
          owner: "ceo",
          team: null,
          krs: [
            { title: "ARR at 3 M€", kind: "currency", start: mrrQ0 * 12, target: 3_000_000_00, unit: "EUR", owner: "ceo", pace: 0, step: 100 },
            { title: "Burn multiple below 1.5", kind: "number", start: 2.5, target: 1.5, unit: "x", owner: "ceo", pace: 0, step: 0.1 },
          ],
        },
      ],
    },
  ];
}

function roundStep(value: number, step: number): number {
  const r = Math.round(value / step) * step;
  // keep decimal steps clean (0.1 → one decimal)
  return step < 1 ? Math.round(r * 1000) / 1000 : r;
}

function insertOkrs(
  db: DbWriter,
  rng: Rng,
  cal: DemoCalendar,
  src: OkrSources,
  ids: Ids,
  userId: (key: UserKey) => number,
): Map<string, number> {
  const objectiveIds = new Map<string, number>();
  const checkIns: (typeof schema.checkIns.$inferInsert)[] = [];

  for (const cycle of cycleSpecs(cal, src)) {
    const startMs = dateToMs(cycle.startDate);
    const endMs = dateToMs(cycle.endDate) + DAY; // exclusive
    const closedAt = cycle.status === "closed" ? Math.min(endMs + 3 * DAY, cal.anchor) : null;
    const cycleRow = db
      .insert(schema.cycles)
      .values({
        name: cycle.name,
        startDate: cycle.startDate,
        endDate: cycle.endDate,
        status: cycle.status,
        closedAt: closedAt === null ? null : new Date(closedAt),
        ...(() => {
          const created = Math.min(startMs - 14 * DAY, cal.anchor);
          return { createdAt: new Date(created), updatedAt: new Date(closedAt ?? created) };
        })(),
      })
      .returning({ id: schema.cycles.id })
      .get();

    const elapsedAt = (t: number) => Math.min(1, Math.max(0, (t - startMs) / (endMs - startMs)));
    // weekly check-ins from the cycle's first Thursday-ish, up to the day before the anchor
    const lastCheckInDay = Math.min(endMs - DAY, cal.anchor - DAY);
    const checkInDays: number[] = [];
    for (let d = startMs + 3 * DAY; d <= lastCheckInDay; d += 7 * DAY) checkInDays.push(d);
    if (cycle.status === "closed" && checkInDays[checkInDays.length - 1] !== endMs - DAY) checkInDays.push(endMs - DAY);

    for (const obj of cycle.objectives) {
      const objectiveCreated = Math.min(startMs - 7 * DAY + rng.int(0, 5) * DAY, cal.anchor);
      const finals: { progress: number; weight: number }[] = [];
      const objRow = db
        .insert(schema.objectives)
        .values({
          cycleId: cycleRow.id,
          title: obj.title,
          description: obj.description ?? null,
          ownerUserId: userId(obj.owner),
          teamId: obj.team === null ? null : (ids.teams.get(obj.team) ?? null),
          parentId: obj.parent ? (objectiveIds.get(obj.parent) ?? null) : null,
          createdAt: new Date(objectiveCreated),
          updatedAt: new Date(objectiveCreated),
        })
        .returning({ id: schema.objectives.id })
        .get();
      objectiveIds.set(obj.key, objRow.id);

      for (const kr of obj.krs) {
        const step = kr.step ?? 1;
        const valueAt = (t: number, noisy: boolean): number => {
          if (kr.kind === "boolean") return kr.doneAt !== null && kr.doneAt !== undefined && elapsedAt(t) >= kr.doneAt ? 1 : 0;
          if (kr.series) return roundStep(kr.series(t), step);
          const pace = kr.pace ?? 1;
          const progress = Math.min(1.05, Math.max(0, pace * elapsedAt(t) * (noisy ? rng.normal(1, 0.06) : 1)));
          return roundStep(kr.start + (kr.target - kr.start) * progress, step);
        };
        const history: { t: number; value: number; confidence: number; note: string | null }[] = [];
        if (startMs < cal.anchor) {
          checkInDays.forEach((day, k) => {
            const isLast = k === checkInDays.length - 1;
            if (!isLast && rng.chance(0.15)) return; // not every week
            const t = day + rng.int(8 * 60, 16 * 60) * MINUTE;
            const value = valueAt(t, true);
            const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (value - kr.start) / (kr.target - kr.start)));
            const expected = elapsedAt(t);
            const ratio = expected === 0 ? 1 : progress / expected;
            const band = ratio >= 0.9 ? "good" : ratio >= 0.7 ? "ok" : "bad";
            const confidence = band === "good" ? rng.int(7, 9) : band === "ok" ? rng.int(5, 7) : rng.int(2, 5);
            history.push({ t, value, confidence, note: rng.chance(0.7) ? rng.pick(NOTES[band]) : null });
          });
        }
        const last = history[history.length - 1];
        const currentValue = last ? last.value : kr.start;
        const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (currentValue - kr.start) / (kr.target - kr.start)));
        const weight = kr.weight ?? 1;
        finals.push({ progress, weight });
        const krCreated = objectiveCreated + HOUR;
        const krRow = db
          .insert(schema.keyResults)
          .values({
            objectiveId: objRow.id,
            title: kr.title,
            kind: kr.kind,
            startValue: kr.start,
            targetValue: kr.target,
            currentValue,
            unit: kr.unit,
            weight,
            ownerUserId: userId(kr.owner),
            finalProgress: cycle.status === "closed" ? Math.round(progress * 100) / 100 : null,
            createdAt: new Date(krCreated),
            updatedAt: new Date(last ? last.t : krCreated),
          })
          .returning({ id: schema.keyResults.id })
          .get();
        for (const h of history) {
          checkIns.push({
            keyResultId: krRow.id,
            value: h.value,
            confidence: h.confidence,
            note: h.note,
            authorUserId: userId(kr.owner),
            createdAt: new Date(h.t),
            updatedAt: new Date(h.t),
          });
        }
      }
      if (cycle.status === "closed") {
        const totalWeight = finals.reduce((s, f) => s + f.weight, 0);
        const score = totalWeight === 0 ? 0 : finals.reduce((s, f) => s + f.progress * f.weight, 0) / totalWeight;
        db.update(schema.objectives)
          .set({ closingScore: Math.round(score * 100) / 100, updatedAt: new Date(closedAt ?? cal.anchor) })
          .where(eq(schema.objectives.id, objRow.id))
          .run();
      }
    }
  }
  insertMany(db, schema.checkIns, checkIns);
  return objectiveIds;
}

// ====================================================================== KPIs (writes)

function insertKpis(
  db: DbWriter,
  rng: Rng,
  cal: DemoCalendar,
  snapshots: readonly GenSnapshot[],
  userId: (key: UserKey) => number,
): void {
  const cycles = db.select({ id: schema.cycles.id, name: schema.cycles.name, startDate: schema.cycles.startDate }).from(schema.cycles).all();
  cycles.sort((a, b) => a.startDate.localeCompare(b.startDate));
  const firstStart = dateToMs(cycles[0].startDate);
  const created = new Date(firstStart - 10 * DAY);
  const days: number[] = [];
  for (let d = cal.anchor - DAY; d >= firstStart; d -= 7 * DAY) days.unshift(d);

  const targets: (typeof schema.kpiTargets.$inferInsert)[] = [];
  const measurements: (typeof schema.kpiMeasurements.$inferInsert)[] = [];
  KPIS.forEach((k, i) => {
    const row = db
      .insert(schema.kpis)
      .values({
        key: k.key,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        category: k.category,
        description: k.description,
        source: k.source,
        sortOrder: i + 1,
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: schema.kpis.id })
      .get();
    cycles.slice(0, 4).forEach((c, ci) => {
      targets.push({ kpiId: row.id, cycleId: c.id, target: k.targets[ci], createdAt: created, updatedAt: created });
    });
    if (k.source !== "manual") return;
    days.forEach((day, di) => {
      let value: number;
      if (k.fromFinance === "customers") value = snapshotAt(snapshots, day).customers;
      else if (k.trend) {
        const frac = days.length <= 1 ? 1 : di / (days.length - 1);
        const raw = k.trend.from + (k.trend.to - k.trend.from) * frac + rng.normal(0, k.trend.sd);
        const clamped = Math.min(k.trend.max ?? Infinity, Math.max(k.trend.min ?? -Infinity, raw));
        const f = Math.pow(10, k.trend.decimals);
        value = Math.round(clamped * f) / f;
      } else return;
      const t = day + 10 * HOUR;
      measurements.push({
        kpiId: row.id,
        measuredOn: isoDate(day),
        value,
        note: di === days.length - 1 && rng.chance(0.5) ? "Reviewed at the weekly product sync." : null,
        authorUserId: userId(k.author),
        createdAt: new Date(t),
        updatedAt: new Date(t),
      });
    });
  });
  insertMany(db, schema.kpiTargets, targets);
  insertMany(db, schema.kpiMeasurements, measurements);
}

// ====================================================================== governance (writes)

function insertGovernance(db: DbWriter, cal: DemoCalendar, userId: (key: UserKey) => number): void {
  const frameworks = db.select({ id: schema.complianceFrameworks.id, key: schema.complianceFrameworks.key }).from(schema.complianceFrameworks).all();
  const targetDays: Record<keyof typeof REQUIREMENTS, number> = { gdpr: 90, iso27001: 270, soc2: 450 };
  const requirements: (typeof schema.complianceRequirements.$inferInsert)[] = [];
  for (const f of frameworks) {
    if (!(f.key === "gdpr" || f.key === "iso27001" || f.key === "soc2")) continue;
    db.update(schema.complianceFrameworks)
      .set({ targetDate: isoDate(cal.anchor + targetDays[f.key] * DAY) })
      .where(eq(schema.complianceFrameworks.id, f.id))
      .run();
    REQUIREMENTS[f.key].forEach((r, i) => {
      const created = cal.anchor - (240 - i * 3) * DAY;
      const updated = r.status === "todo" ? created : cal.anchor - (5 + ((i * 7) % 60)) * DAY;
      requirements.push({
        frameworkId: f.id,
        ref: r.ref,
        title: r.title,
        status: r.status,
        result: r.result,
        ownerUserId: userId(r.owner),
        evidenceUrl: r.status === "done" ? `https://wiki.innovatech.test/compliance/${f.key}/${r.ref.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}` : null,
        createdAt: new Date(created),
        updatedAt: new Date(updated),
      });
    });
  }
  insertMany(db, schema.complianceRequirements, requirements);

  insertMany(
    db,
    schema.maturityScores,
    MATURITY_ASSESSMENTS.flatMap((a) =>
      schema.MATURITY_INDICATORS.map((indicator) => ({
        assessedOn: isoDate(cal.anchor - a.daysAgo * DAY),
        indicator,
        score: a.scores[indicator],
        note: a.notes[indicator] ?? null,
        createdAt: new Date(cal.anchor - a.daysAgo * DAY + 15 * HOUR),
        updatedAt: new Date(cal.anchor - a.daysAgo * DAY + 15 * HOUR),
      })),
    ),
  );

  insertMany(
    db,
    schema.metricTargets,
    METRIC_TARGETS.map((t) => ({
      metricId: t.metricId,
      cycleId: null,
      comparison: t.comparison,
      value: t.value,
      setByUserId: userId(t.setBy),
      note: t.note,
      createdAt: new Date(cal.anchor - 200 * DAY),
      updatedAt: new Date(cal.anchor - 200 * DAY),
    })),
  );

  GATES.forEach((g, i) => {
    const created = new Date(cal.anchor - (120 - i * 10) * DAY);
    insertGate(db, {
      name: g.name,
      description: g.description,
      dueDate: isoDate(cal.anchor + g.dueInDays * DAY),
      createdAt: created,
      updatedAt: created,
      criteria: g.criteria,
    });
  });
}
