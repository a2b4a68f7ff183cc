/**
 * Delivery (DORA) metrics — pure functions, no I/O.
 *
 * Contract (implemented exactly):
 * - Only deployments to environment "production" count.
 * - A window is half-open [from, to) on deployment finished time and incident start time;
 *   default: the 90 days before now.
 * - deployment frequency = successful deployments finished in the window ÷ days in the window
 *   (per day; also × 7 per week, and the count).
 *   Tier: elite ≥ 7/week, high ≥ 1/week, medium ≥ 1 per 30 days, else low.
 * - lead time for changes = median, over the commits of successful deployments finished in the window,
 *   of (deployment finished − commit time), values ≤ 0 dropped; a deployment that gives only a
 *   first-commit time contributes that one value. Median of an even count = mean of the two middle
 *   values. In hours. Tier: elite < 24 h, high < 7 days, medium < 30 days, else low.
 * - change failure rate = successful deployments finished in the window that caused ≥ 1 incident
 *   (explicitly or inferred) ÷ successful deployments finished in the window.
 *   Tier (DORA 2023 bands): elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low.
 * - time to restore = median of (resolved − started) over incidents started in the window and resolved,
 *   in hours; MTTR = their mean, shown beside it. Tier: elite < 1 h, high < 24 h, medium < 7 days, else low.
 * - rework rate (DORA 2024) = successful deployments in the window flagged hotfix or rollback ÷
 *   successful deployments in the window.
 * - inferred cause: an incident with no explicit cause is linked to the latest successful production
 *   deployment of the same service finished at or before the incident's start.
 * - null (shown "no data") wherever the divisor or the set is empty; never 0 in its place.
 */
import { N_ } from "~/i18n/mark";
import { DAY_MS } from "~/lib/time";
import type { MetricFormula, Tier } from "./tiers";

export type { Tier } from "./tiers";

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = DAY_MS;
export const PRODUCTION = "production";
export const DEFAULT_WINDOW_DAYS = 90;
/**
 * The longest window any page or API call computes (two years): weekly trends stay ≤ 105 points and a
 * request stays a few milliseconds whatever the URL says. Longer windows are refused with a message.
 */
export const MAX_WINDOW_DAYS = 731;
export const MAX_WINDOW_MESSAGE = `the window must be at most ${MAX_WINDOW_DAYS} days (two years)`;

/** null when [from, to) is a usable window, else why not. */
export function windowProblem(window: Window): string | null {
  if (!(window.to > window.from)) return "the end must be after the start";
  if (window.to - window.from > MAX_WINDOW_DAYS * MS_PER_DAY) return MAX_WINDOW_MESSAGE;
  return null;
}

/** Half-open window [from, to) in UTC milliseconds. */
export type Window = { from: number; to: number };

/**
 * Relative tolerance for the deployment-frequency thresholds only: a per-week figure is the result of
 * count ÷ days × 7, so an exact boundary (e.g. 2 deployments in 14 days = 1/week, or 3 in 90 days =
 * 1 per 30 days) can land one floating-point ulp below the threshold. 1e-9 is far below any real
 * difference between two counts.
 */
const FREQUENCY_EPSILON = 1e-9;

function atLeast(value: number, threshold: number): boolean {
  return value >= threshold * (1 - FREQUENCY_EPSILON);
}

// ---------------------------------------------------------------------------------------------------
// Tiers
// ---------------------------------------------------------------------------------------------------

/** elite ≥ 7/week, high ≥ 1/week, medium ≥ 1 per 30 days (= 7/30 per week), else low. */
export function deploymentFrequencyTier(perWeek: number | null): Tier | null {
  if (perWeek === null || !Number.isFinite(perWeek)) return null;
  if (atLeast(perWeek, 7)) return "elite";
  if (atLeast(perWeek, 1)) return "high";
  if (atLeast(perWeek, 7 / 30)) return "medium";
  return "low";
}

