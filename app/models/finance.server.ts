/**
 * Finance queries: budget categories and lines, finance snapshots, and the SQL aggregations that
 * feed the pure formulas of app/lib/metrics/finance.ts (never re-implemented here).
 *
 * Every function runs a bounded number of SQL statements whatever the data size: aggregation is
 * done with GROUP BY / SUM in SQLite, and only per-month (or per-category) rows reach JS.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { can, type Actor } from "~/auth/permissions";
import { parseCsv, toCsv, type CsvRowError } from "~/lib/csv";
import { centsFromEuros, eurosFromCents } from "~/lib/format";
import {
  budgetGrid,
  buildMonthFinance,
  computeFinanceMetrics,
  forecastCash,
  type ActualLineRecord,
  type BudgetGrid,
  type CashForecast,
  type FinanceMetrics,
  type ForecastMonth,
  type FinanceSettings,
  type RequisitionImpact,
  type SnapshotRecord,
} from "~/lib/metrics/finance";
import { addMonths, isMonth, monthDiff } from "~/lib/months";
import { idSchema, intSchema, monthSchema } from "~/lib/validation.server";
import { recordAudit } from "~/models/audit.server";
import { getCompanySettings } from "~/models/settings.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------
// Raw aggregation helpers (one statement each)
// ---------------------------------------------------------------------------------------------

type SnapshotRow = SnapshotRecord & { financingCents: number };

function financeSettingsOf(db: Db): FinanceSettings {
  const s = getCompanySettings(db);
  return { grossMargin: s.grossMargin, loadedCostFactor: s.loadedCostFactor };
}

/**
 * The latest `limit` snapshots with month ≤ upTo (all when upTo is null), ascending.
 * One statement; uses the unique index on finance_snapshots.month.
 */
function latestSnapshots(db: Db, upTo: string | null, limit: number): SnapshotRow[] {
  const rows = db.all<SnapshotRow>(sql`
    SELECT month, cash_cents AS cashCents, revenue_cents AS revenueCents, mrr_cents AS mrrCents,
           customers, new_customers AS newCustomers, churned_customers AS churnedCustomers,
           financing_cents AS financingCents
      FROM finance_snapshots
     WHERE ${upTo === null ? sql`1 = 1` : sql`month <= ${upTo}`}
     ORDER BY month DESC
     LIMIT ${limit}`);
  return rows.reverse();
}

/**
 * Σ actual per month and sales-and-marketing flag, for months in [fromMonth, toMonth]
 * (GROUP BY month, flag — missing actuals count as 0).
 */
function actualsByMonthAndFlag(db: Db, fromMonth: string, toMonth: string): ActualLineRecord[] {
  const rows = db.all<{ month: string; isSalesMarketing: number; actualCents: number }>(sql`
    SELECT bl.month AS month, c.is_sales_marketing AS isSalesMarketing,
           COALESCE(SUM(bl.actual_cents), 0) AS actualCents
      FROM budget_lines bl
      JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${fromMonth} AND bl.month <= ${toMonth}
     GROUP BY bl.month, c.is_sales_marketing`);
  return rows.map((r) => ({ month: r.month, actualCents: r.actualCents, isSalesMarketing: r.isSalesMarketing === 1 }));
}

/** Σ planned per month for months in [fromMonth, toMonth]. */
function plannedByMonth(db: Db, fromMonth: string, toMonth: string): Record<string, number> {
  const rows = db.all<{ month: string; plannedCents: number }>(sql`
    SELECT month, COALESCE(SUM(planned_cents), 0) AS plannedCents
      FROM budget_lines
     WHERE month >= ${fromMonth} AND month <= ${toMonth}
     GROUP BY month`);
  const out: Record<string, number> = {};
  for (const r of rows) out[r.month] = r.plannedCents;
  return out;
}

