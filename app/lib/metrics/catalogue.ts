/**
 * The metric catalogue: every computed figure of the tracker has ONE id, one label, one unit, one
 * direction, one formula text (the metric contract) and one window / as-of rule. Pure: no I/O.
 * The one function that computes each id lives in app/models/metrics/compute.server.ts (COMPUTE), keyed
 * by the same ids; pages, gates, risk rules, key results, KPIs and GET /api/v1/metrics read
 * figures through it. docs/metrics.md is generated from this list (`npm run docs:metrics`).
 *
 * Product KPIs are data (the kpis table): each KPI is the catalogue metric `kpi.<key>`, its
 * label, unit and direction taken from its row (see kpiMetricDefinition).
 */
import { N_ } from "~/i18n/mark";
import { FORMULAS as DELIVERY_FORMULAS } from "./delivery";
import { FORMULAS as FINANCE_FORMULAS } from "./finance";
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

// ---------------------------------------------------------------------------------------------------
// Texts in the reader's language
// ---------------------------------------------------------------------------------------------------

/** One piece of a catalogue text: a key of the `metrics` namespace, with its values. */
type TextPart = string | { key: string; values: Record<string, string | number> };

/** The catalogue's composed texts (formula, window) → their pieces, so each is translated piece by piece (metricTexts). */
const COMPOSED = new Map<string, readonly TextPart[]>();

function fill(key: string, values: Record<string, string | number>): string {
  return key.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ""));
}

/** The English text of pieces joined by a space, remembered so that metricTexts can translate it. */
function compose(...parts: TextPart[]): string {
  const text = parts.map((p) => (typeof p === "string" ? p : fill(p.key, p.values))).join(" ");
  COMPOSED.set(text, parts);
  return text;
}

const DELIVERY_WINDOW = compose({
  key: N_(
    "The {{days}} days before now, [now − {{days}} days, now), on deployment finished time / incident start time; production deployments only; every service.",
    "metrics",
  ),
  values: { days: CATALOGUE_WINDOW_DAYS },
});
const M = N_("As of M, the latest closed month (a month is closed once it has a finance snapshot).", "metrics");

type Def = Omit<MetricDefinition, "id" | "domain" | "unitText" | "finance"> & { unitText?: string | null };

function fin(f: { label: string; formula: string; window: string; direction?: Direction }, unit: MetricUnit, extra: Partial<Def> = {}): Def {
  return { label: f.label, formula: f.formula, window: compose(M, f.window), direction: f.direction ?? null, unit, scope: "closed_month", ...extra };
}

function dora(f: { label: string; formula: string; direction?: Direction }, unit: MetricUnit, extra: Partial<Def> = {}): Def {
  return { label: f.label, formula: f.formula, window: DELIVERY_WINDOW, direction: f.direction ?? null, unit, scope: "window", ...extra };
}

const F = FINANCE_FORMULAS;
const D = DELIVERY_FORMULAS;

const RUNWAY_WITH_HIRING_FORMULA = compose(
  N_("Months from the last day of M to the zero-cash date of the cash forecast with the open hiring plan: days ÷ (365.25 ÷ 12). The forecast:", "metrics"),
  F.forecast.formula,
  N_('"not burning" (no value) when the cash stays above 0 for 120 months.', "metrics"),
);
const FORECAST_WINDOW = compose(M, N_("Forecast from M+1, up to 120 months.", "metrics"));

/**
 * Texts of the catalogue written in other modules (delivery and OKR formulas), marked here too so
 * that the `metrics` namespace holds every text a catalogue definition shows.
 */
export const BORROWED_TEXTS = [
  N_("Deployment frequency", "metrics"),
  N_(
    "Successful production deployments finished in the window ÷ days in the window (per day; × 7 per week). Elite ≥ 7/week, high ≥ 1/week, medium ≥ 1 per 30 days, else low.",
    "metrics",
  ),
  N_("Lead time for changes", "metrics"),
  N_(
    "Median, over the commits of successful production deployments finished in the window, of (deployment finished − commit time), in hours; values ≤ 0 dropped; a deployment with only a first-commit time contributes that one value. Elite < 24 h, high < 7 days, medium < 30 days, else low.",
    "metrics",
  ),
  N_("Change failure rate", "metrics"),
  N_(
    "Successful production deployments finished in the window that caused at least one incident (explicitly or inferred) ÷ successful production deployments finished in the window. Elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, else low (DORA 2023).",
    "metrics",
  ),
  N_("Time to restore service", "metrics"),
  N_(
    "Median of (resolved − started) over incidents started in the window and resolved, in hours. Elite < 1 h, high < 24 h, medium < 7 days, else low.",
    "metrics",
  ),
  N_("Mean time to restore (MTTR)", "metrics"),
  N_("Mean of (resolved − started) over incidents started in the window and resolved, in hours.", "metrics"),
  N_("Rework rate", "metrics"),
  N_(
    "Successful production deployments finished in the window flagged hotfix or rollback ÷ successful production deployments finished in the window (DORA 2024).",
    "metrics",
  ),
  N_("Weighted mean of its key results' progress (weight default 1). No data when it has no key results.", "metrics"),
] as const;

