/**
 * Shared types for the pure metric modules (no I/O here).
 *
 * Colours are never the only carrier of meaning: every tier / band / level also has a text label.
 */
import { N_ } from "~/i18n/mark";

/** DORA performance tier, best first. */
export type Tier = "elite" | "high" | "medium" | "low";

export const TIERS: readonly Tier[] = ["elite", "high", "medium", "low"] as const;

/** Which way is better for a metric. */
export type Direction = "higher" | "lower";

/** English text of a metric's formula, for UI tooltips. */
export type MetricFormula = {
  label: string;
  formula: string;
  /** the time window the metric is computed over */
  window: string;
  direction?: Direction;
};

/** Semantic colour keys (map to CSS tokens in the UI); 'good' … 'bad' plus 'neutral' for no data. */
export type ColourMeaning = "good" | "ok" | "warn" | "bad" | "neutral";

/** Interface text (`metrics` namespace): render with t(label, { ns: "metrics" }). */
export const TIER_LABELS: Record<Tier, string> = {
  elite: N_("Elite", "metrics"),
  high: N_("High", "metrics"),
  medium: N_("Medium", "metrics"),
  low: N_("Low", "metrics"),
};

export const TIER_MEANING: Record<Tier, ColourMeaning> = {
  elite: "good",
  high: "ok",
  medium: "warn",
  low: "bad",
};

/** Colour meaning of a tier that may be missing (null = no data → neutral). */
export function tierMeaning(tier: Tier | null): ColourMeaning {
  return tier === null ? "neutral" : TIER_MEANING[tier];
}