function asOfLimit(asOf: string | undefined): string | null {
  if (asOf === undefined) return null;
  const m = asOf.slice(0, 7);
  if (!isMonth(m)) throw new RangeError(`invalid asOf ${JSON.stringify(asOf)}`);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Finance metrics
// ---------------------------------------------------------------------------------------------

export type FinanceMonthSeries = {
  /** closed months (with snapshot) ≤ asOf, ascending, with gross burn and S&M actuals from SQL */
  months: ReturnType<typeof buildMonthFinance>;
  /** financing inflow per closed month (not used by the formulas; shown in tables) */
  financingByMonth: Record<string, number>;
  settings: FinanceSettings;
};

/**
 * The closed months needed for metrics at M (≤ asOf) and `extraMonths` earlier M values
 * (to compute "change vs previous month" or a trend): 3 statements in all.
 */
export function getFinanceMonthSeries(db: Db, opts: { asOf?: string; count?: number } = {}): FinanceMonthSeries {
  const limit = asOfLimit(opts.asOf);
  // metrics at M read M−3…M; with `count` M values we need count + 3 closed months at most.
  const snaps = latestSnapshots(db, limit, Math.max(1, opts.count ?? 1) + 3);
  const settings = financeSettingsOf(db);
  if (snaps.length === 0) return { months: [], financingByMonth: {}, settings };
  const lines = actualsByMonthAndFlag(db, snaps[0].month, snaps[snaps.length - 1].month);
  const financingByMonth: Record<string, number> = {};
  for (const s of snaps) financingByMonth[s.month] = s.financingCents;
  return { months: buildMonthFinance(snaps, lines), financingByMonth, settings };
}

/**
 * All finance metrics of the metric contract as of the latest closed month ≤ asOf
 * ('YYYY-MM' or 'YYYY-MM-DD'; default: the latest closed month). null when no month is closed.
 * Three SQL statements (settings, snapshots, actuals grouped by month and S&M flag).
 */
export function getFinanceMetrics(db: Db, asOf?: string): FinanceMetrics | null {
  const series = getFinanceMonthSeries(db, { asOf, count: 1 });
  if (series.months.length === 0) return null;
  return computeFinanceMetrics(series.months, series.settings, asOf);
}

/**
 * Metrics at M and at the closed month before it (for "change vs previous month"), from one
 * series read. previous is null when M is the first closed month.
 */
export function getFinanceMetricsWithPrevious(
  db: Db,
  asOf?: string,
): { current: FinanceMetrics; previous: FinanceMetrics | null } | null {
  const series = getFinanceMonthSeries(db, { asOf, count: 2 });
  if (series.months.length === 0) return null;
  const current = computeFinanceMetrics(series.months, series.settings, asOf);
  if (!current) return null;
  const earlier = series.months.filter((m) => m.month < current.asOfMonth);
  const previous = earlier.length ? computeFinanceMetrics(earlier, series.settings) : null;
  return { current, previous };
}

/** Closed months, ascending (for the month selector). One statement. */
export function listClosedMonths(db: Db): string[] {
  return db.all<{ month: string }>(sql`SELECT month FROM finance_snapshots ORDER BY month`).map((r) => r.month);
}

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

/**
 * Cash forecast after M (latest closed month ≤ asOf): planned budget lines of the following
 * months (after the last planned month, its total held flat; M's gross burn when nothing is
 * planned), revenue growing by g, with and without the open hiring plan (requisitions whose status
 * is not 'hired' nor 'cancelled'), with the Δ zero-cash days of each requisition.
 *
 * The result holds each requisition's monthly cost, derived from its salary: a loader MUST pass
 * it through redactForecastForUser() before returning it. null when no month is closed.
 */
export function getCashForecast(
  db: Db,
  opts: { asOf?: string; horizonMonths?: number } = {},
): FinanceCashForecast | null {
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
    asOfMonth: M,
    plannedThrough,
    startCashCents: metrics.cashCents,
    monthlyGrowth: metrics.monthlyGrowth,
    loadedCostFactor: series.settings.loadedCostFactor,
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
export type RedactedCashForecast = Omit<
  FinanceCashForecast,
  "requisitionImpacts" | "months" | "zeroCashMonthWith" | "zeroCashDateWith"
> & {
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

// ---------------------------------------------------------------------------------------------
// Budget: IT vs actual, grid, categories
// ---------------------------------------------------------------------------------------------

/**
 * Planned and actual per IT category over the CLOSED months (with a finance snapshot) of
 * [fromMonth, toMonth] (missing actual = 0), every IT category listed even without lines, in the
 * categories' sort order. A month still open has no actuals yet: counting it would compare a full
 * plan with no spend and look under budget, so it is left out of both sides. One statement.
 */
export function getItBudgetVsActual(
  db: Db,
  opts: { fromMonth: string; toMonth: string },
): { category: string; plannedCents: number; actualCents: number }[] {
  return db.all<{ category: string; plannedCents: number; actualCents: number }>(sql`
    SELECT c.name AS category,
           COALESCE(SUM(bl.planned_cents), 0) AS plannedCents,
           COALESCE(SUM(bl.actual_cents), 0) AS actualCents
      FROM budget_categories c
      LEFT JOIN budget_lines bl
        ON bl.category_id = c.id AND bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
       AND bl.month IN (SELECT fs.month FROM finance_snapshots fs)
     WHERE c.is_it = 1
     GROUP BY c.id
     ORDER BY c.sort_order, c.name`);
}

export type BudgetCategoryRow = {
  id: number;
  name: string;
  isIt: boolean;
  isSalesMarketing: boolean;
  sortOrder: number;
  /** archived on /budgets/categories: keeps its lines, takes no place in the grid without them */
  archived: boolean;
};

export function listBudgetCategories(db: Db): BudgetCategoryRow[] {
  return db
    .all<{ id: number; name: string; isIt: number; isSalesMarketing: number; sortOrder: number; archivedAt: number | null }>(sql`
      SELECT id, name, is_it AS isIt, is_sales_marketing AS isSalesMarketing, sort_order AS sortOrder, archived_at AS archivedAt
        FROM budget_categories ORDER BY sort_order, name`)
    .map(({ archivedAt, ...r }) => ({ ...r, isIt: r.isIt === 1, isSalesMarketing: r.isSalesMarketing === 1, archived: archivedAt !== null }));
}

/** Planned and actual per category and month over [fromMonth, toMonth] (GROUP BY in SQL). */
export function getBudgetByCategoryMonth(
  db: Db,
  opts: { fromMonth: string; toMonth: string },
): { month: string; category: string; plannedCents: number; actualCents: number | null }[] {
  return db.all<{ month: string; category: string; plannedCents: number; actualCents: number | null }>(sql`
    SELECT bl.month AS month, c.name AS category,
           SUM(bl.planned_cents) AS plannedCents, SUM(bl.actual_cents) AS actualCents
      FROM budget_lines bl
      JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
     GROUP BY bl.month, c.id
     ORDER BY bl.month, c.sort_order, c.name`);
}

/** The month × category grid (rows = categories in their order, every month of the range). */
export function getBudgetGrid(
  db: Db,
  opts: { fromMonth: string; toMonth: string },
): { grid: BudgetGrid; categories: BudgetCategoryRow[] } {
  const lines = getBudgetByCategoryMonth(db, opts);
  const withLines = new Set(lines.map((l) => l.category));
  const categories = listBudgetCategories(db).filter((c) => !c.archived || withLines.has(c.name));
  const months: string[] = [];
  for (let m = opts.fromMonth; m <= opts.toMonth; m = addMonths(m, 1)) months.push(m);
  return { grid: budgetGrid(lines, { months, categories: categories.map((c) => c.name) }), categories };
}

/** First and last month having any budget line or snapshot (null on an empty database). */
export function getFinanceMonthBounds(db: Db): { first: string; last: string } | null {
  const row = db.get<{ first: string | null; last: string | null }>(sql`
    SELECT MIN(m) AS first, MAX(m) AS last FROM (
      SELECT MIN(month) AS m FROM budget_lines UNION ALL SELECT MAX(month) FROM budget_lines
      UNION ALL SELECT MIN(month) FROM finance_snapshots UNION ALL SELECT MAX(month) FROM finance_snapshots)`);
  if (!row || row.first === null || row.last === null) return null;
  return { first: row.first, last: row.last };
}

// ---------------------------------------------------------------------------------------------
// Writers (each write and its audit entry in one transaction)
// ---------------------------------------------------------------------------------------------

/** Who writes: a person (checked against the permission matrix) or an API token. */
export type FinanceWriter =
  | { kind: "user"; actor: Actor }
  | {
      kind: "token";
      tokenId: number;
      /**
       * the token's creator: a token never does more than the person who made it (a CTO's token
       * may only touch IT categories); null when made from the command line (full finance rights)
       */
      creator: Actor | null;
    };

function auditActorOf(w: FinanceWriter): { userId: number } | { tokenId: number } {
  return w.kind === "user" ? { userId: w.actor.id } : { tokenId: w.tokenId };
}

function writerMayEditCategory(w: FinanceWriter, categoryIsIt: boolean): boolean {
  const actor = w.kind === "user" ? w.actor : w.creator;
  if (actor === null) return true;
  return can(actor, "finance:edit", { categoryIsIt });
}

function writerMayEditSnapshots(w: FinanceWriter): boolean {
  const actor = w.kind === "user" ? w.actor : w.creator;
  if (actor === null) return true;
  return can(actor, "finance:edit", { categoryIsIt: false });
}

/** The creator of an API token as a permission actor (null when the token has no creator). */
export function tokenCreatorActor(db: Db, tokenId: number): Actor | null {
  const row = db.get<{ id: number; role: Actor["role"]; teamId: number | null; active: number } | undefined>(sql`
    SELECT u.id, u.role, u.team_id AS teamId, u.active
      FROM api_tokens t JOIN users u ON u.id = t.created_by_user_id
     WHERE t.id = ${tokenId}`);
  if (!row) return null;
  // a deactivated creator keeps no rights: treat as a viewer
  return { id: row.id, role: row.active === 1 ? row.role : "viewer", teamId: row.teamId };
}

export function getBudgetCategory(db: Db, id: number): BudgetCategoryRow | null {
  return listBudgetCategories(db).find((c) => c.id === id) ?? null;
}

export function getBudgetLine(
  db: Db,
  categoryId: number,
  month: string,
): { id: number; plannedCents: number; actualCents: number | null } | null {
  return (
    db.get<{ id: number; plannedCents: number; actualCents: number | null } | undefined>(sql`
      SELECT id, planned_cents AS plannedCents, actual_cents AS actualCents
        FROM budget_lines WHERE category_id = ${categoryId} AND month = ${month}`) ?? null
  );
}

export class FinancePermissionError extends Error {}

/**
 * Creates or updates the budget line of (category, month). Throws FinancePermissionError when
 * the writer may not edit that category (CTO: IT categories only).
 */
export function saveBudgetLine(
  db: Db,
  writer: FinanceWriter,
  input: { categoryId: number; month: string; plannedCents: number; actualCents: number | null },
): { id: number; created: boolean } {
  const category = getBudgetCategory(db, input.categoryId);
  if (!category) throw new RangeError(`unknown budget category ${input.categoryId}`);
  if (!writerMayEditCategory(writer, category.isIt)) {
    throw new FinancePermissionError(`You may not edit the budget of ${category.name}.`);
  }
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = getBudgetLine(t, input.categoryId, input.month);
    const now = Date.now();
    const row = t.get<{ id: number }>(sql`
      INSERT INTO budget_lines (category_id, month, planned_cents, actual_cents, created_at, updated_at)
      VALUES (${input.categoryId}, ${input.month}, ${input.plannedCents}, ${input.actualCents}, ${now}, ${now})
      ON CONFLICT (month, category_id) DO UPDATE SET
        planned_cents = excluded.planned_cents, actual_cents = excluded.actual_cents, updated_at = excluded.updated_at
      RETURNING id`);
    recordAudit(tx, {
      actor: auditActorOf(writer),
      action: before ? "update" : "create",
      entityType: "budget_line",
      entityId: row.id,
      before: before ? { category: category.name, month: input.month, plannedCents: before.plannedCents, actualCents: before.actualCents } : null,
      after: { category: category.name, month: input.month, plannedCents: input.plannedCents, actualCents: input.actualCents },
    });
    return { id: row.id, created: !before };
  });
}

// ---------------------------------------------------------------------------------------------
// CSV (formats of DESIGN.md) — schemas are server-only (zod)
// ---------------------------------------------------------------------------------------------

export const BUDGET_CSV_HEADERS = ["month", "category", "planned", "actual"] as const;
export const SNAPSHOT_CSV_HEADERS = [
  "month",
  "cash",
  "revenue",
  "mrr",
  "customers",
  "new_customers",
  "churned_customers",
  "financing",
] as const;

/** At most this many data rows per imported file. */
export const MAX_IMPORT_ROWS = 20_000;

const requiredEuros = z
  .string({ error: "required" })
  .transform((s, ctx) => {
    const c = centsFromEuros(s);
    if (c === null) {
      ctx.addIssue({ code: "custom", message: "must be an amount in euros with up to 2 decimals, e.g. 1234.50" });
      return z.NEVER;
    }
    return c;
  });
const nonNegEuros = requiredEuros.refine((c) => c >= 0, "must not be negative");
const countSchema = z
  .string({ error: "required" })
  .regex(/^\d{1,9}$/, "must be a whole number ≥ 0")
  .transform(Number);

export const budgetCsvRowSchema = z.object({
  month: monthSchema,
  category: z.string({ error: "required" }).min(1, "required").max(100, "too long"),
  planned: nonNegEuros,
  /** empty = no actual recorded yet */
  actual: nonNegEuros.optional(),
});

export const snapshotCsvRowSchema = z.object({
  month: monthSchema,
  cash: requiredEuros,
  revenue: nonNegEuros,
  mrr: nonNegEuros,
  customers: countSchema,
  new_customers: countSchema,
  churned_customers: countSchema,
  /** empty = 0 */
  financing: nonNegEuros.optional(),
});

export type ImportResult =
  | { ok: true; created: number; updated: number; rows: number }
  | { ok: false; errors: CsvRowError[] };

/** Budget lines as CSV rows (month, category order) for [fromMonth, toMonth]. */
export function exportBudgetCsv(db: Db, opts: { fromMonth: string; toMonth: string }): string {
  const rows = db.all<{ month: string; category: string; plannedCents: number; actualCents: number | null }>(sql`
    SELECT bl.month, c.name AS category, bl.planned_cents AS plannedCents, bl.actual_cents AS actualCents
      FROM budget_lines bl JOIN budget_categories c ON c.id = bl.category_id
     WHERE bl.month >= ${opts.fromMonth} AND bl.month <= ${opts.toMonth}
     ORDER BY bl.month, c.sort_order, c.name`);
  return toCsv(
    BUDGET_CSV_HEADERS,
    rows.map((r) => [r.month, r.category, eurosFromCents(r.plannedCents), r.actualCents === null ? "" : eurosFromCents(r.actualCents)]),
  );
}

/**
 * Imports budget lines (CSV `month,category,planned,actual`), all or nothing: every bad row and
 * field is named (unknown category, a category the writer may not edit, a repeated
 * month+category, bad amounts); otherwise each row creates or updates its line. In the same
 * transaction: an audit entry per line that changed (before → after) and one for the import (counts).
 */
export function importBudgetCsv(db: Db, writer: FinanceWriter, text: string, source: string): ImportResult {
  const categories = listBudgetCategories(db);
  const byName = new Map(categories.map((c) => [c.name.toLowerCase(), c]));
  // Category checks run inside the row schema so one pass names every bad row and field.
  const seen = new Set<string>();
  const schema = budgetCsvRowSchema
    .transform((r, ctx) => {
      const cat = byName.get(r.category.trim().toLowerCase());
      if (!cat) {
        ctx.addIssue({ code: "custom", path: ["category"], message: `unknown category "${r.category}" (known: ${categories.map((c) => c.name).join(", ")})` });
        return z.NEVER;
      }
      if (!writerMayEditCategory(writer, cat.isIt)) {
        ctx.addIssue({ code: "custom", path: ["category"], message: `you may not edit the budget of ${cat.name} (IT categories only)` });
        return z.NEVER;
      }
      const key = `${r.month}|${cat.id}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: ["category"], message: `${r.month} ${cat.name} appears on an earlier row too` });
        return z.NEVER;
      }
      seen.add(key);
      return { categoryId: cat.id, month: r.month, plannedCents: r.planned, actualCents: r.actual ?? null };
    });
  const parsed = parseCsv(text, schema, { headers: BUDGET_CSV_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const resolved = parsed.rows;

  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const months = resolved.map((r) => r.month).sort();
    // the lines of the months the file touches, to record each change before → after
    const existing = new Map(
      months.length === 0
        ? []
        : t
            .all<{ k: string; plannedCents: number; actualCents: number | null }>(
              sql`SELECT month || '|' || category_id AS k, planned_cents AS plannedCents, actual_cents AS actualCents
                  FROM budget_lines WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]}`,
            )
            .map((r) => [r.k, r] as const),
    );
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const now = Date.now();
    const stmt = db.$client.prepare(`
      INSERT INTO budget_lines (category_id, month, planned_cents, actual_cents, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (month, category_id) DO UPDATE SET
        planned_cents = excluded.planned_cents, actual_cents = excluded.actual_cents, updated_at = excluded.updated_at
      RETURNING id`);
    let created = 0;
    for (const r of resolved) {
      const before = existing.get(`${r.month}|${r.categoryId}`);
      if (!before) created += 1;
      const { id } = stmt.get(r.categoryId, r.month, r.plannedCents, r.actualCents, now, now) as { id: number };
      if (before && before.plannedCents === r.plannedCents && before.actualCents === r.actualCents) continue;
      const category = categoryName.get(r.categoryId);
      recordAudit(tx, {
        actor: auditActorOf(writer),
        action: before ? "update" : "create",
        entityType: "budget_line",
        entityId: id,
        before: before ? { category, month: r.month, plannedCents: before.plannedCents, actualCents: before.actualCents } : null,
        after: { category, month: r.month, plannedCents: r.plannedCents, actualCents: r.actualCents, source },
      });
    }
    const updated = resolved.length - created;
    recordAudit(tx, {
      actor: auditActorOf(writer),
      action: "import",
      entityType: "budget_line",
      entityId: null,
      before: null,
      after: { source, rows: resolved.length, created, updated, fromMonth: months[0] ?? null, toMonth: months[months.length - 1] ?? null },
    });
    return { ok: true as const, created, updated, rows: resolved.length };
  });
}

export type SnapshotRow2 = {
  id: number;
  month: string;
  cashCents: number;
  revenueCents: number;
  mrrCents: number;
  customers: number;
  newCustomers: number;
  churnedCustomers: number;
  financingCents: number;
};
export type SnapshotInput = Omit<SnapshotRow2, "id">;

const SNAPSHOT_COLUMNS = sql`id, month, cash_cents AS cashCents, revenue_cents AS revenueCents, mrr_cents AS mrrCents,
  customers, new_customers AS newCustomers, churned_customers AS churnedCustomers, financing_cents AS financingCents`;

export function getSnapshot(db: Db, month: string): SnapshotRow2 | null {
  return db.get<SnapshotRow2 | undefined>(sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE month = ${month}`) ?? null;
}

export const SNAPSHOT_SORTS = {
  month: sql`month`,
  cashCents: sql`cash_cents`,
  revenueCents: sql`revenue_cents`,
  mrrCents: sql`mrr_cents`,
  customers: sql`customers`,
  newCustomers: sql`new_customers`,
  churnedCustomers: sql`churned_customers`,
  financingCents: sql`financing_cents`,
} as const;
export type SnapshotSort = keyof typeof SNAPSHOT_SORTS;

/**
 * One page of snapshots, sorted and filtered in SQL. `q` filters on the month text
 * (e.g. "2025" or "2025-0"); from/to bound the month.
 */
export function listSnapshots(
  db: Db,
  opts: { sort: SnapshotSort; desc: boolean; limit: number; offset: number; q?: string; fromMonth?: string; toMonth?: string },
): { rows: SnapshotRow2[]; total: number } {
  const where = [sql`1 = 1`];
  if (opts.q) where.push(sql`month LIKE ${`%${opts.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`);
  if (opts.fromMonth) where.push(sql`month >= ${opts.fromMonth}`);
  if (opts.toMonth) where.push(sql`month <= ${opts.toMonth}`);
  const cond = sql.join(where, sql` AND `);
  const order = sql`${SNAPSHOT_SORTS[opts.sort]} ${opts.desc ? sql`DESC` : sql`ASC`}, month ${opts.desc ? sql`DESC` : sql`ASC`}`;
  const rows = db.all<SnapshotRow2>(
    sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE ${cond} ORDER BY ${order} LIMIT ${opts.limit} OFFSET ${opts.offset}`,
  );
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM finance_snapshots WHERE ${cond}`)!.n;
  return { rows, total };
}

export function exportSnapshotsCsv(db: Db): string {
  const rows = db.all<SnapshotRow2>(sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots ORDER BY month`);
  return toCsv(
    SNAPSHOT_CSV_HEADERS,
    rows.map((r) => [
      r.month,
      eurosFromCents(r.cashCents),
      eurosFromCents(r.revenueCents),
      eurosFromCents(r.mrrCents),
      r.customers,
      r.newCustomers,
      r.churnedCustomers,
      eurosFromCents(r.financingCents),
    ]),
  );
}

function upsertSnapshotStatement(t: Db, s: SnapshotInput, now: number): number {
  return t.get<{ id: number }>(sql`
    INSERT INTO finance_snapshots (month, cash_cents, revenue_cents, mrr_cents, customers, new_customers,
                                   churned_customers, financing_cents, created_at, updated_at)
    VALUES (${s.month}, ${s.cashCents}, ${s.revenueCents}, ${s.mrrCents}, ${s.customers}, ${s.newCustomers},
            ${s.churnedCustomers}, ${s.financingCents}, ${now}, ${now})
    ON CONFLICT (month) DO UPDATE SET
      cash_cents = excluded.cash_cents, revenue_cents = excluded.revenue_cents, mrr_cents = excluded.mrr_cents,
      customers = excluded.customers, new_customers = excluded.new_customers,
      churned_customers = excluded.churned_customers, financing_cents = excluded.financing_cents,
      updated_at = excluded.updated_at
    RETURNING id`)!.id;
}

/** Creates or updates the snapshot of a month (CEO only: finance edits outside IT). */
export function saveSnapshot(db: Db, writer: FinanceWriter, input: SnapshotInput): { id: number; created: boolean } {
  if (!writerMayEditSnapshots(writer)) throw new FinancePermissionError("Only the CEO may edit finance snapshots.");
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const before = getSnapshot(t, input.month);
    const id = upsertSnapshotStatement(t, input, Date.now());
    const { id: _id, ...beforeFields } = before ?? { id: 0 };
    recordAudit(tx, {
      actor: auditActorOf(writer),
      action: before ? "update" : "create",
      entityType: "finance_snapshot",
      entityId: id,
      before: before ? beforeFields : null,
      after: input,
    });
    return { id, created: !before };
  });
}

