import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { getExecutiveDashboard } from "~/dashboards/executive.server";
import {
  buildMonthFinance,
  computeFinanceMetrics,
  DEFAULT_FINANCE_SETTINGS,
  forecastCash,
  isForecastRequisition,
  requisitionMonthlyCost,
  type MonthFinance,
} from "~/lib/metrics/finance";
import {
  getCashForecast,
  getRequisitionDeltaDays,
  hiringPlanCostByStartMonth,
  getFinanceMetrics,
  getFinanceMetricsWithPrevious,
  getItBudgetVsActual,
  getBudgetGrid,
  importBudgetCsv,
  importSnapshotsCsv,
  redactForecastForUser,
  saveBudgetLine,
  getSnapshot,
  saveSnapshot,
  FinancePermissionError,
  tokenCreatorActor,
} from "~/models/finance.server";
import { createApiToken } from "~/models/tokens.server";
import { loader as hiringLoader } from "~/routes/hiring._index";
import type { Db } from "~/utils/db.server";
import { insertBudgetLine, insertRequisition, insertSnapshot, insertTeam, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { args, cookieFor, get, run } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

let CEO: Actor;
let CTO: Actor;
let LEAD: Actor;
let tokenId: number;

const t = freshDbPerTest(seedReference);
let cat: Record<string, number>;

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
const SNAPS = [
  { month: "2025-01", cashCents: 500_000_00, revenueCents: 10_000_00, mrrCents: 10_000_00, customers: 10, newCustomers: 2, churnedCustomers: 0 },
  { month: "2025-02", cashCents: 440_000_00, revenueCents: 12_000_00, mrrCents: 12_000_00, customers: 12, newCustomers: 3, churnedCustomers: 1 },
  { month: "2025-03", cashCents: 380_000_00, revenueCents: 13_000_00, mrrCents: 13_500_00, customers: 13, newCustomers: 2, churnedCustomers: 1 },
  { month: "2025-04", cashCents: 330_000_00, revenueCents: 15_000_00, mrrCents: 15_000_00, customers: 15, newCustomers: 3, churnedCustomers: 1 },
  { month: "2025-05", cashCents: 270_000_00, revenueCents: 16_000_00, mrrCents: 16_500_00, customers: 16, newCustomers: 2, churnedCustomers: 1 },
];
type L = { month: string; category: string; plannedCents: number; actualCents: number | null };
const LINES: L[] = [
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
const SM = new Set(["Marketing"]);

function load() {
  for (const s of SNAPS) insertSnapshot(t.db, s);
  for (const l of LINES) insertBudgetLine(t.db, { categoryId: cat[l.category], month: l.month, plannedCents: l.plannedCents, actualCents: l.actualCents });
}

function pureMonths(): MonthFinance[] {
  return buildMonthFinance(
    SNAPS,
    LINES.map((l) => ({ month: l.month, actualCents: l.actualCents, isSalesMarketing: SM.has(l.category) })),
  );
}

describe("getFinanceMetrics", () => {
  it("is null on an empty database", () => {
    expect(getFinanceMetrics(t.db)).toBeNull();
    expect(getCashForecast(t.db)).toBeNull();
  });

  it("equals the pure functions on hand-made data, for every as-of month", () => {
    load();
    for (const asOf of [undefined, "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-09", "2025-03-15"]) {
      expect(getFinanceMetrics(t.db, asOf)).toEqual(computeFinanceMetrics(pureMonths(), DEFAULT_FINANCE_SETTINGS, asOf));
    }
    expect(getFinanceMetrics(t.db, "2024-12")).toBeNull();
  });

  it("counts missing actuals as 0 and a month without lines as 0 burn", () => {
    load();
    const feb = getFinanceMetrics(t.db, "2025-02")!;
    expect(feb.grossBurnCents).toBe(51_000_00 + 6_000_00);
    const mar = getFinanceMetrics(t.db, "2025-03")!;
    expect(mar.grossBurnCents).toBe(0);
    expect(mar.netBurnCents).toBe(-13_000_00);
  });

  it("hand-checked figures at M = 2025-05", () => {
    load();
    const m = getFinanceMetrics(t.db)!;
    expect(m.asOfMonth).toBe("2025-05");
    // net burns: Mar −13000, Apr 67500−15000 = 52500, May 69500−16000 = 53500 → avg 31000
    expect(m.avgNetBurnCents).toBe(31_000_00);
    expect(m.runwayMonths).toBeCloseTo(270_000 / 31_000, 10);
    // CAC: S&M Mar 0 + Apr 11500 + May 12500 = 24000 over 2+3+2 = 7 new customers
    expect(m.cacCents).toBe(Math.round(24_000_00 / 7));
    expect(m.arrCents).toBe(16_500_00 * 12);
  });

  it("previous-month metrics come from the same read", () => {
    load();
    const r = getFinanceMetricsWithPrevious(t.db, "2025-05")!;
    expect(r.current).toEqual(getFinanceMetrics(t.db, "2025-05"));
    expect(r.previous).toEqual(getFinanceMetrics(t.db, "2025-04"));
    expect(getFinanceMetricsWithPrevious(t.db, "2025-01")!.previous).toBeNull();
  });
});

describe("the executive dashboard's hiring-impact panel", () => {
  it("receives only the 10 requisitions that move the zero-cash date most (all with ?impacts=all), hidden salaries last", () => {
    load();
    const tech = insertTeam(t.db, { name: "Platform", isTech: true });
    const sales = insertTeam(t.db, { name: "Sales", isTech: false });
    for (let i = 0; i < 14; i++) {
      insertRequisition(t.db, {
        title: `R${i}`,
        teamId: i % 3 === 0 ? sales.id : tech.id,
        targetStartMonth: `2025-${String(6 + (i % 6)).padStart(2, "0")}`,
        annualSalaryCents: (40_000 + i * 7_000) * 100,
        status: "open",
      });
    }
    const every = getCashForecast(t.db, { horizonMonths: 36 })!.requisitionImpacts;
    const top = getExecutiveDashboard(t.db, CEO, { asOf: undefined, badAsOf: false }).finance!.forecast;
    expect(top.requisitionCount).toBe(14);
    expect(top.requisitionImpacts).toHaveLength(top.requisitionLimit);
    const expected = [...every].sort((a, b) => (a.deltaDays ?? 0) - (b.deltaDays ?? 0)).slice(0, top.requisitionLimit);
    expect(top.requisitionImpacts.map((r) => r.deltaDays)).toEqual(expected.map((r) => r.deltaDays));
    const all = getExecutiveDashboard(t.db, CEO, { asOf: undefined, badAsOf: false, allImpacts: true }).finance!.forecast;
    expect(all.requisitionImpacts).toHaveLength(14);
    // the CTO may not see sales salaries: those rows (Δ days hidden) come after every visible one
    const forCto = getExecutiveDashboard(t.db, CTO, { asOf: undefined, badAsOf: false, allImpacts: true }).finance!.forecast.requisitionImpacts;
    const firstHidden = forCto.findIndex((r) => !r.salaryVisible);
    expect(firstHidden).toBeGreaterThan(0);
    expect(forCto.slice(firstHidden).every((r) => !r.salaryVisible)).toBe(true);
  });
});

describe("getCashForecast", () => {
  it("uses planned lines after M and the open requisitions only", () => {
    load();
    const tech = insertTeam(t.db, { name: "Platform", isTech: true });
    const sales = insertTeam(t.db, { name: "Sales", isTech: false });
    const r1 = insertRequisition(t.db, { title: "SRE", teamId: tech.id, targetStartMonth: "2025-07", annualSalaryCents: 60_000_00, status: "open" });
    const r2 = insertRequisition(t.db, { title: "AE", teamId: sales.id, targetStartMonth: "2025-06", annualSalaryCents: 48_000_00, status: "planned" });
    insertRequisition(t.db, { title: "Gone", teamId: tech.id, targetStartMonth: "2025-06", annualSalaryCents: 90_000_00, status: "cancelled" });
    insertRequisition(t.db, { title: "Done", teamId: tech.id, targetStartMonth: "2025-06", annualSalaryCents: 90_000_00, status: "hired" });
    const f = getCashForecast(t.db, { horizonMonths: 24 })!;
    const m = getFinanceMetrics(t.db)!;
    const pure = forecastCash({
      lastClosed: { month: "2025-05", cashCents: m.cashCents, revenueCents: m.revenueCents },
      monthlyGrowth: m.monthlyGrowth,
      // after the last planned month (2025-07) its total is held flat
      plannedByMonth: Object.fromEntries(
        Array.from({ length: 24 }, (_, i) => {
          const month = `${2025 + Math.floor((5 + i) / 12)}-${String(((5 + i) % 12) + 1).padStart(2, "0")}`;
          return [month, month === "2025-06" ? 60_000_00 : 66_000_00];
        }),
      ),
      requisitions: [
        { id: r2.id, title: "AE", targetStartMonth: "2025-06", annualSalaryCents: 48_000_00, status: "planned" },
        { id: r1.id, title: "SRE", targetStartMonth: "2025-07", annualSalaryCents: 60_000_00, status: "open" },
      ],
      loadedCostFactor: 1.45,
      horizonMonths: 24,
    });
    expect(f.plannedThrough).toBe("2025-07");
    expect(f.months).toEqual(pure.months);
    expect(f.zeroCashDateWith).toBe(pure.zeroCashDateWith);
    expect(f.zeroCashDateWithout).toBe(pure.zeroCashDateWithout);
    expect(f.requisitionImpacts.map((r) => [r.id, r.monthlyCostCents, r.deltaDays, r.teamIsTech])).toEqual(
      pure.requisitionImpacts.map((r) => [r.id, r.monthlyCostCents, r.deltaDays, r.id === r1.id]),
    );

    // salary-derived cost stripped per the permission matrix
    const forCto = redactForecastForUser(f, CTO);
    expect(forCto.requisitionImpacts.find((r) => r.id === r1.id)!.monthlyCostCents).not.toBeNull();
    expect(forCto.requisitionImpacts.find((r) => r.id === r2.id)!.monthlyCostCents).toBeNull();
    expect(redactForecastForUser(f, LEAD).requisitionImpacts.every((r) => r.monthlyCostCents === null)).toBe(true);
    expect(redactForecastForUser(f, CEO).requisitionImpacts.every((r) => r.monthlyCostCents !== null)).toBe(true);

    // Δ zero-cash days are derived from the salary (docs/decisions/201): hidden wherever the salary is
    expect(f.requisitionImpacts.every((r) => r.deltaDays !== null)).toBe(true);
    const ctoSales = forCto.requisitionImpacts.find((r) => r.id === r2.id)!;
    expect([ctoSales.salaryVisible, ctoSales.deltaDays]).toEqual([false, null]);
    const ctoTech = forCto.requisitionImpacts.find((r) => r.id === r1.id)!;
    expect([ctoTech.salaryVisible, ctoTech.deltaDays]).toEqual([true, f.requisitionImpacts.find((r) => r.id === r1.id)!.deltaDays]);
    for (const r of redactForecastForUser(f, LEAD).requisitionImpacts) expect([r.salaryVisible, r.deltaDays]).toEqual([false, null]);
    const viewer: Actor = { id: 999, role: "viewer", teamId: null };
    for (const r of redactForecastForUser(f, viewer).requisitionImpacts)
      expect([r.salaryVisible, r.monthlyCostCents, r.deltaDays]).toEqual([false, null, null]);
    expect(redactForecastForUser(f, CEO).requisitionImpacts.map((r) => r.deltaDays)).toEqual(f.requisitionImpacts.map((r) => r.deltaDays));

    // the "with hiring" series gives a salary away: its step in 2025-06 is the AE's loaded monthly cost
    const june = f.months.find((x) => x.month === "2025-06")!;
    expect(june.spendWithHiringCents! - june.spendWithoutHiringCents).toBe(Math.round((48_000_00 / 12) * 1.45));
    // so it is null for anyone who may not see every counted salary (CTO: the AE is a sales hire)
    for (const who of [CTO, LEAD, viewer]) {
      const red = redactForecastForUser(f, who);
      expect(red.hiddenRequisitions).toBeGreaterThan(0);
      expect(red.months.every((x) => x.spendWithHiringCents === null && x.cashWithHiringCents === null)).toBe(true);
      expect([red.zeroCashDateWith, red.zeroCashMonthWith]).toEqual([null, null]);
      expect(red.months.map((x) => x.cashWithoutHiringCents)).toEqual(f.months.map((x) => x.cashWithoutHiringCents));
      expect(JSON.stringify(red)).not.toContain(String(june.spendWithHiringCents));
    }
    const forCeo = redactForecastForUser(f, CEO);
    expect(forCeo.hiddenRequisitions).toBe(0);
    expect(forCeo.months).toEqual(f.months);
    expect(forCeo.zeroCashDateWith).toBe(f.zeroCashDateWith);
  });
});

describe("the hiring plan of one /hiring page (cost per start month in SQL, Δ for the page's rows)", () => {
  const setFactor = (f: number) => t.db.update(t.db._.fullSchema.companySettings).set({ loadedCostFactor: f }).run();
  const requisitionsOf = (teams: { id: number }[]) => {
    let seed = 9;
    const rnd = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const statuses = ["planned", "open", "interviewing", "offer", "hired", "cancelled"] as const;
    return Array.from({ length: 70 }, (_, i) =>
      insertRequisition(t.db, {
        title: `Role ${i}`,
        teamId: teams[i % teams.length].id,
        targetStartMonth: `${2025 + rnd(3)}-${String(1 + rnd(12)).padStart(2, "0")}`,
        annualSalaryCents: 30_000_00 + rnd(90_000_00),
        status: statuses[rnd(statuses.length)],
      }),
    );
  };

  it("the SQL cost per start month is requisitionMonthlyCost summed, halves included", () => {
    // small salaries put x = salary ÷ 12 × factor on and around every half
    for (let cents = 1; cents <= 600; cents++)
      insertRequisition(t.db, { targetStartMonth: `2025-0${1 + (cents % 9)}`, annualSalaryCents: cents, status: "open" });
    insertRequisition(t.db, { targetStartMonth: "2025-01", annualSalaryCents: 99, status: "hired" });
    insertRequisition(t.db, { targetStartMonth: "2025-01", annualSalaryCents: 99, status: "cancelled" });
    const rows = t.db.all<{ month: string; salary: number; status: string }>(
      sql`select target_start_month as month, annual_salary_cents as salary, status from requisitions`,
    );
    for (const factor of [1.45, 1.5, 1.25, 1.3, 1.0, 2]) {
      const expected = new Map<string, number>();
      for (const r of rows) if (isForecastRequisition(r)) expected.set(r.month, (expected.get(r.month) ?? 0) + requisitionMonthlyCost(r.salary, factor));
      const got = hiringPlanCostByStartMonth(t.db, factor);
      expect(new Map(got.map((g) => [g.targetStartMonth, g.monthlyCostCents])), `factor ${factor}`).toEqual(expected);
    }
  });

  it("Δ zero-cash days of any rows equal the full forecast's, whatever the factor", () => {
    load();
    const tech = insertTeam(t.db, { name: "Platform", isTech: true });
    const reqs = requisitionsOf([tech]);
    for (const factor of [1.45, 1.5, 1.3]) {
      setFactor(factor);
      const full = getCashForecast(t.db)!;
      const page = getRequisitionDeltaDays(t.db, reqs)!;
      expect(page.asOfMonth).toBe(full.asOfMonth);
      expect(new Map(full.requisitionImpacts.map((i) => [i.id, i.deltaDays])), `factor ${factor}`).toEqual(page.deltaDays);
      expect(full.requisitionImpacts.filter((i) => i.deltaDays !== null && i.deltaDays !== 0).length).toBeGreaterThan(5);
      // one row alone gets the same Δ as among all of them (the plan is the whole table, not the rows passed)
      const one = full.requisitionImpacts.find((i) => i.deltaDays)!;
      expect(getRequisitionDeltaDays(t.db, [reqs.find((r) => r.id === one.id)!])!.deltaDays).toEqual(new Map([[one.id, one.deltaDays]]));
    }
  });

  it("/hiring page 2: the Δ column is the forecast's for the CEO; hidden from the CTO on business hires; not counted when hired or cancelled", async () => {
    load();
    const tech = insertTeam(t.db, { name: "Platform", isTech: true });
    const sales = insertTeam(t.db, { name: "Sales", isTech: false });
    requisitionsOf([tech, sales]);
    const impacts = new Map(getCashForecast(t.db)!.requisitionImpacts.map((i) => [i.id, i.deltaDays]));
    type Row = { id: number; status: string; teamId: number; delta: { kind: string; days?: number } };
    const cookies = new Map([
      [CEO, await cookieFor(CEO.id)],
      [CTO, await cookieFor(CTO.id)],
    ]);
    const rowsFor = async (who: Actor, q: string) => {
      const res = await run(() => hiringLoader(args(get(`/hiring${q}`, cookies.get(who)!))));
      expect(res.status).toBe(200);
      return res.body as { rows: Row[]; total: number };
    };
    const second = await rowsFor(CEO, "?page=2");
    expect(second.total).toBe(70);
    expect(second.rows).toHaveLength(25);
    for (const r of second.rows) {
      if (!impacts.has(r.id)) expect([r.status === "hired" || r.status === "cancelled", r.delta.kind]).toEqual([true, "notCounted"]);
      else {
        const d = impacts.get(r.id);
        expect(r.delta, `requisition ${r.id}`).toEqual(d == null ? { kind: "noZeroCash" } : { kind: "days", days: d });
      }
    }
    expect(second.rows.filter((r) => r.delta.kind === "days").length).toBeGreaterThan(5);
    for (const r of (await rowsFor(CTO, "?page=2")).rows) {
      if (!impacts.has(r.id)) expect(r.delta.kind).toBe("notCounted");
      else if (r.teamId === sales.id) expect(r.delta).toEqual({ kind: "hidden" });
      else expect(r.delta).toEqual(second.rows.find((x) => x.id === r.id)!.delta);
    }
    // past the end: no rows, the total still counts every requisition
    const past = await rowsFor(CEO, "?page=9");
    expect([past.rows.length, past.total]).toEqual([0, 70]);
  });
});

describe("budget aggregation", () => {
  it("IT budget vs actual lists every IT category over closed months only, missing actual = 0", () => {
    load();
    const rows = getItBudgetVsActual(t.db, { fromMonth: "2025-01", toMonth: "2025-07" });
    expect(rows.map((r) => r.category)).toEqual(["Cloud infrastructure", "Dev tools", "Security", "Training", "R&D"]);
    // July (planned 6 000 €, no snapshot yet) is not closed: left out of both sides, not "0 € spent"
    expect(rows[0]).toEqual({ category: "Cloud infrastructure", plannedCents: 5_000_00, actualCents: 6_000_00 });
    expect(rows[2]).toEqual({ category: "Security", plannedCents: 2_000_00, actualCents: 0 });
    expect(getItBudgetVsActual(t.db, { fromMonth: "2025-03", toMonth: "2025-03" }).every((r) => r.plannedCents === 0)).toBe(true);
  });

  it("the grid's total row equals gross burn of each closed month", () => {
    load();
    const { grid } = getBudgetGrid(t.db, { fromMonth: "2025-01", toMonth: "2025-05" });
    expect(grid.rows).toHaveLength(9);
    for (const total of grid.totalRow) {
      expect(total.actualCents).toBe(getFinanceMetrics(t.db, total.month)!.grossBurnCents);
    }
    expect(grid.cumulativeRow[4].actualCents).toBe(grid.totalRow.reduce((a, r) => a + r.actualCents, 0));
  });
});

function auditCount(entityType: string): number {
  return t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_type = ?").get(entityType) as unknown as number extends never ? never : number;
}
function auditRows(entityType: string): { action: string; before: string | null; after: string }[] {
  return t.db.$client.prepare("SELECT action, before, after FROM audit_log WHERE entity_type = ? ORDER BY id").all(entityType) as {
    action: string;
    before: string | null;
    after: string;
  }[];
}
void auditCount;

describe("writes", () => {
  it("saveBudgetLine: CTO on IT only; each write audited", () => {
    saveBudgetLine(t.db, { kind: "user", actor: CTO }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 100, actualCents: null });
    expect(() =>
      saveBudgetLine(t.db, { kind: "user", actor: CTO }, { categoryId: cat["Salaries"], month: "2025-01", plannedCents: 100, actualCents: 5 }),
    ).toThrow(FinancePermissionError);
    expect(() =>
      saveBudgetLine(t.db, { kind: "user", actor: LEAD }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 100, actualCents: 5 }),
    ).toThrow(FinancePermissionError);
    const r = saveBudgetLine(t.db, { kind: "user", actor: CEO }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 200, actualCents: 150 });
    expect(r.created).toBe(false);
    const audit = auditRows("budget_line");
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(audit[1].after)).toMatchObject({ category: "Security", plannedCents: 200, actualCents: 150 });
  });

  it("saveSnapshot: CEO only", () => {
    const s = {
      month: "2025-01",
      cashCents: 1,
      revenueCents: 2,
      mrrCents: 3,
      customers: 4,
      newCustomers: 1,
      churnedCustomers: 0,
      financingCents: 0,
      costOfRevenueCents: 500,
    };
    expect(() => saveSnapshot(t.db, { kind: "user", actor: CTO }, s)).toThrow(FinancePermissionError);
    expect(saveSnapshot(t.db, { kind: "user", actor: CEO }, s).created).toBe(true);
    expect(getSnapshot(t.db, "2025-01")?.costOfRevenueCents).toBe(500);
    expect(saveSnapshot(t.db, { kind: "user", actor: CEO }, { ...s, cashCents: 9 }).created).toBe(false);
    expect(auditRows("finance_snapshot").map((a) => a.action)).toEqual(["create", "update"]);
  });
});

