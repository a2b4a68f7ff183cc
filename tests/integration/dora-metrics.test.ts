/**
 * The SQL DORA metrics (app/models/delivery-metrics/) against the plain-JS reference
 * (referenceDoraMetrics) on generated data sets: several PRNG seeds and edge cases.
 * Counts and rates must be exactly equal; hours within 1e-9.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MS_PER_DAY, MS_PER_HOUR, referenceDoraMetrics } from "~/lib/metrics/delivery";
import { noDeploymentFinishedIn, splitByDays } from "~/models/delivery-metrics/aggregates.server";
import { getOpenIncidents } from "~/models/delivery-metrics/incidents.server";
import { getDoraByService } from "~/models/delivery-metrics/services.server";
import { getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { getDoraWeeklySeries } from "~/models/delivery-metrics/trends.server";
import { schema } from "../../db/client";
import { insertDeployment, insertIncident, insertService } from "../../seeds/builders";
import { createRng } from "../../seeds/prng";
import { T0, compareEverything, expectRollupsExact, expectSame, generate, t } from "../helpers/dora-world";

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

describe("a window that ends during a day (as every window ending now does)", () => {
  it("splitByDays reads the last day from the rollups only when nothing finished between the window's end and the day's end", () => {
    const to = T0 + 20 * MS_PER_DAY + 7 * MS_PER_HOUR;
    const window = { from: T0 + 3 * MS_PER_DAY + 5 * MS_PER_HOUR, to };
    const asked: { from: number; to: number }[] = [];
    const quiet = splitByDays(window, (span) => (asked.push(span), true));
    expect(asked).toEqual([{ from: to, to: T0 + 21 * MS_PER_DAY }]);
    expect(quiet).toEqual({ days: { from: T0 + 4 * MS_PER_DAY, to: T0 + 21 * MS_PER_DAY }, edges: [{ from: window.from, to: T0 + 4 * MS_PER_DAY }] });
    const busy = splitByDays(window, () => false);
    expect(busy).toEqual({
      days: { from: T0 + 4 * MS_PER_DAY, to: T0 + 20 * MS_PER_DAY },
      edges: [
        { from: window.from, to: T0 + 4 * MS_PER_DAY },
        { from: T0 + 20 * MS_PER_DAY, to },
      ],
    });
    expect(splitByDays(window)).toEqual(busy);
  });

  it("every figure still equals the reference at each hour of a day, whether or not later deployments that day exist", () => {
    const data = generate(11, { deployments: 200, incidents: 40 });
    // the last day of data: windows ending at each of its hours, with deployments before and after
    const lastDay = T0 + 59 * MS_PER_DAY;
    let readFromRollups = 0;
    for (let h = 1; h < 24; h++) {
      const to = lastDay + h * MS_PER_HOUR + 1_000;
      const window = { from: to - 30 * MS_PER_DAY, to };
      if (splitByDays(window, noDeploymentFinishedIn(data.db)).edges.every((e) => e.to !== to)) readFromRollups++;
      expectSame(getDoraMetrics(data.db, window), referenceDoraMetrics(data, window), `ending ${h} h`);
      for (const s of data.services) {
        expectSame(
          getDoraMetrics(data.db, window, { serviceId: s.id }),
          referenceDoraMetrics(data, window, { serviceIds: [s.id] }),
          `ending ${h} h, service ${s.id}`,
        );
      }
      const weeks = getDoraWeeklySeries(data.db, window);
      const total = weeks.reduce((n, w) => n + w.deploymentFrequency.count, 0);
      expect(total, `ending ${h} h, weekly counts`).toBe(referenceDoraMetrics(data, window).deploymentFrequency.count);
    }
    // both ways were taken: some hours had later deployments that day, the last ones none
    expect(readFromRollups).toBeGreaterThan(0);
    expect(readFromRollups).toBeLessThan(23);
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
