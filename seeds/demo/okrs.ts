/** The demo's OKR cycles, objectives, key results and check-ins. */
import { eq } from "drizzle-orm";
import { schema } from "../../db/client";
import { insertMany, type DbWriter } from "../builders";
import { DAY, HOUR, MINUTE, addQuarters, dateToMs, quarterInfo, quarterOf } from "../calendar";
import { SERVICES, type TeamName, type UserKey } from "../demo-data";
import type { DeliveryData } from "../demo-delivery";
import type { Rng } from "../prng";
import { type DemoCalendar, type GenEmployee, headcountOn } from "./calendar";
import { type GenSnapshot, roundTo, snapshotAt } from "./finance";
import { type Ids } from "./run";

// ====================================================================== OKRs (pure specs)

type KrKind = (typeof schema.KR_KINDS)[number];

type KrSpec = {
  title: string;
  kind: KrKind;
  start: number;
  target: number;
  unit: string | null;
  owner: UserKey;
  weight?: number;
  /** synthetic: progress = pace × elapsed share of the cycle */
  pace?: number;
  /** data-backed value at an instant */
  series?: (at: number) => number;
  /** rounding step of values */
  step?: number;
  /** boolean KRs: elapsed share when it became done; null = not done */
  doneAt?: number | null;
  /**
   * The catalogue metric the KR follows: its value is the metric's (check-ins record confidence and
   * a note only). A `kpi.*` link's start value is the KPI's measurement at the cycle start (set
   * after the KPIs are written).
   */
  metric?: string;
  /** no check-in in this many days before the anchor (the owner has let it slip: the inbox asks for one) */
  quietDays?: number;
};

type ObjectiveSpec = {
  key: string;
  title: string;
  description?: string;
  owner: UserKey;
  team: TeamName | null;
  parent?: string;
  krs: KrSpec[];
};

type CycleSpec = { name: string; startDate: string; endDate: string; status: "open" | "closed"; objectives: ObjectiveSpec[] };

const NOTES = {
  good: ["On track, shipped as planned.", "Good week, ahead of plan.", "Trend holds; no blocker.", "Delivered the main milestone."],
  ok: ["Slightly behind, catching up next sprint.", "Some slippage; scope trimmed.", "Dependencies on another squad.", "Watching it closely."],
  bad: ["Blocked: waiting on hires.", "Behind plan; re-planning with the team.", "Needs a decision from leadership.", "Capacity went to incidents this week."],
} as const;

// ====================================================================== OKRs (writes)

type OkrSources = { employees: readonly GenEmployee[]; snapshots: readonly GenSnapshot[]; delivery: DeliveryData };

