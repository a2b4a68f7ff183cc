/**
 * The multi-year plan's judgements — pure. A yearly target is compared with the catalogue's figure
 * (gap = actual − target, "met" by the metric's direction); a milestone linked to a metric is judged
 * on today's figure and its due date, a manual one by the status a person set.
 */
import { MILESTONE_COMPARISONS, MILESTONE_STATUSES } from "../../../db/schema/enums";
import type { Direction } from "./tiers";

export { MILESTONE_COMPARISONS, MILESTONE_STATUSES };
export type MilestoneComparison = (typeof MILESTONE_COMPARISONS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** achieved | upcoming (not yet, due date not passed) | overdue (not achieved, due date passed) | missed (a person said so) | no_data */
export type MilestoneState = "achieved" | "upcoming" | "overdue" | "missed" | "no_data";

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  achieved: "Achieved",
  upcoming: "Upcoming",
  overdue: "Overdue",
  missed: "Missed",
  no_data: "No data",
};

export function compare(value: number, comparison: MilestoneComparison, threshold: number): boolean {
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

/**
 * A linked milestone: achieved when today's figure meets the condition; else upcoming until its due
 * date and overdue after it; no data without a figure. A manual one: done → achieved, missed →
 * missed, pending → upcoming / overdue by the due date.
 */
export function milestoneState(
  linked: { comparison: MilestoneComparison; value: number; current: number | null } | null,
  status: MilestoneStatus,
  dueDate: string,
  todayIso: string,
): MilestoneState {
  const late = todayIso > dueDate;
  if (linked) {
    if (linked.current === null || !Number.isFinite(linked.current)) return "no_data";
    if (compare(linked.current, linked.comparison, linked.value)) return "achieved";
    return late ? "overdue" : "upcoming";
  }
  if (status === "done") return "achieved";
  if (status === "missed") return "missed";
  return late ? "overdue" : "upcoming";
}

/** gap = actual − target; met when actual ≥ target (higher is better) or ≤ target (lower is better); null without an actual. */
export function planGap(actual: number | null, target: number, direction: Direction | null): { gap: number; met: boolean } | null {
  if (actual === null || !Number.isFinite(actual)) return null;
  const gap = actual - target;
  return { gap, met: direction === "lower" ? actual <= target : actual >= target };
}

/** Position (0–1) of a date on a timeline from `from` to `to` ('YYYY-MM-DD'), clamped. */
export function timelinePosition(date: string, from: string, to: string): number {
  const d = Date.parse(`${date}T00:00:00Z`);
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (!(b > a)) return 0;
  return Math.min(1, Math.max(0, (d - a) / (b - a)));
}