describe("CSV imports (all or nothing)", () => {
  it("imports budget lines, counting created and updated, auditing each change before → after and the import", () => {
    insertBudgetLine(t.db, { categoryId: cat["Salaries"], month: "2025-01", plannedCents: 1, actualCents: null });
    const csv = "month,category,planned,actual\n2025-01,Salaries,50000,48000.50\n2025-01,Marketing,10000,\n2025-02,cloud infrastructure,5000.5,6000\n";
    const r = importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload");
    expect(r).toEqual({ ok: true, created: 2, updated: 1, rows: 3 });
    const lines = t.db.$client
      .prepare("SELECT month, category_id AS c, planned_cents AS p, actual_cents AS a FROM budget_lines ORDER BY month, category_id")
      .all();
    expect(lines).toEqual([
      { month: "2025-01", c: cat["Salaries"], p: 50_000_00, a: 48_000_50 },
      { month: "2025-01", c: cat["Marketing"], p: 10_000_00, a: null },
      { month: "2025-02", c: cat["Cloud infrastructure"], p: 5_000_50, a: 6_000_00 },
    ]);
    const audit = auditRows("budget_line");
    expect(audit).toHaveLength(4); // 3 lines changed + the import
    const salaries = audit.find((a) => a.action === "update")!;
    expect(JSON.parse(salaries.before!)).toEqual({ category: "Salaries", month: "2025-01", plannedCents: 1, actualCents: null });
    expect(JSON.parse(salaries.after)).toMatchObject({ category: "Salaries", month: "2025-01", plannedCents: 50_000_00, actualCents: 48_000_50 });
    expect(audit.filter((a) => a.action === "create")).toHaveLength(2);
    expect(JSON.parse(audit.find((a) => a.action === "import")!.after)).toMatchObject({ rows: 3, created: 2, updated: 1 });
    // the same file again changes nothing: only the import itself is recorded
    importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload");
    expect(auditRows("budget_line")).toHaveLength(5);
    // a file with a header only imports nothing, without error, in both importers
    expect(importBudgetCsv(t.db, { kind: "user", actor: CEO }, "month,category,planned,actual\n", "upload")).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      rows: 0,
    });
    expect(
      importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n", "upload"),
    ).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      rows: 0,
    });
  });

  it("names every bad row and field and writes nothing", () => {
    const csv = [
      "month,category,planned,actual",
      "2025-01,Salaries,50000,48000",
      "2025-13,Salaries,1,1", // bad month
      "2025-02,Unicorns,1,1", // unknown category
      "2025-03,Marketing,12.345,abc", // bad planned and actual
      "2025-01,Salaries,1,1", // duplicate
      "2025-04,Marketing,,1", // missing planned
    ].join("\n");
    const r = importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "month"],
      [4, "category"],
      [5, "planned"],
      [5, "actual"],
      [6, "category"],
      [7, "planned"],
    ]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM budget_lines").get()).toEqual({ n: 0 });
    expect(auditRows("budget_line")).toHaveLength(0);
  });

  it("refuses the CTO's rows on non-IT categories (and only those), writing nothing", () => {
    const csv = "month,category,planned,actual\n2025-01,Security,100,100\n2025-01,Salaries,100,100\n2025-01,Marketing,1,1\n";
    const r = importBudgetCsv(t.db, { kind: "user", actor: CTO }, csv, "upload");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "category"],
      [4, "category"],
    ]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM budget_lines").get()).toEqual({ n: 0 });
    expect(importBudgetCsv(t.db, { kind: "user", actor: CTO }, "month,category,planned,actual\n2025-01,Security,100,100\n", "upload")).toEqual({
      ok: true,
      created: 1,
      updated: 0,
      rows: 1,
    });
  });

  it("a token acts with its creator's rights", () => {
    const csv = "month,category,planned,actual\n2025-01,Salaries,100,100\n";
    expect(importBudgetCsv(t.db, { kind: "token", tokenId, creator: tokenCreatorActor(t.db, tokenId) }, csv, "api").ok).toBe(false);
    expect(importBudgetCsv(t.db, { kind: "token", tokenId, creator: null }, csv, "api").ok).toBe(true);
  });

  it("imports snapshots; a bad file writes nothing", () => {
    const header = "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing";
    const good = `${header}\n2025-01,500000,10000,10000,10,2,0,\n2025-02,-1200.5,12000,12000,12,3,1,5000000\n`;
    expect(importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, good, "upload")).toEqual({ ok: true, created: 2, updated: 0, rows: 2 });
    expect(getFinanceMetrics(t.db)!.cashCents).toBe(-1200_50);
    const bad = `${header}\n2025-03,1,1,1,1,1,0,0\n2025-04,x,1,1,-1,1,0,0\n2025-03,1,1,1,1,1,0,0\n`;
    const r = importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, bad, "upload");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.row, e.field])).toEqual([
        [3, "cash"],
        [3, "customers"],
        [4, "month"],
      ]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM finance_snapshots").get()).toEqual({ n: 2 });
    const cto = importSnapshotsCsv(t.db, { kind: "user", actor: CTO }, good, "upload");
    expect(cto.ok).toBe(false);
    // a re-import that changes January: that snapshot's before → after is in the audit trail
    const revised = `${header}\n2025-01,450000,10000,10000,10,2,0,\n2025-02,-1200.5,12000,12000,12,3,1,5000000\n`;
    expect(importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, revised, "upload")).toEqual({ ok: true, created: 0, updated: 2, rows: 2 });
    const audit = auditRows("finance_snapshot");
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "import", "update", "import"]);
    const jan = audit[3];
    expect(JSON.parse(jan.before!)).toMatchObject({ month: "2025-01", cashCents: 500_000_00 });
    expect(JSON.parse(jan.after)).toMatchObject({ month: "2025-01", cashCents: 450_000_00 });
  });
});

