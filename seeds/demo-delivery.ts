/**
 * Pure generator of the demo delivery data (deployments, commits, incidents): no I/O.
 * 200 days of production deployments ending at the anchor day, a few staging deployments,
 * and incidents whose inferred cause follows the metric contract.
 */
import { DAY, HOUR, MINUTE } from "./calendar";
import { EXTERNAL_INCIDENTS, SERVICES } from "./demo-data";
import type { Rng } from "./prng";

export type Severity = "SEV1" | "SEV2" | "SEV3" | "SEV4";

export type GenCommit = { sha: string; committedAt: number };

export type GenDeployment = {
  service: string;
  environment: "production" | "staging";
  status: "success" | "failure";
  startedAt: number;
  finishedAt: number;
  isHotfix: boolean;
  isRollback: boolean;
  commits: GenCommit[];
  /** "deploy-<service>-<n>", numbered per service in time order */
  externalId: string;
};

export type GenIncident = {
  externalId: string;
  service: string;
  title: string;
  severity: Severity;
  startedAt: number;
  resolvedAt: number | null;
  causeKind: "explicit" | "inferred" | "none";
  /** index into `deployments` (null when none) */
  cause: number | null;
};

export type DeliveryData = { deployments: GenDeployment[]; incidents: GenIncident[] };

/** Enough history for every default comparison: the 90-day window and the 90 days before it (decision 403). */
export const DELIVERY_DAYS = 200;

/**
 * The contract's inferred cause: the latest successful production deployment of the same
 * service finished at or before `at`. Returns its index in `deployments`, or null.
 */
export function inferCauseIndex(deployments: readonly GenDeployment[], service: string, at: number): number | null {
  let best: number | null = null;
  deployments.forEach((d, i) => {
    if (d.service !== service || d.environment !== "production" || d.status !== "success" || d.finishedAt > at) return;
    if (best === null || d.finishedAt > deployments[best].finishedAt) best = i;
  });
  return best;
}

type Draft = Omit<GenDeployment, "externalId">;
type DraftIncident = Omit<GenIncident, "externalId" | "cause"> & { causeDraft: Draft | null };

function commitsFor(rng: Rng, startedAt: number, count: number, leadMs: number): GenCommit[] {
  const oldest = startedAt - leadMs;
  const times = [oldest];
  for (let i = 1; i < count; i++) times.push(rng.int(oldest, startedAt - MINUTE));
  times.sort((a, b) => a - b);
  return times.map((committedAt) => ({ sha: rng.hex(40), committedAt }));
}

/** Lead time of a deployment's oldest commit: mostly a few hours, a tail of days. */
function leadTimeMs(rng: Rng, improvement: number): number {
  const bucket = rng.weighted([
    ["short", 55],
    ["day", 30],
    ["days", 12],
    ["week", 3],
  ] as const);
  const base =
    bucket === "short"
      ? rng.float(20 * MINUTE, 4 * HOUR)
      : bucket === "day"
        ? rng.float(4 * HOUR, 24 * HOUR)
        : bucket === "days"
          ? rng.float(1 * DAY, 3 * DAY)
          : rng.float(3 * DAY, 7 * DAY);
  return Math.round(base * improvement);
}

