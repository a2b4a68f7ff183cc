/** Interface text for risk values, kept together (browser-safe); rendered with t() of `risks`. */
import { N_ } from "~/i18n/mark";

export const CATEGORY_LABELS = {
  technical: N_("Technical", "risks"),
  financial: N_("Financial", "risks"),
  market: N_("Market", "risks"),
  competitive: N_("Competitive", "risks"),
  operational: N_("Operational", "risks"),
  security: N_("Security", "risks"),
  compliance: N_("Compliance", "risks"),
  people: N_("People", "risks"),
} as const;
export type RiskCategoryKey = keyof typeof CATEGORY_LABELS;

export const STATUS_LABELS = {
  proposed: N_("Proposed", "risks"),
  open: N_("Open", "risks"),
  monitoring: N_("Monitoring", "risks"),
  closed: N_("Closed", "risks"),
} as const;
export type RiskStatusKey = keyof typeof STATUS_LABELS;

export const TREATMENT_LABELS = {
  mitigate: N_("Mitigate", "risks"),
  accept: N_("Accept", "risks"),
  transfer: N_("Transfer", "risks"),
  avoid: N_("Avoid", "risks"),
} as const;
export type RiskTreatmentKey = keyof typeof TREATMENT_LABELS;

export const RATING_LABELS: Record<number, string> = {
  1: N_("1 – Rare / negligible", "risks"),
  2: N_("2 – Unlikely / minor", "risks"),
  3: N_("3 – Possible / moderate", "risks"),
  4: N_("4 – Likely / major", "risks"),
  5: N_("5 – Almost certain / severe", "risks"),
};

export const RULE_KIND_LABELS = {
  runway_below_months: N_("Runway below N months", "risks"),
  cfr_above_percent_30d: N_("Change failure rate above N % over 30 days", "risks"),
  objective_off_track_mid_cycle: N_("Objective off track from a share of the cycle", "risks"),
  scenario_trigger_holds: N_("Scenario trigger holds", "risks"),
} as const;

export const RULE_THRESHOLD_UNITS = {
  runway_below_months: N_("months", "risks"),
  cfr_above_percent_30d: N_("%", "risks"),
  objective_off_track_mid_cycle: N_("share of the cycle elapsed (0–1; 0.5 = mid-cycle)", "risks"),
  scenario_trigger_holds: N_("lowest scenario probability (0–1)", "risks"),
} as const;
