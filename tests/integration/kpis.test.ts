import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  deploymentsPerDaySeries,
  exportMeasurementsCsv,
  getKpiSeries,
  getKpiTiles,
  importMeasurementsCsv,
  recordMeasurement,
  setKpiTarget,
  targetState,
} from "~/models/kpis.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import { insertCycle, insertDeployment, insertKpi, insertKpiMeasurement, insertKpiTarget, insertService, insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const NOW = Date.UTC(2025, 1, 15, 12);
const DAY = 86_400_000;
const count = (table: string) => t.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;

function setup() {
  const { db } = t;
  const user = insertUser(db, { role: "lead" });
  const q1 = insertCycle(db, { name: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31" });
  const velocity = insertKpi(db, { key: "sprint_velocity", name: "Sprint velocity", direction: "higher", unit: "pts" });
  const p95 = insertKpi(db, { key: "p95", name: "p95", direction: "lower", unit: "ms" });
  insertKpiTarget(db, { kpiId: velocity.id, cycleId: q1.id, target: 45 });
  insertKpiTarget(db, { kpiId: p95.id, cycleId: q1.id, target: 150 });
  return { user, q1, velocity, p95 };
}

describe("KPI tiles", () => {
  it("give the latest and previous measurement, the cycle's target and the target state, lower-is-better aware", () => {
    const { velocity, p95 } = setup();
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-02-01", value: 40 });
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-02-08", value: 42 });
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-01-20", value: 38 });
    insertKpiMeasurement(t.db, { kpiId: p95.id, measuredOn: "2025-02-08", value: 140 });
    const { cycle, tiles } = getKpiTiles(t.db, { now: NOW });
    expect(cycle!.name).toBe("2025-Q1");
    const v = tiles.find((x) => x.key === "sprint_velocity")!;
    expect(v.latest).toEqual({ measuredOn: "2025-02-08", value: 42 });
    expect(v.previous).toEqual({ measuredOn: "2025-02-01", value: 40 });
    expect(v.target).toBe(45);
    expect(v.targetState).toBe("missed");
    const p = tiles.find((x) => x.key === "p95")!;
    expect(p.previous).toBeNull();
    expect(p.targetState).toBe("met");
    expect(targetState(151, 150, "lower")).toBe("missed");
    expect(targetState(null, 150, "lower")).toBeNull();
  });

  it("compute deploy frequency from successful production deployments when the delivery data exists", () => {
    setup();
    const kpi = insertKpi(t.db, { key: "deploy_frequency", name: "Deploys", source: "delivery.deployments_per_day", unit: "per day" });
    const { tiles: before } = getKpiTiles(t.db, { now: NOW });
    expect(before.find((x) => x.id === kpi.id)!.latest).toBeNull();
    const svc = insertService(t.db, { name: "api" });
    // last 7 days: 14 successful production → 2/day; a failure, a staging one and an older one do not count
    for (let i = 0; i < 14; i++) insertDeployment(t.db, { serviceId: svc.id, status: "success", finishedAt: new Date(NOW - (i + 1) * 11 * 3_600_000) });
    insertDeployment(t.db, { serviceId: svc.id, status: "failure", finishedAt: new Date(NOW - DAY) });
    insertDeployment(t.db, { serviceId: svc.id, status: "success", environment: "staging", finishedAt: new Date(NOW - DAY) });
    insertDeployment(t.db, { serviceId: svc.id, status: "success", finishedAt: new Date(NOW - 10 * DAY) });
    const tile = getKpiTiles(t.db, { now: NOW }).tiles.find((x) => x.id === kpi.id)!;
    expect(tile.computed).toBe(true);
    // the catalogue's delivery.deploys_per_day (90 days before now), unrounded: the same number as the CTO dashboard
    expect(tile.latest!.value).toBeCloseTo(15 / 90, 12);
    expect(tile.latest!.value).toBe(readMetric(new MetricContext(t.db, NOW), "delivery.deploys_per_day").value);
    expect(tile.previous).toBeNull(); // nothing in the 90 days before
    insertDeployment(t.db, { serviceId: svc.id, status: "success", finishedAt: new Date(NOW - 100 * DAY) });
    const again = getKpiTiles(t.db, { now: NOW }).tiles.find((x) => x.id === kpi.id)!;
    expect(again.previous!.value).toBeCloseTo(1 / 90, 12);
    const series = deploymentsPerDaySeries(t.db, NOW, 2);
    expect(series.map((p) => p.value)).toEqual([0.14, 2]); // the weekly chart keeps its 7-day points
    expect(getKpiSeries(t.db, [kpi], { from: "2025-02-01", now: NOW }).get(kpi.id)!.length).toBeGreaterThan(0);
  });

  it("one KPI's page reads that KPI only: its tile and its series", () => {
    const { velocity, p95 } = setup();
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-03-01", value: 40 });
    insertKpiMeasurement(t.db, { kpiId: p95.id, measuredOn: "2025-03-01", value: 180 });
    const { tiles } = getKpiTiles(t.db, { now: NOW, kpiId: p95.id });
    expect(tiles.map((x) => [x.key, x.latest?.value])).toEqual([["p95", 180]]);
    const series = getKpiSeries(t.db, [p95], { from: "2025-01-01", now: NOW });
    expect([...series.keys()]).toEqual([p95.id]);
  });

  it("series carry the target of the cycle each date falls in", () => {
    const { velocity, q1 } = setup();
    void q1;
    const q2 = insertCycle(t.db, { name: "2025-Q2", startDate: "2025-04-01", endDate: "2025-06-30" });
    insertKpiTarget(t.db, { kpiId: velocity.id, cycleId: q2.id, target: 50 });
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-03-30", value: 44 });
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-04-02", value: 46 });
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2024-12-30", value: 30 });
    const points = getKpiSeries(t.db, [velocity], { from: "2024-12-01", now: NOW }).get(velocity.id)!;
    expect(points).toEqual([
      { measuredOn: "2024-12-30", value: 30, target: null },
      { measuredOn: "2025-03-30", value: 44, target: 45 },
      { measuredOn: "2025-04-02", value: 46, target: 50 },
    ]);
  });
});

describe("KPI writes", () => {
  it("record a measurement (replacing the same date) and targets, with audit entries", () => {
    const { user, velocity, q1 } = setup();
    expect(recordMeasurement(t.db, user.id, velocity.id, { measuredOn: "2025-02-01", value: 40, note: null })).toBe("created");
    expect(recordMeasurement(t.db, user.id, velocity.id, { measuredOn: "2025-02-01", value: 41, note: "fixed" })).toBe("updated");
    expect(count("kpi_measurements")).toBe(1);
    setKpiTarget(t.db, user.id, velocity.id, q1.id, 47);
    expect(t.db.get<{ t: number }>(sql`select target as t from kpi_targets where kpi_id = ${velocity.id}`).t).toBe(47);
    setKpiTarget(t.db, user.id, velocity.id, q1.id, null);
    expect(count("kpi_targets")).toBe(1); // p95's only
    expect(count("audit_log")).toBe(4);
  });
});

describe("measurements CSV", () => {
  it("imports all rows or nothing, naming every bad row and field", () => {
    const { user, velocity } = setup();
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-02-01", value: 40 });
    const bad = [
      "kpi_key,measured_on,value,note",
      "sprint_velocity,2025-02-08,44,good",
      "unknown_kpi,2025-02-08,1,",
      "sprint_velocity,2025-02-30,44,",
      "p95,2025-02-08,fast,",
      "sprint_velocity,2025-02-08,45,again",
    ].join("\n");
    const res = importMeasurementsCsv(t.db, user.id, bad);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const where = res.errors.map((e) => `${e.row}:${e.field}`);
    expect(where).toEqual(["3:kpi_key", "4:measured_on", "5:value", "6:measured_on"]);
    expect(count("kpi_measurements")).toBe(1);
    expect(count("audit_log")).toBe(0);
  });

  it("imports a good file (creating and replacing), auditing each change before → after, and exports it back", () => {
    const { user, velocity } = setup();
    insertKpiMeasurement(t.db, { kpiId: velocity.id, measuredOn: "2025-02-01", value: 40 });
    const good = 'kpi_key,measured_on,value,note\r\nsprint_velocity,2025-02-01,41,revised\r\nsprint_velocity,2025-02-08,"44,5",\r\np95,2025-02-08,140,\r\n';
    expect(importMeasurementsCsv(t.db, user.id, good)).toEqual({ ok: true, created: 2, updated: 1 });
    expect(count("kpi_measurements")).toBe(3);
    expect(count("audit_log")).toBe(4); // 3 measurements changed + the import
    const replaced = t.db.$client.prepare("SELECT before, after FROM audit_log WHERE entity_type = 'kpi_measurement' AND action = 'update'").get() as {
      before: string;
      after: string;
    };
    expect(JSON.parse(replaced.before)).toEqual({ kpi: "sprint_velocity", measuredOn: "2025-02-01", value: 40, note: null });
    expect(JSON.parse(replaced.after)).toMatchObject({ kpi: "sprint_velocity", measuredOn: "2025-02-01", value: 41, note: "revised" });
    const csv = exportMeasurementsCsv(t.db);
    expect(csv.split("\r\n")).toEqual([
      "kpi_key,measured_on,value,note",
      "p95,2025-02-08,140,",
      "sprint_velocity,2025-02-01,41,revised",
      "sprint_velocity,2025-02-08,44.5,",
      "",
    ]);
    // the export re-imports as is
    expect(importMeasurementsCsv(t.db, user.id, csv)).toEqual({ ok: true, created: 0, updated: 3 });
  });

  it("refuses measurements for a KPI computed from the delivery data", () => {
    const { user } = setup();
    insertKpi(t.db, { key: "deploys", source: "delivery.deployments_per_day" });
    const res = importMeasurementsCsv(t.db, user.id, "kpi_key,measured_on,value,note\ndeploys,2025-02-01,3,\n");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors[0]).toMatchObject({ row: 2, field: "kpi_key" });
  });
});
