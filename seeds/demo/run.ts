/** The one entry: checks the database is empty of business data, then writes the whole demo in one transaction. */
import { count, eq, sql } from "drizzle-orm";
import { hashPassword } from "../../app/auth/password.server";
import { schema, type Db } from "../../db/client";
import { insertMany, type DbWriter } from "../builders";
import { DAY, addMonths, dateToMs, isoDate, monthOf, monthStart } from "../calendar";
import { DEMO_COMPANY_NAME, DEMO_PASSWORD, DEMO_USERS, RISKS, TEAMS, type TeamName, type UserKey } from "../demo-data";
import { generateDelivery } from "../demo-delivery";
import { seedDemoPlans } from "../demo-plans";
import { seedReference } from "../reference";
import { DEMO_SEED, type GenEmployee, type SeedDemoResult, demoCalendar, generateEmployees, rngFor } from "./calendar";
import { insertDelivery } from "./delivery";
import { IT_ANNUAL_ENVELOPE, generateFinance } from "./finance";
import { insertGovernance } from "./governance";
import { SIGNED_HIRE_NAMES, generateRequisitions } from "./hiring";
import { insertKpis, startKpiLinkedKrsAtTheKpi } from "./kpis";
import { insertOkrs } from "./okrs";
import { insertWebhooks } from "./webhooks";

// ====================================================================== main

export type Ids = {
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
      .values({
        email: u.email,
        name: u.name,
        role: u.role,
        teamId: teamId(u.team),
        language: u.language,
        passwordHash,
        active: true,
        ...at(cal.anchor - 90 * DAY),
      })
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
      Object.entries(IT_ANNUAL_ENVELOPE).map(([name, amountCents]) => ({
        categoryId: ids.categories.get(name)!,
        fiscalYear: year,
        amountCents,
        ...at(cal.anchor - 400 * DAY),
      })),
    );
  }

  // ---------------------------------------------------------------- delivery
  const delivery = generateDelivery(rngFor("delivery"), cal.anchor);
  insertDelivery(db, delivery, ids);

  // ---------------------------------------------------------------- OKRs
  const objectiveIds = insertOkrs(db, rngFor("okrs"), cal, { employees, snapshots: finance.snapshots, delivery }, ids, userId);

  // ---------------------------------------------------------------- hiring
  // when each requisition past "planned" last moved: most recently, a few longer ago than their stage
  // allows (the inbox's stale-requisition rule); the others have not moved since they were entered
  const MOVED_DAYS_AGO = [3, 5, 9, 12, 15, 20, 25, 33];
  const MOVED: readonly string[] = ["open", "interviewing", "offer"];
  let moves = 0;
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
      statusChangedAt: new Date(
        MOVED.includes(r.status) ? cal.anchor - MOVED_DAYS_AGO[moves++ % MOVED_DAYS_AGO.length] * DAY : cal.anchor - (60 - (i % 50)) * DAY,
      ),
    })),
  );

  // …and those moves in the audit trail, as the app records them
  const moved = db.all<{ id: number; status: string; isTech: number; at: number }>(
    sql`SELECT q.id, q.status, COALESCE(t.is_tech, 0) AS isTech, q.status_changed_at AS at FROM requisitions q LEFT JOIN teams t ON t.id = q.team_id
        WHERE q.status IN ('open', 'interviewing', 'offer') ORDER BY q.id`,
  );
  const PREVIOUS: Record<string, string> = { open: "planned", interviewing: "open", offer: "interviewing" };
  insertMany(
    db,
    schema.auditLog,
    moved.map((q) => ({
      at: new Date(q.at),
      actorUserId: userId(q.isTech ? "cto" : "ceo"),
      action: "status",
      entityType: "requisition",
      entityId: String(q.id),
      before: JSON.stringify({ status: PREVIOUS[q.status] }),
      after: JSON.stringify({ status: q.status }),
      createdAt: new Date(q.at),
      updatedAt: new Date(q.at),
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
  startKpiLinkedKrsAtTheKpi(db);

  // ---------------------------------------------------------------- governance
  insertGovernance(db, cal, userId);
  insertWebhooks(db, rngFor("webhooks"), cal.anchor, userId("cto"));
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
