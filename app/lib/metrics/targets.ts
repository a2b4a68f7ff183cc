import { TARGET_COMPARISONS } from "../../../db/schema/enums";
import { meetsThreshold } from "./threshold";
export { TARGET_COMPARISONS };
/**
 * Targets of catalogue metrics (rows of metric_targets / kpi_targets, read by targetFor() in
 * app/models/metric-targets.server.ts): the comparison and whether a value meets it. Pure.
 */
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];

export type TargetRule = { comparison: TargetComparison; value: number };

export const COMPARISON_SYMBOLS: Record<TargetComparison, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" };

/** Whether a value meets a target (null: no value, or no target). */
export function meetsTarget(value: number | null | undefined, target: TargetRule | null | undefined): boolean | null {
  if (value === null || value === undefined || !Number.isFinite(value) || !target) return null;
  return meetsThreshold(value, target.comparison, target.value);
}

/** "≥ 50 / day": the comparison symbol and the target's value formatted by the caller. */
export function targetText(target: TargetRule, format: (v: number) => string): string {
  return `${COMPARISON_SYMBOLS[target.comparison]} ${format(target.value)}`;
}
