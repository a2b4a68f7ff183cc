import { describe, expect, it } from "vitest";
import { FORMULAS } from "../finance";

describe("FORMULAS", () => {
  it.each(Object.entries(FORMULAS))("%s has label, formula and window text", (_key, f) => {
    expect(f.label.length).toBeGreaterThan(0);
    expect(f.formula.length).toBeGreaterThan(10);
    expect(f.window.length).toBeGreaterThan(0);
  });

  it.each<[keyof typeof FORMULAS, string]>([
    ["runway", "÷ average net burn"],
    ["zeroCashDate", "365.25 ÷ 12"],
    ["burnMultiple", "× 12"],
    ["arr", "12 × MRR"],
    ["ltv", "ARPA × gross margin"],
    ["grossMargin", "(Revenue of M − cost of revenue of M) ÷ revenue of M"],
    ["fundingRaised", "from January of M's calendar year to M inclusive"],
  ])("%s formula mentions %s", (key, fragment) => {
    expect(FORMULAS[key].formula).toContain(fragment);
  });
});