/** elite < 24 h, high < 7 days, medium < 30 days, else low. */
export function leadTimeTier(hours: number | null): Tier | null {
  if (hours === null || Number.isNaN(hours)) return null;
  if (hours < 24) return "elite";
  if (hours < 7 * 24) return "high";
  if (hours < 30 * 24) return "medium";
  return "low";
}

/** DORA 2023 bands on a fraction (0.05 = 5 %): elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low. */
export function changeFailureRateTier(rate: number | null): Tier | null {
  if (rate === null || Number.isNaN(rate)) return null;
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}

/** elite < 1 h, high < 24 h, medium < 7 days, else low. */
export function timeToRestoreTier(hours: number | null): Tier | null {
  if (hours === null || Number.isNaN(hours)) return null;
  if (hours < 1) return "elite";
  if (hours < 24) return "high";
  if (hours < 7 * 24) return "medium";
  return "low";
}

// ---------------------------------------------------------------------------------------------------
// Statistics helpers
// ---------------------------------------------------------------------------------------------------

/** Median of an ascending-sorted array; even count → mean of the two middle values; empty → null. */
export function medianOfSorted(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median; sorts a copy (the input is not modified); empty → null. */
export function median(values: readonly number[]): number | null {
  return medianOfSorted([...values].sort((a, b) => a - b));
}

/** Arithmetic mean; empty → null. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** numerator ÷ denominator, or null when the denominator is 0 (or not a positive finite number). */
export function rate(numerator: number, denominator: number): number | null {
  if (!(denominator > 0) || !Number.isFinite(denominator)) return null;
  return numerator / denominator;
}

// ---------------------------------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------------------------------

/** Fractional days in [fromMs, toMs): (to − from) ÷ 86 400 000. */
export function windowDays(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / MS_PER_DAY;
}

/** The `days` days before now: [now − days, now). */
export function defaultWindow(nowMs: number, days: number = DEFAULT_WINDOW_DAYS): Window {
  return { from: nowMs - days * MS_PER_DAY, to: nowMs };
}

/** The window of the same length immediately before: [from − (to − from), from). */
export function previousWindow(window: Window): Window {
  const length = window.to - window.from;
  return { from: window.from - length, to: window.from };
}

/** from ≤ t < to */
export function inWindow(t: number, window: Window): boolean {
  return t >= window.from && t < window.to;
}

// ---------------------------------------------------------------------------------------------------
// Deployment frequency
// ---------------------------------------------------------------------------------------------------

export type DeploymentFrequency = {
  count: number;
  perDay: number | null;
  perWeek: number | null;
  tier: Tier | null;
};

/**
 * count ÷ days in the window. perDay / perWeek / tier are null when the window is empty or of zero
 * (or negative) length — the divisor is empty. A non-empty window with zero deployments is a real
 * 0 per day (tier low): the divisor is the window, which is not empty.
 */
export function deploymentFrequency(count: number, fromMs: number, toMs: number): DeploymentFrequency {
  const perDay = rate(count, windowDays(fromMs, toMs));
  const perWeek = perDay === null ? null : perDay * 7;
  return { count, perDay, perWeek, tier: deploymentFrequencyTier(perWeek) };
}

// ---------------------------------------------------------------------------------------------------
// Reference implementation (plain JavaScript over raw arrays). The SQL implementation is compared
// against this: keep it obviously correct and simple, not fast.
// ---------------------------------------------------------------------------------------------------

export type RefDeployment = {
  id: number;
  serviceId: number;
  environment: string;
  status: "success" | "failure";
  finishedAt: number;
  firstCommitAt: number | null;
  /** committedAt (ms) of each commit of the deployment */
  commits: number[];
  isHotfix: boolean;
  isRollback: boolean;
};

export type CauseKind = "explicit" | "inferred" | "none";

export type RefIncident = {
  id: number;
  serviceId: number;
  startedAt: number;
  resolvedAt: number | null;
  causeDeploymentId: number | null;
  /** null: never classified → the inferred-cause rule applies; 'none': cleared by a person */
  causeKind: CauseKind | null;
};

export type DoraFilter = { serviceIds?: number[] };

export type DoraMetrics = {
  window: Window;
  deploymentFrequency: DeploymentFrequency;
  leadTime: { medianHours: number | null; tier: Tier | null };
  changeFailureRate: { rate: number | null; failed: number; total: number; tier: Tier | null };
  timeToRestore: { medianHours: number | null; meanHours: number | null; tier: Tier | null };
  reworkRate: { rate: number | null };
};

function isSuccessfulProduction(d: RefDeployment): boolean {
  return d.environment === PRODUCTION && d.status === "success";
}

/**
 * The inferred-cause rule: the latest successful production deployment of the same service finished
 * at or before the incident's start (finishedAt ≤ startedAt). Ties on finishedAt → the highest id.
 * Considers every deployment given (not only those in a window). Returns its id, or null.
 */
export function inferCause(incident: Pick<RefIncident, "serviceId" | "startedAt">, deployments: readonly RefDeployment[]): number | null {
  let best: RefDeployment | null = null;
  for (const d of deployments) {
    if (!isSuccessfulProduction(d)) continue;
    if (d.serviceId !== incident.serviceId) continue;
    if (d.finishedAt > incident.startedAt) continue;
    if (best === null || d.finishedAt > best.finishedAt || (d.finishedAt === best.finishedAt && d.id > best.id)) {
      best = d;
    }
  }
  return best === null ? null : best.id;
}

/**
 * The deployment an incident is attributed to: causeKind null → inferCause; 'none' → null (a person
 * cleared it); 'explicit' / 'inferred' → causeDeploymentId.
 */
export function incidentCause(incident: RefIncident, deployments: readonly RefDeployment[]): number | null {
  if (incident.causeKind === null) return inferCause(incident, deployments);
  if (incident.causeKind === "none") return null;
  return incident.causeDeploymentId;
}

/** Lead-time samples (ms) of one deployment: each commit, else the first-commit time; values ≤ 0 dropped. */
export function leadTimeSamplesMs(d: RefDeployment): number[] {
  const commitTimes = d.commits.length > 0 ? d.commits : d.firstCommitAt !== null ? [d.firstCommitAt] : [];
  return commitTimes.map((c) => d.finishedAt - c).filter((v) => v > 0);
}

/**
 * All five DORA figures from raw arrays.
 *
 * - `filter.serviceIds` (when given) restricts deployments and incidents to those services.
 * - CFR: a deployment in the window "caused" an incident if any incident (started at any time) is
 *   attributed to it by {@link incidentCause}. Inference looks at all deployments given, not only the
 *   window; a cause outside the window simply does not count.
 * - Time to restore: incidents started in the window with resolvedAt not null; (resolved − started) as is.
 */
export function referenceDoraMetrics(
  data: { deployments: readonly RefDeployment[]; incidents: readonly RefIncident[] },
  window: Window,
  filter: DoraFilter = {},
): DoraMetrics {
  const serviceIds = filter.serviceIds;
  const inServices = (serviceId: number) => serviceIds === undefined || serviceIds.includes(serviceId);

  // Successful production deployments finished in [from, to).
  const deployments = data.deployments.filter((d) => isSuccessfulProduction(d) && inServices(d.serviceId) && inWindow(d.finishedAt, window));
  const total = deployments.length;

  // Deployment frequency.
  const frequency = deploymentFrequency(total, window.from, window.to);

  // Lead time for changes.
  const leadTimesHours = deployments.flatMap(leadTimeSamplesMs).map((ms) => ms / MS_PER_HOUR);
  const leadTimeMedian = median(leadTimesHours);

  // Change failure rate.
  const causedIds = new Set<number>();
  for (const incident of data.incidents) {
    const cause = incidentCause(incident, data.deployments);
    if (cause !== null) causedIds.add(cause);
  }
  const failed = deployments.filter((d) => causedIds.has(d.id)).length;
  const cfr = rate(failed, total);

  // Time to restore.
  const restoreHours: number[] = [];
  for (const i of data.incidents) {
    if (inServices(i.serviceId) && inWindow(i.startedAt, window) && i.resolvedAt !== null) {
      restoreHours.push((i.resolvedAt - i.startedAt) / MS_PER_HOUR);
    }
  }
  const restoreMedian = median(restoreHours);

  // Rework rate.
  const rework = deployments.filter((d) => d.isHotfix || d.isRollback).length;

  return {
    window: { from: window.from, to: window.to },
    deploymentFrequency: frequency,
    leadTime: { medianHours: leadTimeMedian, tier: leadTimeTier(leadTimeMedian) },
    changeFailureRate: { rate: cfr, failed, total, tier: changeFailureRateTier(cfr) },
    timeToRestore: { medianHours: restoreMedian, meanHours: mean(restoreHours), tier: timeToRestoreTier(restoreMedian) },
    reworkRate: { rate: rate(rework, total) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Formulas (UI tooltips)
// ---------------------------------------------------------------------------------------------------

const WINDOW_TEXT = N_(
  "Half-open window [from, to) on deployment finished time / incident start time; default the 90 days before now. Production deployments only.",
  "delivery",
);

export type DeliveryMetricKey = "deployment_frequency" | "lead_time" | "change_failure_rate" | "time_to_restore" | "mttr" | "rework_rate";

export const FORMULAS: Record<DeliveryMetricKey, MetricFormula> = {
  deployment_frequency: {
    label: N_("Deployment frequency", "delivery"),
    formula: N_(
      "Successful production deployments finished in the window ÷ days in the window (per day; × 7 per week). Elite ≥ 7/week, high ≥ 1/week, medium ≥ 1 per 30 days, else low.",
      "delivery",
    ),
    window: WINDOW_TEXT,
    direction: "higher",
  },
  lead_time: {
    label: N_("Lead time for changes", "delivery"),
    formula: N_(
      "Median, over the commits of successful production deployments finished in the window, of (deployment finished − commit time), in hours; values ≤ 0 dropped; a deployment with only a first-commit time contributes that one value. Elite < 24 h, high < 7 days, medium < 30 days, else low.",
      "delivery",
    ),
    window: WINDOW_TEXT,
    direction: "lower",
  },
  change_failure_rate: {
    label: N_("Change failure rate", "delivery"),
    formula: N_(
      "Successful production deployments finished in the window that caused at least one incident (explicitly or inferred) ÷ successful production deployments finished in the window. Elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low (DORA 2023).",
      "delivery",
    ),
    window: WINDOW_TEXT,
    direction: "lower",
  },
  time_to_restore: {
    label: N_("Time to restore service", "delivery"),
    formula: N_(
      "Median of (resolved − started) over incidents started in the window and resolved, in hours. Elite < 1 h, high < 24 h, medium < 7 days, else low.",
      "delivery",
    ),
    window: WINDOW_TEXT,
    direction: "lower",
  },
  mttr: {
    label: N_("Mean time to restore (MTTR)", "delivery"),
    formula: N_("Mean of (resolved − started) over incidents started in the window and resolved, in hours.", "delivery"),
    window: WINDOW_TEXT,
    direction: "lower",
  },
  rework_rate: {
    label: N_("Rework rate", "delivery"),
    formula: N_(
      "Successful production deployments finished in the window flagged hotfix or rollback ÷ successful production deployments finished in the window (DORA 2024).",
      "delivery",
    ),
    window: WINDOW_TEXT,
    direction: "lower",
  },
};

/** Text of the inferred-cause rule, for tooltips. */
export const INFERRED_CAUSE_RULE = N_(
  "An incident with no explicit cause is linked to the latest successful production deployment of the same service finished at or before the incident's start.",
  "delivery",
);
