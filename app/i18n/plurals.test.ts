/**
 * Plurals as the catalogue writes them, in both languages (issue 16): CLDR rules through
 * Intl.PluralRules — French "one" covers 0 and 1, English "one" is 1 only.
 */
import { describe, expect, it } from "vitest";
import { testI18n } from "../../tests/helpers/i18n";

const rows = (lng: "en" | "fr", count: number) => testI18n(lng).t("{{count}} rows", { count, ns: "common" });
const wait = (lng: "en" | "fr", count: number) => testI18n(lng).t("Too many failed sign-in attempts. Try again in {{count}} minutes.", { count, ns: "auth" });

describe("plurals from the catalogue", () => {
  it.each([
    [0, "0 rows", "0 ligne"],
    [1, "1 row", "1 ligne"],
    [2, "2 rows", "2 lignes"],
    [21, "21 rows", "21 lignes"],
    // the count is written in the language's locale
    [1200, "1,200 rows", "1\u202f200 lignes"],
  ])("%d", (count, en, fr) => {
    expect(rows("en", count)).toBe(en);
    expect(rows("fr", count)).toBe(fr);
  });

  it("a sentence with a plural, in both languages", () => {
    expect(wait("en", 1)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
    expect(wait("en", 5)).toBe("Too many failed sign-in attempts. Try again in 5 minutes.");
    expect(wait("fr", 1)).toBe("Trop de tentatives de connexion échouées. Réessayez dans 1 minute.");
    expect(wait("fr", 5)).toBe("Trop de tentatives de connexion échouées. Réessayez dans 5 minutes.");
  });

  it("picks the CLDR category of each language", () => {
    expect(new Intl.PluralRules("fr").select(0)).toBe("one");
    expect(new Intl.PluralRules("en").select(0)).toBe("other");
    expect(new Intl.PluralRules("fr").select(1_000_000)).toBe("many");
    // French "many" (whole millions) takes "de" before the noun: « un million de lignes »
    expect(rows("fr", 1_000_000)).toBe("1\u202f000\u202f000 de lignes");
    expect(rows("fr", 1_500_000)).toBe("1\u202f500\u202f000 lignes");
  });
});
