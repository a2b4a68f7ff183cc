/**
 * The multi-year plan's judgements — pure. A yearly target is compared with the catalogue's figure
 * (gap = actual − target, "met" by the metric's direction); a milestone linked to a metric is judged
 * on today's figure and its due date, a manual one by the status a person set.
 */
import { N_ } from "~/i18n/mark";
import { MILESTONE_COMPARISONS, MILESTONE_STATUSES } from "../../../db/schema/enums";
import { meetsThreshold } from "./threshold";
import type { Direction } from "./tiers";

export { MILESTONE_COMPARISONS, MILESTONE_STATUSES };
export type MilestoneComparison = (typeof MILESTONE_COMPARISONS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** achieved | upcoming (not yet, due date not passed) | overdue (not achieved, due date passed) | missed (a person said so) | no_data */
export type MilestoneState = "achieved" | "upcoming" | "overdue" | "missed" | "no_data";

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  achieved: N_("Achieved", "plans"),
  upcoming: N_("Upcoming", "plans"),
  overdue: N_("Overdue", "plans"),
  missed: N_("Missed", "plans"),
  no_data: N_("No data", "plans"),
};

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
    if (meetsThreshold(linked.current, linked.comparison, linked.value)) return "achieved";
    return late ? "overdue" : "upcoming";
  }
  if (status === "done") return "achieved";
  if (status === "missed") return "missed";
  return late ? "overdue" : "upcoming";
}

/** A plan year against today: ended (its year-end value is read from the data), the current one (today's figure), or still to come. */
export type PlanYearKind = "past" | "current" | "future";

export function planYearKind(year: number, currentYear: number): PlanYearKind {
  return year < currentYear ? "past" : year === currentYear ? "current" : "future";
}

/**
 * One cell of plan vs actual: a past year is judged on its year-end actual, the current year on
 * today's figure, a future year not at all (its target is not due). No target or no actual → no gap.
 */
export function planCell(
  kind: PlanYearKind,
  target: number | null,
  actual: number | null,
  direction: Direction | null,
): { actual: number | null; gap: number | null; met: boolean | null } {
  const shown = kind === "future" ? null : actual;
  const g = target !== null && shown !== null ? planGap(shown, target, direction) : null;
  return { actual: shown, gap: g?.gap ?? null, met: g?.met ?? null };
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

/** A milestone marker on the drawn timeline. */
export type TimelineMarker = { id: number; dueDate: string; state: MilestoneState; at: number; lane: number };
export type TimelineLayout = {
  /** the axis: 1 January of the first year … 1 January after the last year ('YYYY-MM-DD') */
  from: string;
  to: string;
  /** one band per calendar year: where it starts and ends on the axis (0–1) */
  years: { year: number; start: number; end: number }[];
  /** where today is (0–1) */
  today: number;
  markers: TimelineMarker[];
  /** how many lanes the markers needed (1 … TIMELINE_MAX_LANES) */
  lanes: number;
};

/** Two markers closer than this (a share of the axis) go on different lanes. */
export const TIMELINE_MIN_GAP = 0.035;
export const TIMELINE_MAX_LANES = 4;

/**
 * The drawn timeline of the milestones: whole calendar years from the earliest of (first due date,
 * today) to the latest of (last due date, today); each milestone at its due date, on the first lane
 * where it does not touch the previous marker (TIMELINE_MIN_GAP), at most TIMELINE_MAX_LANES (then
 * the lane whose last marker is furthest back). Markers keep the input's order by due date.
 */
export function timelineLayout(milestones: readonly { id: number; dueDate: string; state: MilestoneState }[], today: string): TimelineLayout {
  const dates = [today, ...milestones.map((m) => m.dueDate)];
  const firstYear = Math.min(...dates.map((d) => Number(d.slice(0, 4))));
  const lastYear = Math.max(...dates.map((d) => Number(d.slice(0, 4))));
  const from = `${firstYear}-01-01`;
  const to = `${lastYear + 1}-01-01`;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, k) => {
    const year = firstYear + k;
    return { year, start: timelinePosition(`${year}-01-01`, from, to), end: timelinePosition(`${year + 1}-01-01`, from, to) };
  });
  const laneEnds: number[] = [];
  const sorted = [...milestones].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
  const markers = sorted.map((m) => {
    const at = timelinePosition(m.dueDate, from, to);
    let lane = laneEnds.findIndex((end) => at - end >= TIMELINE_MIN_GAP);
    if (lane === -1) {
      if (laneEnds.length < TIMELINE_MAX_LANES) lane = laneEnds.length;
      else lane = laneEnds.indexOf(Math.min(...laneEnds));
    }
    laneEnds[lane] = at;
    return { id: m.id, dueDate: m.dueDate, state: m.state, at, lane };
  });
  return { from, to, years, today: timelinePosition(today, from, to), markers, lanes: Math.max(1, laneEnds.length) };
}
