/**
 * The demo data's figures the OKRs follow (MRR, customers, headcount, DORA figures at an instant,
 * and their values at the cycles' starts), computed from the generated employees, snapshots and
 * deliveries so the key results agree with the rest of the demo.
 */
import { DAY, HOUR, addQuarters, dateToMs, quarterInfo, quarterOf } from "../calendar";
import { SERVICES } from "../demo-data";
import type { DeliveryData } from "../demo-delivery";
import { type DemoCalendar, type GenEmployee, headcountOn } from "./calendar";
import { type GenSnapshot, snapshotAt } from "./finance";

export type OkrSources = { employees: readonly GenEmployee[]; snapshots: readonly GenSnapshot[]; delivery: DeliveryData };

/** A value rounded to a step (decimal steps kept clean: 0.1 → one decimal). */
export function roundStep(value: number, step: number): number {
  const r = Math.round(value / step) * step;
  // keep decimal steps clean (0.1 → one decimal)
  return step < 1 ? Math.round(r * 1000) / 1000 : r;
}

/** The cycles (two closed, the current, the next) and the series and start values their key results read. */
export function okrSeries(cal: DemoCalendar, src: OkrSources) {
  const current = quarterOf(cal.anchor);
  const q = (n: number) => quarterInfo(addQuarters(current, n));
  const [qm2, qm1, q0, qp1] = [q(-2), q(-1), q(0), q(1)];
  const startMs = (info: { startDate: string }) => dateToMs(info.startDate);

  const mrr = (t: number) => snapshotAt(src.snapshots, t).mrrCents;
  const customers = (t: number) => snapshotAt(src.snapshots, t).customers;
  const headcount = (t: number) => headcountOn(src.employees, t);
  const prodSuccess = src.delivery.deployments.filter((d) => d.environment === "production" && d.status === "success");
  // the catalogue's window: the 90 days before t
  const deploysPerDay = (t: number) => {
    const from = t - 90 * DAY;
    return Math.round((prodSuccess.filter((d) => d.finishedAt >= from && d.finishedAt < t).length / 90) * 10) / 10;
  };
  /** mean restore time (hours) of the incidents started in [t − 90 d, t) and resolved */
  const mttrHours = (t: number) => {
    const resolved = src.delivery.incidents.filter((i) => i.startedAt >= t - 90 * DAY && i.startedAt < t && i.resolvedAt !== null);
    return resolved.length ? resolved.reduce((s, i) => s + (i.resolvedAt! - i.startedAt), 0) / resolved.length / HOUR : 0;
  };
  /** contract's lead time: median over commits of successful production deployments in [t-90d, t), hours */
  const leadTimeHours = (services: readonly string[] | null) => (t: number) => {
    const values: number[] = [];
    for (const d of prodSuccess) {
      if (d.finishedAt < t - 90 * DAY || d.finishedAt >= t) continue;
      if (services && !services.includes(d.service)) continue;
      for (const c of d.commits) if (d.finishedAt > c.committedAt) values.push((d.finishedAt - c.committedAt) / HOUR);
    }
    values.sort((a, b) => a - b);
    if (values.length === 0) return 0;
    const mid = Math.floor(values.length / 2);
    return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  };
  const coreServices = SERVICES.filter((s) => s.team === "Core").map((s) => s.name);
  const leadAll = leadTimeHours(null);
  const leadCore = leadTimeHours(coreServices);
  const eur = (cents: number) => `${Math.round(cents / 1000_00)} k€`;

  const mrrQm1 = mrr(startMs(qm1));
  const custQm2 = customers(startMs(qm2));
  const mrrQ0 = mrr(startMs(q0));
  const custQ0 = customers(startMs(q0));
  const headQ0 = headcount(startMs(q0));
  const deployQ0 = deploysPerDay(startMs(q0));
  const leadQ0 = roundStep(leadAll(startMs(q0)), 0.1);
  const leadCoreQ0 = roundStep(leadCore(startMs(q0)), 0.1);
  const mttrQ0 = roundStep(mttrHours(startMs(q0)), 0.1);

  return {
    qm2,
    qm1,
    q0,
    qp1,
    mrr,
    customers,
    headcount,
    deploysPerDay,
    mttrHours,
    leadAll,
    leadCore,
    eur,
    mrrQm1,
    custQm2,
    mrrQ0,
    custQ0,
    headQ0,
    deployQ0,
    leadQ0,
    leadCoreQ0,
    mttrQ0,
  };
}

export type OkrSeries = ReturnType<typeof okrSeries>;
