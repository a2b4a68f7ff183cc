import { describe, expect, it } from "vitest";
import { monthRange } from "../../months";
import { budgetGrid, type BudgetGridLine, budgetVsActual, cumulativeTotals, grossBurn } from "../finance";

// -------------------------------------------------------------------------------------------
// Budget grid — table from the strategy document (k€, Oct → Sep)
// -------------------------------------------------------------------------------------------

const K = 100_000; // 1 k€ in cents
const STRATEGY_MONTHS = monthRange("2024-10", "2025-09");
const STRATEGY: Record<string, number[]> = {
  Salaires: [15, 20, 23, 23, 23, 25, 25, 27, 30, 30, 30, 32],
  Marketing: [5, 10, 8, 8, 10, 15, 12, 15, 10, 8, 8, 10],
  Infrastructure: [2, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6],
  "Légal/Admin": [5, 2, 2, 3, 2, 3, 2, 2, 3, 2, 2, 3],
  Autres: [3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5],
};
const STRATEGY_TOTAL = [30, 38, 40, 41, 42, 52, 48, 53, 53, 50, 50, 56];
const STRATEGY_CUMULATIVE = [30, 68, 108, 149, 191, 243, 291, 344, 397, 447, 497, 553];
const strategyLines: BudgetGridLine[] = Object.entries(STRATEGY).flatMap(([category, values]) =>
  values.map((v, i) => ({ month: STRATEGY_MONTHS[i], category, plannedCents: v * K, actualCents: v * K })),
);

describe("cumulativeTotals", () => {
  it.each<[number[], number[]]>([
    [[], []],
    [[5], [5]],
    [
      [30, 38, 40],
      [30, 68, 108],
    ],
    [
      [10, -4, 0],
      [10, 6, 6],
    ],
    [STRATEGY_TOTAL, STRATEGY_CUMULATIVE],
  ])("cumulativeTotals(%j)", (values, expected) => {
    expect(cumulativeTotals(values)).toEqual(expected);
  });
});

describe("budgetGrid — strategy document table", () => {
  const grid = budgetGrid(strategyLines);

  it("months Oct 2024 → Sep 2025, categories in order", () => {
    expect(grid.months).toEqual(STRATEGY_MONTHS);
    expect(grid.categories).toEqual(["Salaires", "Marketing", "Infrastructure", "Légal/Admin", "Autres"]);
  });

  it.each(STRATEGY_MONTHS.map((m, i) => [m, STRATEGY_TOTAL[i], STRATEGY_CUMULATIVE[i]] as const))(
    "%s: gross burn = Total row = %i k€, cumulative %i k€",
    (month, total, cumulative) => {
      const i = STRATEGY_MONTHS.indexOf(month);
      expect(grossBurn(strategyLines, month)).toBe(total * K);
      expect(grid.totalRow[i]).toEqual({ month, plannedCents: total * K, actualCents: total * K, hasActual: true });
      expect(grid.cumulativeRow[i]).toEqual({ month, plannedCents: cumulative * K, actualCents: cumulative * K });
    },
  );

  it("row totals per category and grand total", () => {
    expect(grid.rows.map((r) => [r.category, r.totalActualCents / K])).toEqual([
      ["Salaires", 303], // 15+20+23+23+23+25+25+27+30+30+30+32
      ["Marketing", 119], // 5+10+8+8+10+15+12+15+10+8+8+10
      ["Infrastructure", 56], // 2+3+4+4+4+5+5+5+6+6+6+6
      ["Légal/Admin", 31], // 5+2+2+3+2+3+2+2+3+2+2+3
      ["Autres", 44], // 3+3+3+3+3+4+4+4+4+4+4+5
    ]);
    // 303 + 119 + 56 + 31 + 44 = 553 = last cumulative value
    expect(grid.grandTotal).toEqual({ plannedCents: 553 * K, actualCents: 553 * K, plannedToDateCents: 553 * K });
  });
});

describe("budgetGrid — missing actuals and gaps", () => {
  const grid = budgetGrid([
    { month: "2024-01", category: "Ops", plannedCents: 100, actualCents: 90 },
    { month: "2024-03", category: "Ops", plannedCents: 100, actualCents: null },
    { month: "2024-03", category: "Sales", plannedCents: 50, actualCents: 70 },
  ]);
  it("fills month gaps, keeps null cells, counts null actual as 0 in totals", () => {
    expect(grid.months).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(grid.rows[0].cells.map((c) => c.actualCents)).toEqual([90, null, null]);
    expect(grid.totalRow.map((t) => [t.plannedCents, t.actualCents])).toEqual([
      [100, 90],
      [0, 0],
      [150, 70],
    ]);
    expect(grid.cumulativeRow.map((t) => [t.plannedCents, t.actualCents])).toEqual([
      [100, 90],
      [100, 90],
      [250, 160],
    ]);
  });

  it("empty input", () => {
    const empty = budgetGrid([]);
    expect(empty.months).toEqual([]);
    expect(empty.rows).toEqual([]);
    expect(empty.grandTotal).toEqual({ plannedCents: 0, actualCents: 0, plannedToDateCents: 0 });
  });
});

describe("budgetVsActual", () => {
  it("variance and share used per category and in total; none used where nothing is planned", () => {
    const r = budgetVsActual([
      { category: "Cloud", plannedCents: 1000, actualCents: 1200 },
      { category: "R&D", plannedCents: 0, actualCents: 300 },
    ]);
    expect(r.rows.map((l) => [l.category, l.varianceCents, l.usedShare])).toEqual([
      ["Cloud", 200, 1.2],
      ["R&D", 300, null],
    ]);
    expect(r.total).toEqual({ category: "Total", plannedCents: 1000, actualCents: 1500, varianceCents: 500, usedShare: 1.5 });
    expect(budgetVsActual([]).total.usedShare).toBeNull();
  });
});
