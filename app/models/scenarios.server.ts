/**
 * Scenarios: stored assumptions over the base plan, their forecasts (the pure scenarioOutcome over
 * today's forecast input — never a second forecast) and their triggers on live catalogue figures.
 * docs/decisions/900-scenarios-over-the-base-plan.md
 */
import { asc, eq, sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import type { ForecastRequisition } from "~/lib/metrics/finance";
import { monthsUntil } from "~/lib/metrics/finance";
import type { ScenarioTriggerSnapshot } from "~/lib/metrics/risks";
import {
  COST_GROUPS,
  evaluateTrigger,
  NO_ASSUMPTIONS,
  scenarioOutcome,
  triggerIsOn,
  type BasePlan,
  type CostGroup,
  type ScenarioAssumptions,
  type ScenarioOutcome,
  type Trigger,
  type TriggerView,
  type ScenarioFigures,
} from "~/lib/metrics/scenarios";
import { addMonths } from "~/lib/months";
import { deleteByIdAudited, recordAudit } from "~/models/audit.server";
import { insertRows, replaceChildRows } from "~/models/child-rows.server";
import type { MetricContext } from "~/models/metrics/context.server";
import { definitionOf, metricNumber } from "~/models/metrics/readings.server";
import { schema, type Db } from "~/utils/db.server";

const S = schema.scenarios;
const F = schema.scenarioFundingEvents;

export type FundingEventRow = Pick<typeof F.$inferSelect, "month" | "amountCents" | "label">;

/** A scenario's stored columns (not its created/updated instants) and its funding events. */
export type ScenarioRow = Omit<typeof S.$inferSelect, "createdAt" | "updatedAt"> & { funding: FundingEventRow[] };

export type ScenarioInput = Omit<ScenarioRow, "id" | "sortOrder">;

/** Every scenario, in their order, with their funding events (two queries). */
export function listScenarios(db: Db): ScenarioRow[] {
  const rows = db.select().from(S).orderBy(asc(S.sortOrder), asc(S.id)).all();
  const funding = db.select().from(F).orderBy(asc(F.month), asc(F.id)).all();
  return rows.map(({ createdAt: _created, updatedAt: _updated, ...r }) => ({
    ...r,
    funding: funding.filter((f) => f.scenarioId === r.id).map((f) => ({ month: f.month, amountCents: f.amountCents, label: f.label })),
  }));
}

export function getScenario(db: Db, id: number): ScenarioRow | null {
  return listScenarios(db).find((s) => s.id === id) ?? null;
}

export function scenarioNameTaken(db: Db, name: string, exceptId?: number | null): boolean {
  const row = db.get<{ id: number } | undefined>(sql`SELECT id FROM scenarios WHERE name = ${name} COLLATE NOCASE`);
  return !!row && row.id !== exceptId;
}

function assumptionsOf(s: ScenarioRow): ScenarioAssumptions {
  return {
    revenueGrowth: s.revenueGrowth,
    extraChurn: s.extraChurn,
    hiringSpeed: s.hiringSpeed,
    hiringFreezeFrom: s.hiringFreezeFrom,
    costChange: { payroll: s.costChangePayroll, it: s.costChangeIt, other: s.costChangeOther },
    funding: s.funding,
  };
}

function triggerOf(s: Pick<ScenarioRow, "triggerMetric" | "triggerComparison" | "triggerValue" | "triggerValue2" | "triggerBy">): Trigger | null {
  if (!s.triggerMetric || !s.triggerComparison || s.triggerValue === null) return null;
  return { metricId: s.triggerMetric, comparison: s.triggerComparison, value: s.triggerValue, value2: s.triggerValue2, by: s.triggerBy };
}

// ---------------------------------------------------------------------------------------------------
// The base plan: today's forecast input, read from the catalogue's forecast source
// ---------------------------------------------------------------------------------------------------

/**
 * Today's forecast input — the forecast behind finance.runway_months_with_hiring_plan (the
 * context's forecast, 120 months): M's cash and revenue, g, the planned spend it used per month
 * (plan held flat included), the open requisitions in the same order, the loaded-cost factor —
 * and the planned spend per budget group per month (for cost changes). null without a closed month.
 */
export function getBasePlan(ctx: MetricContext): BasePlan | null {
  const forecast = ctx.forecast();
  const finance = ctx.finance();
  if (!forecast || !finance) return null;
  const db = ctx.db;
  const M = forecast.asOfMonth;
  const horizon = forecast.months.length;
  const plannedByMonth: Record<string, number> = {};
  for (const m of forecast.months) plannedByMonth[m.month] = m.spendWithoutHiringCents;
  const requisitions = db.all<ForecastRequisition>(sql`
    SELECT id, title, target_start_month AS targetStartMonth, annual_salary_cents AS annualSalaryCents, status
      FROM requisitions WHERE status NOT IN ('hired', 'cancelled') ORDER BY target_start_month, id`);
  // planned spend per group: the budget lines' split of each month; months past the plan (held flat)
  // take the split of the last planned month, or of M's actuals when nothing is planned after M
  const rows = db.all<{ month: string; grp: CostGroup; cents: number }>(sql`
    SELECT bl.month AS month, bc."group" AS grp, SUM(bl.planned_cents) AS cents
      FROM budget_lines bl JOIN budget_categories bc ON bc.id = bl.category_id
     WHERE bl.month > ${M} AND bl.month <= ${addMonths(M, horizon)}
     GROUP BY bl.month, bc."group"`);
  const actualRows = db.all<{ grp: CostGroup; cents: number }>(sql`
    SELECT bc."group" AS grp, SUM(COALESCE(bl.actual_cents, 0)) AS cents
      FROM budget_lines bl JOIN budget_categories bc ON bc.id = bl.category_id
     WHERE bl.month = ${M} GROUP BY bc."group"`);
  const byMonth: Record<string, Partial<Record<CostGroup, number>>> = {};
  for (const r of rows) (byMonth[r.month] ??= {})[r.grp] = r.cents;
  const plannedThrough = forecast.plannedThrough;
  const flatSplit: Partial<Record<CostGroup, number>> = plannedThrough
    ? (byMonth[plannedThrough] ?? {})
    : Object.fromEntries(actualRows.map((r) => [r.grp, r.cents]));
  const flatTotal = COST_GROUPS.reduce((s, g) => s + (flatSplit[g] ?? 0), 0);
  const plannedByGroup: Record<string, Partial<Record<CostGroup, number>>> = {};
  for (const m of forecast.months) {
    if (plannedThrough !== null && m.month <= plannedThrough) {
      plannedByGroup[m.month] = byMonth[m.month] ?? {};
    } else {
      // scale the split to the month's flat total
      const total = plannedByMonth[m.month];
      plannedByGroup[m.month] = Object.fromEntries(COST_GROUPS.map((g) => [g, flatTotal > 0 ? ((flatSplit[g] ?? 0) * total) / flatTotal : 0]));
    }
  }
  return {
    input: {
      lastClosed: { month: M, cashCents: forecast.startCashCents, revenueCents: finance.revenueCents },
      monthlyGrowth: forecast.monthlyGrowth,
      plannedByMonth,
      requisitions,
      loadedCostFactor: forecast.loadedCostFactor,
      horizonMonths: horizon,
    },
    plannedByGroup,
  };
}

/** Whether the hiring plan's cost is hidden from this user: a counted requisition's salary is (as on the executive dashboard). */
export function hiringPlanHiddenFor(ctx: MetricContext, user: Actor): boolean {
  const forecast = ctx.forecast();
  if (!forecast) return false;
  return forecast.planTeams.some((r) => !can(user, "salaries:requisitions:read", { teamIsTech: r.teamIsTech, teamId: r.teamId }));
}

// ---------------------------------------------------------------------------------------------------
// Triggers
// ---------------------------------------------------------------------------------------------------

export function evaluateScenarioTrigger(ctx: MetricContext, s: ScenarioRow): TriggerView | null {
  const t = triggerOf(s);
  if (!t) return null;
  const def = definitionOf(ctx, t.metricId);
  const current = def ? metricNumber(ctx, t.metricId) : null;
  const state = evaluateTrigger(t, current, ctx.today);
  return { ...t, metricId: t.metricId, label: def?.label ?? t.metricId, unit: def?.unit ?? "measure", current, state, on: triggerIsOn(state) };
}

function describeTrigger(t: TriggerView): string {
  const v = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, ""));
  const cond = t.comparison === "between" ? `between ${v(t.value)} and ${v(t.value2 ?? t.value)}` : `${t.comparison} ${v(t.value)}`;
  return `${t.label} ${t.current === null ? "no data" : v(t.current)}, trigger ${cond}${t.by ? ` by ${t.by}` : ""}`;
}