/** Every static metric of the catalogue, in display order. Product KPIs (`kpi.<key>`) come from the kpis table. */
const DEFINITIONS = {
  "finance.cash": fin(
    {
      label: N_("Cash", "metrics"),
      formula: N_("Cash at the end of M (its finance snapshot).", "metrics"),
      window: N_("Month M.", "metrics"),
      direction: "higher",
    },
    "cents",
  ),
  "finance.gross_burn": fin(F.grossBurn, "cents"),
  "finance.net_burn": fin(F.netBurn, "cents"),
  "finance.avg_net_burn": fin(F.avgNetBurn, "cents"),
  "finance.runway_months": fin(F.runway, "months"),
  "finance.zero_cash_date": fin(F.zeroCashDate, "date"),
  "finance.runway_months_with_hiring_plan": {
    label: N_("Runway with the open hiring plan", "metrics"),
    formula: RUNWAY_WITH_HIRING_FORMULA,
    window: FORECAST_WINDOW,
    direction: "higher",
    unit: "months",
    scope: "forecast",
  },
  "finance.zero_cash_date_with_hiring_plan": {
    label: N_("Zero-cash date with the open hiring plan", "metrics"),
    formula: compose(N_("The first day the forecast cash with the open hiring plan reaches 0.", "metrics"), F.forecast.formula),
    window: FORECAST_WINDOW,
    direction: "higher",
    unit: "date",
    scope: "forecast",
  },
  "finance.mrr": fin(F.mrr, "cents"),
  "finance.arr": fin(F.arr, "cents"),
  "finance.mrr_growth": fin(
    {
      label: N_("MRR growth (month on month)", "metrics"),
      formula: N_("MRR of M ÷ MRR of M−1 − 1; none when M−1 is not closed or its MRR is 0.", "metrics"),
      window: N_("MRR of M and M−1.", "metrics"),
      direction: "higher",
    },
    "fraction",
  ),
  "finance.revenue_growth": fin(F.monthlyGrowth, "fraction"),
  "finance.customers": fin(
    {
      label: N_("Paying customers", "metrics"),
      formula: N_("Customers at the end of M (its finance snapshot).", "metrics"),
      window: N_("Month M.", "metrics"),
      direction: "higher",
    },
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
    label: N_("Headcount", "metrics"),
    formula: N_("Employees whose start date ≤ today < end date (no end date: still employed). People who start later are not counted yet.", "metrics"),
    window: N_("Today, in the company's time zone.", "metrics"),
    direction: null,
    unit: "count",
    scope: "today",
  },
  "people.headcount_planned": {
    label: N_("Planned headcount", "metrics"),
    formula: N_(
      "Employees employed at the end of the current month (signed starts included) + open hiring requisitions (neither hired nor cancelled) whose target start month is the current month or earlier.",
      "metrics",
    ),
    window: N_("Today, in the company's time zone.", "metrics"),
    direction: null,
    unit: "count",
    scope: "today",
  },
  "delivery.deployments": dora(
    {
      label: N_("Production deployments", "metrics"),
      formula: N_("Count of successful production deployments finished in the window (failed deployments are not deployments).", "metrics"),
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
    label: N_("Company OKR progress", "metrics"),
    formula: compose(
      N_("Mean of the progress of the company-level objectives (no team) of the cycle, objectives without key results left out.", "metrics"),
      OKR_FORMULAS.objective_progress.formula,
    ),
    window: N_("The OKR cycle containing today.", "metrics"),
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
    formula: N_("The latest measurement of the KPI (entered on its page, imported as CSV or pushed by monitoring).", "metrics"),
    scope: "latest_measurement",
    window: N_("The latest measurement, on or before today.", "metrics"),
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

type MetricsT = (key: string, options: { ns: "metrics" } & Record<string, unknown>) => string;

/**
 * A metric in a list to choose from, in the reader's language: "Net burn (finance.net_burn)", a
 * KPI as "KPI: <its name>" (a name people wrote, kept as written).
 */
export function metricOptionLabel(t: MetricsT, option: { id: string; label: string }, opts: { withId?: boolean } = {}): string {
  if (option.id.startsWith("kpi.")) return t("KPI: {{name}}", { ns: "metrics", name: option.label });
  const label = t(option.label, { ns: "metrics" });
  return opts.withId === false ? label : `${label} (${option.id})`;
}

function translated(t: MetricsT, text: string): string {
  const parts = COMPOSED.get(text);
  if (!parts) return t(text, { ns: "metrics" });
  return parts.map((p) => (typeof p === "string" ? translated(t, p) : t(p.key, { ns: "metrics", ...p.values }))).join(" ");
}

/**
 * A catalogue metric's label, formula and window in the reader's language (`t` of any namespace:
 * the texts are read in `metrics`). A product KPI's label is its name, as written; its formula and
 * window are the catalogue's. The docs generator reads the English definitions directly.
 */
export function metricTexts(
  t: MetricsT,
  def: Pick<MetricDefinition, "id" | "label" | "formula" | "window">,
): { label: string; formula: string; window: string } {
  return { label: metricLabelText(t, def.id, def.label), formula: translated(t, def.formula), window: translated(t, def.window) };
}
