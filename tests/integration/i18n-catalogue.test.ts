/**
 * The translation catalogue is complete (issue 16, docs/decisions/023): every text the code
 * translates has a non-empty entry in English and in French, in its namespace, with every plural
 * form the language needs, and no entry is left that nothing uses. `npm run i18n:extract` fixes
 * the structure and lists what is left to write.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, NAMESPACES } from "~/i18n/config";
import { catalogueProblems, entriesFor, pluralCategories, readCatalogue, scanSources, updatedCatalogue } from "~/i18n/extract.server";

const root = path.resolve(__dirname, "../..");
const scan = scanSources(path.join(root, "app"));
const catalogue = readCatalogue(path.join(root, "app/locales"));

describe("translation catalogue", () => {
  it("finds the texts of the shell", () => {
    const keys = new Set(scan.keys.map((k) => `${k.ns}:${k.key}`));
    expect(keys).toContain("common:Log out");
    expect(keys).toContain("common:Skip to content");
    expect(scan.keys.length).toBeGreaterThan(50);
  });

  it("has every text in every language, none empty, none unused", () => {
    expect(catalogueProblems(scan, catalogue)).toEqual([]);
  });

  it("holds the same entries in both languages except for the plural forms", () => {
    for (const ns of NAMESPACES) {
      const strip = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
      const en = new Set(Object.keys(catalogue.en[ns]).map(strip));
      const fr = new Set(Object.keys(catalogue.fr[ns]).map(strip));
      expect([...en].sort(), ns).toEqual([...fr].sort());
    }
  });

  it("keeps the {{placeholders}} of the English text in the French one", () => {
    const bad: string[] = [];
    for (const ns of NAMESPACES) {
      for (const [key, fr] of Object.entries(catalogue.fr[ns])) {
        const en = catalogue.en[ns][key] ?? key;
        const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
        const want = new Set(names(en));
        const got = new Set(names(fr));
        // a plural's "one" form may write "un" instead of {{count}}
        want.delete("count");
        got.delete("count");
        if ([...want].some((n) => !got.has(n)) || [...got].some((n) => !want.has(n))) bad.push(`${ns}: ${key} → ${fr}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("writes a plural's count in the reader's locale ({{count, number}}), in both languages", () => {
    const bare: string[] = [];
    for (const lng of LANGUAGES)
      for (const ns of NAMESPACES)
        for (const [key, value] of Object.entries(catalogue[lng][ns]))
          if (/_(zero|one|two|few|many|other)$/.test(key) && value.includes("{{count}}")) bare.push(`${lng}/${ns}: ${key} → ${value}`);
    expect(bare).toEqual([]);
  });

  it("asks French for the CLDR plural forms one, many and other, English for one and other", () => {
    expect(pluralCategories("fr")).toEqual(["one", "many", "other"]);
    expect(pluralCategories("en")).toEqual(["one", "other"]);
    expect(entriesFor({ key: "{{count}} rows", plural: true }, "fr")).toEqual(["{{count}} rows_one", "{{count}} rows_many", "{{count}} rows_other"]);
  });

  it("extraction is stable: running it on the catalogue changes nothing", () => {
    const next = updatedCatalogue(scan, catalogue);
    for (const lng of LANGUAGES) for (const ns of NAMESPACES) expect(next[lng][ns], `${lng}/${ns}`).toEqual(catalogue[lng][ns]);
  });
});
