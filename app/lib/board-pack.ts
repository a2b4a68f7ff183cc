/**
 * The monthly board pack, pure part: its sections, the shape of the figures frozen when it is
 * published, and the change since the previous published pack. Browser-safe (no I/O).
 * The figures come from the metric catalogue (app/models/board-pack.server.ts assembles them);
 * this module never computes a metric.
 */
import { N_ } from "~/i18n/mark";
import type { MetricUnit, MetricValue } from "~/lib/metrics/catalogue";
import type { CriterionOutcome, GateOperator, GateVerdict } from "~/lib/metrics/governance";
import type { TargetComparison } from "~/lib/metrics/targets";
import type { Direction } from "~/lib/metrics/tiers";
import { fiscalYearMonths, fiscalYearOf } from "~/lib/months";
import { DAY_MS } from "~/lib/time";
import type { GATE_DECISIONS } from "../../db/schema/enums";

/** The sections of a pack, in order; each has the CEO's commentary and, where it has any, catalogue metrics. Titles: render with t(title) (reports). */
export const BOARD_PACK_SECTIONS = [
  {
    id: "cash",
    title: N_("Cash, burn and runway", "reports"),
    metrics: [
      "finance.cash",
      "finance.gross_burn",
      "finance.net_burn",
      "finance.runway_months",
      "finance.runway_months_with_hiring_plan",
      "finance.zero_cash_date",
      "finance.burn_multiple",
    ],
  },
  { id: "revenue", title: N_("Revenue and growth", "reports"), metrics: ["finance.mrr", "finance.arr", "finance.mrr_growth"] },
  { id: "customers", title: N_("Customers and churn", "reports"), metrics: ["finance.customers", "finance.churn", "finance.ltv_to_cac"] },
  { id: "people", title: N_("Headcount vs plan", "reports"), metrics: ["people.headcount", "people.headcount_planned"] },
  { id: "budget", title: N_("Budget vs actual", "reports"), metrics: [] },
  { id: "okrs", title: N_("OKR health", "reports"), metrics: ["okrs.company_progress"] },
  { id: "risks", title: N_("Top risks", "reports"), metrics: [] },
  { id: "gates", title: N_("Decision gates", "reports"), metrics: [] },
  {
    id: "delivery",
    title: N_("Delivery (DORA)", "reports"),
    metrics: ["delivery.deploys_per_day", "delivery.lead_time_hours", "delivery.change_failure_rate", "delivery.time_to_restore_hours"],
  },
] as const satisfies readonly { id: string; title: string; metrics: readonly string[] }[];

export type BoardPackSectionId = (typeof BOARD_PACK_SECTIONS)[number]["id"];
export const BOARD_PACK_SECTION_IDS = BOARD_PACK_SECTIONS.map((s) => s.id) as BoardPackSectionId[];
/** Every catalogue metric a pack holds, in section order. */
export const BOARD_PACK_METRIC_IDS: readonly string[] = BOARD_PACK_SECTIONS.flatMap((s) => s.metrics);

/** Longest commentary per section, characters. */
export const COMMENTARY_MAX = 4000;

/** One catalogue figure as it stood when the pack was assembled. */
export type PackMetric = {
  id: string;
  label: string;
  unit: MetricUnit;
  unitText: string | null;
  direction: Direction | null;
  formula: string;
  windowText: string;
  value: MetricValue;
  asOf: string | null;
  window: { from: number; to: number } | null;
  target: { comparison: TargetComparison; value: number } | null;
};

/** Planned and actual spend of one budget category (actual null: not recorded). */
export type PackBudgetRow = { category: string; plannedCents: number; actualCents: number | null };

export type PackObjective = { title: string; progress: number | null; expected: number; status: "on_track" | "at_risk" | "off_track" | null };
export type PackRisk = {
  id: number;
  title: string;
  category: string;
  residualScore: number;
  residualLevel: string;
  ownerName: string | null;
  raisedByRule: boolean;
};
export type PackGate = {
  id: number;
  name: string;
  dueDate: string;
  verdict: GateVerdict;
  criteria: { metric: string; label: string; operator: GateOperator; threshold: number; value: number | null; outcome: CriterionOutcome }[];
  /** manual criteria as they stood (absent from packs published before they counted) */
  manual?: { label: string; checked: boolean; checkedByName: string | null }[];
  /** the gate's last recorded decision when the figures were read; null = none (absent from older packs) */
  lastDecision?: { decision: (typeof GATE_DECISIONS)[number]; alternative: string | null; decidedByName: string | null; decidedAt: number } | null;
};

/** Everything a pack shows, frozen at publication (stored as JSON in board_packs.figures). */
export type BoardPackFigures = {
  version: 1;
  /** the pack's month M */
  month: string;
  /** when the figures were read (UTC ms) */
  computedAt: number;
  metrics: Record<string, PackMetric>;
  /** the last 12 closed months up to M (their snapshots and actual spend), for the chart */
  cashSeries: { month: string; cashCents: number; grossBurnCents: number; revenueCents: number }[];
  budget: { month: PackBudgetRow[]; yearToDate: PackBudgetRow[]; fiscalYearStart: string };
  headcountTarget: number | null;
  okrs: { cycleName: string | null; counts: { on_track: number; at_risk: number; off_track: number }; objectives: PackObjective[] };
  risks: PackRisk[];
  gates: PackGate[];
};

export type MetricChange = {
  id: string;
  previous: MetricValue;
  current: MetricValue;
  /** current − previous for numbers; days between dates for a date; null when either is missing */
  delta: number | null;
  /** "better" / "worse" along the metric's direction; "same"; null when not comparable */
  verdict: "better" | "worse" | "same" | null;
};

function dateDelta(a: string, b: string): number | null {
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  return Number.isFinite(ta) && Number.isFinite(tb) ? Math.round((tb - ta) / DAY_MS) : null;
}

/**
 * The change of every metric of `current` since `previous` (the previous published pack). A date
 * moves in days (later is better for a zero-cash date: its direction is null, so no verdict is
 * made); a metric missing from either pack, or without a value, has delta null.
 */
export function changesSince(previous: BoardPackFigures | null, current: BoardPackFigures): Record<string, MetricChange> {
  const out: Record<string, MetricChange> = {};
  if (!previous) return out;
  for (const [id, cur] of Object.entries(current.metrics)) {
    const prev = previous.metrics[id];
    if (!prev) continue;
    let delta: number | null = null;
    if (typeof cur.value === "number" && typeof prev.value === "number") delta = cur.value - prev.value;
    else if (typeof cur.value === "string" && typeof prev.value === "string") delta = dateDelta(prev.value, cur.value);
    let verdict: MetricChange["verdict"] = null;
    if (delta !== null) {
      if (delta === 0) verdict = "same";
      else if (cur.direction) verdict = delta > 0 === (cur.direction === "higher") ? "better" : "worse";
    }
    out[id] = { id, previous: prev.value, current: cur.value, delta, verdict };
  }
  return out;
}

/** Sum of a budget table (actual: the recorded ones; null when none is). */
export function budgetTotals(rows: readonly PackBudgetRow[]): PackBudgetRow {
  let planned = 0;
  let actual: number | null = null;
  for (const r of rows) {
    planned += r.plannedCents;
    if (r.actualCents !== null) actual = (actual ?? 0) + r.actualCents;
  }
  return { category: "Total", plannedCents: planned, actualCents: actual };
}

/** The first month of the fiscal year containing `month` (the months helpers' fiscal-year rule). */
export function fiscalYearStartOf(month: string, startMonth: number): string {
  return fiscalYearMonths(fiscalYearOf(month, startMonth), startMonth).from;
}
