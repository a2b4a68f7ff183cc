/**
 * The colour tokens that carry a meaning (CSS custom properties of app/styles/tokens.css), shared by badges
 * and charts: a tier, an OKR status or a risk level has one colour everywhere.
 */
export type MeaningColor =
  | "info"
  | "accent"
  | "good"
  | "warn"
  | "bad"
  | "tier-elite"
  | "tier-high"
  | "tier-medium"
  | "tier-low"
  | "on-track"
  | "at-risk"
  | "off-track"
  | "risk-low"
  | "risk-medium"
  | "risk-high"
  | "risk-critical";
