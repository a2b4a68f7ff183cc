import { describe, expect, it } from "vitest";
import { formattingLocale, languageOfLocale } from "~/i18n/config";
import { pickAcceptLanguage, proposedCompanyLocale } from "~/i18n/language.server";

describe("pickAcceptLanguage", () => {
  it.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", "fr"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["de, es", null],
    ["fr;q=0", null],
    ["*", null],
    ["", null],
    [null, null],
  ])("%s → %s", (header, lang) => {
    expect(pickAcceptLanguage(header)).toBe(lang);
  });
});

describe("languageOfLocale / formattingLocale", () => {
  it("reads the language of a locale", () => {
    expect(languageOfLocale("fr-FR")).toBe("fr");
    expect(languageOfLocale("en_US")).toBe("en");
    expect(languageOfLocale("de-DE")).toBeNull();
  });
  it("formats in the company's region when it is of the reader's language, else the language's usual one", () => {
    expect(formattingLocale("fr", "fr-FR")).toBe("fr-FR");
    expect(formattingLocale("en", "en-US")).toBe("en-US");
    expect(formattingLocale("en", "fr-FR")).toBe("en-GB");
    expect(formattingLocale("fr", "en-US")).toBe("fr-FR");
    expect(formattingLocale("fr", "fr-CA")).toBe("fr-CA");
  });
});

describe("proposedCompanyLocale", () => {
  it.each([
    ["en-US,en;q=0.9", "en-GB"],
    ["fr-ca,fr;q=0.9", "fr-FR"],
    ["fr", "fr-FR"],
    ["en", "en-GB"],
    ["de-DE,de;q=0.9", "fr-FR"],
    [null, "fr-FR"],
    ["de-DE, en-AU;q=0.5", "en-GB"],
  ])("%s → %s (stored default fr-FR)", (header, locale) => {
    expect(proposedCompanyLocale(header, "fr-FR")).toBe(locale);
  });
});