/** The scenario rule's input: every scenario marked "raises a risk" with a trigger, evaluated today. */
export function getScenarioRuleInput(ctx: MetricContext): { scenarios: ScenarioTriggerSnapshot[] } {
  const out: ScenarioTriggerSnapshot[] = [];
  for (const s of listScenarios(ctx.db)) {
    if (!s.raisesRisk) continue;
    const t = evaluateScenarioTrigger(ctx, s);
    if (!t) continue;
    out.push({ id: s.id, name: s.name, probability: s.probability, on: t.on, noData: t.state === "no_data", description: describeTrigger(t) });
  }
  return { scenarios: out };
}

/** The executive dashboard's line: which scenarios' triggers hold today. */
export type ScenarioStatus = { id: number; name: string; probability: number; trigger: TriggerView | null };

export function getScenarioStatuses(ctx: MetricContext): ScenarioStatus[] {
  return listScenarios(ctx.db).map((s) => ({ id: s.id, name: s.name, probability: s.probability, trigger: evaluateScenarioTrigger(ctx, s) }));
}

export type { ScenarioFigures, TriggerView };

// ---------------------------------------------------------------------------------------------------
// Side by side
// ---------------------------------------------------------------------------------------------------

export type ScenarioComparison = {
  asOfMonth: string;
  /** the figures are without any hiring plan: a counted requisition's salary is hidden from this user */
  hiringPlanHidden: boolean;
  base: ScenarioFigures;
  scenarios: (ScenarioRow & { figures: ScenarioFigures; trigger: TriggerView | null })[];
};

