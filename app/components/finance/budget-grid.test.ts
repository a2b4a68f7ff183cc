import { describe, expect, it } from "vitest";
import { budgetGrid } from "~/lib/metrics/finance";
import { varianceTone } from "./budget-grid";

describe("budget grid totals", () => {
  it("compares the actuals with the plan of the months that have an actual only", () => {
    const grid = budgetGrid([
      { month: "2026-01", category: "Cloud", plannedCents: 100, actualCents: 90 },
      { month: "2026-02", category: "Cloud", plannedCents: 100, actualCents: 120 },
      { month: "2026-03", category: "Cloud", plannedCents: 100, actualCents: null }, // a month to come: not in the comparison
      { month: "2026-03", category: "Tools", plannedCents: 50, actualCents: null },
    ]);
    const cloud = grid.rows[0];
    expect(cloud.plannedToDateCents).toBe(200);
    expect(grid.rows[1].plannedToDateCents).toBe(0);
    expect(grid.grandTotal.plannedToDateCents).toBe(200);
    expect(grid.totalRow.map((t) => t.hasActual)).toEqual([true, true, false]);
    // 210 spent against 200 planned to date: over plan (not 210 / 300, which would look under plan)
    expect(varianceTone(cloud.plannedToDateCents, cloud.totalActualCents)).toBe("warn");
    expect(varianceTone(cloud.totalPlannedCents, cloud.totalActualCents)).toBe("good");
  });

  it("colours a variance: under or on plan good, up to the warning share warn, beyond bad, no actual none", () => {
    expect(varianceTone(100, null)).toBe("none");
    expect(varianceTone(100, 100)).toBe("good");
    expect(varianceTone(100, 400)).toBe("bad");
  });
});