export function generateDelivery(rng: Rng, anchor: number): DeliveryData {
  const weights = SERVICES.map((s) => [s, s.weight] as const);
  const drafts: Draft[] = [];
  const taken = new Set<string>();

  /** finished times are unique per service, so "the latest deployment" is never a tie */
  const uniqueFinish = (service: string, at: number): number => {
    let t = Math.round(at / 1000) * 1000;
    while (taken.has(`${service}:${t}`)) t += 1000;
    taken.add(`${service}:${t}`);
    return t;
  };

  const addDeployment = (
    service: string,
    environment: Draft["environment"],
    status: Draft["status"],
    finishedAt: number,
    flags: { hotfix?: boolean; rollback?: boolean; lead: number; commitCount: number },
  ): Draft => {
    const finished = uniqueFinish(service, finishedAt);
    const startedAt = finished - rng.int(3, 25) * MINUTE;
    const d: Draft = {
      service,
      environment,
      status,
      startedAt,
      finishedAt: finished,
      isHotfix: flags.hotfix ?? false,
      isRollback: flags.rollback ?? false,
      commits: commitsFor(rng, startedAt, flags.commitCount, flags.lead),
    };
    drafts.push(d);
    return d;
  };

  // Production deployments, day by day (days -DELIVERY_DAYS … -1 before the anchor day).
  for (let back = DELIVERY_DAYS; back >= 1; back--) {
    const day = anchor - back * DAY;
    const dow = new Date(day).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const progress = (DELIVERY_DAYS - back) / DELIVERY_DAYS; // 0 → 1 over the period
    const count = weekend ? rng.int(0, 3) : Math.round(rng.normalClamped(9 + 6 * progress, 3, 5, 22));
    const improvement = 1.35 - 0.55 * progress; // lead times shrink as the pipeline matures
    for (let i = 0; i < count; i++) {
      const svc = rng.weighted(weights);
      // Paris office hours on weekdays (07:00–17:30 UTC), anything 08:00–20:00 on weekends
      const at = weekend ? day + rng.float(8 * HOUR, 20 * HOUR) : day + rng.float(7 * HOUR, 17.5 * HOUR);
      const status = rng.chance(svc.failureRate) ? "failure" : "success";
      const hotfix = status === "success" && rng.chance(0.04);
      const rollback = status === "success" && !hotfix && rng.chance(0.012);
      addDeployment(svc.name, "production", status, at, {
        hotfix,
        rollback,
        lead: hotfix || rollback ? rng.int(10, 90) * MINUTE : leadTimeMs(rng, improvement),
        commitCount: rollback
          ? 1
          : rng.weighted([
              [1, 35],
              [2, 25],
              [3, 20],
              [4, 12],
              [5, 8],
            ] as const),
      });
    }
  }

  // Incidents caused by some successful production deployments.
  const incidents: DraftIncident[] = [];
  const base = drafts.slice();
  for (const d of base) {
    if (d.status !== "success") continue;
    const svc = SERVICES.find((s) => s.name === d.service);
    if (!svc || !rng.chance(svc.incidentRate)) continue;
    const delay = rng.chance(0.6) ? rng.float(5 * MINUTE, 90 * MINUTE) : rng.float(90 * MINUTE, 12 * HOUR);
    const startedAt = Math.round(d.finishedAt + delay);
    if (startedAt > anchor - 2 * HOUR) continue;
    const severity = rng.weighted([
      ["SEV1", 5],
      ["SEV2", 20],
      ["SEV3", 45],
      ["SEV4", 30],
    ] as const);
    const minutes =
      severity === "SEV1" ? rng.int(15, 90) : severity === "SEV2" ? rng.int(25, 240) : severity === "SEV3" ? rng.int(40, 8 * 60) : rng.int(90, 36 * 60);
    // nothing is resolved after the anchor: a long one that started lately was resolved sooner
    const resolvedAt =
      startedAt + minutes * MINUTE < anchor
        ? startedAt + minutes * MINUTE
        : startedAt + Math.round((rng.float(0.2, 0.8) * (anchor - startedAt)) / MINUTE) * MINUTE;
    incidents.push({
      service: d.service,
      title: rng.pick(svc.incidentTitles),
      severity,
      startedAt,
      resolvedAt,
      // a person named the deployment in about a third of the cases; otherwise the rule infers it
      causeKind: rng.chance(0.35) ? "explicit" : "inferred",
      causeDraft: d,
    });
    // the fix: a hotfix or a rollback shortly before the resolution
    if (rng.chance(0.55)) {
      const fixAt = resolvedAt - rng.int(2, 15) * MINUTE;
      if (fixAt > startedAt + 5 * MINUTE) {
        const rollback = rng.chance(0.3);
        addDeployment(d.service, "production", "success", fixAt, {
          hotfix: !rollback,
          rollback,
          lead: rng.int(8, 60) * MINUTE,
          commitCount: rollback ? 1 : rng.int(1, 2),
        });
      }
    }
  }

  // Two recent incidents still open, cause inferred by the rule.
  const recent: readonly { service: string; hoursAgo: number; severity: Severity; title: string }[] = [
    { service: "payments-service", hoursAgo: 26, severity: "SEV3", title: "Webhook retries piling up after release" },
    { service: "web-app", hoursAgo: 5, severity: "SEV2", title: "Reports page slow for large tenants" },
  ];
  for (const r of recent) {
    incidents.push({
      service: r.service,
      title: r.title,
      severity: r.severity,
      startedAt: anchor - r.hoursAgo * HOUR,
      resolvedAt: null,
      causeKind: "inferred",
      causeDraft: null,
    });
  }

  // Provider incidents: not caused by a deployment (cause cleared by a person).
  for (const e of EXTERNAL_INCIDENTS) {
    const startedAt = anchor - e.daysAgo * DAY + 9 * HOUR + rng.int(0, 120) * MINUTE;
    incidents.push({
      service: e.service,
      title: e.title,
      severity: e.severity,
      startedAt,
      resolvedAt: startedAt + Math.round(e.hours * HOUR),
      causeKind: "none",
      causeDraft: null,
    });
  }

  // A few staging deployments over the last 30 days.
  for (let back = 30; back >= 1; back--) {
    const day = anchor - back * DAY;
    const dow = new Date(day).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const svc = rng.weighted(weights);
      addDeployment(svc.name, "staging", rng.chance(0.1) ? "failure" : "success", day + rng.float(6 * HOUR, 16 * HOUR), {
        lead: rng.int(15, 240) * MINUTE,
        commitCount: rng.int(1, 3),
      });
    }
  }

  // Order by finish time, number per service, resolve causes.
  drafts.sort((a, b) => a.finishedAt - b.finishedAt || a.service.localeCompare(b.service));
  const counters = new Map<string, number>();
  const deployments: GenDeployment[] = drafts.map((d) => {
    const n = (counters.get(d.service) ?? 1000) + 1;
    counters.set(d.service, n);
    return { ...d, externalId: `deploy-${d.service}-${n}` };
  });
  const indexOf = new Map<Draft, number>(drafts.map((d, i) => [d, i]));

  incidents.sort((a, b) => a.startedAt - b.startedAt);
  const finalIncidents: GenIncident[] = incidents.map((inc, i) => {
    const { causeDraft, ...rest } = inc;
    let cause: number | null = null;
    if (inc.causeKind === "explicit" && causeDraft) cause = indexOf.get(causeDraft) ?? null;
    else if (inc.causeKind === "inferred") cause = inferCauseIndex(deployments, inc.service, inc.startedAt);
    return {
      ...rest,
      causeKind: inc.causeKind === "inferred" && cause === null ? "none" : inc.causeKind,
      cause,
      externalId: `INC-${1001 + i}`,
    };
  });

  return { deployments, incidents: finalIncidents };
}
