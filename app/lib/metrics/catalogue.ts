/**
 * The metric catalogue: every computed figure of the tracker has ONE id, one label, one unit, one
 * direction, one formula text (the metric contract) and one window / as-of rule. Pure: no I/O.
 * The one function that computes each id lives in app/models/metrics.server.ts (COMPUTE), keyed
 * by the same ids; pages, gates, risk rules, key results, KPIs and GET /api/v1/metrics read
 * figures through it. docs/metrics.md is generated from this list (`npm run docs:metrics`).
 *
 * Product KPIs are data (the kpis table): each KPI is the catalogue metric `kpi.<key>`, its
 * label, unit and direction taken from its row (see kpiMetricDefinition).
 */
import { FORMULAS as DELIVERY_FORMULAS } from "./delivery";
import { FORMULAS as FINANCE_FORMULAS, NOT_BURNING_LABEL } from "./finance";
import { FORMULAS as OKR_FORMULAS } from "./okrs";
import type { Direction } from "./tiers";

/**
 * The unit a metric's value is held in:
 * cents (money, integer minor units), count, months, fraction (0.05 = 5 %), ratio (dimensionless,
 * e.g. burn multiple 1.8×), hours, per_day, date ('YYYY-MM-DD'), boolean (1 = yes, 0 = no),
 * progress (0–1), measure (a KPI's own unit, see `unitText`).
 */
export const METRIC_UNITS = ["cents", "count", "months", "fraction", "ratio", "hours", "per_day", "date", "boolean", "progress", "measure"] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

/**
 * Where a metric's value is read:
 * - closed_month: as of M, the latest closed month (a finance snapshot exists) → asOf 'YYYY-MM';
 * - forecast: projected from M with the open hiring plan → asOf 'YYYY-MM' (M);
 * - today: on the current day (company time zone) → asOf 'YYYY-MM-DD';
 * - window: the delivery window [now − 90 days, now) → window {from, to} (UTC ms);
 * - cycle: the OKR cycle containing today → asOf 'YYYY-MM-DD' (today);
 * - latest_measurement: a KPI's latest measurement → asOf its date.
 */
export const METRIC_SCOPES = ["closed_month", "forecast", "today", "window", "cycle", "latest_measurement"] as const;
export type MetricScope = (typeof METRIC_SCOPES)[number];

export type MetricDomain = "finance" | "people" | "delivery" | "okrs" | "kpi";

export type MetricDefinition = {
  id: string;
  domain: MetricDomain;
  label: string;
  unit: MetricUnit;
  /** a KPI's own unit text ("%", "ms", "pts"); null for the other units */
  unitText: string | null;
  /** which way is better; null when neither (a date, a yes/no) */
  direction: Direction | null;
  /** the metric contract, in words */
  formula: string;
  scope: MetricScope;
  /** the window / as-of, in words */
  window: string;
  /** true when reading it needs the finance:read scope on the API */
  finance: boolean;
};

/** The delivery window every catalogue delivery metric uses: the 90 days before now (metric contract default). */
export const CATALOGUE_WINDOW_DAYS = 90;
const DELIVERY_WINDOW = `The ${CATALOGUE_WINDOW_DAYS} days before now, [now − ${CATALOGUE_WINDOW_DAYS} days, now), on deployment finished time / incident start time; production deployments only; every service.`;
const M = "As of M, the latest closed month (a month is closed once it has a finance snapshot).";

type Def = Omit<MetricDefinition, "id" | "domain" | "unitText" | "finance"> & { unitText?: string | null };

function fin(f: { label: string; formula: string; window: string; direction?: Direction }, unit: MetricUnit, extra: Partial<Def> = {}): Def {
  return { label: f.label, formula: f.formula, window: `${M} ${f.window}`, direction: f.direction ?? null, unit, scope: "closed_month", ...extra };
}

function dora(f: { label: string; formula: string; direction?: Direction }, unit: MetricUnit, extra: Partial<Def> = {}): Def {
  return { label: f.label, formula: f.formula, window: DELIVERY_WINDOW, direction: f.direction ?? null, unit, scope: "window", ...extra };
}

const F = FINANCE_FORMULAS;
const D = DELIVERY_FORMULAS;

const RUNWAY_WITH_HIRING_FORMULA = `Months from the last day of M to the zero-cash date of the cash forecast with the open hiring plan: days ÷ (365.25 ÷ 12). The forecast: ${F.forecast.formula} "${NOT_BURNING_LABEL}" (no value) when the cash stays above 0 for 120 months.`;

