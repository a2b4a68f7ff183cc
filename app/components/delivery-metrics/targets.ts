/**
 * The company's delivery targets, shown beside the DORA tiers. They are data (table
 * `company_targets`, edited on /delivery/targets by the CEO or CTO): a target not set is null and
 * nothing is shown for it. Each may carry a source note, shown only when the data has one.
 */
export type DoraTargetKey = "deploysPerDay" | "leadTimeHours" | "mttrHours" | "changeFailureRate";

export type DoraTargets = Record<DoraTargetKey, number | null>;
export type DoraTargetSources = Record<DoraTargetKey, string | null>;

export const NO_DORA_TARGETS: DoraTargets = { deploysPerDay: null, leadTimeHours: null, mttrHours: null, changeFailureRate: null };

/** Whether a figure meets its target (null when there is no figure or no target). */
export function meetsTarget(metric: DoraTargetKey, value: number | null, targets: DoraTargets): boolean | null {
  const target = targets[metric];
  if (target === null || value === null || !Number.isFinite(value)) return null;
  switch (metric) {
    case "deploysPerDay":
      return value >= target;
    case "leadTimeHours":
    case "mttrHours":
    case "changeFailureRate":
      return value < target;
  }
}
