/** Revenue and unit economics: ARR, churn, CAC, ARPA, LTV, LTV ÷ CAC, MRR growth. Pure, no I/O; the contract is in ../finance.ts. */

/** ARR = 12 × MRR(M). */
export function arr(mrrCents: number): number {
  return Math.round(mrrCents * 12);
}

/**
 * churn = mean over m in M−2…M of churned(m) ÷ customers(m−1); null where a divisor is 0 (any
 * customers(m−1) = 0). Months whose m−1 has no snapshot (before the first closed month) are left
 * out; null when none is left.
 */
export function churnRate(months: readonly { churned: number; previousCustomers: number | null }[]): number | null {
  const rates: number[] = [];
  for (const m of months) {
    if (m.previousCustomers === null) continue;
    if (m.previousCustomers === 0) return null;
    rates.push(m.churned / m.previousCustomers);
  }
  if (rates.length === 0) return null;
  return rates.reduce((a, b) => a + b, 0) / rates.length;
}

/** CAC = Σ actuals of sales-and-marketing categories over M−2…M ÷ Σ new customers over M−2…M; null when no new customer. */
export function cac(salesMarketingCents: number, newCustomers: number): number | null {
  if (newCustomers === 0) return null;
  return Math.round(salesMarketingCents / newCustomers);
}

/** ARPA = MRR(M) ÷ customers(M), unrounded (LTV multiplies it); null when there is no customer. */
export function arpaExact(mrrCents: number, customers: number): number | null {
  return customers === 0 ? null : mrrCents / customers;
}

/** ARPA in cents, as shown; null when there is no customer. */
export function arpa(mrrCents: number, customers: number): number | null {
  const exact = arpaExact(mrrCents, customers);
  return exact === null ? null : Math.round(exact);
}

/**
 * LTV = ARPA × gross margin ÷ churn; null when ARPA is null or churn is null or 0. Pass the
 * unrounded ARPA (MRR ÷ customers); only the result is rounded to cents.
 */
export function ltv(arpaCents: number | null, grossMargin: number, churn: number | null): number | null {
  if (arpaCents === null || churn === null || churn === 0) return null;
  return Math.round((arpaCents * grossMargin) / churn);
}

/**
 * Gross margin of a month = (revenue − cost of revenue) ÷ revenue; null when the cost of revenue
 * was not recorded (null) or there is no revenue (≤ 0). May be negative (costs above revenue).
 */
export function grossMarginOf(revenueCents: number, costOfRevenueCents: number | null): number | null {
  if (costOfRevenueCents === null || !(revenueCents > 0)) return null;
  return (revenueCents - costOfRevenueCents) / revenueCents;
}

/** The first month of the calendar year of `month` ('YYYY-MM' → 'YYYY-01'): the start of "year to date". */
export function yearStartOf(month: string): string {
  return `${month.slice(0, 4)}-01`;
}

/** LTV ÷ CAC; null when either is null or CAC is 0. */
export function ltvToCac(ltvCents: number | null, cacCents: number | null): number | null {
  if (ltvCents === null || cacCents === null || cacCents === 0) return null;
  return ltvCents / cacCents;
}

/** MRR growth = MRR(M) ÷ MRR(M−1) − 1; null when M−1 is unknown (not closed) or its MRR is ≤ 0. */
export function mrrGrowth(mrrNowCents: number, mrrPreviousCents: number | null): number | null {
  if (mrrPreviousCents === null || mrrPreviousCents <= 0) return null;
  return mrrNowCents / mrrPreviousCents - 1;
}