/** Every static metric of the catalogue, in display order. Product KPIs (`kpi.<key>`) come from the kpis table. */
const DEFINITIONS = {
  "finance.cash": fin({ label: "Cash", formula: "Cash at the end of M (its finance snapshot).", window: "Month M.", direction: "higher" }, "cents"),
  "finance.gross_burn": fin(F.grossBurn, "cents"),
  "finance.net_burn": fin(F.netBurn, "cents"),
  "finance.avg_net_burn": fin(F.avgNetBurn, "cents"),
  "finance.runway_months": fin(F.runway, "months"),
  "finance.zero_cash_date": fin(F.zeroCashDate, "date"),
  "finance.runway_months_with_hiring_plan": {
    label: "Runway with the open hiring plan",
    formula: RUNWAY_WITH_HIRING_FORMULA,
    window: `${M} Forecast from M+1, up to 120 months.`,
    direction: "higher",
    unit: "months",
    scope: "forecast",
  },
  "finance.zero_cash_date_with_hiring_plan": {
    label: "Zero-cash date with the open hiring plan",
    formula: `The first day the forecast cash with the open hiring plan reaches 0. ${F.forecast.formula}`,
    window: `${M} Forecast from M+1, up to 120 months.`,
    direction: "higher",
    unit: "date",
    scope: "forecast",
  },
  "finance.mrr": fin(F.mrr, "cents"),
  "finance.arr": fin(F.arr, "cents"),
  "finance.mrr_growth": fin(
    {
      label: "MRR growth (month on month)",
      formula: "MRR of M ÷ MRR of M−1 − 1; none when M−1 is not closed or its MRR is 0.",
      window: "MRR of M and M−1.",
      direction: "higher",
    },
    "fraction",
  ),
  "finance.revenue_growth": fin(F.monthlyGrowth, "fraction"),
  "finance.customers": fin(
    { label: "Paying customers", formula: "Customers at the end of M (its finance snapshot).", window: "Month M.", direction: "higher" },
    "count",
  ),
  "finance.churn": fin(F.churn, "fraction"),
  "finance.burn_multiple": fin(F.burnMultiple, "ratio"),
  "finance.cac": fin(F.cac, "cents"),
  "finance.ltv": fin(F.ltv, "cents"),
  "finance.ltv_to_cac": fin(F.ltvToCac, "ratio"),
  "finance.default_alive": fin(F.defaultAlive, "boolean"),
  "finance.growth_needed": fin(F.growthNeeded, "fraction"),
  "finance.gross_margin": fin(F.grossMargin, "fraction"),
  "finance.funding_raised": fin(F.fundingRaised, "cents"),
  "people.headcount": {
    label: "Headcount",
    formula: "Employees whose start date ≤ today < end date (no end date: still employed). People who start later are not counted yet.",
    window: "Today, in the company's time zone.",
    direction: null,
    unit: "count",
    scope: "today",
  },
  "people.headcount_planned": {
    label: "Planned headcount",
    formula:
      "Employees employed at the end of the current month (signed starts included) + open hiring requisitions (neither hired nor cancelled) whose target start month is the current month or earlier.",
    window: "Today, in the company's time zone.",
    direction: null,
    unit: "count",
    scope: "today",
  },
  "delivery.deployments": dora(
    {
      label: "Production deployments",
      formula: "Count of successful production deployments finished in the window (failed deployments are not deployments).",
      direction: "higher",
    },
    "count",
  ),
  "delivery.deploys_per_day": dora(D.deployment_frequency, "per_day"),
  "delivery.lead_time_hours": dora(D.lead_time, "hours"),
  "delivery.change_failure_rate": dora(D.change_failure_rate, "fraction"),
  "delivery.time_to_restore_hours": dora(D.time_to_restore, "hours"),
  "delivery.mttr_hours": dora(D.mttr, "hours"),
  "delivery.rework_rate": dora(D.rework_rate, "fraction"),
  "okrs.company_progress": {
    label: "Company OKR progress",
    formula: `Mean of the progress of the company-level objectives (no team) of the cycle, objectives without key results left out. ${OKR_FORMULAS.objective_progress.formula}`,
    window: "The OKR cycle containing today.",
    direction: "higher",
    unit: "progress",
    scope: "cycle",
  },
} satisfies Record<string, Def>;

export type StaticMetricId = keyof typeof DEFINITIONS;
/** `kpi.<key>`: a product KPI of the kpis table. */
export type KpiMetricId = `kpi.${string}`;
export type MetricId = StaticMetricId | KpiMetricId;

export const STATIC_METRIC_IDS = Object.keys(DEFINITIONS) as StaticMetricId[];

function domainOf(id: string): MetricDomain {
  return id.slice(0, id.indexOf(".")) as MetricDomain;
}

