/**
 * A value against a threshold, with the four comparisons every rule here uses: a metric target,
 * a gate criterion, a linked milestone, a scenario trigger (their stored enums: db/schema/enums). Pure.
 */
export type ThresholdComparison = ">=" | ">" | "<=" | "<";

/** value ⟨comparison⟩ threshold. */
export function meetsThreshold(value: number, comparison: ThresholdComparison, threshold: number): boolean {
  switch (comparison) {
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
    case "<=":
      return value <= threshold;
    case "<":
      return value < threshold;
  }
}