/**
 * Imports finance snapshots (CSV of DESIGN.md), all or nothing, one audit entry with the counts.
 * A repeated month is an error; a writer who may not edit snapshots gets an error on every row.
 */
export function importSnapshotsCsv(db: Db, writer: FinanceWriter, text: string, source: string): ImportResult {
  const allowed = writerMayEditSnapshots(writer);
  const seen = new Set<string>();
  const schema = snapshotCsvRowSchema.transform((r, ctx): SnapshotInput => {
    if (!allowed) {
      ctx.addIssue({ code: "custom", path: [], message: "only the CEO may edit finance snapshots" });
      return z.NEVER;
    }
    if (r.new_customers > r.customers) {
      ctx.addIssue({ code: "custom", path: ["new_customers"], message: "must not exceed customers" });
      return z.NEVER;
    }
    if (seen.has(r.month)) {
      ctx.addIssue({ code: "custom", path: ["month"], message: `${r.month} appears on an earlier row too` });
      return z.NEVER;
    }
    seen.add(r.month);
    return {
      month: r.month,
      cashCents: r.cash,
      revenueCents: r.revenue,
      mrrCents: r.mrr,
      customers: r.customers,
      newCustomers: r.new_customers,
      churnedCustomers: r.churned_customers,
      financingCents: r.financing ?? 0,
    };
  });
  const parsed = parseCsv(text, schema, { headers: SNAPSHOT_CSV_HEADERS, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const inputs = parsed.rows;
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const now = Date.now();
    const months = inputs.map((s) => s.month).sort();
    // the snapshots of the months the file spans, read once (each change is audited before → after)
    const existing = new Map(
      months.length === 0
        ? []
        : t
            .all<SnapshotRow2>(sql`SELECT ${SNAPSHOT_COLUMNS} FROM finance_snapshots WHERE month >= ${months[0]} AND month <= ${months[months.length - 1]}`)
            .map((r) => [r.month, r] as const),
    );
    let created = 0;
    for (const s of inputs) {
      const before = existing.get(s.month);
      if (!before) created += 1;
      const id = upsertSnapshotStatement(t, s, now);
      const { id: _id, ...beforeFields } = before ?? { id: 0 };
      if (before && JSON.stringify(beforeFields) === JSON.stringify({ ...beforeFields, ...s })) continue;
      // each snapshot that changed: before → after, in the import's transaction
      recordAudit(tx, {
        actor: auditActorOf(writer),
        action: before ? "update" : "create",
        entityType: "finance_snapshot",
        entityId: id,
        before: before ? beforeFields : null,
        after: { ...s, source },
      });
    }
    const updated = inputs.length - created;
    recordAudit(tx, {
      actor: auditActorOf(writer),
      action: "import",
      entityType: "finance_snapshot",
      entityId: null,
      before: null,
      after: { source, rows: inputs.length, created, updated, fromMonth: months[0] ?? null, toMonth: months[months.length - 1] ?? null },
    });
    return { ok: true as const, created, updated, rows: inputs.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Executive dashboard
// ---------------------------------------------------------------------------------------------

/** Closed months shown in the trends (cash curve, MRR, burn). */
const EXECUTIVE_TREND_MONTHS = 12;
/** Months of burn vs budget by category. */
export const EXECUTIVE_BURN_MONTHS = 4;

export type ExecutiveFinance = {
  current: FinanceMetrics;
  previous: FinanceMetrics | null;
  /** closed months ≤ M, ascending (at most EXECUTIVE_TREND_MONTHS) */
  trend: { month: string; cashCents: number; mrrCents: number; revenueCents: number; grossBurnCents: number; customers: number }[];
  forecast: FinanceCashForecast;
  /** planned vs actual per category and month over M−5…M */
  burnByCategory: { month: string; category: string; plannedCents: number; actualCents: number | null }[];
  closedMonths: string[];
};

/**
 * Everything the executive dashboard shows from finance, as of the latest closed month ≤ asOf:
 * a fixed number of SQL statements (≈ 10) whatever the data size. null when no month is closed.
 * The forecast holds salary-derived costs: redact with redactForecastForUser() before returning.
 */
export function getExecutiveFinance(db: Db, opts: { asOf?: string; horizonMonths?: number } = {}): ExecutiveFinance | null {
  const series = getFinanceMonthSeries(db, { asOf: opts.asOf, count: EXECUTIVE_TREND_MONTHS });
  if (series.months.length === 0) return null;
  const current = computeFinanceMetrics(series.months, series.settings, opts.asOf);
  if (!current) return null;
  const earlier = series.months.filter((m) => m.month < current.asOfMonth);
  const previous = earlier.length ? computeFinanceMetrics(earlier, series.settings) : null;
  const forecast = getCashForecast(db, { asOf: current.asOfMonth, horizonMonths: opts.horizonMonths })!;
  const M = current.asOfMonth;
  return {
    current,
    previous,
    trend: series.months
      .filter((m) => m.month <= M)
      .slice(-EXECUTIVE_TREND_MONTHS)
      .map((m) => ({
        month: m.month,
        cashCents: m.cashCents,
        mrrCents: m.mrrCents,
        revenueCents: m.revenueCents,
        grossBurnCents: m.grossBurnCents,
        customers: m.customers,
      })),
    forecast,
    burnByCategory: getBudgetByCategoryMonth(db, { fromMonth: addMonths(M, -(EXECUTIVE_BURN_MONTHS - 1)), toMonth: M }),
    closedMonths: listClosedMonths(db),
  };
}

// ---------------------------------------------------------------------------------------------
// Form and URL schemas of the finance pages (here, server-only, so zod stays out of the browser)
// ---------------------------------------------------------------------------------------------

/** Longest month range of the budget grid. */
const MAX_BUDGET_RANGE_MONTHS = 36;

export const budgetRangeSchema = z
  .object({ from: monthSchema, to: monthSchema })
  .refine((r) => r.from <= r.to && monthDiff(r.from, r.to) < MAX_BUDGET_RANGE_MONTHS);

/** `?edit=<categoryId>:<YYYY-MM>` */
export const budgetEditParamSchema = z
  .string()
  .regex(/^\d{1,9}:\d{4}-(0[1-9]|1[0-2])$/)
  .transform((s) => {
    const [id, month] = s.split(":");
    return { categoryId: Number(id), month };
  });

const formEuros = (message: string, optional: boolean) =>
  z
    .string({ error: "is required" })
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) {
        if (optional) return null;
        ctx.addIssue({ code: "custom", message: "is required" });
        return z.NEVER;
      }
      const c = centsFromEuros(s);
      if (c === null || c < 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return c;
    });

export const budgetLineFormSchema = z.object({
  intent: z.literal("save-line"),
  categoryId: idSchema,
  month: monthSchema,
  planned: formEuros("must be an amount ≥ 0 in euros with up to 2 decimals, e.g. 1234.50", false).pipe(z.number()),
  actual: formEuros("must be empty or an amount ≥ 0 in euros with up to 2 decimals", true),
});

const formMoney = (label: string, nonNegative: boolean) =>
  z.string({ error: "is required" }).transform((s, ctx) => {
    const c = centsFromEuros(s);
    if (c === null || (nonNegative && c < 0)) {
      ctx.addIssue({ code: "custom", message: `${label} must be an amount${nonNegative ? " ≥ 0" : ""} in euros with up to 2 decimals` });
      return z.NEVER;
    }
    return c;
  });
const formCount = intSchema({ min: 0, max: 1_000_000_000 });

export const snapshotFormSchema = z
  .object({
    intent: z.literal("save-snapshot"),
    month: monthSchema,
    cash: formMoney("cash", false),
    revenue: formMoney("revenue", true),
    mrr: formMoney("MRR", true),
    customers: formCount,
    newCustomers: formCount,
    churnedCustomers: formCount,
    financing: formMoney("financing", true).optional(),
  })
  .refine((s) => s.newCustomers <= s.customers, { path: ["newCustomers"], message: "must not exceed customers" });

export { monthSchema as financeMonthSchema };
