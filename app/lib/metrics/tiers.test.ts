import { describe, expect, it } from "vitest";
import { CLOSING_BAND_MEANING, OKR_STATUS_LABELS, OKR_STATUS_MEANING } from "./okrs";
import { RISK_LEVEL_LABELS, RISK_LEVEL_MEANING, RISK_LEVELS } from "./risks";
import { labelledScale, TIER_LABELS, TIER_MEANING } from "./tiers";

describe("labelledScale: a value's label and colour meaning written together, read as two maps", () => {
  it("splits each entry into its label and its meaning, keeping every key", () => {
    const s = labelledScale<"up" | "down">({ up: ["Up", "good"], down: ["Down", "bad"] });
    expect(s.labels).toEqual({ up: "Up", down: "Down" });
    expect(s.meaning).toEqual({ up: "good", down: "bad" });
  });

  it("gives the scales of the app the meanings the badges colour by", () => {
    expect(TIER_MEANING).toEqual({ elite: "good", high: "ok", medium: "warn", low: "bad" });
    expect(Object.keys(TIER_LABELS)).toEqual(["elite", "high", "medium", "low"]);
    expect(RISK_LEVELS.map((l) => RISK_LEVEL_MEANING[l])).toEqual(["good", "ok", "warn", "bad"]);
    expect(RISK_LEVEL_LABELS.critical).toBe("Critical (20–25)");
    expect(OKR_STATUS_MEANING).toEqual({ on_track: "good", at_risk: "warn", off_track: "bad" });
    expect(OKR_STATUS_LABELS.at_risk).toBe("At risk");
    expect(CLOSING_BAND_MEANING).toEqual({ green: "good", yellow: "warn", red: "bad" });
  });
});
