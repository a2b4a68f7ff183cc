import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { getExecutiveDashboard } from "~/dashboards/executive.server";
import { computeFinanceMetrics, DEFAULT_FINANCE_SETTINGS, forecastCash, isForecastRequisition, requisitionMonthlyCost } from "~/lib/metrics/finance";
import {
  getCashForecast,
  getCashForecastTotals,
  getRequisitionDeltaDays,
  hiringPlanCostByStartMonth,
  getFinanceMetrics,
  getFinanceMetricsWithPrevious,
  getItBudgetVsActual,
  getBudgetGrid,
  redactForecastForUser,
} from "~/models/finance.server";
import { loader as hiringLoader } from "~/routes/hiring._index";
import { insertRequisition, insertTeam } from "../../seeds/builders";
import { args, cookieFor, get, run } from "../helpers/actions";
import { CEO, CTO, LEAD, load, pureMonths, t } from "../helpers/finance-world";

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

  it("the catalogue's forecast (getCashForecastTotals) equals the full forecast but its Δ days, and names the plan's teams, whatever the factor and horizon", () => {
    expect(getCashForecastTotals(t.db)).toBeNull();
    load();
    const tech = insertTeam(t.db, { name: "Platform", isTech: true });
    const sales = insertTeam(t.db, { name: "Sales", isTech: false });
    requisitionsOf([tech, sales]);
    insertRequisition(t.db, { targetStartMonth: "2025-06", annualSalaryCents: 70_000_00, status: "open" }); // no team
    insertRequisition(t.db, { teamId: sales.id, targetStartMonth: "2025-06", annualSalaryCents: 70_000_00, status: "hired" });
    for (const factor of [1.45, 1.3]) {
      setFactor(factor);
      for (const opts of [{}, { horizonMonths: 120 }, { asOf: "2025-03", horizonMonths: 12 }]) {
        const { requisitionImpacts, ...full } = getCashForecast(t.db, opts)!;
        const { planTeams, ...totals } = getCashForecastTotals(t.db, opts)!;
        expect(totals, `factor ${factor} ${JSON.stringify(opts)}`).toEqual(full);
        const teams = new Map(requisitionImpacts.map((i) => [i.teamId, i.teamIsTech]));
        expect(new Map(planTeams.map((p) => [p.teamId, p.teamIsTech]))).toEqual(teams);
        expect(planTeams).toHaveLength(3);
      }
    }
    expect(getCashForecast(t.db, { horizonMonths: 120 })!.zeroCashDateWith).not.toBeNull(); // the dates compared were dates
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
