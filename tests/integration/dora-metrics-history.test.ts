/**
 * The SQL DORA metrics, continued (see dora-metrics.test.ts): one part of the figures and many
 * windows at once (a metric's history), comparisons that need history, and the bulk-maintained
 * rollups (decision 404) — each against the plain-JS reference on generated data sets.
 */
import { describe, expect, it } from "vitest";
import { MS_PER_DAY, MS_PER_HOUR, referenceDoraMetrics, type DoraMetrics, type Window } from "~/lib/metrics/delivery";
import type { DoraPart } from "~/models/delivery-metrics/aggregates.server";
import { getCtoDashboardData } from "~/models/delivery-metrics/cto-dashboard.server";
import { getDoraMetrics, getDoraMetricsOver, getFirstDeploymentAt } from "~/models/delivery-metrics/summary.server";
import { getDoraWeeklySeries } from "~/models/delivery-metrics/trends.server";
import { BULK_ROLLUP_MIN, ingestDeployments, upsertIncidents, type DeploymentInput } from "~/models/delivery.server";
import { DORA_PICKS } from "~/models/metrics/compute.server";
import { catalogueWindow, MetricContext } from "~/models/metrics/context.server";
import { metricHistory, readPrevious } from "~/models/metrics/history.server";
import { readMetric } from "~/models/metrics/readings.server";
import { rollupDifferences } from "../../db/rollups";
import { insertDeployment, insertService, insertTeam } from "../../seeds/builders";
import { createRng } from "../../seeds/prng";
import { createTestDb } from "../helpers/db";
import { T0, expectRollupsExact, expectSame, generate, t, type TestDb } from "../helpers/dora-world";

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
