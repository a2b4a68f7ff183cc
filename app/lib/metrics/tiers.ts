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

/**
 * A scale of values each with its label (interface text, rendered with t()) and its colour meaning,
 * written once as `value: [label, meaning]` and read as two maps.
 */
export function labelledScale<K extends string>(entries: Record<K, readonly [label: string, meaning: ColourMeaning]>) {
  const keys = Object.keys(entries) as K[];
  return {
    labels: Object.fromEntries(keys.map((k) => [k, entries[k][0]])) as Record<K, string>,
    meaning: Object.fromEntries(keys.map((k) => [k, entries[k][1]])) as Record<K, ColourMeaning>,
  };
}

/** Interface text (`metrics` namespace): render with t(label, { ns: "metrics" }). */
export const { labels: TIER_LABELS, meaning: TIER_MEANING } = labelledScale<Tier>({
  elite: [N_("Elite", "metrics"), "good"],
  high: [N_("High", "metrics"), "ok"],
  medium: [N_("Medium", "metrics"), "warn"],
  low: [N_("Low", "metrics"), "bad"],
});

/** Colour meaning of a tier that may be missing (null = no data → neutral). */
export function tierMeaning(tier: Tier | null): ColourMeaning {
  return tier === null ? "neutral" : TIER_MEANING[tier];
}
