import { describe, expect, it } from "vitest";
import { formattingLocale, languageOfLocale } from "~/i18n/config";
import { pickAcceptLanguage, proposedCompanyLocale, resolveLanguage } from "~/i18n/language.server";
import { itMaps } from "../../tests/helpers/mapping";

describe("pickAcceptLanguage", () => {
  itMaps("%s → %s", pickAcceptLanguage, [
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["en-GB,en;q=0.9", "en"],
    ["de-DE,de;q=0.9,fr;q=0.5,en;q=0.4", "fr"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["de, es", null],
    ["fr;q=0", null],
    ["*", null],
    ["", null],
    [null, null],
  ]);
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

describe("resolveLanguage with the company's locale already read", () => {
  const visitor = (acceptLanguage?: string) => new Request("http://localhost/login", { headers: acceptLanguage ? { "accept-language": acceptLanguage } : {} });
  it.each([
    [undefined, "fr-FR", "fr"],
    [undefined, "en-GB", "en"],
    ["fr-CA,fr;q=0.9", "en-GB", "fr"],
    // no database yet (first run): the browser's language, else English
    ["fr", null, "fr"],
    [undefined, null, "en"],
  ] as const)("a visitor (Accept-Language %s) of a company in %s reads %s", async (header, companyLocale, expected) => {
    expect(await resolveLanguage(visitor(header), companyLocale)).toBe(expected);
  });
  it("the API answers in the language asked for, else English, whatever the company's", async () => {
    const api = (h?: string) => new Request("http://localhost/api/v1/kpis", { headers: h ? { "accept-language": h } : {} });
    expect(await resolveLanguage(api(), "fr-FR")).toBe("en");
    expect(await resolveLanguage(api("fr"), "en-GB")).toBe("fr");
  });
});
