/** Burn, runway, zero-cash date, growth, default alive and burn multiple — one formula each. Pure, no I/O; the contract is in ../finance.ts. */
import { addDaysToIsoDate, dayDiff, lastDayOfMonth } from "../../months";
import { DEFAULT_ALIVE_HORIZON_MONTHS } from "./types";

// ---------------------------------------------------------------------------------------------
// Individual formulas
// ---------------------------------------------------------------------------------------------

/** gross burn(m) = Σ actual of all budget lines of month m (a missing / null actual counts as 0). */
export function grossBurn(lines: readonly { month: string; actualCents: number | null }[], month: string): number {
  let sum = 0;
  for (const l of lines) if (l.month === month) sum += l.actualCents ?? 0;
  return sum;
}

/** net burn(m) = gross burn(m) − revenue(m). */
export function netBurn(grossBurnCents: number, revenueCents: number): number {
  return grossBurnCents - revenueCents;
}

/**
 * avg net burn = mean of net burn over M−2, M−1, M (the closed months among them; fewer than 3
 * when some are missing). Rounded to cents. 0 when the list is empty.
 */
export function averageNetBurn(netBurnsCents: readonly number[]): number {
  return Math.round(meanNetBurn(netBurnsCents));
}

/**
 * runway (months) = cash(M) ÷ avg net burn, exactly as the contract says (negative cash gives a
 * negative runway: a zero-cash date already past); null when avg net burn ≤ 0 ("not burning").
 * Pass the unrounded mean (`meanNetBurn`), not the cents shown.
 */
export function runwayMonths(cashCents: number, avgNetBurnCents: number): number | null {
  if (avgNetBurnCents <= 0) return null;
  return cashCents / avgNetBurnCents;
}

/** The unrounded mean of the net burns (runway divides by it); 0 when the list is empty. */
export function meanNetBurn(netBurnsCents: readonly number[]): number {
  if (netBurnsCents.length === 0) return 0;
  return netBurnsCents.reduce((a, b) => a + b, 0) / netBurnsCents.length;
}

/** zero-cash date = last day of M + round(runway × 365.25 ÷ 12) days; null when runway is null. */
export function zeroCashDate(asOfMonth: string, runway: number | null): string | null {
  if (runway === null) return null;
  return addDaysToIsoDate(lastDayOfMonth(asOfMonth), Math.round((runway * 365.25) / 12));
}

/**
 * g (monthly revenue growth) = mean of revenue(k) ÷ revenue(k−1) − 1 for k = M−2, M−1, M,
 * skipping pairs whose revenue(k−1) is 0 or unknown (or revenue(k) unknown); 0 when none is left.
 *
 * @param revenuesCents revenue of consecutive calendar months [M−3, M−2, M−1, M]; null = month not closed.
 */
export function monthlyGrowth(revenuesCents: readonly (number | null)[]): number {
  const ratios: number[] = [];
  for (let i = 1; i < revenuesCents.length; i++) {
    const prev = revenuesCents[i - 1];
    const cur = revenuesCents[i];
    if (prev === null || prev === 0 || cur === null) continue;
    ratios.push(cur / prev - 1);
  }
  if (ratios.length === 0) return 0;
  return ratios.reduce((a, b) => a + b, 0) / ratios.length;
}

/**
 * default alive: with E = gross burn(M) held constant, R = revenue(M), C = cash(M):
 * alive when R ≥ E, or when for some n in 1…120, R(1+g)^n ≥ E while
 * C − Σ_{k=1..n} (E − R(1+g)^k) ≥ 0 and the cash never went below 0 before n.
 * (A growth factor 1+g below 0 is treated as 0.)
 */
export function isDefaultAlive(
  expensesCents: number,
  revenueCents: number,
  cashCents: number,
  growth: number,
  horizonMonths: number = DEFAULT_ALIVE_HORIZON_MONTHS,
): boolean {
  const E = expensesCents;
  const R = revenueCents;
  if (R >= E) return true;
  const factor = Math.max(0, 1 + growth);
  let cash = cashCents;
  let revenue = R;
  for (let n = 1; n <= horizonMonths; n++) {
    revenue *= factor;
    cash -= E - revenue;
    // cash below 0 at month n: not alive at n, and "cash went below 0 before n'" for every later n'.
    if (cash < 0) return false;
    if (revenue >= E) return true;
  }
  return false;
}

/**
 * growth needed = the smallest g in [0, 1], in steps of 0.001, that makes the company default
 * alive with the same E, R, C; null when none does (e.g. R = 0 < E). 0 when already alive at g = 0.
 * (Alive is monotone in g, so this is a binary search over 0.000…1.000.)
 */
export function growthNeeded(expensesCents: number, revenueCents: number, cashCents: number): number | null {
  const alive = (thousandths: number) => isDefaultAlive(expensesCents, revenueCents, cashCents, thousandths / 1000);
  if (alive(0)) return 0;
  if (!alive(1000)) return null;
  let lo = 0;
  let hi = 1000;
  // invariant: !alive(lo) && alive(hi)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (alive(mid)) hi = mid;
    else lo = mid;
  }
  return hi / 1000;
}

/**
 * burn multiple = Σ net burn(M−2…M) ÷ ((MRR(M) − MRR(M−3)) × 12); null when MRR(M−3) is unknown
 * or the denominator ≤ 0 (MRR did not grow). Negative when net burn is negative (profitable growth).
 */
export function burnMultiple(sumNetBurnCents: number, mrrNowCents: number, mrrThenCents: number | null): number | null {
  if (mrrThenCents === null) return null;
  const denominator = (mrrNowCents - mrrThenCents) * 12;
  if (denominator <= 0) return null;
  return sumNetBurnCents / denominator;
}

// ---------------------------------------------------------------------------------------------
// Catalogue helpers (app/lib/metrics/catalogue.ts)
// ---------------------------------------------------------------------------------------------

/**
 * Months from the last day of M to `date` ('YYYY-MM-DD'): days ÷ (365.25 ÷ 12), the inverse of
 * zeroCashDate (so a date from zeroCashDate(M, r) gives back r to within half a day). null date → null.
 */
export function monthsUntil(asOfMonth: string, date: string | null): number | null {
  if (date === null) return null;
  return (dayDiff(lastDayOfMonth(asOfMonth), date) * 12) / 365.25;
}
