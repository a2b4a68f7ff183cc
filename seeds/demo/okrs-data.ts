/**
 * The demo's OKR cycles as literal data: two closed quarters, the current one (./okrs-data-current.ts)
 * and the next; key results that follow the demo's own figures read them from ./okrs-series.ts.
 */
import type { schema } from "../../db/client";
import type { TeamName, UserKey } from "../demo-data";
import type { DemoCalendar } from "./calendar";
import { roundTo } from "./finance";
import { currentCycleObjectives } from "./okrs-data-current";
import { okrSeries, type OkrSources } from "./okrs-series";

type KrKind = (typeof schema.KR_KINDS)[number];

export type KrSpec = {
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

export type ObjectiveSpec = {
  key: string;
  title: string;
  description?: string;
  owner: UserKey;
  team: TeamName | null;
  parent?: string;
  krs: KrSpec[];
};

export type CycleSpec = { name: string; startDate: string; endDate: string; status: "open" | "closed"; objectives: ObjectiveSpec[] };

/** Check-in notes, by how the key result is doing against its pace. */
export const NOTES = {
  good: ["On track, shipped as planned.", "Good week, ahead of plan.", "Trend holds; no blocker.", "Delivered the main milestone."],
  ok: ["Slightly behind, catching up next sprint.", "Some slippage; scope trimmed.", "Dependencies on another squad.", "Watching it closely."],
  bad: ["Blocked: waiting on hires.", "Behind plan; re-planning with the team.", "Needs a decision from leadership.", "Capacity went to incidents this week."],
} as const;

/** Every cycle of the demo, oldest first. */
export function cycleSpecs(cal: DemoCalendar, src: OkrSources): CycleSpec[] {
  const s = okrSeries(cal, src);
  const { qm2, qm1, q0, qp1, mrr, customers, eur, mrrQm1, custQm2, mrrQ0 } = s;
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
      objectives: [...currentCycleObjectives(s)],
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
