import { describe, expect, it } from "vitest";
import { plannedToDateOf, varianceTone } from "./budget-grid";

describe("budget grid totals", () => {
  it("compares the actuals with the plan of the months that have an actual only", () => {
    const cells = [
      { plannedCents: 100, actualCents: 90 },
      { plannedCents: 100, actualCents: 120 },
      { plannedCents: 100, actualCents: null }, // a month to come: not in the comparison
    ];
    expect(plannedToDateOf(cells)).toBe(200);
    // 210 spent against 200 planned to date: over plan (not 210 / 300, which would look under plan)
    expect(varianceTone(plannedToDateOf(cells), 210)).toBe("warn");
    expect(varianceTone(300, 210)).toBe("good");
    expect(plannedToDateOf([{ plannedCents: 50, actualCents: null }])).toBe(0);
  });

  it("colours a variance: under or on plan good, up to the warning share warn, beyond bad, no actual none", () => {
    expect(varianceTone(100, null)).toBe("none");
    expect(varianceTone(100, 100)).toBe("good");
    expect(varianceTone(100, 400)).toBe("bad");
  });
});
