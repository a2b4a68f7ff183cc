/** The DORA figures per ISO week of a window: the CTO dashboard's trend charts. */
import type { DoraMetrics, Window } from "~/lib/metrics/delivery";
import { emptyAggregates, groupedAggregates, toDoraMetrics } from "~/models/delivery-metrics/aggregates.server";
import { resolveServiceIds, type DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { MS_PER_WEEK, WEEK_ANCHOR } from "~/models/delivery-metrics/queries.server";
import type { Db } from "~/utils/db.server";

export type DoraWeek = DoraMetrics & {
  /** Monday 00:00 UTC of the ISO week */
  weekStart: number;
  /** restored incidents (started in the week) behind the time-to-restore figures */
  restoredIncidents: number;
};

/**
 * Per ISO week (Monday 00:00 UTC) intersecting [from, to): the five figures over the part of the
 * week inside the window (so the first and last weeks may be partial: their per-day frequency
 * uses that shorter span). Every week of the window is present, empty ones with nulls.
 */
export function getDoraWeeklySeries(db: Db, window: { from: number; to: number }, filter: DoraFilterInput = {}): DoraWeek[] {
  if (!(window.to > window.from)) return [];
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "week");
  const weeks: DoraWeek[] = [];
  const firstWeek = window.from - ((window.from - WEEK_ANCHOR) % MS_PER_WEEK);
  for (let weekStart = firstWeek; weekStart < window.to; weekStart += MS_PER_WEEK) {
    const part: Window = { from: Math.max(weekStart, window.from), to: Math.min(weekStart + MS_PER_WEEK, window.to) };
    const a = groups.get(weekStart) ?? emptyAggregates();
    weeks.push({ ...toDoraMetrics(part, a), weekStart, restoredIncidents: a.restoredCount });
  }
  return weeks;
}