function figuresOf(o: ScenarioOutcome, hidden: boolean): ScenarioFigures {
  return hidden
    ? {
        zeroCashDate: o.zeroCashDateWithoutHiring,
        runwayMonths: o.runwayMonthsWithoutHiring,
        breakEvenMonth: o.breakEvenMonthWithoutHiring,
        cash: o.months.map((m) => ({ month: m.month, cashCents: m.cashWithoutHiringCents })),
      }
    : {
        zeroCashDate: o.zeroCashDate,
        runwayMonths: o.runwayMonths,
        breakEvenMonth: o.breakEvenMonth,
        cash: o.months.map((m) => ({ month: m.month, cashCents: m.cashCents })),
      };
}

/**
 * The base plan and every scenario's cash, runway, zero-cash date and break-even month, as this user
 * may see them: with the hiring plan, or — when a counted requisition's salary is hidden from them —
 * all without any hiring plan (a per-month step would give a salary away). Nothing salary-derived
 * leaves this function otherwise. null without a closed month.
 */
export function compareScenarios(ctx: MetricContext, user: Actor): ScenarioComparison | null {
  const base = getBasePlan(ctx);
  if (!base) return null;
  const hidden = hiringPlanHiddenFor(ctx, user);
  const scenarios = listScenarios(ctx.db).map((s) => ({
    ...s,
    figures: figuresOf(scenarioOutcome(base, assumptionsOf(s)), hidden),
    trigger: evaluateScenarioTrigger(ctx, s),
  }));
  return { asOfMonth: base.input.lastClosed.month, hiringPlanHidden: hidden, base: figuresOf(scenarioOutcome(base, NO_ASSUMPTIONS), hidden), scenarios };
}

/** The base plan's runway as the catalogue states it (finance.runway_months_with_hiring_plan), for checks. */
export function baseRunwayFromCatalogue(ctx: MetricContext): number | null {
  const f = ctx.forecast();
  return f ? monthsUntil(f.asOfMonth, f.zeroCashDateWith) : null;
}

// ---------------------------------------------------------------------------------------------------
// Writes (CEO: plans:edit), audited
// ---------------------------------------------------------------------------------------------------

function rowValues(input: ScenarioInput) {
  const { funding: _f, ...fields } = input;
  return fields;
}

export function createScenario(db: Db, actorId: number, input: ScenarioInput): number {
  return db.transaction((tx) => {
    const order = tx.get<{ n: number }>(sql`SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM scenarios`).n;
    const row = tx
      .insert(S)
      .values({ ...rowValues(input), sortOrder: order })
      .returning({ id: S.id })
      .get();
    insertRows(
      tx,
      F,
      input.funding.map((f) => ({ ...f, scenarioId: row.id })),
    );
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "scenario", entityId: row.id, after: input });
    return row.id;
  });
}

export function updateScenario(db: Db, actorId: number, id: number, input: ScenarioInput): boolean {
  return db.transaction((tx) => {
    const before = getScenario(tx as unknown as Db, id);
    if (!before) return false;
    tx.update(S).set(rowValues(input)).where(eq(S.id, id)).run();
    replaceChildRows(
      tx,
      F,
      F.scenarioId,
      id,
      input.funding.map((f) => ({ ...f, scenarioId: id })),
    );
    const { id: _i, sortOrder: _s, ...beforeFields } = before;
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "scenario", entityId: id, before: beforeFields, after: input });
    return true;
  });
}

export function deleteScenario(db: Db, actorId: number, id: number): boolean {
  return deleteByIdAudited(db, { userId: actorId }, "scenario", S, id, (tx) => getScenario(tx, id));
}