describe("bounded queries", () => {
  function countStatements(fn: () => void): number {
    const client = t.db.$client;
    const original = client.prepare.bind(client);
    let n = 0;
    (client as unknown as { prepare: typeof client.prepare }).prepare = ((src: string) => {
      n += 1;
      return original(src);
    }) as typeof client.prepare;
    try {
      fn();
    } finally {
      (client as unknown as { prepare: typeof client.prepare }).prepare = original;
    }
    return n;
  }

  it("the executive dashboard's finance read runs the same number of statements for 5 or 60 closed months", async () => {
    const { getExecutiveFinance } = await import("~/models/finance.server");
    load();
    // once before counting: the reads prepared once per connection (the company settings) are prepared then
    getExecutiveFinance(t.db);
    const small = countStatements(() => getExecutiveFinance(t.db));
    // 55 more closed months, each with lines in every category, and 40 requisitions
    for (let i = 0; i < 55; i++) {
      const month = `${2025 + Math.floor((5 + i) / 12)}-${String(((5 + i) % 12) + 1).padStart(2, "0")}`;
      if (month <= "2025-07") {
        t.db.$client.prepare("DELETE FROM budget_lines WHERE month = ?").run(month);
      }
      insertSnapshot(t.db, {
        month,
        cashCents: 900_000_00 - i * 1000_00,
        revenueCents: 20_000_00 + i * 100_00,
        mrrCents: 20_000_00 + i * 100_00,
        customers: 20 + i,
        newCustomers: 2,
        churnedCustomers: 1,
      });
      for (const id of Object.values(cat)) insertBudgetLine(t.db, { categoryId: id, month, plannedCents: 5_000_00, actualCents: 4_000_00 });
    }
    for (let i = 0; i < 40; i++) insertRequisition(t.db, { title: `R${i}`, targetStartMonth: "2030-01", annualSalaryCents: 50_000_00, status: "open" });
    const large = countStatements(() => getExecutiveFinance(t.db));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(15);
  });
});
