/**
 * The SQL DORA metrics (app/models/delivery-metrics/) against the plain-JS reference
 * (referenceDoraMetrics) on generated data sets: several PRNG seeds and edge cases.
 * Counts and rates must be exactly equal; hours within 1e-9.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
import type { DoraPart } from "~/models/delivery-metrics/aggregates.server";
import { getCtoDashboardData } from "~/models/delivery-metrics/cto-dashboard.server";
import { getOpenIncidents } from "~/models/delivery-metrics/incidents.server";
import { getDoraByService } from "~/models/delivery-metrics/services.server";
import { getDoraMetrics, getDoraMetricsOver, getFirstDeploymentAt } from "~/models/delivery-metrics/summary.server";
import { getDoraWeeklySeries } from "~/models/delivery-metrics/trends.server";
import { BULK_ROLLUP_MIN, ingestDeployments, upsertIncidents, type DeploymentInput } from "~/models/delivery.server";
import { DORA_PICKS } from "~/models/metrics/compute.server";
import { catalogueWindow, MetricContext } from "~/models/metrics/context.server";
import { metricHistory, readPrevious } from "~/models/metrics/history.server";
import { readMetric } from "~/models/metrics/readings.server";
import { schema } from "../../db/client";
import { rollupDifferences } from "../../db/rollups";
import { insertDeployment, insertIncident, insertService, insertTeam } from "../../seeds/builders";
import { createRng } from "../../seeds/prng";
import { createTestDb, freshDbPerTest } from "../helpers/db";

type TestDb = ReturnType<typeof createTestDb>;
const t = freshDbPerTest();

const T0 = Date.UTC(2025, 0, 6); // a Monday

function expectSame(actual: DoraMetrics, expected: DoraMetrics, label = "") {
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

type Dataset = {
  db: TestDb["db"];
  deployments: RefDeployment[];
  incidents: RefIncident[];
  services: { id: number; teamId: number | null }[];
  teams: number[];
};

/** Random data on an hour grid (ties, edges exactly on events), over ~60 days from T0. */
function generate(seed: number, size: { deployments: number; incidents: number }): Dataset {
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

function windowsFor(seed: number): Window[] {
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

function compareEverything(data: Dataset, seed: number) {
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
function expectRollupsExact(db: TestDb["db"]) {
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

describe("getDoraMetrics equals referenceDoraMetrics", () => {
  for (const seed of [1, 2, 3, 42, 2024]) {
    it(`seed ${seed}`, () => {
      const data = generate(seed, { deployments: 150 + (seed % 50), incidents: 40 });
      compareEverything(data, seed);
      expectRollupsExact(data.db);
    });
  }

  it("stays equal after updates and deletes (derived samples follow every write)", () => {
    const data = generate(7, { deployments: 120, incidents: 30 });
    const { db } = data;
    // Flip statuses, move finish times, drop commits, delete deployments.
    const changed = data.deployments.slice(0, 30);
    for (const [k, d] of changed.entries()) {
      if (k % 3 === 0) {
        d.status = d.status === "success" ? "failure" : "success";
        db.update(schema.deployments).set({ status: d.status }).where(eq(schema.deployments.id, d.id)).run();
      } else if (k % 3 === 1) {
        d.finishedAt += 5 * MS_PER_HOUR;
        db.update(schema.deployments)
          .set({ finishedAt: new Date(d.finishedAt) })
          .where(eq(schema.deployments.id, d.id))
          .run();
      } else {
        d.commits = [];
        db.delete(schema.deploymentCommits).where(eq(schema.deploymentCommits.deploymentId, d.id)).run();
      }
    }
    // Hotfix / rollback flags and owning service change (the daily rollups move with them).
    for (const d of data.deployments.slice(30, 40)) {
      d.isHotfix = !d.isHotfix;
      d.serviceId = data.services[(data.services.findIndex((s) => s.id === d.serviceId) + 1) % data.services.length].id;
      db.update(schema.deployments).set({ isHotfix: d.isHotfix, serviceId: d.serviceId }).where(eq(schema.deployments.id, d.id)).run();
    }
    // Deleting deployments that incidents name as their cause (ON DELETE SET NULL on the incidents).
    const causes = new Set(data.incidents.map((i) => i.causeDeploymentId).filter((id): id is number => id !== null));
    const removed = [...data.deployments.splice(40, 5), ...data.deployments.filter((d) => causes.has(d.id)).slice(0, 3)];
    data.deployments = data.deployments.filter((d) => !removed.includes(d));
    for (const d of removed) {
      db.delete(schema.deployments).where(eq(schema.deployments.id, d.id)).run();
      for (const i of data.incidents) if (i.causeDeploymentId === d.id) i.causeDeploymentId = null; // ON DELETE SET NULL
    }
    // Incidents: causes set, moved, cleared and reclassified; incidents deleted.
    for (const [k, i] of data.incidents.slice(0, 12).entries()) {
      const target = data.deployments[(k * 7) % data.deployments.length];
      const change =
        k % 4 === 0
          ? { causeKind: "explicit" as const, causeDeploymentId: target.id }
          : k % 4 === 1
            ? { causeKind: "none" as const, causeDeploymentId: null }
            : k % 4 === 2
              ? { causeKind: null, causeDeploymentId: null }
              : { causeKind: "inferred" as const, causeDeploymentId: i.causeDeploymentId ?? target.id };
      Object.assign(i, change);
      db.update(schema.incidents).set(change).where(eq(schema.incidents.id, i.id)).run();
    }
    for (const i of data.incidents.splice(12, 4)) db.delete(schema.incidents).where(eq(schema.incidents.id, i.id)).run();
    compareEverything(data, 7);
    expectRollupsExact(db);
  });

  it("one deployment, even counts, commits after the deploy, half-open edges", () => {
    const { db } = t;
    const service = insertService(db);
    const at = T0 + 10 * MS_PER_HOUR;
    insertDeployment(db, {
      serviceId: service.id,
      finishedAt: new Date(at),
      commits: [
        { committedAt: new Date(at - 1 * MS_PER_HOUR) },
        { committedAt: new Date(at - 4 * MS_PER_HOUR) },
        { committedAt: new Date(at + 1 * MS_PER_HOUR) }, // after the deploy: dropped
        { committedAt: new Date(at) }, // zero: dropped
      ],
    });
    const m = getDoraMetrics(db, { from: at, to: at + MS_PER_DAY });
    expect(m.deploymentFrequency.count).toBe(1);
    expect(m.leadTime.medianHours).toBeCloseTo(2.5, 12); // even count: mean of 1 h and 4 h
    // [from, to): a deployment finished exactly at `to` is outside.
    expect(getDoraMetrics(db, { from: at - MS_PER_DAY, to: at }).deploymentFrequency.count).toBe(0);
    expect(getDoraMetrics(db, { from: at - MS_PER_DAY, to: at }).leadTime.medianHours).toBeNull();
    // An incident never resolved: no time to restore (null, not 0); still open.
    insertIncident(db, { serviceId: service.id, startedAt: new Date(at + MS_PER_HOUR), resolvedAt: null });
    const n = getDoraMetrics(db, { from: at, to: at + MS_PER_DAY });
    expect(n.timeToRestore).toEqual({ medianHours: null, meanHours: null, tier: null });
    // Never classified → inferred to the deployment by the rule: CFR 1/1.
    expect(n.changeFailureRate).toEqual({ rate: 1, failed: 1, total: 1, tier: "low" });
    expect(getOpenIncidents(db).total).toBe(1);
  });

  it("empty database: nulls everywhere, never 0 in place of null", () => {
    const m = getDoraMetrics(t.db, { from: T0, to: T0 + 30 * MS_PER_DAY });
    expect(m.deploymentFrequency).toEqual({ count: 0, perDay: 0, perWeek: 0, tier: "low" });
    expect(m.leadTime.medianHours).toBeNull();
    expect(m.changeFailureRate.rate).toBeNull();
    expect(m.reworkRate.rate).toBeNull();
    expect(getDoraMetrics(t.db, { from: T0, to: T0 }).deploymentFrequency.perDay).toBeNull();
    expect(getDoraMetrics(t.db, { from: T0, to: T0 }, { teamId: 999 }).deploymentFrequency.count).toBe(0);
  });
});

describe("weekly series and per-service breakdown", () => {
  // what the CTO dashboard's trends and per-service table show, read from the rollups: equal to the raw-row reference
  for (const seed of [31, 32, 33]) {
    it(`seed ${seed}: every week and every service of random windows equal the raw-row reference`, () => {
      const data = generate(seed, { deployments: 180, incidents: 40 });
      const rng = createRng(seed);
      for (let k = 0; k < 3; k++) {
        const from = T0 + rng.int(0, 20 * 24) * MS_PER_HOUR + rng.int(0, 59) * 60_000;
        const window = { from, to: from + rng.int(3 * 24, 40 * 24) * MS_PER_HOUR + rng.int(0, 59) * 60_000 };
        for (const w of getDoraWeeklySeries(data.db, window)) {
          const { weekStart: _ws, restoredIncidents, ...metrics } = w;
          expectSame(metrics, referenceDoraMetrics(data, w.window), `seed ${seed} week ${w.weekStart}`);
          expect(restoredIncidents).toBe(
            data.incidents.filter((i) => i.resolvedAt !== null && i.startedAt >= w.window.from && i.startedAt < w.window.to).length,
          );
        }
        for (const r of getDoraByService(data.db, window)) {
          const { serviceId, serviceName: _n, teamId: _t, teamName: _tn, openIncidents: _o, ...metrics } = r;
          expectSame(metrics, referenceDoraMetrics(data, window, { serviceIds: [serviceId] }), `seed ${seed} service ${serviceId}`);
        }
      }
    });
  }

  it("each week equals the reference over that week's part of the window", () => {
    const data = generate(11, { deployments: 200, incidents: 40 });
    const window = { from: T0 + 2 * MS_PER_DAY + 5 * MS_PER_HOUR, to: T0 + 45 * MS_PER_DAY };
    const weeks = getDoraWeeklySeries(data.db, window);
    expect(weeks.length).toBe(7); // Mondays T0, T0+7 … T0+42
    expect(weeks[0].window.from).toBe(window.from);
    expect(weeks.at(-1)!.window.to).toBe(window.to);
    for (const w of weeks) {
      expect(new Date(w.weekStart).getUTCDay()).toBe(1);
      const { weekStart: _ws, restoredIncidents: _ri, ...metrics } = w;
      expectSame(metrics, referenceDoraMetrics(data, w.window), `week ${new Date(w.weekStart).toISOString()}`);
    }
    const teamId = data.teams[0];
    for (const w of getDoraWeeklySeries(data.db, window, { teamId })) {
      const serviceIds = data.services.filter((s) => s.teamId === teamId).map((s) => s.id);
      const { weekStart: _ws, restoredIncidents: _ri, ...metrics } = w;
      expectSame(metrics, referenceDoraMetrics(data, w.window, { serviceIds }), "team week");
    }
  });

  it("each service equals the reference for that service", () => {
    const data = generate(12, { deployments: 200, incidents: 40 });
    const window = { from: T0 + 3 * MS_PER_DAY, to: T0 + 50 * MS_PER_DAY };
    const rows = getDoraByService(data.db, window);
    expect(rows.length).toBe(data.services.length);
    for (const r of rows) {
      const { serviceId, serviceName: _n, teamId: _t, teamName: _tn, openIncidents, ...metrics } = r;
      expectSame(metrics, referenceDoraMetrics(data, window, { serviceIds: [serviceId] }), `service ${serviceId}`);
      expect(openIncidents).toBe(data.incidents.filter((i) => i.serviceId === serviceId && i.resolvedAt === null).length);
    }
    expect(getDoraByService(data.db, window, { teamId: data.teams[1] }).map((r) => r.serviceId)).toEqual(
      data.services.filter((s) => s.teamId === data.teams[1]).map((s) => s.id),
    );
  });
});

describe("one part of the figures, and the counts of many windows at once (a metric's history)", () => {
  const PARTS: DoraPart[] = ["counts", "lead", "restore"];
  /** The figures a part computes, as getDoraMetrics gives them for the window. */
  const partOf = (m: DoraMetrics, part: DoraPart) =>
    part === "counts"
      ? { window: m.window, deploymentFrequency: m.deploymentFrequency, changeFailureRate: m.changeFailureRate, reworkRate: m.reworkRate }
      : part === "lead"
        ? { window: m.window, leadTime: m.leadTime }
        : { window: m.window, timeToRestore: m.timeToRestore };

  /** 90-day windows ending at each week (midnight UTC) and one ending mid-day, overlapping; edges not whole days; empty and zero-length ones. */
  function historyWindows(seed: number): Window[] {
    const rng = createRng(seed * 13 + 5);
    const now = T0 + 50 * MS_PER_DAY + 7 * MS_PER_HOUR + 13 * 60_000 + 417;
    const list: Window[] = [];
    for (let t = now - 12 * 7 * MS_PER_DAY; t < now; t += 7 * MS_PER_DAY) {
      const end = t - (t % MS_PER_DAY); // a day start, like the history's weekly points
      list.push({ from: end - 90 * MS_PER_DAY, to: end });
    }
    list.push({ from: now - 90 * MS_PER_DAY, to: now }); // the point "now": both edges partial
    for (let k = 0; k < 5; k++) {
      const from = T0 + rng.int(-5 * 24, 55 * 24) * MS_PER_HOUR + rng.int(0, 59) * 60_000 + rng.int(0, 999);
      list.push({ from, to: from + rng.int(0, 30 * 24) * MS_PER_HOUR + rng.int(0, 59) * 60_000 });
    }
    list.push({ from: T0 + 3 * MS_PER_DAY + 5, to: T0 + 3 * MS_PER_DAY + 5 }); // zero length
    list.push({ from: T0 + 9 * MS_PER_DAY, to: T0 + 2 * MS_PER_DAY }); // to before from
    list.push({ from: T0 + 2 * MS_PER_DAY + 1, to: T0 + 2 * MS_PER_DAY + MS_PER_HOUR }); // inside one day
    return list;
  }

  for (const seed of [51, 52, 53]) {
    it(`seed ${seed}: each window of getDoraMetricsOver, per part and filter, equals getDoraMetrics over that window`, () => {
      const data = generate(seed, { deployments: 220, incidents: 50 });
      const windows = historyWindows(seed);
      const filters = [{}, ...data.services.map((s) => ({ serviceId: s.id })), ...data.teams.map((teamId) => ({ teamId })), { teamId: 999_999 }];
      for (const filter of filters) {
        const full = windows.map((w) => getDoraMetrics(data.db, w, filter));
        for (const part of PARTS) {
          const over = getDoraMetricsOver(data.db, windows, filter, part);
          expect(over.length).toBe(windows.length);
          windows.forEach((w, i) => {
            const label = `seed ${seed} ${JSON.stringify(filter)} ${part} [${w.from}, ${w.to})`;
            expect(partOf(over[i], part), label).toEqual(partOf(full[i], part));
            expect(partOf(getDoraMetrics(data.db, w, filter, [part]), part), `${label} alone`).toEqual(partOf(full[i], part));
          });
        }
      }
      // and the full figures still equal the plain-JS reference over the history's windows
      for (const w of windows.filter((x) => x.to > x.from)) expectSame(getDoraMetrics(data.db, w), referenceDoraMetrics(data, w), `seed ${seed} reference`);
    });
  }

  it("metricHistory of each delivery metric reads, at each point, what getDoraMetrics gives over that point's 90-day window", () => {
    const data = generate(54, { deployments: 240, incidents: 50 });
    const now = T0 + 58 * MS_PER_DAY + 15 * MS_PER_HOUR + 7 * 60_000;
    const ids = [
      "delivery.deployments",
      "delivery.deploys_per_day",
      "delivery.lead_time_hours",
      "delivery.change_failure_rate",
      "delivery.time_to_restore_hours",
      "delivery.mttr_hours",
      "delivery.rework_rate",
    ];
    for (const id of ids) {
      const ctx = new MetricContext(data.db, now);
      const from = new Date(now - 13 * 7 * MS_PER_DAY).toISOString().slice(0, 10);
      const { points } = metricHistory(ctx, id, { from, to: ctx.today });
      expect(points.length, id).toBe(15); // 14 weekly points, then now
      const pick = DORA_PICKS.get(id)!;
      points.forEach((p, i) => {
        const at = i === points.length - 1 ? now : Date.parse(`${from}T00:00:00Z`) + i * 7 * MS_PER_DAY;
        expect(p.value, `${id} at ${p.date}`).toBe(pick(getDoraMetrics(data.db, catalogueWindow(at))));
      });
      // some points carry data (the generated deployments lie in the history's range)
      expect(
        points.some((p) => p.value !== null && p.value !== 0),
        id,
      ).toBe(true);
      // the previous window and the reading now: the same figure as the full read
      const w = ctx.window;
      expect(readPrevious(ctx, id)?.value, `${id} previous`).toBe(pick(getDoraMetrics(data.db, { from: 2 * w.from - w.to, to: w.from })));
      expect(readMetric(ctx, id).value, `${id} now`).toBe(pick(getDoraMetrics(data.db, w)));
    }
  });
});

describe("comparisons need history (issue 10, item 6)", () => {
  it("getFirstDeploymentAt: the earliest successful production deployment of the filter", () => {
    const { db } = t;
    const team = insertTeam(db, { name: "Core-cmp" });
    const a = insertService(db, { teamId: team.id });
    const b = insertService(db, { teamId: null });
    const day = (n: number) => new Date(T0 + n * MS_PER_DAY);
    expect(getFirstDeploymentAt(db)).toBeNull();
    insertDeployment(db, { serviceId: a.id, environment: "staging", status: "success", finishedAt: day(0) });
    insertDeployment(db, { serviceId: a.id, environment: "production", status: "failure", finishedAt: day(1) });
    insertDeployment(db, { serviceId: b.id, environment: "production", status: "success", finishedAt: day(5) });
    insertDeployment(db, { serviceId: a.id, environment: "production", status: "success", finishedAt: day(9) });
    expect(getFirstDeploymentAt(db)).toBe(day(5).getTime());
    expect(getFirstDeploymentAt(db, { serviceId: a.id })).toBe(day(9).getTime());
    expect(getFirstDeploymentAt(db, { teamId: team.id })).toBe(day(9).getTime());
    expect(getFirstDeploymentAt(db, { serviceId: b.id, teamId: team.id })).toBeNull(); // b is not Core's
  });

  it("the CTO dashboard compares only over a previous window the data covers", () => {
    const { db } = t;
    const svc = insertService(db, { teamId: null });
    const now = T0 + 200 * MS_PER_DAY;
    const window = { from: now - 90 * MS_PER_DAY, to: now };
    const previous = { from: now - 180 * MS_PER_DAY, to: window.from };
    // 120 days of history: the previous 90-day window is mostly empty
    for (let back = 120; back >= 1; back--)
      insertDeployment(db, { serviceId: svc.id, environment: "production", status: "success", finishedAt: new Date(now - back * MS_PER_DAY) });
    expect(getCtoDashboardData(db, window, previous).comparison).toBe("partial");
    // 200 days: a full previous window
    for (let back = 200; back > 120; back--)
      insertDeployment(db, { serviceId: svc.id, environment: "production", status: "success", finishedAt: new Date(now - back * MS_PER_DAY) });
    expect(getCtoDashboardData(db, window, previous).comparison).toBe("full");
  });
});

describe("bulk-maintained rollups (decision 404)", () => {
  /** Random API-shaped deployments over ~60 days, some with externalIds already known. */
  function inputs(seed: number, n: number, services: string[]): DeploymentInput[] {
    const rng = createRng(seed);
    return Array.from({ length: n }, (_, k) => {
      const finishedAt = T0 + rng.int(0, 60 * 24) * MS_PER_HOUR + rng.int(0, 59) * 60_000;
      const commits = Array.from({ length: rng.int(0, 4) }, (_, c) => ({
        sha: `${seed}-${k}-${c}`,
        committedAt: finishedAt - rng.int(-3, 200) * MS_PER_HOUR,
      }));
      return {
        externalId: `x-${seed}-${k}`,
        service: rng.pick(services),
        environment: rng.chance(0.85) ? "production" : "staging",
        status: rng.chance(0.85) ? "success" : "failure",
        finishedAt,
        startedAt: finishedAt - 60_000,
        firstCommitAt: rng.chance(0.5) ? finishedAt - rng.int(-2, 300) * MS_PER_HOUR : undefined,
        hotfix: rng.chance(0.1),
        rollback: rng.chance(0.05),
        commits: commits.length ? commits : undefined,
      } as DeploymentInput;
    });
  }

  it("a batch ingested in bulk leaves the same samples, rollups and figures as the per-row triggers", () => {
    const bulk = t;
    const rows = createTestDb();
    try {
      const services = ["api", "web", "billing"];
      for (const target of [bulk, rows]) {
        // incidents first, so the new deployments re-infer causes (caused_incidents moves through the triggers)
        upsertIncidents(
          target.db,
          Array.from({ length: 30 }, (_, k) => ({
            externalId: `inc-${k}`,
            service: services[k % 3],
            title: `Incident ${k}`,
            severity: "SEV2" as const,
            startedAt: T0 + (k * 2 + 1) * MS_PER_DAY,
            resolvedAt: T0 + (k * 2 + 1) * MS_PER_DAY + k * MS_PER_HOUR,
          })),
          { system: true },
        );
      }
      const batches = [inputs(1, 300, services), inputs(2, BULK_ROLLUP_MIN - 1, services), inputs(3, 250, services)];
      batches.push(inputs(1, 40, services)); // all known: nothing created
      for (const b of batches) {
        ingestDeployments(bulk.db, b, { system: true });
        for (const one of b) ingestDeployments(rows.db, [one], { system: true }); // below the threshold: the triggers
      }
      expect(rollupDifferences(bulk.db.$client)).toEqual([]);
      expect(rollupDifferences(rows.db.$client)).toEqual([]);
      expectRollupsExact(bulk.db);
      const dump = (d: { db: TestDb["db"] }, table: string) => d.db.$client.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
      for (const table of ["delivery_daily", "delivery_lead_daily", "delivery_lead_service_daily", "delivery_lead_samples"]) {
        expect(
          dump(bulk, table).filter((r: any) => r.deployments !== 0 && r.samples !== 0),
          table,
        ).toEqual(dump(rows, table).filter((r: any) => r.deployments !== 0 && r.samples !== 0));
      }
      const window = { from: T0 + 5 * MS_PER_HOUR, to: T0 + 58 * MS_PER_DAY };
      expect(getDoraMetrics(bulk.db, window)).toEqual(getDoraMetrics(rows.db, window));
      expect(getDoraWeeklySeries(bulk.db, window)).toEqual(getDoraWeeklySeries(rows.db, window));
      // the switch never outlives the ingest transaction
      expect(bulk.db.$client.prepare("SELECT COUNT(*) FROM delivery_bulk_ingest").pluck().get()).toBe(0);
      // and a batch failing inside its transaction (a NOT NULL finish) leaves nothing behind, the switch included
      const before = bulk.db.$client.prepare("SELECT COUNT(*) FROM deployments").pluck().get();
      const bad = inputs(4, 30, services);
      bad[29] = { ...bad[29], finishedAt: null as unknown as number };
      expect(() => ingestDeployments(bulk.db, bad, { system: true })).toThrow();
      expect(bulk.db.$client.prepare("SELECT COUNT(*) FROM deployments").pluck().get()).toBe(before);
      expect(bulk.db.$client.prepare("SELECT COUNT(*) FROM delivery_bulk_ingest").pluck().get()).toBe(0);
      expect(rollupDifferences(bulk.db.$client)).toEqual([]);
    } finally {
      rows.cleanup();
    }
  });
});
