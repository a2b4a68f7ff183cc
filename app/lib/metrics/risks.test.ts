import { describe, expect, it } from "vitest";
import { expectCloseOrNull, itMaps, itRejects } from "../../../tests/helpers/mapping";
import {
  DEFAULT_RISK_RULE_THRESHOLDS,
  FORMULAS,
  RISK_RULE_KINDS,
  evaluateScenarioRule,
  evaluateRiskRule,
  heatMapCells,
  isOverdue,
  riskLevel,
  riskScore,
  foldObjectiveCauses,
  type ObjectiveSnapshot,
  type RiskLevel,
} from "./risks";

describe("riskScore", () => {
  itMaps("%s × %s = %s", riskScore, [
    [1, 1, 1],
    [1, 5, 5],
    [5, 1, 5],
    [2, 3, 6],
    [4, 4, 16],
    [4, 5, 20],
    [5, 5, 25],
  ]);

  itRejects("rejects likelihood %s, impact %s", riskScore, [
    [0, 3],
    [3, 0],
    [6, 1],
    [1, 6],
    [2.5, 2],
    [2, 1.5],
    [Number.NaN, 1],
    [-1, 3],
  ]);
});

describe("riskLevel", () => {
  itMaps("%s → %s", riskLevel, [
    [1, "low"],
    [4, "low"],
    [5, "medium"],
    [9, "medium"],
    [10, "high"],
    [16, "high"],
    [17, "critical"],
    [19, "critical"],
    [20, "critical"],
    [25, "critical"],
  ]);

  itRejects("rejects %s", riskLevel, [[0], [26], [-3], [Number.NaN]]);
});

describe("isOverdue", () => {
  itMaps("next review %s, today %s → %s", isOverdue, [
    [null, "2024-06-15", false],
    ["2024-06-14", "2024-06-15", true],
    ["2024-06-15", "2024-06-15", false],
    ["2024-06-16", "2024-06-15", false],
    ["2023-12-31", "2024-01-01", true],
    ["2024-09-01", "2024-10-01", true],
  ]);

  itRejects("rejects malformed dates (%s, %s)", isOverdue, [
    ["2024-6-1", "2024-06-15"],
    ["2024-06-14", "15/06/2024"],
  ]);
});

describe("heatMapCells", () => {
  const risks = [
    { id: 1, likelihood: 5, impact: 5 },
    { id: 2, likelihood: 1, impact: 1 },
    { id: 3, likelihood: 5, impact: 5 },
    { id: 4, likelihood: 2, impact: 4 },
    { id: 5, likelihood: 4, impact: 2 },
  ];
  const grid = heatMapCells(risks);

  it("is 5 × 5 with every cell present", () => {
    expect(grid).toHaveLength(5);
    for (const row of grid) expect(row).toHaveLength(5);
    expect(grid.flat().reduce((n, c) => n + c.riskIds.length, 0)).toBe(risks.length);
  });

  it.each<[number, number, number, number, RiskLevel, number[]]>([
    // row, col, likelihood, impact, level, ids
    [0, 4, 5, 5, "critical", [1, 3]],
    [4, 0, 1, 1, "low", [2]],
    [3, 3, 2, 4, "medium", [4]],
    [1, 1, 4, 2, "medium", [5]],
    [0, 0, 5, 1, "medium", []],
    [4, 4, 1, 5, "medium", []],
    [1, 3, 4, 4, "high", []],
    [1, 4, 4, 5, "critical", []],
    [2, 2, 3, 3, "medium", []],
  ])("grid[%s][%s] is likelihood %s × impact %s, %s, ids %j", (row, col, l, i, level, ids) => {
    expect(grid[row][col]).toEqual({ likelihood: l, impact: i, score: l * i, level, riskIds: ids });
  });

  it("every cell's coordinates match its position", () => {
    grid.forEach((row, r) =>
      row.forEach((cell, c) => {
        expect(cell.likelihood).toBe(5 - r);
        expect(cell.impact).toBe(c + 1);
      }),
    );
  });

  it("rejects invalid ratings", () => {
    expect(() => heatMapCells([{ id: 1, likelihood: 6, impact: 1 }])).toThrow(RangeError);
  });
});

describe("evaluateRiskRule: runway_below_months", () => {
  it.each<[number | null, number, boolean, number | null]>([
    [null, 6, false, null],
    [3, 6, true, 3],
    [5.99, 6, true, 5.99],
    [6, 6, false, 6],
    [12, 6, false, 12],
    [0, 6, true, 0],
  ])("runway %s vs %s months → triggered %s", (runwayMonths, threshold, triggered, value) => {
    const r = evaluateRiskRule({ kind: "runway_below_months", threshold }, { runwayMonths });
    expect(r.triggered).toBe(triggered);
    expect(r.value).toBe(value);
    expect(r.message.length).toBeGreaterThan(0);
  });

  it("says why when not burning", () => {
    expect(evaluateRiskRule({ kind: "runway_below_months", threshold: 6 }, { runwayMonths: null }).message).toMatch(/not burning/i);
  });
});

