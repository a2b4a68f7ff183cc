/** Interface text for risk values, kept together (browser-safe). */
export const CATEGORY_LABELS = {
  technical: "Technical",
  financial: "Financial",
  market: "Market",
  competitive: "Competitive",
  operational: "Operational",
  security: "Security",
  compliance: "Compliance",
  people: "People",
} as const;
export type RiskCategoryKey = keyof typeof CATEGORY_LABELS;

export const STATUS_LABELS = {
  proposed: "Proposed",
  open: "Open",
  monitoring: "Monitoring",
  closed: "Closed",
} as const;
export type RiskStatusKey = keyof typeof STATUS_LABELS;

export const TREATMENT_LABELS = {
  mitigate: "Mitigate",
  accept: "Accept",
  transfer: "Transfer",
  avoid: "Avoid",
} as const;
export type RiskTreatmentKey = keyof typeof TREATMENT_LABELS;

export const RATING_LABELS: Record<number, string> = {
  1: "1 – Rare / negligible",
  2: "2 – Unlikely / minor",
  3: "3 – Possible / moderate",
  4: "4 – Likely / major",
  5: "5 – Almost certain / severe",
};

export const RULE_KIND_LABELS = {
  runway_below_months: "Runway below N months",
  cfr_above_percent_30d: "Change failure rate above N % over 30 days",
  objective_off_track_mid_cycle: "Objective off track from a share of the cycle",
  scenario_trigger_holds: "Scenario trigger holds",
} as const;

export const RULE_THRESHOLD_UNITS = {
  runway_below_months: "months",
  cfr_above_percent_30d: "%",
  objective_off_track_mid_cycle: "share of the cycle elapsed (0–1; 0.5 = mid-cycle)",
  scenario_trigger_holds: "lowest scenario probability (0–1)",
} as const;
