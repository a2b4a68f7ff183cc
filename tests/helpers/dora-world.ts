/**
 * The DORA metrics tests' world (dora-metrics, dora-metrics-history): a fresh database per test,
 * generated data sets (PRNG seeds) with their plain-JS reference (referenceDoraMetrics), and the
 * comparisons: counts and rates exactly equal, hours within 1e-9, rollups equal to a recomputation.
 */
import { expect } from "vitest";
import {
  inferCause,
  MS_PER_DAY,
  MS_PER_HOUR,
  referenceDoraMetrics,
  type DoraMetrics,
  type RefDeployment,
  type RefIncident,
  type Window,
} from "~/lib/metrics/delivery";
import { getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { insertDeployment, insertIncident, insertService, insertTeam } from "../../seeds/builders";
import { createRng } from "../../seeds/prng";
import { type createTestDb, freshDbPerTest } from "./db";

export type TestDb = ReturnType<typeof createTestDb>;
export const t = freshDbPerTest();

export const T0 = Date.UTC(2025, 0, 6); // a Monday

export function expectSame(actual: DoraMetrics, expected: DoraMetrics, label = "") {
  const close = (a: number | null, b: number | null, what: string) => {
    if (a === null || b === null) expect(a, `${label} ${what}`).toBe(b);
    else expect(Math.abs(a - b), `${label} ${what}: ${a} vs ${b}`).toBeLessThan(1e-9);
  };
  expect(actual.window, label).toEqual(expected.window);
  expect(actual.deploymentFrequency, `${label} frequency`).toEqual(expected.deploymentFrequency);
  expect(actual.changeFailureRate, `${label} cfr`).toEqual(expected.changeFailureRate);
  expect(actual.reworkRate, `${label} rework`).toEqual(expected.reworkRate);
  close(actual.leadTime.medianHours, expected.leadTime.medianHours, "lead time");
  expect(actual.leadTime.tier, `${label} lead tier`).toBe(expected.leadTime.tier);
  close(actual.timeToRestore.medianHours, expected.timeToRestore.medianHours, "ttr median");
  close(actual.timeToRestore.meanHours, expected.timeToRestore.meanHours, "ttr mean");
  expect(actual.timeToRestore.tier, `${label} ttr tier`).toBe(expected.timeToRestore.tier);
}

export type Dataset = {
  db: TestDb["db"];
  deployments: RefDeployment[];
  incidents: RefIncident[];
  services: { id: number; teamId: number | null }[];
  teams: number[];
};

/** Random data on an hour grid (ties, edges exactly on events), over ~60 days from T0. */
export function generate(seed: number, size: { deployments: number; incidents: number }): Dataset {
  const { db } = t;
  const rng = createRng(seed);
  const teamA = insertTeam(db, { name: `A-${seed}` });
  const teamB = insertTeam(db, { name: `B-${seed}` });
  const services = [
    insertService(db, { teamId: teamA.id }),
    insertService(db, { teamId: teamA.id }),
    insertService(db, { teamId: teamB.id }),
    insertService(db, { teamId: null }),
  ];
  const hour = () => T0 + rng.int(0, 60 * 24) * MS_PER_HOUR;
  const deployments: RefDeployment[] = [];
  for (let n = 0; n < size.deployments; n++) {
    const service = rng.pick(services);
    const finishedAt = hour();
    const commitCount = rng.weighted([
      [0, 3],
      [1, 3],
      [2, 2],
      [3, 2],
      [5, 1],
    ] as const);
    // Some commits after (or exactly at) the deploy: their values are ≤ 0 and dropped.
    const commits = Array.from(
      { length: commitCount },
      () => finishedAt - rng.int(-3, 200) * MS_PER_HOUR + rng.int(0, 59) * 60_000 * (rng.chance(0.3) ? 0 : 1),
    );
    const firstCommitAt = rng.chance(0.6) ? finishedAt - rng.int(-2, 300) * MS_PER_HOUR : null;
    const row = insertDeployment(db, {
      serviceId: service.id,
      environment: rng.chance(0.85) ? "production" : "staging",
      status: rng.chance(0.85) ? "success" : "failure",
      finishedAt: new Date(finishedAt),
      firstCommitAt: firstCommitAt === null ? null : new Date(firstCommitAt),
      isHotfix: rng.chance(0.1),
      isRollback: rng.chance(0.05),
      commits: commits.map((c) => ({ committedAt: new Date(c) })),
    });
    deployments.push({
      id: row.id,
      serviceId: row.serviceId,
      environment: row.environment,
      status: row.status,
      finishedAt,
      firstCommitAt,
      commits,
      isHotfix: row.isHotfix,
      isRollback: row.isRollback,
    });
  }
  const incidents: RefIncident[] = [];
  for (let n = 0; n < size.incidents; n++) {
    const service = rng.pick(services);
    const startedAt = hour();
    const resolvedAt = rng.chance(0.2) ? null : startedAt + rng.int(0, 72) * MS_PER_HOUR + rng.int(0, 3) * 60_000;
    const kind = rng.weighted([
      ["explicit", 3],
      ["inferred", 3],
      ["none", 1],
      [null, 2],
    ] as const);
    let cause: number | null = null;
    if (kind === "explicit" && deployments.length > 0) cause = rng.pick(deployments).id;
    // Stored inferred causes as the ingestion computes them at the time (over the data so far).
    if (kind === "inferred") cause = inferCause({ serviceId: service.id, startedAt }, deployments);
    const row = insertIncident(db, {
      serviceId: service.id,
      startedAt: new Date(startedAt),
      resolvedAt: resolvedAt === null ? null : new Date(resolvedAt),
      causeKind: kind,
      causeDeploymentId: cause,
    });
    incidents.push({ id: row.id, serviceId: service.id, startedAt, resolvedAt, causeDeploymentId: cause, causeKind: kind });
  }
  return { db, deployments, incidents, services: services.map((s) => ({ id: s.id, teamId: s.teamId })), teams: [teamA.id, teamB.id] };
}

export function windowsFor(seed: number): Window[] {
  const rng = createRng(seed * 7 + 1);
  const list: Window[] = [
    { from: T0, to: T0 + 61 * MS_PER_DAY },
    { from: T0 + 10 * MS_PER_DAY, to: T0 + 40 * MS_PER_DAY },
    { from: T0 - 30 * MS_PER_DAY, to: T0 }, // before any data: empty
    { from: T0 + 5 * MS_PER_DAY, to: T0 + 5 * MS_PER_DAY }, // zero length
  ];
  for (let k = 0; k < 6; k++) {
    const a = T0 + rng.int(0, 60 * 24) * MS_PER_HOUR;
    const b = a + rng.int(1, 30 * 24) * MS_PER_HOUR;
    list.push({ from: a, to: b });
  }
  return list;
}

export function compareEverything(data: Dataset, seed: number) {
  for (const window of windowsFor(seed)) {
    expectSame(getDoraMetrics(data.db, window), referenceDoraMetrics(data, window), `seed ${seed} all ${window.from}-${window.to}`);
    for (const s of data.services) {
      expectSame(
        getDoraMetrics(data.db, window, { serviceId: s.id }),
        referenceDoraMetrics(data, window, { serviceIds: [s.id] }),
        `seed ${seed} service ${s.id}`,
      );
    }
    for (const teamId of data.teams) {
      const serviceIds = data.services.filter((s) => s.teamId === teamId).map((s) => s.id);
      expectSame(getDoraMetrics(data.db, window, { teamId }), referenceDoraMetrics(data, window, { serviceIds }), `seed ${seed} team ${teamId}`);
    }
  }
}

/** The trigger-kept rollups equal a recomputation from the raw rows (zero rows left by decrements aside). */
export function expectRollupsExact(db: TestDb["db"]) {
  const raw = db.$client;
  const day = (col: string) => `${col} - ((${col} % 86400000) + 86400000) % 86400000`;
  const rows = (q: string) => raw.prepare(q).all();
  expect(
    rows(`SELECT day, service_id, deployments, rework, failed FROM delivery_daily WHERE deployments <> 0 OR rework <> 0 OR failed <> 0 ORDER BY 1, 2`),
  ).toEqual(
    rows(`SELECT ${day("d.finished_at")} AS day, d.service_id, COUNT(*) AS deployments, SUM(d.is_hotfix OR d.is_rollback) AS rework,
                 SUM(EXISTS (SELECT 1 FROM incidents i WHERE i.cause_deployment_id = d.id AND i.cause_kind IN ('explicit', 'inferred'))) AS failed
          FROM deployments d WHERE d.environment = 'production' AND d.status = 'success' GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  expect(rows(`SELECT day, bucket, samples FROM delivery_lead_daily WHERE samples <> 0 ORDER BY 1, 2`)).toEqual(
    rows(
      `SELECT ${day("finished_at")} AS day, CAST(ln(lead_ms) * 5 AS INTEGER) AS bucket, COUNT(*) AS samples FROM delivery_lead_samples GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  );
  expect(rows(`SELECT service_id, day, bucket, samples FROM delivery_lead_service_daily WHERE samples <> 0 ORDER BY 1, 2, 3`)).toEqual(
    rows(`SELECT service_id, ${day("finished_at")} AS day, CAST(ln(lead_ms) * 5 AS INTEGER) AS bucket, COUNT(*) AS samples
          FROM delivery_lead_samples GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  );
  expect(rows(`SELECT id, caused_incidents FROM deployments WHERE caused_incidents <> 0 ORDER BY id`)).toEqual(
    rows(`SELECT cause_deployment_id AS id, COUNT(*) AS caused_incidents FROM incidents
          WHERE cause_deployment_id IS NOT NULL AND cause_kind IN ('explicit', 'inferred') GROUP BY 1 ORDER BY 1`),
  );
}
