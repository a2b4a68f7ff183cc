/** The budget grid (month × category, cumulative totals) and budget vs actual. Pure, no I/O; the contract is in ../finance.ts. */
import { monthRange } from "../../months";

// ---------------------------------------------------------------------------------------------
// Budget grid
// ---------------------------------------------------------------------------------------------

/** Running sums: out[i] = values[0] + … + values[i]. cumulativeTotals([30, 38, 40]) = [30, 68, 108]. */
export function cumulativeTotals(valuesByMonth: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const v of valuesByMonth) {
    sum += v;
    out.push(sum);
  }
  return out;
}

export type BudgetGridLine = { month: string; category: string; plannedCents: number; actualCents: number | null };

export type BudgetGridCell = { month: string; plannedCents: number; actualCents: number | null };

export type BudgetGridTotals = { month: string; plannedCents: number; actualCents: number };

export type BudgetGrid = {
  months: string[];
  categories: string[];
  /** one row per category; a cell's actual is null when no actual is recorded */
  rows: {
    category: string;
    cells: BudgetGridCell[];
    totalPlannedCents: number;
    totalActualCents: number;
    /** Σ planned over the cells that have an actual: what the row total's variance compares with */
    plannedToDateCents: number;
  }[];
  /** per month: Σ planned and Σ actual (= gross burn, null actual = 0) over the categories; hasActual: any line has one */
  totalRow: (BudgetGridTotals & { hasActual: boolean })[];
  /** running sum of totalRow */
  cumulativeRow: BudgetGridTotals[];
  grandTotal: { plannedCents: number; actualCents: number; plannedToDateCents: number };
};

/**
 * Category × month grid: row totals per category, a Total row per month (its actual = gross burn of
 * the month: Σ actual, missing = 0) and a Cumulative row (running sum of the Total row).
 * Months default to every month from the first to the last line (gaps filled); categories default
 * to their order of first appearance. Lines outside the given months/categories are ignored;
 * several lines for the same cell are added up.
 */
export function budgetGrid(lines: readonly BudgetGridLine[], options: { months?: readonly string[]; categories?: readonly string[] } = {}): BudgetGrid {
  let months: string[];
  if (options.months) months = [...options.months];
  else if (lines.length === 0) months = [];
  else {
    const sorted = lines.map((l) => l.month).sort();
    months = monthRange(sorted[0], sorted[sorted.length - 1]);
  }
  const categories = options.categories ? [...options.categories] : [...new Set(lines.map((l) => l.category))];
  const monthIdx = new Map(months.map((m, i) => [m, i]));
  const catIdx = new Map(categories.map((c, i) => [c, i]));

  const cells: BudgetGridCell[][] = categories.map(() => months.map((month) => ({ month, plannedCents: 0, actualCents: null as number | null })));
  for (const l of lines) {
    const mi = monthIdx.get(l.month);
    const ci = catIdx.get(l.category);
    if (mi === undefined || ci === undefined) continue;
    const cell = cells[ci][mi];
    cell.plannedCents += l.plannedCents;
    if (l.actualCents !== null) cell.actualCents = (cell.actualCents ?? 0) + l.actualCents;
  }

  const rows = categories.map((category, ci) => ({
    category,
    cells: cells[ci],
    totalPlannedCents: cells[ci].reduce((a, c) => a + c.plannedCents, 0),
    totalActualCents: cells[ci].reduce((a, c) => a + (c.actualCents ?? 0), 0),
    plannedToDateCents: cells[ci].reduce((a, c) => a + (c.actualCents === null ? 0 : c.plannedCents), 0),
  }));
  const totalRow = months.map((month, mi) => ({
    month,
    plannedCents: cells.reduce((a, row) => a + row[mi].plannedCents, 0),
    actualCents: cells.reduce((a, row) => a + (row[mi].actualCents ?? 0), 0),
    hasActual: cells.some((row) => row[mi].actualCents !== null),
  }));
  const cumPlanned = cumulativeTotals(totalRow.map((t) => t.plannedCents));
  const cumActual = cumulativeTotals(totalRow.map((t) => t.actualCents));
  const cumulativeRow = months.map((month, i) => ({ month, plannedCents: cumPlanned[i], actualCents: cumActual[i] }));

  return {
    months,
    categories,
    rows,
    totalRow,
    cumulativeRow,
    grandTotal: {
      plannedCents: cumPlanned.length ? cumPlanned[cumPlanned.length - 1] : 0,
      actualCents: cumActual.length ? cumActual[cumActual.length - 1] : 0,
      plannedToDateCents: rows.reduce((a, r) => a + r.plannedToDateCents, 0),
    },
  };
}

export type BudgetVsActualLine = { category: string; plannedCents: number; actualCents: number; varianceCents: number; usedShare: number | null };

/**
 * Budget vs actual per category and in total: variance = actual − planned, used = actual ÷ planned
 * (null when nothing is planned). Missing actuals count as 0, as in gross burn.
 */
export function budgetVsActual(rows: readonly { category: string; plannedCents: number; actualCents: number }[]): {
  rows: BudgetVsActualLine[];
  total: BudgetVsActualLine;
} {
  const line = (category: string, plannedCents: number, actualCents: number): BudgetVsActualLine => ({
    category,
    plannedCents,
    actualCents,
    varianceCents: actualCents - plannedCents,
    usedShare: plannedCents > 0 ? actualCents / plannedCents : null,
  });
  const planned = rows.reduce((a, r) => a + r.plannedCents, 0);
  const actual = rows.reduce((a, r) => a + r.actualCents, 0);
  return { rows: rows.map((r) => line(r.category, r.plannedCents, r.actualCents)), total: line("Total", planned, actual) };
}
