/** The formula texts of the finance metrics (tooltips: label, formula, window). Pure, no I/O; the contract is in ../finance.ts. */
import type { MetricFormula } from "../tiers";
import { NOT_BURNING_LABEL } from "./types";

// ---------------------------------------------------------------------------------------------
// Formula texts (tooltips)
// ---------------------------------------------------------------------------------------------

export type FormulaKey =
  | "grossBurn"
  | "netBurn"
  | "avgNetBurn"
  | "runway"
  | "zeroCashDate"
  | "monthlyGrowth"
  | "defaultAlive"
  | "growthNeeded"
  | "burnMultiple"
  | "mrr"
  | "arr"
  | "churn"
  | "cac"
  | "arpa"
  | "ltv"
  | "ltvToCac"
  | "grossMargin"
  | "fundingRaised"
  | "forecast";

/** label, formula text, window and (where it applies) which direction is better. */
export type FormulaText = MetricFormula;

/** Human-readable formula and window of each metric, for tooltips. M = latest closed month. */
export const FORMULAS: Readonly<Record<FormulaKey, FormulaText>> = Object.freeze({
  grossBurn: {
    label: "Gross burn",
    formula: "Sum of the actual amounts of all budget lines of the month (a missing actual counts as 0).",
    window: "Month M (the latest closed month).",
    direction: "lower",
  },
  netBurn: {
    label: "Net burn",
    formula: "Gross burn of the month − revenue of the month.",
    window: "Month M.",
    direction: "lower",
  },
  avgNetBurn: {
    label: "Average net burn",
    formula: "Mean of the monthly net burn.",
    window: "M−2, M−1 and M — only the closed ones among them (fewer than 3 when some are not closed).",
    direction: "lower",
  },
  runway: {
    label: "Runway",
    formula: `Cash at the end of M ÷ average net burn, in months. "${NOT_BURNING_LABEL}" when the average net burn is ≤ 0.`,
    window: "Cash of M; average net burn over M−2…M.",
    direction: "higher",
  },
  zeroCashDate: {
    label: "Zero-cash date",
    formula: `Last day of M + round(runway × 365.25 ÷ 12) days. "${NOT_BURNING_LABEL}" when the average net burn is ≤ 0.`,
    window: "From the end of M.",
    direction: "higher",
  },
  monthlyGrowth: {
    label: "Monthly revenue growth (g)",
    formula: "Mean of revenue(k) ÷ revenue(k−1) − 1 for k = M−2, M−1, M, skipping pairs whose previous revenue is 0 or not closed; 0 when none is left.",
    window: "Revenue of M−3…M.",
    direction: "higher",
  },
  defaultAlive: {
    label: "Default alive",
    formula:
      "With E = gross burn of M held constant, R = revenue of M and C = cash of M: alive when R ≥ E, or when revenue growing by g per month, R(1+g)^n, reaches E within 120 months before the cash C − Σ(E − R(1+g)^k) goes below 0.",
    window: "Month M, then 120 months ahead.",
  },
  growthNeeded: {
    label: "Growth needed",
    formula:
      "The smallest monthly revenue growth g between 0 % and 100 % (to 0.1 %) that makes the company default alive with the same expenses, revenue and cash; none when no such g exists.",
    window: "Month M, then 120 months ahead.",
    direction: "lower",
  },
  burnMultiple: {
    label: "Burn multiple",
    formula: "Sum of net burn over the last 3 months ÷ ((MRR of M − MRR of M−3) × 12); none when MRR did not grow.",
    window: "Net burn of M−2…M; MRR of M and M−3 (none unless M−3…M are all closed).",
    direction: "lower",
  },
  mrr: {
    label: "MRR",
    formula: "Monthly recurring revenue at the end of M.",
    window: "Month M.",
    direction: "higher",
  },
  arr: {
    label: "ARR",
    formula: "12 × MRR of M.",
    window: "Month M.",
    direction: "higher",
  },
  churn: {
    label: "Customer churn (monthly)",
    formula:
      "Mean of churned customers of the month ÷ customers at the end of the previous month; none when a previous month had 0 customers (months before the first snapshot are left out).",
    window: "M−2, M−1 and M (closed months only); none when no month is left.",
    direction: "lower",
  },
  cac: {
    label: "CAC",
    formula: "Sum of the actuals of sales-and-marketing categories ÷ sum of new customers; none when there is no new customer.",
    window: "M−2, M−1 and M (closed months only).",
    direction: "lower",
  },
  arpa: {
    label: "ARPA",
    formula: "MRR of M ÷ customers at the end of M; none when there is no customer.",
    window: "Month M.",
    direction: "higher",
  },
  ltv: {
    label: "LTV",
    formula: "ARPA × gross margin (company setting, default 75 %) ÷ monthly churn; none when churn is 0 or unknown.",
    window: "ARPA of M; churn over M−2…M.",
    direction: "higher",
  },
  ltvToCac: {
    label: "LTV ÷ CAC",
    formula: "LTV ÷ CAC; none when either is unknown.",
    window: "As LTV and CAC.",
    direction: "higher",
  },
  grossMargin: {
    label: "Gross margin",
    formula:
      "(Revenue of M − cost of revenue of M) ÷ revenue of M, both from M's finance snapshot; none when M's cost of revenue was not recorded or its revenue is 0. (LTV uses the gross-margin company setting, not this figure.)",
    window: "Month M.",
    direction: "higher",
  },
  fundingRaised: {
    label: "Funding raised (year to date)",
    formula: "Σ financing inflow (equity and debt raised) of the finance snapshots from January of M's calendar year to M inclusive; 0 when none was raised.",
    window: "January of M's calendar year … M (a year's figure is complete once its December is closed).",
    direction: "higher",
  },
  forecast: {
    label: "Cash forecast",
    formula:
      "For each month after M: cash = previous cash + revenue − spend. Revenue = revenue of M × (1+g)^k. Spend = planned budget of the month (past the last planned month, the last planned total held flat), plus (with hiring) for each requisition neither cancelled nor hired, from its target start month, annual salary ÷ 12 × loaded-cost factor (default 1.45). Zero-cash date: the day within the first month whose closing cash is ≤ 0, interpolated linearly.",
    window: "From M+1 to the forecast horizon.",
  },
});
