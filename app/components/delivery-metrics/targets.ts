/**
 * The company's delivery targets (strategy document 000: "50+ deployments a day, lead time < 2 h,
 * MTTR < 30 min, change failure rate < 5 %"), shown beside the DORA tiers.
 */
export const DORA_TARGETS = {
  deploysPerDay: 50,
  leadTimeHours: 2,
  mttrHours: 0.5,
  changeFailureRate: 0.05,
} as const;

export const TARGETS_SOURCE = "the company's delivery targets.";

/** Whether a figure meets its target (null when there is no figure). */
export function meetsTarget(metric: keyof typeof DORA_TARGETS, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (metric) {
    case "deploysPerDay":
      return value >= DORA_TARGETS.deploysPerDay;
    case "leadTimeHours":
      return value < DORA_TARGETS.leadTimeHours;
    case "mttrHours":
      return value < DORA_TARGETS.mttrHours;
    case "changeFailureRate":
      return value < DORA_TARGETS.changeFailureRate;
  }
}