function cycleSpecs(cal: DemoCalendar, src: OkrSources): CycleSpec[] {
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

  return [
    {
      ...qm2,
      status: "closed",
      objectives: [
        {
          key: "P1",
          title: "Reach product-market fit in enterprise AI",
          owner: "ceo",
          team: null,
          krs: [
            {
              title: `Paying customers from ${custQm2} to ${custQm2 + 4}`,
              kind: "number",
              start: custQm2,
              target: custQm2 + 4,
              unit: "customers",
              owner: "ceo",
              series: customers,
              step: 1,
            },
            { title: "NPS from 30 to 40", kind: "number", start: 30, target: 40, unit: "pts", owner: "ceo", pace: 0.8, step: 1 },
          ],
        },
        {
          key: "P2",
          title: "Industrialise delivery",
          owner: "cto",
          team: null,
          krs: [
            { title: "CI/CD pipeline on every service", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.7 },
            { title: "Production deployments per day from 3 to 8", kind: "number", start: 3, target: 8, unit: "per day", owner: "lead", pace: 0.9, step: 0.1 },
          ],
        },
      ],
    },
    {
      ...qm1,
      status: "closed",
      objectives: [
        {
          key: "P3",
          title: "Grow recurring revenue 20 % this quarter",
          owner: "ceo",
          team: null,
          krs: [
            {
              title: `MRR from ${eur(mrrQm1)} to ${eur(mrrQm1 * 1.2)}`,
              kind: "currency",
              start: mrrQm1,
              target: roundTo(mrrQm1 * 1.2, 100_00),
              unit: "EUR",
              owner: "ceo",
              series: mrr,
              step: 100,
            },
            { title: "Sign 4 new customers", kind: "number", start: 0, target: 4, unit: "customers", owner: "ceo", pace: 0.75, step: 1 },
          ],
        },
        {
          key: "P4",
          title: "Prepare the ISO 27001 certification",
          owner: "cto",
          team: null,
          krs: [
            { title: "Gap analysis completed", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.6 },
            { title: "Annex A controls implemented from 10 to 40", kind: "number", start: 10, target: 40, unit: "controls", owner: "cto", pace: 0.55, step: 1 },
          ],
        },
        {
          key: "P5",
          title: "Observability for every service",
          owner: "lead",
          team: "Core",
          parent: "P4",
          krs: [
            {
              title: "Services with dashboards and alerts from 2 to 11",
              kind: "number",
              start: 2,
              target: 11,
              unit: "services",
              owner: "lead",
              pace: 1,
              step: 1,
            },
            { title: "MTTR from 240 to 120 min", kind: "number", start: 240, target: 120, unit: "min", owner: "lead", pace: 0.85, step: 1 },
          ],
        },
      ],
    },
    {
      ...q0,
      status: "open",
      objectives: [
        // 000 "OBJECTIFS 2024", translated
        {
          key: "C1",
          title: "Explosive growth: triple revenue to 2.4 M€",
          description: "Triple the annual revenue from 0.8 M€ to 2.4 M€.",
          owner: "ceo",
          team: null,
          krs: [
            {
              title: "Reach 200 k€ MRR",
              kind: "currency",
              start: mrrQ0,
              target: 200_000_00,
              unit: "EUR",
              owner: "ceo",
              series: mrr,
              step: 100,
              weight: 2,
              metric: "finance.mrr",
            },
            {
              title: `Paying customers from ${custQ0} to 25`,
              kind: "number",
              start: custQ0,
              target: 25,
              unit: "customers",
              owner: "ceo",
              series: customers,
              step: 1,
              metric: "finance.customers",
            },
            { title: "Net revenue retention at 110 %", kind: "percent", start: 100, target: 110, unit: "%", owner: "ceo", pace: 0.85, step: 0.5 },
          ],
        },
        {
          key: "C2",
          title: "Permanent innovation: ship one new product every month",
          description: "1 new product a month.",
          owner: "cto",
          team: null,
          krs: [
            { title: "Launch 3 new products this quarter", kind: "number", start: 0, target: 3, unit: "products", owner: "cto", pace: 1.0, step: 1 },
            {
              title: "Adoption of new features to 72 % of accounts",
              kind: "percent",
              start: 60,
              target: 72,
              unit: "%",
              owner: "cto",
              pace: 0.8,
              step: 1,
              metric: "kpi.feature_adoption",
            },
            { title: "A/B testing available on every product", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: 0.45 },
          ],
        },
        {
          key: "C3",
          title: "Rapid scaling: grow to 100 people by year end",
          description: "100 employees by the end of the year.",
          owner: "ceo",
          team: null,
          krs: [
            {
              title: `Headcount from ${headQ0} to 50`,
              kind: "number",
              start: headQ0,
              target: 50,
              unit: "people",
              owner: "ceo",
              series: headcount,
              step: 1,
              weight: 2,
              metric: "people.headcount",
            },
            { title: "Time to hire from 55 to 30 days", kind: "number", start: 55, target: 30, unit: "days", owner: "ceo", pace: 0.6, step: 1 },
            { title: "Onboarding satisfaction from 6.5 to 8 / 10", kind: "number", start: 6.5, target: 8, unit: "/10", owner: "ceo", pace: 1.1, step: 0.1 },
          ],
        },
        {
          key: "C4",
          title: "Technical excellence: reach DORA elite performance",
          description: "50+ deploys/day, lead time < 2 h, MTTR < 30 min, CFR < 5 %.",
          owner: "cto",
          team: null,
          krs: [
            {
              title: `Production deployments per day from ${deployQ0} to 20 (on the way to 50+)`,
              kind: "number",
              start: deployQ0,
              target: 20,
              unit: "per day",
              owner: "cto",
              series: deploysPerDay,
              step: 0.1,
              metric: "delivery.deploys_per_day",
            },
            {
              title: `MTTR from ${mttrQ0} h to 0.5 h`,
              kind: "number",
              start: mttrQ0,
              target: 0.5,
              unit: "h",
              owner: "lead",
              series: mttrHours,
              step: 0.1,
              metric: "delivery.mttr_hours",
            },
            {
              title: "Change failure rate from 9 % to below 5 %",
              kind: "percent",
              start: 9,
              target: 5,
              unit: "%",
              owner: "cto",
              pace: 0.7,
              step: 0.1,
              metric: "delivery.change_failure_rate",
            },
            {
              title: `Lead time for changes from ${leadQ0} h to 1.5 h`,
              kind: "number",
              start: leadQ0,
              target: 1.5,
              unit: "h",
              owner: "lead",
              series: leadAll,
              step: 0.1,
              metric: "delivery.lead_time_hours",
            },
          ],
        },
        {
          key: "C5",
          title: "Market leadership: top 3 AI solutions provider in Europe",
          description: "Top 3 in Europe.",
          owner: "ceo",
          team: null,
          krs: [
            { title: "Customers outside France from 2 to 6", kind: "number", start: 2, target: 6, unit: "customers", owner: "ceo", pace: 0.7, step: 1 },
            { title: "NPS to 50", kind: "number", start: 40, target: 50, unit: "pts", owner: "ceo", pace: 1.1, step: 1, metric: "kpi.nps" },
            {
              title: "Listed on 2 cloud marketplaces (AWS, Azure)",
              kind: "number",
              start: 0,
              target: 2,
              unit: "marketplaces",
              owner: "cto",
              pace: 0.6,
              step: 1,
            },
          ],
        },
        // squads, aligned under the company objectives
        {
          key: "team:Core",
          title: "Make every release fast and safe",
          owner: "lead",
          team: "Core",
          parent: "C4",
          krs: [
            {
              title: `Median lead time of Core services from ${leadCoreQ0} h to 1.5 h`,
              kind: "number",
              start: leadCoreQ0,
              target: 1.5,
              unit: "h",
              owner: "lead",
              series: leadCore,
              step: 0.1,
            },
            {
              title: "Automated test coverage to 88 %",
              kind: "percent",
              start: 80,
              target: 88,
              unit: "%",
              owner: "lead",
              pace: 0.8,
              step: 0.1,
              metric: "kpi.test_coverage",
            },
            { title: "Production migrated to Kubernetes", kind: "boolean", start: 0, target: 1, unit: null, owner: "lead", doneAt: 0.3 },
          ],
        },
        {
          key: "team:Core:2",
          title: "Harden the platform for 10x load",
          owner: "lead",
          team: "Core",
          parent: "C4",
          krs: [
            {
              title: "API p95 response time down to 150 ms",
              kind: "number",
              start: 200,
              target: 150,
              unit: "ms",
              owner: "lead",
              pace: 0.7,
              step: 1,
              metric: "kpi.p95_response_time",
            },
            { title: "Redis cluster in high availability", kind: "boolean", start: 0, target: 1, unit: null, owner: "lead", doneAt: null, quietDays: 10 },
          ],
        },
        {
          key: "team:Frontend",
          title: "Design system and accessibility",
          owner: "cto",
          team: "Frontend",
          parent: "C2",
          krs: [
            {
              title: "Documented Storybook components from 5 to 20",
              kind: "number",
              start: 5,
              target: 20,
              unit: "components",
              owner: "cto",
              pace: 1.2,
              step: 1,
            },
            { title: "Lighthouse score to 90", kind: "number", start: 75, target: 90, unit: "pts", owner: "cto", pace: 0.6, step: 1, metric: "kpi.lighthouse" },
          ],
        },
        {
          key: "team:Mobile",
          title: "Offline-first mobile app",
          owner: "cto",
          team: "Mobile",
          parent: "C2",
          krs: [
            { title: "Crash-free sessions from 97 % to 99.5 %", kind: "percent", start: 97, target: 99.5, unit: "%", owner: "cto", pace: 0.9, step: 0.1 },
            { title: "Offline mode shipped", kind: "boolean", start: 0, target: 1, unit: null, owner: "cto", doneAt: null },
          ],
        },
        {
          key: "team:Payments",
          title: "Launch multi-currency billing",
          owner: "leadPayments",
          team: "Payments",
          parent: "C1",
          krs: [
            {
              title: "Currencies supported from 1 to 4 (EUR, USD, GBP, CHF)",
              kind: "number",
              start: 1,
              target: 4,
              unit: "currencies",
              owner: "leadPayments",
              pace: 1.0,
              step: 1,
            },
            { title: "Payment failure rate from 3 % to 1 %", kind: "percent", start: 3, target: 1, unit: "%", owner: "leadPayments", pace: 1.1, step: 0.1 },
          ],
        },
        {
          key: "team:AI/Data",
          title: "Ship the predictive analytics product",
          owner: "leadAi",
          team: "AI/Data",
          parent: "C2",
          krs: [
            { title: "Models in production from 1 to 3", kind: "number", start: 1, target: 3, unit: "models", owner: "leadAi", pace: 0.45, step: 1 },
            { title: "Inference p95 latency from 800 ms to 300 ms", kind: "number", start: 800, target: 300, unit: "ms", owner: "leadAi", pace: 0.4, step: 10 },
          ],
        },
        {
          key: "team:Platform",
          title: "Multi-tenant SaaS foundations",
          owner: "cto",
          team: "Platform",
          parent: "C5",
          krs: [
            {
              title: "Customers on the multi-tenant stack from 0 to 10",
              kind: "number",
              start: 0,
              target: 10,
              unit: "customers",
              owner: "cto",
              pace: 0.9,
              step: 1,
            },
          ],
        },
        {
          key: "team:Sales",
          title: "Build a repeatable sales engine",
          owner: "ceo",
          team: "Sales",
          parent: "C1",
          krs: [
            {
              title: "Qualified pipeline to 3 000 k€",
              kind: "number",
              start: 1200,
              target: 3000,
              unit: "k€",
              owner: "ceo",
              pace: 0.95,
              step: 10,
              metric: "kpi.sales_pipeline",
            },
            { title: "Close rate to 30 %", kind: "percent", start: 20, target: 30, unit: "%", owner: "ceo", pace: 0.7, step: 1, metric: "kpi.close_rate" },
          ],
        },
        {
          key: "team:Marketing",
          title: "Brand awareness across Europe",
          owner: "ceo",
          team: "Marketing",
          parent: "C5",
          krs: [{ title: "Inbound leads per month from 40 to 120", kind: "number", start: 40, target: 120, unit: "leads", owner: "ceo", pace: 0.8, step: 1 }],
        },
        {
          key: "team:Operations",
          title: "Hire at the pace of the plan",
          owner: "ceo",
          team: "Operations",
          parent: "C3",
          krs: [{ title: "Requisitions filled this quarter: 20", kind: "number", start: 0, target: 20, unit: "hires", owner: "ceo", pace: 0.3, step: 1 }],
        },
      ],
    },
    {
      ...qp1,
      status: "open",
      objectives: [
        {
          key: "N1",
          title: "Prepare the Series B",
          description: "Draft for the next quarter.",
          owner: "ceo",
          team: null,
          krs: [
            { title: "ARR at 3 M€", kind: "currency", start: mrrQ0 * 12, target: 3_000_000_00, unit: "EUR", owner: "ceo", pace: 0, step: 100 },
            { title: "Burn multiple below 1.5", kind: "number", start: 2.5, target: 1.5, unit: "x", owner: "ceo", pace: 0, step: 0.1 },
          ],
        },
      ],
    },
  ];
}

