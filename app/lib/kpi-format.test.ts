import { describe, expect, it } from "vitest";
import { can } from "~/auth/permissions";
import { KPI_CATEGORIES } from "../../db/schema/enums";
import { formatKpiChange, formatKpiValue, kpiAxisUnit, kpiCategoryText } from "./kpi-format";

describe("KPI helpers", () => {
  it("lets CEO, CTO and leads edit, not viewers", () => {
    expect(["ceo", "cto", "lead", "viewer"].map((role) => can({ id: 1, teamId: null, role: role as "ceo" }, "kpis:edit"))).toEqual([true, true, true, false]);
    expect(can(null, "kpis:edit")).toBe(false);
  });
  it("formats values and changes with the unit", () => {
    expect(formatKpiValue(84.56, "%", "en-US")).toBe("84.56 %");
    expect(formatKpiValue(null, "%", "en-US")).toBeNull();
    expect(formatKpiValue(12, null, "en-US")).toBe("12");
    expect(formatKpiChange(-3, "ms", "en-US")).toBe("-3 ms");
    expect(formatKpiChange(2.5, null, "en-US")).toBe("+2.5");
    expect(formatKpiChange(6, "%", "en-US")).toBe("+6 pts"); // a difference of percentages, not a relative change
    // units are data, stored in the plural: one bug, not "1 bugs"
    expect(formatKpiValue(1, "bugs", "en-US")).toBe("1 bug");
    expect(formatKpiValue(0, "bugs", "en-US")).toBe("0 bugs");
    expect(formatKpiValue(2, "bugs", "en-US")).toBe("2 bugs");
    expect(formatKpiChange(-1, "bugs", "en-US")).toBe("-1 bug");
    expect(formatKpiValue(1, "ms", "en-US")).toBe("1 ms");
  });
});

describe("kpiAxisUnit", () => {
  it("whole steps for counts, percent for %, plain numbers otherwise", () => {
    expect(kpiAxisUnit("bugs", [0, 1, 0, null, 2])).toBe("count");
    expect(kpiAxisUnit("%", [84, 85])).toBe("percent");
    expect(kpiAxisUnit("ms", [162.5, 170])).toBe("number");
    expect(kpiAxisUnit("pts", [])).toBe("number");
  });
});

describe("kpiCategoryText", () => {
  const fr = (key: string) => ({ Product: "Produit", Technical: "Technique", Business: "Business" })[key] ?? `⟦${key}⟧`;
  it("gives every category of the schema its label, in the reader's language", () => {
    expect(KPI_CATEGORIES.map((c) => kpiCategoryText(c, fr))).toEqual(["Produit", "Technique", "Business"]);
    expect(KPI_CATEGORIES.map((c) => kpiCategoryText(c, (k) => k))).toEqual(["Product", "Technical", "Business"]);
  });
  it("shows a code this version does not know as it is, untranslated", () => {
    expect(kpiCategoryText("legal", fr)).toBe("legal");
  });
});
