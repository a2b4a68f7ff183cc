import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "~/locales/en/risks.json";
import fr from "~/locales/fr/risks.json";
import { localizeRuleText, RULE_TEXTS, ruleText, type RuleTextT } from "./risk-rule-texts";

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
      "Levé par la règle de métrique «\u00a0runway_below_months\u00a0» (seuil 6)\u00a0: Un runway de 4.5 mois est sous le seuil de 6.0 mois.",
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
    expect(fr).toContain("«\u00a0Ship v2\u00a0» est en retard");
    expect(fr).toMatch(/^Fermé par la règle de métrique/);
    expect(fr).toContain('"Beta" (5 %)');
    expect(fr).not.toContain("off track");
    expect(localizeRuleText(ruleText("objectiveTitle", { title: "Ship v2" }), "objective_off_track_mid_cycle", tFr)).toBe("Objectif en retard\u00a0: Ship v2");
    expect(localizeRuleText("12 % progress, 50 % expected", "objective_off_track_mid_cycle", tFr)).toBe("12 % d'avancement, 50 % attendus");
  });

  it("recognises every template of every rule and renders it with the same values", () => {
    const kinds = ["runway_below_months", "cfr_above_percent_30d", "objective_off_track_mid_cycle", "scenario_trigger_holds"];
    for (const key of Object.keys(RULE_TEXTS) as (keyof typeof RULE_TEXTS)[]) {
      const names = [...RULE_TEXTS[key].matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
      // number placeholders hold numbers (shown in the reader's locale: 12 stays 12)
      const numbers = ["threshold", "months", "percent"];
      const values = Object.fromEntries(
        names.map((n, i) => [n, n === "message" ? ruleText("objectiveLeft") : numbers.includes(n) ? String(10 + i) : `v${i} x`]),
      );
      const english = ruleText(key, values);
      const translated = kinds.map((kind) => localizeRuleText(english, kind, tFr)).filter((text) => text !== english);
      expect(translated.length, key).toBeGreaterThan(0);
      const expected = tFr(RULE_TEXTS[key], { ...values, message: values.message === undefined ? "" : tFr(RULE_TEXTS.objectiveLeft, {}) });
      expect(translated[0], key).toBe(expected);
    }
  });

  it("keeps text a person wrote, and only tries its own rule's templates", () => {
    expect(localizeRuleText("Runway is our biggest worry", "runway_below_months", tFr)).toBe("Runway is our biggest worry");
    // a runway text under the CFR rule is not recognised
    expect(localizeRuleText(ruleText("runwayTitle", { threshold: "6.0" }), "cfr_above_percent_30d", tFr)).toBe("Runway below 6.0 months");
    expect(localizeRuleText("Runway below 6.0 months", null, tFr)).toBe("Runway below 6.0 months");
    expect(localizeRuleText(null, "runway_below_months", tFr)).toBeNull();
  });
});