/** The static metrics, in display order. */
export const CATALOGUE: readonly MetricDefinition[] = STATIC_METRIC_IDS.map((id) => {
  const d: Def = DEFINITIONS[id];
  const domain = domainOf(id);
  return { id, domain, ...d, unitText: d.unitText ?? null, finance: domain === "finance" };
});

const BY_ID = new Map(CATALOGUE.map((d) => [d.id, d]));

export function isStaticMetricId(id: string): id is StaticMetricId {
  return BY_ID.has(id);
}

/** KPI keys: lower-case letters, digits and underscores (as the KPI form enforces). */
const KPI_ID = /^kpi\.[a-z0-9_]{1,60}$/;

/** Whether `id` is shaped like a KPI metric id (`kpi.<key>`); whether that KPI exists is the database's say. */
export function isKpiMetricId(id: string): id is KpiMetricId {
  return KPI_ID.test(id);
}

export function kpiMetricId(key: string): KpiMetricId {
  return `kpi.${key}`;
}

export function kpiKeyOf(id: KpiMetricId): string {
  return id.slice(4);
}

/** The definition of a static metric; null for a KPI id or an unknown id. */
export function metricDefinition(id: string): MetricDefinition | null {
  return BY_ID.get(id) ?? null;
}

/** A KPI row as the catalogue sees it. */
export type KpiDefinitionSource = {
  key: string;
  name: string;
  unit: string | null;
  direction: Direction;
  /** "manual", or the catalogue id it is computed from */
  source: string;
};

/** The catalogue definition of a product KPI, from its row. */
export function kpiMetricDefinition(k: KpiDefinitionSource): MetricDefinition {
  const computed = k.source !== "manual" ? metricDefinition(kpiSourceMetricId(k.source) ?? "") : null;
  if (computed) {
    return { ...computed, id: kpiMetricId(k.key), domain: "kpi", label: k.name, direction: k.direction, finance: computed.finance };
  }
  return {
    id: kpiMetricId(k.key),
    domain: "kpi",
    label: k.name,
    unit: "measure",
    unitText: k.unit,
    direction: k.direction,
    formula: "The latest measurement of the KPI (entered on its page, imported as CSV or pushed by monitoring).",
    scope: "latest_measurement",
    window: "The latest measurement, on or before today.",
    finance: false,
  };
}

/** The catalogue metric a computed KPI source reads (kpis.source), null for "manual". */
export function kpiSourceMetricId(source: string): StaticMetricId | null {
  if (source === "delivery.deployments_per_day") return "delivery.deploys_per_day";
  return isStaticMetricId(source) ? source : null;
}

// ---------------------------------------------------------------------------------------------------
// Migration of the former gate metric keys (app/lib/metrics/governance.ts before the catalogue)
// ---------------------------------------------------------------------------------------------------

/**
 * Former gate metric key → catalogue id. The *_30d delivery keys become the catalogue's delivery
 * metrics (90-day window, one window everywhere). `runway_months` maps to finance.runway_months,
 * except in gates deciding on hiring (see migration 0014) which use the runway with the hiring plan.
 */
export const LEGACY_GATE_METRIC_IDS: Readonly<Record<string, StaticMetricId | KpiMetricId>> = Object.freeze({
  customers: "finance.customers",
  arr_cents: "finance.arr",
  mrr_cents: "finance.mrr",
  runway_months: "finance.runway_months",
  cash_cents: "finance.cash",
  monthly_growth: "finance.revenue_growth",
  burn_multiple: "finance.burn_multiple",
  change_failure_rate_30d: "delivery.change_failure_rate",
  deploys_per_day_30d: "delivery.deploys_per_day",
  lead_time_hours_30d: "delivery.lead_time_hours",
  time_to_restore_hours_30d: "delivery.time_to_restore_hours",
  headcount: "people.headcount",
  net_burn_cents: "finance.net_burn",
  kpi_nps: "kpi.nps",
  kpi_bugs_p0: "kpi.bugs_p0",
});

// ---------------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------------

/** A metric's value: a number in its unit, a 'YYYY-MM-DD' for unit 'date', null = no data. */
export type MetricValue = number | string | null;

/** Where the value was read: asOf ('YYYY-MM' or 'YYYY-MM-DD') or a window (UTC ms, half-open). */
export type MetricReading = { value: MetricValue; asOf?: string | null; window?: { from: number; to: number } };

/** The numeric value of a reading (a date or no data → null), for comparisons. */
export function numericValue(v: MetricValue): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * A metric's label in the reader's language: a static catalogue metric's label is interface text
 * (the `metrics` namespace); a product KPI's (`kpi.<key>`) is data people wrote, shown as written.
 */
export function metricLabelText(t: (key: string, options: { ns: "metrics" }) => string, id: string, label: string): string {
  return id.startsWith("kpi.") ? label : t(label, { ns: "metrics" });
}
