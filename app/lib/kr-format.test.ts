import { describe, expect, it } from "vitest";
import { formatKrValue, krInputValue, krState, krValueFromText } from "./kr-format";

describe("krValueFromText", () => {
  it.each([
    ["number", "12", 12],
    ["number", "1 234,5", 1234.5],
    ["number", "−3", -3],
    ["number", "abc", null],
    ["percent", "84.5", 84.5],
    ["currency", "1234.50", 123450],
    ["currency", "1 000 €", 100000],
    ["boolean", "1", 1],
    ["boolean", "0", 0],
    ["boolean", "yes", null],
  ] as const)("%s %s → %s", (kind, text, expected) => {
    expect(krValueFromText(kind, text)).toBe(expected);
  });
});

describe("krInputValue / formatKrValue", () => {
  it("round-trips currency through euros", () => {
    expect(krInputValue("currency", 123450)).toBe("1234.50");
    expect(krInputValue("currency", 100000)).toBe("1000");
    expect(krValueFromText("currency", krInputValue("currency", 123450))).toBe(123450);
  });
  it("formats by kind", () => {
    expect(formatKrValue("boolean", 1, null)).toBe("Done");
    expect(formatKrValue("boolean", 0, null)).toBe("Not done");
    expect(formatKrValue("number", 12, "services", { locale: "en-US" })).toBe("12 services");
    expect(formatKrValue("percent", 84.5, "%", { locale: "en-US" })).toBe("84.5 %");
  });
});

describe("krState", () => {
  it("uses the contract's progress and status", () => {
    const kr = { kind: "number" as const, startValue: 0, targetValue: 10, currentValue: 0, unit: null };
    expect(krState(kr, 5, 0.5)).toEqual({ progress: 0.5, status: "on_track" });
    expect(krState(kr, 3, 0.5)).toEqual({ progress: 0.3, status: "at_risk" });
    expect(krState(kr, 1, 0.5)).toEqual({ progress: 0.1, status: "off_track" });
  });
});