describe("evaluateRiskRule: cfr_above_percent_30d", () => {
  it.each<[number | null, number, boolean]>([
    [null, 15, false],
    [0, 15, false],
    [0.1, 15, false],
    [0.15, 15, false],
    [3 / 20, 15, false],
    [0.1501, 15, true],
    [0.5, 15, true],
    [0.07, 7, false],
    [0.0701, 7, true],
  ])("rate %s vs %s %% → triggered %s", (rate, threshold, triggered) => {
    const r = evaluateRiskRule({ kind: "cfr_above_percent_30d", threshold }, { rate });
    expect(r.triggered).toBe(triggered);
    expectCloseOrNull(r.value, rate === null ? null : rate * 100, 9);
  });
});

describe("evaluateRiskRule: objective_off_track_mid_cycle", () => {
  const o = (p: Partial<ObjectiveSnapshot>): ObjectiveSnapshot => ({
    id: 1,
    title: "Grow ARR",
    progress: 0.1,
    expected: 0.6,
    elapsedShare: 0.6,
    ...p,
  });

  it.each<[string, ObjectiveSnapshot, boolean]>([
    ["off track past mid-cycle", o({}), true],
    ["off track exactly at mid-cycle", o({ elapsedShare: 0.5, expected: 0.5, progress: 0.2 }), true],
    ["off track before mid-cycle", o({ elapsedShare: 0.49, expected: 0.49, progress: 0 }), false],
    ["at risk past mid-cycle", o({ progress: 0.35 }), false],
    ["on track past mid-cycle", o({ progress: 0.55 }), false],
    ["no key results", o({ progress: null }), false],
    ["end of cycle, far behind", o({ elapsedShare: 1, expected: 1, progress: 0.7 }), true],
  ])("%s → triggered %s", (_name, objective, triggered) => {
    const [r] = evaluateRiskRule({ kind: "objective_off_track_mid_cycle", threshold: 0.5 }, { objectives: [objective] });
    expect(r.triggered).toBe(triggered);
    expect(r.subject).toBe("objective:1");
    expect(r.objectiveId).toBe(1);
    expect(r.value).toBe(objective.progress);
    expect(r.expected).toBe(objective.expected);
    expect(r.message).toContain("Grow ARR");
  });

  it("returns one result per objective, in order", () => {
    const results = evaluateRiskRule(
      { kind: "objective_off_track_mid_cycle", threshold: 0.5 },
      { objectives: [o({ id: 7 }), o({ id: 8, progress: 0.6 }), o({ id: 9, elapsedShare: 0.2 })] },
    );
    expect(results.map((r) => [r.subject, r.triggered])).toEqual([
      ["objective:7", true],
      ["objective:8", false],
      ["objective:9", false],
    ]);
  });

  it("empty list → no results", () => {
    expect(evaluateRiskRule({ kind: "objective_off_track_mid_cycle", threshold: 0.5 }, { objectives: [] })).toEqual([]);
  });
});

describe("rule catalogue", () => {
  it.each(RISK_RULE_KINDS.map((k) => [k]))("%s has a default threshold and a formula", (kind) => {
    expect(DEFAULT_RISK_RULE_THRESHOLDS[kind]).toBeGreaterThan(0);
    expect(FORMULAS[kind].formula.length).toBeGreaterThan(10);
  });
});

describe("foldObjectiveCauses: one risk per cause", () => {
  // 1 ← 2 ← 3 (3 aligned under 2, 2 under 1); 4 ← 5; 6 alone; 7 ← 8 ← 9 with 8 on track
  const objectives = [
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: null },
    { id: 5, parentId: 4 },
    { id: 6 },
    { id: 7, parentId: null },
    { id: 8, parentId: 7 },
    { id: 9, parentId: 8 },
  ];
  it("folds an off-track objective into the top of its unbroken off-track chain", () => {
    const fold = foldObjectiveCauses(objectives, new Set([1, 2, 3, 5, 6, 7, 9]));
    expect(Object.fromEntries(fold)).toEqual({ 1: 1, 2: 1, 3: 1, 5: 5, 6: 6, 7: 7, 9: 9 });
  });
  it("a parent back on track makes its child its own cause", () => {
    expect(Object.fromEntries(foldObjectiveCauses(objectives, new Set([2, 3])))).toEqual({ 2: 2, 3: 2 });
  });
  it("survives a cycle in the parent links", () => {
    const loop = [
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
    ];
    expect(Object.fromEntries(foldObjectiveCauses(loop, new Set([1, 2])))).toEqual({ 1: 1, 2: 1 });
  });
});

describe("evaluateScenarioRule", () => {
  const s = (id: number, probability: number, on: boolean, noData = false) => ({ id, name: `S${id}`, probability, on, noData, description: "d" });
  it("one result per scenario at or above the probability threshold; triggered while its trigger holds; no data never triggers", () => {
    const r = evaluateScenarioRule(0.2, { scenarios: [s(1, 0.2, true), s(2, 0.6, false), s(3, 0.1, true), s(4, 0.5, true, true)] });
    expect(r.map((x) => [x.subject, x.triggered, x.noData])).toEqual([
      ["scenario:1", true, false],
      ["scenario:2", false, false],
      ["scenario:4", false, true],
    ]);
  });
});
