/** The cash forecast with and without the hiring plan, and its redaction for users who may not see salaries. */
import { sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import {
  computeFinanceMetrics,
  forecastCash,
  forecastTotals,
  requisitionDeltaDays,
  type HiringPlanInput,
  type CashForecast,
  type ForecastMonth,
  type ForecastRequisition,
  type RequisitionImpact,
} from "~/lib/metrics/finance";
import { addMonths } from "~/lib/months";
import { getFinanceMonthSeries, plannedByMonth } from "~/models/finance/metrics.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// Forecast
// ---------------------------------------------------------------------------------------------

export const DEFAULT_FORECAST_HORIZON = 36;

export type ForecastRequisitionImpact = RequisitionImpact & {
  teamId: number | null;
  teamName: string | null;
  teamIsTech: boolean;
  targetStartMonth: string;
  status: string;
  priority: string;
};

export type FinanceCashForecast = Omit<CashForecast, "requisitionImpacts"> & {
  asOfMonth: string;
  /** last month with planned budget lines after M; later months hold its total flat (null: none, M's gross burn held) */
  plannedThrough: string | null;
  startCashCents: number;
  monthlyGrowth: number;
  loadedCostFactor: number;
  requisitionImpacts: ForecastRequisitionImpact[];
};

/** What every forecast starts from: the latest closed month M, its metrics and the planned spend of the months after it. */
function forecastBase(db: Db, opts: { asOf?: string; horizonMonths?: number }) {
  const horizon = opts.horizonMonths ?? DEFAULT_FORECAST_HORIZON;
  const series = getFinanceMonthSeries(db, { asOf: opts.asOf, count: 1 });
  if (series.months.length === 0) return null;
  const metrics = computeFinanceMetrics(series.months, series.settings, opts.asOf);
  if (!metrics) return null;
  const M = metrics.asOfMonth;
  const planned = plannedByMonth(db, addMonths(M, 1), addMonths(M, Math.max(1, horizon)));
  // Past the last planned month the budget says nothing: hold the last planned month's total
  // flat (or M's gross burn when nothing is planned after M) rather than forecast zero spend.
  // docs/decisions/101-finance-forecast-and-imports.md ("Plan held flat")
  const plannedMonths = Object.keys(planned).sort();
  const plannedThrough = plannedMonths.at(-1) ?? null;
  const flat = plannedThrough ? planned[plannedThrough] : metrics.grossBurnCents;
  for (let k = 1; k <= horizon; k++) {
    const m = addMonths(M, k);
    if (plannedThrough === null || m > plannedThrough) planned[m] = flat;
  }
  return { M, metrics, series, planned, plannedThrough, horizon };
}

type ForecastBase = NonNullable<ReturnType<typeof forecastBase>>;

/** What a forecast states about where it starts, beside its series (getCashForecast, getCashForecastTotals). */
function forecastStart({ M, metrics, series, plannedThrough }: ForecastBase) {
  return {
    asOfMonth: M,
    plannedThrough,
    startCashCents: metrics.cashCents,
    monthlyGrowth: metrics.monthlyGrowth,
    loadedCostFactor: series.settings.loadedCostFactor,
  };
}

/** The whole open hiring plan as its cost per target start month (summed in SQL), over a forecast's start. */
function hiringPlanInput(db: Db, { M, metrics, series, planned, horizon }: ForecastBase): HiringPlanInput {
  const factor = series.settings.loadedCostFactor;
  return {
    lastClosed: { month: M, cashCents: metrics.cashCents, revenueCents: metrics.revenueCents },
    monthlyGrowth: metrics.monthlyGrowth,
    plannedByMonth: planned,
    costByStartMonth: hiringPlanCostByStartMonth(db, factor),
    loadedCostFactor: factor,
    horizonMonths: horizon,
  };
}

/**
 * Cash forecast after M (latest closed month ≤ asOf): planned budget lines of the following
 * months (after the last planned month, its total held flat; M's gross burn when nothing is
 * planned), revenue growing by g, with and without the open hiring plan (requisitions whose status
 * is not 'hired' nor 'cancelled'), with the Δ zero-cash days of each requisition.
 *
 * The result holds each requisition's monthly cost, derived from its salary: a loader MUST pass
 * it through redactForecastForUser() before returning it. null when no month is closed.
 */
export function getCashForecast(db: Db, opts: { asOf?: string; horizonMonths?: number } = {}): FinanceCashForecast | null {
  const base = forecastBase(db, opts);
  if (!base) return null;
  const { M, metrics, series, planned, horizon } = base;
  const reqs = db.all<{
    id: number;
    title: string;
    targetStartMonth: string;
    annualSalaryCents: number;
    status: string;
    priority: string;
    teamId: number | null;
    teamName: string | null;
    teamIsTech: number | null;
  }>(sql`
    SELECT r.id, r.title, r.target_start_month AS targetStartMonth, r.annual_salary_cents AS annualSalaryCents,
           r.status, r.priority, r.team_id AS teamId, t.name AS teamName, t.is_tech AS teamIsTech
      FROM requisitions r
      LEFT JOIN teams t ON t.id = r.team_id
     WHERE r.status NOT IN ('hired', 'cancelled')
     ORDER BY r.target_start_month, r.id`);
  const forecast = forecastCash({
    lastClosed: { month: M, cashCents: metrics.cashCents, revenueCents: metrics.revenueCents },
    monthlyGrowth: metrics.monthlyGrowth,
    plannedByMonth: planned,
    requisitions: reqs,
    loadedCostFactor: series.settings.loadedCostFactor,
    horizonMonths: horizon,
  });
  const byId = new Map(reqs.map((r) => [r.id, r]));
  return {
    ...forecast,
    ...forecastStart(base),
    requisitionImpacts: forecast.requisitionImpacts.map((impact) => {
      const r = byId.get(impact.id)!;
      return {
        ...impact,
        teamId: r.teamId,
        teamName: r.teamName,
        teamIsTech: r.teamIsTech === 1,
        targetStartMonth: r.targetStartMonth,
        status: r.status,
        priority: r.priority,
      };
    }),
  };
}

/** The teams of the requisitions a hiring plan counts (who may see its cost depends on them). */
export type PlanTeam = { teamId: number | null; teamIsTech: boolean };

/**
 * getCashForecast without its per-requisition Δ days: the same series and zero-cash dates (exactly:
 * integer cents), the hiring plan entering as its cost per target start month summed in SQL
 * (hiringPlanCostByStartMonth), and the teams the plan's requisitions belong to. What the metric
 * catalogue reads (finance.*_with_hiring_plan, the scenarios' base plan): a plan of 1,000
 * requisitions costs it one grouped query instead of 1,000 rows and 1,000 Δ computations.
 * Like getCashForecast's, its with-hiring series derive from salaries (the plan's monthly totals):
 * not for a page as it is; planTeams says whom the plan's cost is hidden from.
 */
export function getCashForecastTotals(db: Db, opts: { asOf?: string; horizonMonths?: number } = {}): FinanceForecastTotals | null {
  const base = forecastBase(db, opts);
  if (!base) return null;
  const planTeams = db
    .all<{ teamId: number | null; teamIsTech: number | null }>(
      sql`SELECT DISTINCT r.team_id AS teamId, t.is_tech AS teamIsTech
            FROM requisitions r LEFT JOIN teams t ON t.id = r.team_id
           WHERE r.status NOT IN ('hired', 'cancelled')
           ORDER BY r.team_id`,
    )
    .map((r) => ({ teamId: r.teamId, teamIsTech: r.teamIsTech === 1 }));
  return { ...forecastTotals(hiringPlanInput(db, base)), ...forecastStart(base), planTeams };
}

export type FinanceForecastTotals = Omit<FinanceCashForecast, "requisitionImpacts"> & { planTeams: PlanTeam[] };

/**
 * The Δ zero-cash days of a few requisitions (the rows of one page of /hiring) against the whole
 * open hiring plan — the same figures as getCashForecast().requisitionImpacts, without reading every
 * requisition: the plan's monthly cost is summed per target start month in SQL
 * (hiringPlanCostByStartMonth). Pass only requisitions whose salary the user may see (the Δ is
 * derived from it). null when no month is closed (no forecast).
 */
export function getRequisitionDeltaDays(
  db: Db,
  targets: readonly ForecastRequisition[],
  opts: { asOf?: string; horizonMonths?: number } = {},
): { asOfMonth: string; deltaDays: Map<number, number | null> } | null {
  const base = forecastBase(db, opts);
  if (!base) return null;
  return { asOfMonth: base.M, deltaDays: requisitionDeltaDays(hiringPlanInput(db, base), targets) };
}

/**
 * The open hiring plan's loaded monthly cost per target start month (requisitions neither hired nor
 * cancelled), summed in SQL. Each requisition's cost is requisitionMonthlyCost() written in SQL:
 * x = salary ÷ 12 × factor in the same floating-point steps, then round half up exactly (integer
 * part, plus one when the fraction is ≥ ½; salaries are positive) — SQLite's round() adds ½ in
 * floating point, which can differ from Math.round just below a half.
 */
export function hiringPlanCostByStartMonth(db: Db, loadedCostFactor: number): { targetStartMonth: string; monthlyCostCents: number }[] {
  return db.all<{ targetStartMonth: string; monthlyCostCents: number }>(sql`
    SELECT target_start_month AS targetStartMonth, sum(cast(x AS integer) + (x - cast(x AS integer) >= 0.5)) AS monthlyCostCents
      FROM (SELECT target_start_month, annual_salary_cents / 12.0 * ${loadedCostFactor} AS x
              FROM requisitions WHERE status NOT IN ('hired', 'cancelled'))
     GROUP BY target_start_month
     ORDER BY target_start_month`);
}

export type RedactedRequisitionImpact = Omit<ForecastRequisitionImpact, "monthlyCostCents"> & {
  /** null when the user may not see this requisition's salary */
  monthlyCostCents: number | null;
  /** false: the salary (hence the monthly cost AND the Δ days, derived from it) is hidden from this user */
  salaryVisible: boolean;
};
export type RedactedForecastMonth = Omit<ForecastMonth, "spendWithHiringCents" | "cashWithHiringCents"> & {
  /** null when the hiring plan is hidden from this user (see `hiringPlanHidden`) */
  spendWithHiringCents: number | null;
  cashWithHiringCents: number | null;
};
export type RedactedCashForecast = Omit<FinanceCashForecast, "requisitionImpacts" | "months" | "zeroCashMonthWith" | "zeroCashDateWith"> & {
  months: RedactedForecastMonth[];
  zeroCashMonthWith: string | null;
  zeroCashDateWith: string | null;
  requisitionImpacts: RedactedRequisitionImpact[];
  /**
   * Requisitions counted in the forecast whose salary this user may not see. When > 0, the
   * "with the hiring plan" figures are null: the month-to-month step of that series is the
   * loaded monthly cost of the requisitions starting that month, so a month with a single new
   * requisition would give its salary away (salary × loaded-cost factor ÷ 12).
   */
  hiddenRequisitions: number;
};

/**
 * Removes the salary-derived figures (monthly cost and Δ zero-cash days) of every requisition the
 * user may not see (`salaries:requisitions:read` with {teamIsTech}). Call it in every loader
 * returning a forecast.
 */
export function redactForecastForUser(forecast: FinanceCashForecast, user: Actor): RedactedCashForecast {
  const requisitionImpacts: RedactedRequisitionImpact[] = forecast.requisitionImpacts.map((r) => {
    const salaryVisible = can(user, "salaries:requisitions:read", { teamIsTech: r.teamIsTech, teamId: r.teamId });
    // Δ days is derived from the salary too (docs/decisions/201): hidden wherever the salary is
    return salaryVisible ? { ...r, salaryVisible } : { ...r, salaryVisible, monthlyCostCents: null, deltaDays: null };
  });
  const hiddenRequisitions = requisitionImpacts.filter((r) => !r.salaryVisible).length;
  if (hiddenRequisitions === 0) return { ...forecast, requisitionImpacts, hiddenRequisitions };
  return {
    ...forecast,
    months: forecast.months.map((m) => ({ ...m, spendWithHiringCents: null, cashWithHiringCents: null })),
    zeroCashMonthWith: null,
    zeroCashDateWith: null,
    requisitionImpacts,
    hiddenRequisitions,
  };
}
