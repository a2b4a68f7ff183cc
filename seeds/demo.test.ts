import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gte, lte, desc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, schema, type Db } from "../db/client";
import { DAY, addMonths, monthOf, utcDayStart } from "./calendar";
import { CLOSED_MONTHS, DEMO_SEED, demoCalendar, seedDemo } from "./demo";
import { createRng } from "./prng";
import { BUDGET_CATEGORIES, seedReference } from "./reference";
import { tableCounts } from "./stats";

/** A fixed instant (mid-quarter, a Wednesday) so the assertions never depend on the day the tests run. */
const NOW = Date.UTC(2026, 10, 18, 14, 37, 12);

const files: string[] = [];
function tempDb(): Db {
  const file = path.join(os.tmpdir(), `innovatech-seed-${randomUUID()}.db`);
  files.push(file);
  return openDb(file, { synchronous: "NORMAL" });
}

afterAll(() => {
  for (const f of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(f + suffix, { force: true });
});

describe("prng", () => {
  it("is deterministic and within bounds", () => {
    const a = createRng(DEMO_SEED);
    const b = createRng(DEMO_SEED);
    const xs = Array.from({ length: 200 }, () => a.int(3, 9));
    const ys = Array.from({ length: 200 }, () => b.int(3, 9));
    expect(xs).toEqual(ys);
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(9);
    expect(createRng(1).hex(40)).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("seedDemo", () => {
  let db: Db;
  let firstCounts: Record<string, number>;

  beforeAll(async () => {
    db = tempDb();
    const result = await seedDemo(db, { now: NOW });
    expect(result.seeded).toBe(true);
    firstCounts = tableCounts(db);
  });

  afterAll(() => db.$client.close());

  it("is idempotent: a second call writes nothing", async () => {
    const again = await seedDemo(db, { now: NOW + 3 * DAY });
    expect(again.seeded).toBe(false);
    expect(tableCounts(db)).toEqual(firstCounts);
    // reference rows are idempotent too
    expect(db.transaction((tx) => seedReference(tx)).inserted).toBe(0);
    expect(tableCounts(db)).toEqual(firstCounts);
  });

  it("names its company (an empty install has no name until /setup), and has users, so it never shows /setup", () => {
    expect(db.select({ n: schema.companySettings.companyName }).from(schema.companySettings).get()?.n).toBe("InnovaTech Solutions");
    const empty = tempDb();
    empty.transaction((tx) => seedReference(tx));
    expect(empty.select({ n: schema.companySettings.companyName }).from(schema.companySettings).get()?.n).toBe("");
    expect(
      empty
        .select({ n: sql<number>`count(*)` })
        .from(schema.users)
        .get()?.n,
    ).toBe(0);
    empty.$client.close();
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(schema.users)
        .get()?.n,
    ).toBeGreaterThan(0);
  });

  it("has the four demo users with the right roles, the lead in the Core squad", () => {
    const users = db
      .select({ email: schema.users.email, role: schema.users.role, team: schema.teams.name })
      .from(schema.users)
      .leftJoin(schema.teams, eq(schema.teams.id, schema.users.teamId))
      .all();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    expect(byEmail.get("ceo@innovatech.test")?.role).toBe("ceo");
    expect(byEmail.get("cto@innovatech.test")?.role).toBe("cto");
    expect(byEmail.get("lead@innovatech.test")).toMatchObject({ role: "lead", team: "Core" });
    expect(byEmail.get("viewer@innovatech.test")?.role).toBe("viewer");
  });

  it("has exactly the budget categories with their flags", () => {
    const rows = db.select().from(schema.budgetCategories).orderBy(asc(schema.budgetCategories.sortOrder)).all();
    expect(rows.map((r) => r.name)).toEqual(BUDGET_CATEGORIES.map((c) => c.name));
    expect(rows.filter((r) => r.isSalesMarketing).map((r) => r.name)).toEqual(["Marketing"]);
    expect(rows.filter((r) => r.isIt).map((r) => r.name)).toEqual(["Cloud infrastructure", "Dev tools", "Security", "Training", "R&D"]);
  });

  it("keeps the finance identity cash(m) = cash(m-1) + revenue + financing - gross burn for every month", () => {
    const snaps = db.select().from(schema.financeSnapshots).orderBy(asc(schema.financeSnapshots.month)).all();
    expect(snaps.length).toBe(CLOSED_MONTHS);
    expect(snaps[snaps.length - 1].month).toBe(addMonths(monthOf(NOW), -1));
    const burn = new Map(
      db
        .select({ month: schema.budgetLines.month, total: sql<number>`coalesce(sum(${schema.budgetLines.actualCents}), 0)` })
        .from(schema.budgetLines)
        .groupBy(schema.budgetLines.month)
        .all()
        .map((r) => [r.month, r.total]),
    );
    for (let i = 1; i < snaps.length; i++) {
      const m = snaps[i];
      expect(m.cashCents, m.month).toBe(snaps[i - 1].cashCents + m.revenueCents + m.financingCents - (burn.get(m.month) ?? 0));
      expect(m.customers, m.month).toBe(snaps[i - 1].customers + m.newCustomers - m.churnedCustomers);
    }
    for (const s of snaps) for (const v of [s.cashCents, s.revenueCents, s.mrrCents]) expect(Number.isInteger(v)).toBe(true);
    expect(snaps.reduce((sum, s) => sum + s.financingCents, 0)).toBe(5_000_000_00);
    // gross burn ≈ 200 k€ a month at the end of the period
    const lastBurn = burn.get(snaps[snaps.length - 1].month) ?? 0;
    expect(lastBurn).toBeGreaterThan(170_000_00);
    expect(lastBurn).toBeLessThan(250_000_00);
    // planned-only lines for the 12 months after the last closed month
    const future = db
      .select({ month: schema.budgetLines.month })
      .from(schema.budgetLines)
      .where(sql`${schema.budgetLines.month} > ${snaps[snaps.length - 1].month}`)
      .groupBy(schema.budgetLines.month)
      .all();
    expect(future.length).toBe(12);
  });

  it("has production deployments in the last 90 days, none in the future", () => {
    const from = new Date(NOW - 90 * DAY);
    const recent = db
      .select({ n: sql<number>`count(*)` })
      .from(schema.deployments)
      .where(and(eq(schema.deployments.environment, "production"), gte(schema.deployments.finishedAt, from)))
      .get();
    expect(recent?.n ?? 0).toBeGreaterThan(500);
    const future = db
      .select({ n: sql<number>`count(*)` })
      .from(schema.deployments)
      .where(sql`${schema.deployments.finishedAt} > ${NOW}`)
      .get();
    expect(future?.n).toBe(0);
  });

  it("links every inferred incident to the latest successful production deployment of its service at or before its start", () => {
    const incidents = db.select().from(schema.incidents).where(eq(schema.incidents.causeKind, "inferred")).all();
    expect(incidents.length).toBeGreaterThan(5);
    for (const inc of incidents) {
      const expected = db
        .select({ id: schema.deployments.id })
        .from(schema.deployments)
        .where(
          and(
            eq(schema.deployments.serviceId, inc.serviceId),
            eq(schema.deployments.environment, "production"),
            eq(schema.deployments.status, "success"),
            lte(schema.deployments.finishedAt, inc.startedAt),
          ),
        )
        .orderBy(desc(schema.deployments.finishedAt), desc(schema.deployments.id))
        .limit(1)
        .get();
      expect(inc.causeDeploymentId, inc.externalId ?? String(inc.id)).toBe(expected?.id);
    }
    const explicit = db.select().from(schema.incidents).where(eq(schema.incidents.causeKind, "explicit")).all();
    expect(explicit.length).toBeGreaterThan(0);
    for (const inc of explicit) {
      const cause = db
        .select()
        .from(schema.deployments)
        .where(eq(schema.deployments.id, inc.causeDeploymentId ?? -1))
        .get();
      expect(cause?.serviceId).toBe(inc.serviceId);
      expect(cause?.status).toBe("success");
      expect(cause!.finishedAt.getTime()).toBeLessThanOrEqual(inc.startedAt.getTime());
    }
  });

  it("rates 000's five risk categories at the right levels", () => {
    const level = (score: number) => (score >= 20 ? "critical" : score >= 10 ? "high" : score >= 5 ? "medium" : "low");
    const risks = db.select().from(schema.risks).all();
    const first = (category: string) => {
      const r = risks.find((x) => x.category === category);
      if (!r) throw new Error(`no ${category} risk`);
      return r;
    };
    const inherent = (c: string) => level(first(c).inherentLikelihood * first(c).inherentImpact);
    const residual = (c: string) => level(first(c).residualLikelihood * first(c).residualImpact);
    expect(first("competitive").inherentLikelihood * first("competitive").inherentImpact).toBe(25); // maximum
    expect(inherent("financial")).toBe("critical");
    expect(residual("financial")).toBe("critical");
    expect(inherent("technical")).toBe("critical"); // very high
    expect(residual("technical")).toBe("high");
    expect(inherent("market")).toBe("high");
    expect(inherent("operational")).toBe("medium");
    expect(residual("operational")).toBe("medium");
    expect(risks.some((r) => r.status === "proposed")).toBe(true);
    const today = new Date(utcDayStart(NOW)).toISOString().slice(0, 10);
    expect(risks.filter((r) => r.nextReviewDate !== null && r.nextReviewDate < today).length).toBeGreaterThanOrEqual(2);
  });

  it("keeps each manual key result's current value equal to its latest check-in; linked ones' check-ins hold no value", () => {
    const latest = new Map<number, { at: number; value: number | null }>();
    for (const c of db.select().from(schema.checkIns).all()) {
      const prev = latest.get(c.keyResultId);
      if (!prev || c.createdAt.getTime() >= prev.at) latest.set(c.keyResultId, { at: c.createdAt.getTime(), value: c.value });
    }
    const krs = db.select().from(schema.keyResults).all();
    expect(latest.size).toBeGreaterThan(20);
    const linked = new Set(krs.filter((kr) => kr.metricId !== null).map((kr) => kr.id));
    expect(linked.size).toBeGreaterThanOrEqual(10);
    for (const kr of krs) if (!linked.has(kr.id)) expect(kr.currentValue, kr.title).toBe(latest.get(kr.id)?.value ?? kr.startValue);
    for (const c of db.select().from(schema.checkIns).all()) expect(c.value === null, `check-in ${c.id}`).toBe(linked.has(c.keyResultId));
    for (const c of db.select().from(schema.checkIns).all()) {
      expect(c.confidence).toBeGreaterThanOrEqual(1);
      expect(c.confidence).toBeLessThanOrEqual(10);
    }
    // the Core squad (the demo lead's team) has an objective with 2+ KRs in the current cycle
    const core = db
      .select({ objectiveId: schema.objectives.id, n: sql<number>`count(${schema.keyResults.id})` })
      .from(schema.objectives)
      .innerJoin(schema.teams, eq(schema.teams.id, schema.objectives.teamId))
      .innerJoin(schema.cycles, eq(schema.cycles.id, schema.objectives.cycleId))
      .innerJoin(schema.keyResults, eq(schema.keyResults.objectiveId, schema.objectives.id))
      .where(and(eq(schema.teams.name, "Core"), eq(schema.cycles.name, demoCycleName())))
      .groupBy(schema.objectives.id)
      .all();
    expect(core.some((o) => o.n >= 2)).toBe(true);
  });

  it("plans requisitions toward 100 people", () => {
    const reqs = db.select().from(schema.requisitions).all();
    const employees = db.select().from(schema.employees).all();
    const active = employees.filter((e) => e.endDate === null).length;
    const pipeline = reqs.filter((r) => r.status !== "cancelled" && r.status !== "hired").length; // a hire counts through its employee row
    expect(active + pipeline).toBe(100);
    const statuses = new Set(reqs.map((r) => r.status));
    for (const s of schema.REQUISITION_STATUSES) expect(statuses.has(s)).toBe(true);
    expect(reqs.every((r) => r.targetStartMonth >= monthOf(NOW))).toBe(true);
  });
});

function demoCycleName(): string {
  const d = new Date(utcDayStart(NOW));
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

describe("determinism", () => {
  it("gives the same data for the same `now`", async () => {
    const a = tempDb();
    const b = tempDb();
    await seedDemo(a, { now: NOW });
    await seedDemo(b, { now: NOW + 5 * 60 * 60 * 1000 }); // same UTC day
    const summary = (db: Db) =>
      db
        .select({ n: sql<number>`count(*)`, sum: sql<number>`sum(${schema.deployments.finishedAt})` })
        .from(schema.deployments)
        .get();
    expect(summary(a)).toEqual(summary(b));
    expect(tableCounts(a)).toEqual(tableCounts(b));
    const snaps = (db: Db) => db.select({ m: schema.financeSnapshots.month, c: schema.financeSnapshots.cashCents }).from(schema.financeSnapshots).all();
    expect(snaps(a)).toEqual(snaps(b));
    expect(demoCalendar(NOW).anchor).toBe(demoCalendar(NOW + 5 * 60 * 60 * 1000).anchor);
    a.$client.close();
    b.$client.close();
  });

  it("refuses to seed over data it did not create", async () => {
    const db = tempDb();
    db.transaction((tx) => seedReference(tx));
    db.insert(schema.users).values({ email: "someone@example.test", name: "Someone", role: "ceo", passwordHash: "!" }).run();
    const result = await seedDemo(db, { now: NOW });
    expect(result.seeded).toBe(false);
    expect(
      db
        .select({ n: sql<number>`count(*)` })
        .from(schema.deployments)
        .get()?.n,
    ).toBe(0);
    db.$client.close();
  });
});
