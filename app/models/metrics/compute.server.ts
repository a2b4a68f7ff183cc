/**
 * The metric catalogue's compute side: the ONE function per catalogue id (COMPUTE), built on the
 * domains' query functions (never re-computing a formula here), read through the per-request
 * MetricContext (./context.server.ts). The picks behind it (finance field, closed-month extra, DORA
 * figure per id) are shared with the past readings (./history.server.ts), so both read the same.
 */
import type { MetricReading, MetricValue, StaticMetricId } from "~/lib/metrics/catalogue";
import { grossMarginOf, monthsUntil, mrrGrowth } from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import type { DoraPart } from "~/models/delivery-metrics/aggregates.server";
import type { FinanceMonthExtras } from "~/models/finance.server";
import type { MetricContext } from "~/models/metrics/context.server";

type Compute = (ctx: MetricContext) => MetricReading;

type FinanceMetricsRow = NonNullable<ReturnType<MetricContext["finance"]>>;
type DoraRow = NonNullable<ReturnType<MetricContext["dora"]>>;

/** The finance metrics' field, per id (the compute and the monthly history read the same field). */
export const FINANCE_FIELDS = new Map<string, keyof FinanceMetricsRow>();
export function pickFinance(f: FinanceMetricsRow, key: keyof FinanceMetricsRow): MetricValue {
  const v = f[key];
  return typeof v === "boolean" ? (v ? 1 : 0) : ((v as MetricValue) ?? null);
}

function finance<K extends keyof FinanceMetricsRow>(key: K): Compute {
  const compute: Compute = (ctx) => {
    const f = ctx.finance();
    return { value: f ? pickFinance(f, key) : null, asOf: f?.asOfMonth ?? null };
  };
  (compute as Compute & { field?: K }).field = key;
  return compute;
}

/** The closed-month figures FinanceMetrics does not carry, per id (the compute, the history and the as-of reading pick the same). */
export const EXTRA_PICKS = new Map<string, (e: FinanceMonthExtras) => number | null>();
function extra(pick: (e: FinanceMonthExtras) => number | null): Compute {
  const compute: Compute = (ctx) => {
    const e = ctx.financeExtras();
    return { value: e ? pick(e) : null, asOf: e?.month ?? null };
  };
  (compute as Compute & { extra?: typeof pick }).extra = pick;
  return compute;
}

/** The DORA figure, per id (the compute, the previous window and the weekly history read the same pick). */
export const DORA_PICKS = new Map<string, (d: DoraRow) => number | null>();
/** The part of the DORA figures each delivery id's pick reads (only that part is computed for it). */
export const DORA_PARTS = new Map<string, DoraPart>();
function dora(part: DoraPart, pick: (d: DoraRow) => number | null): Compute {
  const compute: Compute = (ctx) => {
    const d = ctx.doraPart(part);
    return { value: d ? pick(d) : null, window: ctx.window };
  };
  Object.assign(compute, { pick, part });
  return compute;
}

export const COMPUTE: Readonly<Record<StaticMetricId, Compute>> = {
  "finance.cash": finance("cashCents"),
  "finance.gross_burn": finance("grossBurnCents"),
  "finance.net_burn": finance("netBurnCents"),
  "finance.avg_net_burn": finance("avgNetBurnCents"),
  "finance.runway_months": finance("runwayMonths"),
  "finance.zero_cash_date": finance("zeroCashDate"),
  "finance.runway_months_with_hiring_plan": (ctx) => {
    const f = ctx.forecast();
    return { value: f ? monthsUntil(f.asOfMonth, f.zeroCashDateWith) : null, asOf: f?.asOfMonth ?? null };
  },
  "finance.zero_cash_date_with_hiring_plan": (ctx) => {
    const f = ctx.forecast();
    return { value: f?.zeroCashDateWith ?? null, asOf: f?.asOfMonth ?? null };
  },
  "finance.mrr": finance("mrrCents"),
  "finance.arr": finance("arrCents"),
  "finance.mrr_growth": (ctx) => {
    const fp = ctx.financeWithPrevious();
    if (!fp) return { value: null, asOf: null };
    const prev = fp.previous && fp.previous.asOfMonth === addMonths(fp.current.asOfMonth, -1) ? fp.previous.mrrCents : null;
    return { value: mrrGrowth(fp.current.mrrCents, prev), asOf: fp.current.asOfMonth };
  },
  "finance.revenue_growth": finance("monthlyGrowth"),
  "finance.customers": finance("customers"),
  "finance.churn": finance("churnRate"),
  "finance.burn_multiple": finance("burnMultiple"),
  "finance.cac": finance("cacCents"),
  "finance.ltv": finance("ltvCents"),
  "finance.ltv_to_cac": finance("ltvToCac"),
  "finance.default_alive": finance("defaultAlive"),
  "finance.growth_needed": finance("growthNeeded"),
  "finance.gross_margin": extra((e) => grossMarginOf(e.revenueCents, e.costOfRevenueCents)),
  "finance.funding_raised": extra((e) => e.fundingRaisedYtdCents),
  "people.headcount": (ctx) => ({ value: ctx.headcount()?.actual ?? null, asOf: ctx.today }),
  "people.headcount_planned": (ctx) => ({ value: ctx.headcount()?.planned ?? null, asOf: ctx.today }),
  "delivery.deployments": dora("counts", (d) => d.deploymentFrequency.count),
  "delivery.deploys_per_day": dora("counts", (d) => (d.deploymentFrequency.count > 0 ? d.deploymentFrequency.perDay : null)),
  "delivery.lead_time_hours": dora("lead", (d) => d.leadTime.medianHours),
  "delivery.change_failure_rate": dora("counts", (d) => d.changeFailureRate.rate),
  "delivery.time_to_restore_hours": dora("restore", (d) => d.timeToRestore.medianHours),
  "delivery.mttr_hours": dora("restore", (d) => d.timeToRestore.meanHours),
  "delivery.rework_rate": dora("counts", (d) => d.reworkRate.rate),
  "okrs.company_progress": (ctx) => ({ value: ctx.companyOkrProgress() ?? null, asOf: ctx.today }),
};

for (const [id, c] of Object.entries(COMPUTE) as [
  string,
  Compute & { field?: keyof FinanceMetricsRow; pick?: (d: DoraRow) => number | null; part?: DoraPart; extra?: (e: FinanceMonthExtras) => number | null },
][]) {
  if (c.field) FINANCE_FIELDS.set(id, c.field);
  if (c.extra) EXTRA_PICKS.set(id, c.extra);
  if (c.pick) DORA_PICKS.set(id, c.pick);
  if (c.part) DORA_PARTS.set(id, c.part);
}
