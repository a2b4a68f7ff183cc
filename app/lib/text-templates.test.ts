import { describe, expect, it } from "vitest";
import { localNumber, templateSet } from "./text-templates";

const FR: Record<string, string> = {
  "Runway below {{threshold}} months": "Trésorerie sous {{threshold}} mois",
  "Raised: {{message}}": "Levé : {{message}}",
  "Note: {{detail}}": "Note : {{detail}}",
  "{{parts}} ({{ids}})": "{{parts}} ({{ids}})",
  "{{count}} opened": "{{count}} ouvert(s)",
  "{{count}} updated": "{{count}} mis à jour",
};
const t = (key: string, values: Record<string, string>) => (FR[key] ?? `⟦${key}⟧`).replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? "");

const set = templateSet(
  {
    runway: "Runway below {{threshold}} months",
    raised: "Raised: {{message}}",
    note: "Note: {{detail}}",
    written: "{{parts}} ({{ids}})",
    opened: "{{count}} opened",
    updated: "{{count}} updated",
  },
  { required: ["message"], optional: ["detail"], lists: { parts: ", " }, numbers: ["threshold", "count"] },
);

describe("text templates", () => {
  it("fills a template in English, the way it is stored", () => {
    expect(set.fill("runway", { threshold: 4.5 })).toBe("Runway below 4.5 months");
    expect(set.fill("raised", { message: set.fill("runway", { threshold: 12 }) })).toBe("Raised: Runway below 12 months");
  });

  it("renders a stored text in the reader's language, its numbers in the reader's locale", () => {
    expect(set.localize("Runway below 4.5 months", t, "fr-FR")).toBe("Trésorerie sous 4,5 mois");
    expect(set.localize("1000 opened", t, "fr-FR")).toBe("1\u202f000 ouvert(s)");
    const english = (key: string, values: Record<string, string>) => key.replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? "");
    expect(set.localize("1000 opened", english, "en-GB")).toBe("1,000 opened");
  });

  it("a required inner text must be one of the set; an optional one is kept as written", () => {
    expect(set.localize("Raised: Runway below 12 months", t, "fr-FR")).toBe("Levé : Trésorerie sous 12 mois");
    expect(set.localize("Raised: something a person wrote", t, "fr-FR")).toBeNull();
    expect(set.localize("Note: deployment.id expected a number", t, "fr-FR")).toBe("Note : deployment.id expected a number");
  });

  it("translates each text of a list", () => {
    expect(set.localize("2 opened, 1 updated (#4, #5)", t, "fr-FR")).toBe("2 ouvert(s), 1 mis à jour (#4, #5)");
  });

  it("a text no template produced is not recognised", () => {
    expect(set.localize("A title a person wrote", t, "fr-FR")).toBeNull();
  });

  it("writes an English number in a locale with the decimals it was written with", () => {
    expect(localNumber("4.5", "fr-FR")).toBe("4,5");
    expect(localNumber("62.0", "fr-FR")).toBe("62,0");
    expect(localNumber("12345", "en-GB")).toBe("12,345");
    expect(localNumber("#12", "fr-FR")).toBe("#12");
  });
});
