/**
 * The CTO dashboard's targets: rows of metric_targets (data, set by the CTO on the Targets page),
 * read by the loader with targetFor() for the current cycle and passed in — never constants.
 */
import { N_ } from "~/i18n/mark";
import type { TargetRule } from "~/lib/metrics/targets";

export { meetsTarget } from "~/lib/metrics/targets";

/** Which catalogue metric each DORA tile's target belongs to. */
export const DORA_TARGET_METRICS = {
  deploysPerDay: "delivery.deploys_per_day",
  leadTimeHours: "delivery.lead_time_hours",
  mttrHours: "delivery.mttr_hours",
  changeFailureRate: "delivery.change_failure_rate",
} as const;

export type DoraTargetKey = keyof typeof DORA_TARGET_METRICS;
/** The target of each tile (null: none set). */
export type DoraTargets = Record<DoraTargetKey, (TargetRule & { setBy?: string | null }) | null>;

export const TARGETS_SOURCE = N_("the company's targets (set by the CTO on the Targets page).", "delivery");
