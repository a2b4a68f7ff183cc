/**
 * Comparisons with a previous window ("vs the previous 90 days"): a trend is shown only when the
 * previous window is fully covered by the data. Pure.
 */
import { N_ } from "~/i18n/mark";
import type { Window } from "./delivery";

/**
 * How much of the previous window the data covers, from the data's first point (e.g. the earliest
 * successful production deployment of the filter):
 * - "full": the first point is at or before the previous window's start — a fair comparison;
 * - "partial": it falls inside the previous window — part of that window predates the data, so its
 *   figures would be low (counts) or drawn from a few days (medians): no trend is shown;
 * - "none": no data before the current window (or none at all).
 * "Partly empty" is defined by the first data point alone, not by gaps inside the window: a quiet
 * week after the data starts is real history.
 */
export type ComparisonCoverage = "full" | "partial" | "none";

export function comparisonCoverage(previous: Window, firstDataAt: number | null): ComparisonCoverage {
  if (firstDataAt === null || !Number.isFinite(firstDataAt)) return "none";
  if (firstDataAt <= previous.from) return "full";
  if (firstDataAt < previous.to) return "partial";
  return "none";
}

/** What a trend reads when the previous window is not fully covered. */
export const NOT_ENOUGH_HISTORY = N_("not enough history for a comparison", "metrics");
export const NO_COMPARISON = N_("no comparison", "metrics");

/**
 * The change between a figure and the same figure over the previous window, or why there is none:
 * value null with `formatted` saying "not enough history for a comparison" (previous window not fully
 * covered) or "no comparison" (a figure missing).
 */
export function windowChange(
  current: number | null,
  previous: number | null,
  coverage: ComparisonCoverage,
  format: (delta: number) => string,
): { value: number | null; formatted: string } {
  if (coverage !== "full") return { value: null, formatted: NOT_ENOUGH_HISTORY };
  if (current === null || previous === null) return { value: null, formatted: NO_COMPARISON };
  const delta = current - previous;
  return { value: delta, formatted: format(delta) };
}