function roundStep(value: number, step: number): number {
  const r = Math.round(value / step) * step;
  // keep decimal steps clean (0.1 → one decimal)
  return step < 1 ? Math.round(r * 1000) / 1000 : r;
}

export function insertOkrs(db: DbWriter, rng: Rng, cal: DemoCalendar, src: OkrSources, ids: Ids, userId: (key: UserKey) => number): Map<string, number> {
  const objectiveIds = new Map<string, number>();
  const checkIns: (typeof schema.checkIns.$inferInsert)[] = [];

  for (const cycle of cycleSpecs(cal, src)) {
    const startMs = dateToMs(cycle.startDate);
    const endMs = dateToMs(cycle.endDate) + DAY; // exclusive
    const closedAt = cycle.status === "closed" ? Math.min(endMs + 3 * DAY, cal.anchor) : null;
    const cycleRow = db
      .insert(schema.cycles)
      .values({
        name: cycle.name,
        startDate: cycle.startDate,
        endDate: cycle.endDate,
        status: cycle.status,
        closedAt: closedAt === null ? null : new Date(closedAt),
        ...(() => {
          const created = Math.min(startMs - 14 * DAY, cal.anchor);
          return { createdAt: new Date(created), updatedAt: new Date(closedAt ?? created) };
        })(),
      })
      .returning({ id: schema.cycles.id })
      .get();

    const elapsedAt = (t: number) => Math.min(1, Math.max(0, (t - startMs) / (endMs - startMs)));
    // weekly check-ins from the cycle's first Thursday-ish, up to the day before the anchor
    const lastCheckInDay = Math.min(endMs - DAY, cal.anchor - DAY);
    const checkInDays: number[] = [];
    for (let d = startMs + 3 * DAY; d <= lastCheckInDay; d += 7 * DAY) checkInDays.push(d);
    if (cycle.status === "closed" && checkInDays[checkInDays.length - 1] !== endMs - DAY) checkInDays.push(endMs - DAY);

    for (const obj of cycle.objectives) {
      const objectiveCreated = Math.min(startMs - 7 * DAY + rng.int(0, 5) * DAY, cal.anchor);
      const finals: { progress: number; weight: number }[] = [];
      const objRow = db
        .insert(schema.objectives)
        .values({
          cycleId: cycleRow.id,
          title: obj.title,
          description: obj.description ?? null,
          ownerUserId: userId(obj.owner),
          teamId: obj.team === null ? null : (ids.teams.get(obj.team) ?? null),
          parentId: obj.parent ? (objectiveIds.get(obj.parent) ?? null) : null,
          createdAt: new Date(objectiveCreated),
          updatedAt: new Date(objectiveCreated),
        })
        .returning({ id: schema.objectives.id })
        .get();
      objectiveIds.set(obj.key, objRow.id);

      for (const kr of obj.krs) {
        const step = kr.step ?? 1;
        const valueAt = (t: number, noisy: boolean): number => {
          if (kr.kind === "boolean") return kr.doneAt !== null && kr.doneAt !== undefined && elapsedAt(t) >= kr.doneAt ? 1 : 0;
          if (kr.series) return roundStep(kr.series(t), step);
          const pace = kr.pace ?? 1;
          const progress = Math.min(1.05, Math.max(0, pace * elapsedAt(t) * (noisy ? rng.normal(1, 0.06) : 1)));
          return roundStep(kr.start + (kr.target - kr.start) * progress, step);
        };
        const history: { t: number; value: number; confidence: number; note: string | null }[] = [];
        if (startMs < cal.anchor) {
          checkInDays.forEach((day, k) => {
            const isLast = k === checkInDays.length - 1;
            if (!isLast && rng.chance(0.15)) return; // not every week
            const t = day + rng.int(8 * 60, 16 * 60) * MINUTE;
            const value = valueAt(t, true);
            const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (value - kr.start) / (kr.target - kr.start)));
            const expected = elapsedAt(t);
            const ratio = expected === 0 ? 1 : progress / expected;
            const band = ratio >= 0.9 ? "good" : ratio >= 0.7 ? "ok" : "bad";
            const confidence = band === "good" ? rng.int(7, 9) : band === "ok" ? rng.int(5, 7) : rng.int(2, 5);
            history.push({ t, value, confidence, note: rng.chance(0.7) ? rng.pick(NOTES[band]) : null });
          });
        }
        // drawn like the others (the random stream, hence every other figure, stays the same), then left out
        if (kr.quietDays) history.splice(0, history.length, ...history.filter((h) => h.t < cal.anchor - kr.quietDays! * DAY));
        const last = history[history.length - 1];
        const currentValue = last ? last.value : kr.start;
        const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (currentValue - kr.start) / (kr.target - kr.start)));
        const weight = kr.weight ?? 1;
        finals.push({ progress, weight });
        const krCreated = objectiveCreated + HOUR;
        const krRow = db
          .insert(schema.keyResults)
          .values({
            objectiveId: objRow.id,
            title: kr.title,
            kind: kr.kind,
            startValue: kr.start,
            targetValue: kr.target,
            // a linked KR of an open cycle reads its metric (current_value unused); a closed one keeps its value at closing
            currentValue: kr.metric && cycle.status === "open" ? kr.start : currentValue,
            unit: kr.unit,
            metricId: kr.metric ?? null,
            weight,
            ownerUserId: userId(kr.owner),
            finalProgress: cycle.status === "closed" ? Math.round(progress * 100) / 100 : null,
            createdAt: new Date(krCreated),
            updatedAt: new Date(last ? last.t : krCreated),
          })
          .returning({ id: schema.keyResults.id })
          .get();
        for (const h of history) {
          checkIns.push({
            keyResultId: krRow.id,
            // a linked KR's value is its metric's: its check-ins hold confidence and a note only
            value: kr.metric ? null : h.value,
            confidence: h.confidence,
            note: h.note,
            authorUserId: userId(kr.owner),
            createdAt: new Date(h.t),
            updatedAt: new Date(h.t),
          });
        }
      }
      if (cycle.status === "closed") {
        const totalWeight = finals.reduce((s, f) => s + f.weight, 0);
        const score = totalWeight === 0 ? 0 : finals.reduce((s, f) => s + f.progress * f.weight, 0) / totalWeight;
        db.update(schema.objectives)
          .set({ closingScore: Math.round(score * 100) / 100, updatedAt: new Date(closedAt ?? cal.anchor) })
          .where(eq(schema.objectives.id, objRow.id))
          .run();
      }
    }
  }
  insertMany(db, schema.checkIns, checkIns);
  return objectiveIds;
}
