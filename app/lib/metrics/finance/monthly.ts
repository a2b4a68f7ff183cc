/** From raw records to MonthFinance, and every finance metric at once as of the latest closed month. Pure, no I/O; the contract is in ../finance.ts. */
import { addMonths, isMonth, monthRange } from "../../months";
import { averageNetBurn, burnMultiple, growthNeeded, isDefaultAlive, meanNetBurn, monthlyGrowth, netBurn, runwayMonths, zeroCashDate } from "./burn";
import type { FinanceMetrics, FinanceSettings, MonthFinance } from "./types";
import { arpa, arpaExact, arr, cac, churnRate, ltv, ltvToCac } from "./unit-economics";

// ---------------------------------------------------------------------------------------------
// Building the per-month input from raw records
// ---------------------------------------------------------------------------------------------

export type SnapshotRecord = {
  month: string;
  cashCents: number;
  revenueCents: number;
  mrrCents: number;
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
};

export type ActualLineRecord = { month: string; actualCents: number | null; isSalesMarketing: boolean };

/**
 * One MonthFinance per snapshot (closed month): gross burn = Σ actual of the month's budget lines,
 * sales & marketing = Σ actual of its sales-and-marketing lines (null actual = 0). Budget lines of
 * months without a snapshot are ignored (those months are not closed).
 */
export function buildMonthFinance(snapshots: readonly SnapshotRecord[], lines: readonly ActualLineRecord[]): MonthFinance[] {
  const gross = new Map<string, number>();
  const sm = new Map<string, number>();
  for (const l of lines) {
    const a = l.actualCents ?? 0;
    gross.set(l.month, (gross.get(l.month) ?? 0) + a);
    if (l.isSalesMarketing) sm.set(l.month, (sm.get(l.month) ?? 0) + a);
  }
  return [...snapshots]
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))
    .map((s) => ({
      month: s.month,
      grossBurnCents: gross.get(s.month) ?? 0,
      revenueCents: s.revenueCents,
      cashCents: s.cashCents,
      mrrCents: s.mrrCents,
      customers: s.customers,
      newCustomers: s.newCustomers,
      churnedCustomers: s.churnedCustomers,
      salesMarketingCents: sm.get(s.month) ?? 0,
    }));
}

// ---------------------------------------------------------------------------------------------
// All metrics at once
// ---------------------------------------------------------------------------------------------

/**
 * All finance metrics as of the latest closed month M ≤ asOf ('YYYY-MM' or 'YYYY-MM-DD'; default:
 * the latest closed month). `months` may be in any order and must only contain closed months
 * (duplicate months throw). null when there is no closed month ≤ asOf.
 *
 * Missing calendar months in the windows: avg net burn, CAC and Σ net burn use the closed months
 * among M−2…M; g skips pairs with an unknown side; churn skips months whose customers(m−1) is
 * unknown or 0; burn multiple is null unless M−3, M−2, M−1 and M are all closed (a gap would
 * compare the MRR growth of a quarter with the burn of fewer months).
 */
export function computeFinanceMetrics(months: readonly MonthFinance[], settings: FinanceSettings, asOf?: string): FinanceMetrics | null {
  const byMonth = new Map<string, MonthFinance>();
  for (const m of months) {
    if (!isMonth(m.month)) throw new RangeError(`computeFinanceMetrics: invalid month ${JSON.stringify(m.month)}`);
    if (byMonth.has(m.month)) throw new RangeError(`computeFinanceMetrics: duplicate month ${m.month}`);
    byMonth.set(m.month, m);
  }
  let limit: string | null = null;
  if (asOf !== undefined) {
    limit = asOf.slice(0, 7);
    if (!isMonth(limit)) throw new RangeError(`computeFinanceMetrics: invalid asOf ${JSON.stringify(asOf)}`);
  }
  let M: string | null = null;
  for (const key of byMonth.keys()) {
    if (limit !== null && key > limit) continue;
    if (M === null || key > M) M = key;
  }
  if (M === null) return null;
  const cur = byMonth.get(M) as MonthFinance;

  const window = monthRange(addMonths(M, -2), M)
    .map((m) => byMonth.get(m))
    .filter((m): m is MonthFinance => m !== undefined);
  const windowNetBurns = window.map((m) => netBurn(m.grossBurnCents, m.revenueCents));

  const avgNetBurnCents = averageNetBurn(windowNetBurns);
  const runway = runwayMonths(cur.cashCents, meanNetBurn(windowNetBurns));
  const g = monthlyGrowth(monthRange(addMonths(M, -3), M).map((m) => byMonth.get(m)?.revenueCents ?? null));

  const fullQuarter = monthRange(addMonths(M, -3), M).every((m) => byMonth.has(m));
  const mrrThen = fullQuarter ? (byMonth.get(addMonths(M, -3)) as MonthFinance).mrrCents : null;
  const bm = burnMultiple(
    windowNetBurns.reduce((a, b) => a + b, 0),
    cur.mrrCents,
    mrrThen,
  );

  const churn = churnRate(
    window.map((m) => ({
      churned: m.churnedCustomers,
      previousCustomers: byMonth.get(addMonths(m.month, -1))?.customers ?? null,
    })),
  );
  const cacCents = cac(
    window.reduce((a, m) => a + m.salesMarketingCents, 0),
    window.reduce((a, m) => a + m.newCustomers, 0),
  );
  const arpaCents = arpa(cur.mrrCents, cur.customers);
  const ltvCents = ltv(arpaExact(cur.mrrCents, cur.customers), settings.grossMargin, churn);

  return {
    asOfMonth: M,
    windowMonths: window.map((m) => m.month),
    cashCents: cur.cashCents,
    revenueCents: cur.revenueCents,
    grossBurnCents: cur.grossBurnCents,
    netBurnCents: netBurn(cur.grossBurnCents, cur.revenueCents),
    avgNetBurnCents,
    notBurning: runway === null,
    runwayMonths: runway,
    zeroCashDate: zeroCashDate(M, runway),
    monthlyGrowth: g,
    defaultAlive: isDefaultAlive(cur.grossBurnCents, cur.revenueCents, cur.cashCents, g),
    growthNeeded: growthNeeded(cur.grossBurnCents, cur.revenueCents, cur.cashCents),
    burnMultiple: bm,
    mrrCents: cur.mrrCents,
    arrCents: arr(cur.mrrCents),
    customers: cur.customers,
    churnRate: churn,
    cacCents,
    arpaCents,
    ltvCents,
    ltvToCac: ltvToCac(ltvCents, cacCents),
  };
}
