/**
 * The series behind a key result's history chart (pure, browser-safe): one point per week of the
 * cycle (plus today and the cycle's end), with the value and confidence of the latest check-in at
 * that instant and where the pace line says the value should be (expectedValueAt).
 */
import { expectedProgress, expectedValueAt, parseIsoDate } from "~/lib/metrics/okrs";
import { DAY_MS as DAY } from "~/lib/time";

export type HistoryPoint = {
  /** 'YYYY-MM-DD' (UTC) of the point */
  date: string;
  at: number;
  /** latest check-in value at `at` (the start value before the first one); null in the future */
  value: number | null;
  /** the pace line */
  expected: number;
  /** latest check-in confidence at `at`; null before the first one or in the future */
  confidence: number | null;
};

/**
 * `metric`: for a KR linked to a catalogue metric, the metric's own history in the KR's scale
 * ('YYYY-MM-DD' points): the value at each instant is then the metric's latest point at or before it
 * (null before its first point), its points are instants of the chart too, and the check-ins give
 * only the confidence.
 */
export function buildKrHistory(
  kr: { startValue: number; targetValue: number },
  cycle: { startDate: string; endDate: string },
  checkIns: readonly { createdAt: number; value: number | null; confidence: number }[],
  now: number,
  metric?: readonly { date: string; value: number | null }[],
): HistoryPoint[] {
  const start = parseIsoDate(cycle.startDate);
  const end = parseIsoDate(cycle.endDate) + DAY; // exclusive
  const instants = new Set<number>();
  for (let t = start; t < end; t += 7 * DAY) instants.add(t);
  instants.add(end - 1);
  if (now > start && now < end) instants.add(now);
  const points = metric ? [...metric].map((p) => ({ at: Math.min(parseIsoDate(p.date), now), value: p.value })).sort((a, b) => a.at - b.at) : null;
  if (points) for (const p of points) if (p.at >= start && p.at < end) instants.add(p.at);
  const sorted = [...instants].sort((a, b) => a - b);
  const ordered = [...checkIns].sort((a, b) => a.createdAt - b.createdAt);
  let i = 0;
  let j = 0;
  let last: { value: number | null; confidence: number } | null = null;
  let lastPoint: { value: number | null } | null = null;
  return sorted.map((at) => {
    while (i < ordered.length && ordered[i].createdAt <= at) {
      last = ordered[i];
      i += 1;
    }
    while (points && j < points.length && points[j].at <= at) {
      lastPoint = points[j];
      j += 1;
    }
    const future = at > now;
    const current = last as { value: number | null; confidence: number } | null;
    const checkedIn = current?.value ?? kr.startValue;
    const value = points ? ((lastPoint as { value: number | null } | null)?.value ?? null) : checkedIn;
    return {
      date: new Date(at).toISOString().slice(0, 10),
      at,
      value: future ? null : value,
      // rounded to 1e-6 so float noise never sits on a formatting boundary (server and browser print the same)
      expected: Math.round(expectedValueAt(kr, expectedProgress(cycle.startDate, cycle.endDate, at)) * 1e6) / 1e6,
      confidence: future ? null : (current?.confidence ?? null),
    };
  });
}
