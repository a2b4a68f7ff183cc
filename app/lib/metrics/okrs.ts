/**
 * OKR metrics — pure functions, no I/O.
 *
 * Contract:
 * - KR progress = clamp((current − start) ÷ (target − start), 0, 1); a decreasing KR has target < start;
 *   boolean KR: 1 when done, else 0; percent KRs hold 0–100.
 * - objective progress = weighted mean of its KRs' progress (weight default 1).
 * - expected progress = elapsed share of the cycle (0 before start, 1 after end); status on track if
 *   progress ≥ expected − 0.10, at risk if ≥ expected − 0.25, else off track.
 * - closing score 0–1.0: 0.7+ green, 0.4–0.69 yellow, below red.
 */
import { N_ } from "~/i18n/mark";
import { DAY_MS as MS_PER_DAY } from "~/lib/time";
import { KR_KINDS } from "../../../db/schema/enums";
import { labelledScale, type MetricFormula } from "./tiers";
export { KR_KINDS };

export type KrKind = (typeof KR_KINDS)[number];

export type OkrStatus = "on_track" | "at_risk" | "off_track";
export type ClosingBand = "green" | "yellow" | "red";

export type KrValues = {
  kind: KrKind;
  startValue: number;
  targetValue: number;
  currentValue: number;
};

/** Status margins below the expected progress. */
export const ON_TRACK_MARGIN = 0.1;
export const AT_RISK_MARGIN = 0.25;

/**
 * Tolerance on the status boundaries so that e.g. progress 0.6 with expected 0.7 is on track even
 * though 0.7 − 0.1 is 0.6000000000000001 in floating point.
 */
const STATUS_EPSILON = 1e-9;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Progress of one key result, 0–1.
 *
 * - boolean: 1 when done (currentValue ≥ 1), else 0.
 * - number / percent / currency: clamp((current − start) ÷ (target − start), 0, 1). A decreasing KR
 *   has target < start; the same formula handles it (both differences are negative). Percent KRs hold
 *   0–100 and currency KRs cents; the ratio is scale-free so no conversion is needed.
 * - target == start: the direction cannot be read from the values, so the KR is treated as an
 *   increasing one ("hold at least this value"): 1 when current ≥ target, else 0.
 * - any non-finite value → 0.
 */
export function krProgress(kr: KrValues): number {
  const { kind, startValue, targetValue, currentValue } = kr;
  if (kind === "boolean") return currentValue >= 1 ? 1 : 0;
  if (!Number.isFinite(startValue) || !Number.isFinite(targetValue) || !Number.isFinite(currentValue)) return 0;
  const span = targetValue - startValue;
  if (span === 0) return currentValue >= targetValue ? 1 : 0;
  return clamp01((currentValue - startValue) / span);
}

/**
 * Weighted mean of the KRs' progress (weight default 1; negative weights count as 0).
 * null when there are no KRs or the total weight is 0.
 */
export function objectiveProgress(krs: readonly { progress: number; weight?: number | null }[]): number | null {
  let weighted = 0;
  let totalWeight = 0;
  for (const kr of krs) {
    const w = Math.max(0, kr.weight ?? 1);
    weighted += kr.progress * w;
    totalWeight += w;
  }
  return totalWeight > 0 ? weighted / totalWeight : null;
}

