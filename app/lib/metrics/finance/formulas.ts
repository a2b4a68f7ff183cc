/** The formula texts of the finance metrics (tooltips: label, formula, window). Pure, no I/O; the contract is in ../finance.ts. */
import { N_ } from "~/i18n/mark";
import type { MetricFormula } from "../tiers";

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
    label: N_("Gross burn", "metrics"),
    formula: N_("Sum of the actual amounts of all budget lines of the month (a missing actual counts as 0).", "metrics"),
    window: N_("Month M (the latest closed month).", "metrics"),
    direction: "lower",
  },
  netBurn: {
    label: N_("Net burn", "metrics"),
    formula: N_("Gross burn of the month − revenue of the month.", "metrics"),
    window: N_("Month M.", "metrics"),
    direction: "lower",
  },
  avgNetBurn: {
    label: N_("Average net burn", "metrics"),
    formula: N_("Mean of the monthly net burn.", "metrics"),
    window: N_("M−2, M−1 and M — only the closed ones among them (fewer than 3 when some are not closed).", "metrics"),
    direction: "lower",
  },
  runway: {
    label: N_("Runway", "metrics"),
    formula: N_('Cash at the end of M ÷ average net burn, in months. "not burning" when the average net burn is ≤ 0.', "metrics"),
    window: N_("Cash of M; average net burn over M−2…M.", "metrics"),
    direction: "higher",
  },
  zeroCashDate: {
    label: N_("Zero-cash date", "metrics"),
    formula: N_('Last day of M + round(runway × 365.25 ÷ 12) days. "not burning" when the average net burn is ≤ 0.', "metrics"),
    window: N_("From the end of M.", "metrics"),
    direction: "higher",
  },
  monthlyGrowth: {
    label: N_("Monthly revenue growth (g)", "metrics"),
    formula: N_(
      "Mean of revenue(k) ÷ revenue(k−1) − 1 for k = M−2, M−1, M, skipping pairs whose previous revenue is 0 or not closed; 0 when none is left.",
      "metrics",
    ),
    window: N_("Revenue of M−3…M.", "metrics"),
    direction: "higher",
  },
  defaultAlive: {
    label: N_("Default alive", "metrics"),
    formula: N_(
      "With E = gross burn of M held constant, R = revenue of M and C = cash of M: alive when R ≥ E, or when revenue growing by g per month, R(1+g)^n, reaches E within 120 months before the cash C − Σ(E − R(1+g)^k) goes below 0.",
      "metrics",
    ),
    window: N_("Month M, then 120 months ahead.", "metrics"),
  },
  growthNeeded: {
    label: N_("Growth needed", "metrics"),
    formula: N_(
      "The smallest monthly revenue growth g between 0 % and 100 % (to 0.1 %) that makes the company default alive with the same expenses, revenue and cash; none when no such g exists.",
      "metrics",
    ),
    window: N_("Month M, then 120 months ahead.", "metrics"),
    direction: "lower",
  },
  burnMultiple: {
    label: N_("Burn multiple", "metrics"),
    formula: N_("Sum of net burn over the last 3 months ÷ ((MRR of M − MRR of M−3) × 12); none when MRR did not grow.", "metrics"),
    window: N_("Net burn of M−2…M; MRR of M and M−3 (none unless M−3…M are all closed).", "metrics"),
    direction: "lower",
  },
  mrr: {
    label: N_("MRR", "metrics"),
    formula: N_("Monthly recurring revenue at the end of M.", "metrics"),
    window: N_("Month M.", "metrics"),
    direction: "higher",
  },
  arr: {
    label: N_("ARR", "metrics"),
    formula: N_("12 × MRR of M.", "metrics"),
    window: N_("Month M.", "metrics"),
    direction: "higher",
  },
  churn: {
    label: N_("Customer churn (monthly)", "metrics"),
    formula: N_(
      "Mean of churned customers of the month ÷ customers at the end of the previous month; none when a previous month had 0 customers (months before the first snapshot are left out).",
      "metrics",
    ),
    window: N_("M−2, M−1 and M (closed months only); none when no month is left.", "metrics"),
    direction: "lower",
  },
  cac: {
    label: N_("CAC", "metrics"),
    formula: N_("Sum of the actuals of sales-and-marketing categories ÷ sum of new customers; none when there is no new customer.", "metrics"),
    window: N_("M−2, M−1 and M (closed months only).", "metrics"),
    direction: "lower",
  },
  arpa: {
    label: N_("ARPA", "metrics"),
    formula: N_("MRR of M ÷ customers at the end of M; none when there is no customer.", "metrics"),
    window: N_("Month M.", "metrics"),
    direction: "higher",
  },
  ltv: {
    label: N_("LTV", "metrics"),
    formula: N_("ARPA × gross margin (company setting, default 75 %) ÷ monthly churn; none when churn is 0 or unknown.", "metrics"),
    window: N_("ARPA of M; churn over M−2…M.", "metrics"),
    direction: "higher",
  },
  ltvToCac: {
    label: N_("LTV ÷ CAC", "metrics"),
    formula: N_("LTV ÷ CAC; none when either is unknown.", "metrics"),
    window: N_("As LTV and CAC.", "metrics"),
    direction: "higher",
  },
  grossMargin: {
    label: N_("Gross margin", "metrics"),
    formula: N_(
      "(Revenue of M − cost of revenue of M) ÷ revenue of M, both from M's finance snapshot; none when M's cost of revenue was not recorded or its revenue is 0. (LTV uses the gross-margin company setting, not this figure.)",
      "metrics",
    ),
    window: N_("Month M.", "metrics"),
    direction: "higher",
  },
  fundingRaised: {
    label: N_("Funding raised (year to date)", "metrics"),
    formula: N_(
      "Σ financing inflow (equity and debt raised) of the finance snapshots from January of M's calendar year to M inclusive; 0 when none was raised.",
      "metrics",
    ),
    window: N_("January of M's calendar year … M (a year's figure is complete once its December is closed).", "metrics"),
    direction: "higher",
  },
  forecast: {
    label: N_("Cash forecast", "metrics"),
    formula: N_(
      "For each month after M: cash = previous cash + revenue − spend. Revenue = revenue of M × (1+g)^k. Spend = planned budget of the month (past the last planned month, the last planned total held flat), plus (with hiring) for each requisition neither cancelled nor hired, from its target start month, annual salary ÷ 12 × loaded-cost factor (default 1.45). Zero-cash date: the day within the first month whose closing cash is ≤ 0, interpolated linearly.",
      "metrics",
    ),
    window: N_("From M+1 to the forecast horizon.", "metrics"),
  },
});
