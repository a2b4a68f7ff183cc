import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "~/locales/en/risks.json";
import fr from "~/locales/fr/risks.json";
import { localizeRuleText, ruleText, type RuleTextT } from "./risk-rule-texts";

const i18n = i18next.createInstance();
void i18n.init({
  lng: "fr",
  resources: { en: { risks: en }, fr: { risks: fr } },
  ns: ["risks"],
  defaultNS: "risks",
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initImmediate: false,
});
const tFr: RuleTextT = (key, values) => i18n.t(key, { ...values, lng: "fr" });
const tEn: RuleTextT = (key, values) => i18n.t(key, { ...values, lng: "en" });

describe("localizeRuleText", () => {
  it("renders a rule's stored English description in French with the same values", () => {
    const english = ruleText("raised", {
      rule: "runway_below_months",
      threshold: 6,
      message: ruleText("runwayBelow", { months: "4.5", threshold: "6.0" }),
    });
    expect(english).toBe('Raised by the metric rule "runway_below_months" (threshold 6): Runway of 4.5 months is below the 6.0-month threshold.');
    expect(localizeRuleText(english, "runway_below_months", tFr)).toBe(
      "Levée par la règle de métrique « runway_below_months » (seuil 6) : un runway de 4.5 mois est sous le seuil de 6.0 mois.",
    );
    expect(localizeRuleText(english, "runway_below_months", tEn)).toBe(english);
  });

  it("translates nested objective messages, titles and values", () => {
    const message = ruleText("objectiveAlso", {
      message: ruleText("objectiveOffTrack", { title: "Ship v2", progress: "10 %", expected: "60 %", elapsed: "60 %" }),
      list: '"Beta" (5 %)',
    });
    const closed = ruleText("closedCleared", { rule: "objective_off_track_mid_cycle", message });
    const fr = localizeRuleText(closed, "objective_off_track_mid_cycle", tFr);
    expect(fr).toContain("« Ship v2 »");
    expect(fr).toContain('"Beta" (5 %)');
    expect(fr).not.toContain("off track");
    expect(localizeRuleText(ruleText("objectiveTitle", { title: "Ship v2" }), "objective_off_track_mid_cycle", tFr)).toBe("Objectif en retard : Ship v2");
    expect(localizeRuleText("12 % progress, 50 % expected", "objective_off_track_mid_cycle", tFr)).toBe("12 % d'avancement, 50 % attendus");
  });

  it("keeps text a person wrote, and only tries its own rule's templates", () => {
    expect(localizeRuleText("Runway is our biggest worry", "runway_below_months", tFr)).toBe("Runway is our biggest worry");
    // a runway text under the CFR rule is not recognised
    expect(localizeRuleText(ruleText("runwayTitle", { threshold: "6.0" }), "cfr_above_percent_30d", tFr)).toBe("Runway below 6.0 months");
    expect(localizeRuleText("Runway below 6.0 months", null, tFr)).toBe("Runway below 6.0 months");
    expect(localizeRuleText(null, "runway_below_months", tFr)).toBeNull();
  });
});