/** 'YYYY-MM-DD' → UTC midnight ms; throws RangeError on anything else. */
export function parseIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Expected a YYYY-MM-DD date, got ${JSON.stringify(iso)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Not a calendar date: ${iso}`);
  }
  return ms;
}

/**
 * Elapsed share of the cycle, 0–1. The cycle runs from cycleStart 00:00 UTC to the end of cycleEnd
 * (inclusive), i.e. [start, end + 1 day). 0 before the start, 1 at/after the end.
 * A cycle whose end precedes its start is treated as zero-length: 0 before its start, else 1.
 */
export function expectedProgress(cycleStart: string, cycleEnd: string, nowMs: number): number {
  const start = parseIsoDate(cycleStart);
  const end = parseIsoDate(cycleEnd) + MS_PER_DAY;
  if (nowMs <= start) return 0;
  if (nowMs >= end || end <= start) return 1;
  return (nowMs - start) / (end - start);
}

/** The least progress of each status at an expected pace: on track from `onTrack`, at risk from `atRisk` (SQL counts use them too). */
export function okrStatusFloors(expected: number): { onTrack: number; atRisk: number } {
  return { onTrack: expected - ON_TRACK_MARGIN - STATUS_EPSILON, atRisk: expected - AT_RISK_MARGIN - STATUS_EPSILON };
}

/** on track if progress ≥ expected − 0.10, at risk if ≥ expected − 0.25, else off track. */
export function okrStatus(progress: number, expected: number): OkrStatus {
  const floor = okrStatusFloors(expected);
  if (progress >= floor.onTrack) return "on_track";
  if (progress >= floor.atRisk) return "at_risk";
  return "off_track";
}

/** Closing score 0–1.0: ≥ 0.7 green, ≥ 0.4 yellow, below red. */
export function closingScoreBand(score: number): ClosingBand {
  if (score >= 0.7) return "green";
  if (score >= 0.4) return "yellow";
  return "red";
}

/** The pace line on charts: where the KR's value should be at this expected progress. */
export function expectedValueAt(kr: Pick<KrValues, "startValue" | "targetValue">, expected: number): number {
  return kr.startValue + (kr.targetValue - kr.startValue) * expected;
}

export const { labels: OKR_STATUS_LABELS, meaning: OKR_STATUS_MEANING } = labelledScale<OkrStatus>({
  on_track: [N_("On track", "okrs"), "good"],
  at_risk: [N_("At risk", "okrs"), "warn"],
  off_track: [N_("Off track", "okrs"), "bad"],
});

export const { labels: CLOSING_BAND_LABELS, meaning: CLOSING_BAND_MEANING } = labelledScale<ClosingBand>({
  green: [N_("Green (0.7–1.0)", "okrs"), "good"],
  yellow: [N_("Yellow (0.4–0.69)", "okrs"), "warn"],
  red: [N_("Red (below 0.4)", "okrs"), "bad"],
});

export type OkrMetricKey = "kr_progress" | "objective_progress" | "expected_progress" | "okr_status" | "closing_score";

const CYCLE = N_("The OKR cycle: from its start date 00:00 UTC to the end of its end date (inclusive).", "okrs");

export const FORMULAS: Record<OkrMetricKey, MetricFormula> = {
  kr_progress: {
    label: N_("Key result progress", "okrs"),
    formula: N_(
      "clamp((current − start) ÷ (target − start), 0, 1); a decreasing KR has target < start; boolean KR: 1 when done, else 0; percent KRs hold 0–100. When target = start: 1 if current ≥ target, else 0.",
      "okrs",
    ),
    window: N_("Current value at the latest check-in.", "okrs"),
    direction: "higher",
  },
  objective_progress: {
    label: N_("Objective progress", "okrs"),
    formula: N_("Weighted mean of its key results' progress (weight default 1). No data when it has no key results.", "okrs"),
    window: N_("Current values at the latest check-ins.", "okrs"),
    direction: "higher",
  },
  expected_progress: {
    label: N_("Expected progress", "okrs"),
    formula: N_("Elapsed share of the cycle: 0 before the start, 1 after the end.", "okrs"),
    window: CYCLE,
  },
  okr_status: {
    label: N_("Status", "okrs"),
    formula: N_("On track if progress ≥ expected − 0.10; at risk if progress ≥ expected − 0.25; else off track.", "okrs"),
    window: CYCLE,
  },
  closing_score: {
    label: N_("Closing score", "okrs"),
    formula: N_("Score 0–1.0 frozen when the cycle closes: 0.7 and above green, 0.4–0.69 yellow, below 0.4 red.", "okrs"),
    window: N_("At the close of the cycle.", "okrs"),
    direction: "higher",
  },
};
