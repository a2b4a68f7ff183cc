/**
 * Finance metrics — pure formulas, no I/O.
 *
 * Contract (the product's promise):
 * - A month is *closed* when it has a finance snapshot (cash at month end). M is the latest closed
 *   month (≤ asOf when given). Budget actuals missing for a month count as 0.
 * - Money is integer cents everywhere; results that are money are rounded with Math.round
 *   (half toward +∞). Runway, rates and growth are plain numbers.
 * - "M−1", "M−2"… are calendar months. When one of them has no snapshot it is *missing*; each
 *   metric documents how it handles that (see the function JSDoc and FORMULAS[…].window).
 *
 * One module per concern under app/lib/metrics/finance/ (types, burn, unit-economics, monthly,
 * forecast, budget, formulas), re-exported here so `~/lib/metrics/finance` stays the one name.
 */
export * from "./finance/types";
export * from "./finance/burn";
export * from "./finance/unit-economics";
export * from "./finance/monthly";
export * from "./finance/forecast";
export * from "./finance/budget";
export * from "./finance/formulas";
