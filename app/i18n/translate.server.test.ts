import { beforeEach, describe, expect, it } from "vitest";
import { clearTextMemo, i18nForRender, textMemoSize } from "~/i18n/translate.server";

describe("the render instances' kept translations", () => {
  beforeEach(() => clearTextMemo());

  it("one instance per language, reused by every request", () => {
    expect(i18nForRender("fr")).toBe(i18nForRender("fr"));
    expect(i18nForRender("en")).not.toBe(i18nForRender("fr"));
    expect(i18nForRender("fr").language).toBe("fr");
    expect(i18nForRender("en").language).toBe("en");
  });

  it("a text is translated once, then read back: the same result as i18next's, per language", () => {
    const fr = i18nForRender("fr").getFixedT("fr", "common");
    const en = i18nForRender("en").getFixedT("en", "common");
    expect(fr("Show as table")).toBe("Afficher en tableau");
    expect(textMemoSize()).toBe(1);
    expect(fr("Show as table")).toBe("Afficher en tableau");
    expect(textMemoSize()).toBe(1);
    expect(en("Show as table")).toBe("Show as table");
    expect(textMemoSize()).toBe(2);
  });

  it("the options are part of what is kept: each count and value its own text (plurals included)", () => {
    const t = i18nForRender("fr").getFixedT("fr", "common");
    expect(t("{{count}} rows", { count: 1 })).toBe("1 ligne");
    expect(t("{{count}} rows", { count: 3 })).toBe("3 lignes");
    expect(t("{{count}} rows", { count: 1_000_000 })).toBe("1\u202f000\u202f000 de lignes");
    expect(t("{{count}} rows", { count: 1 })).toBe("1 ligne");
    expect(textMemoSize()).toBe(3);
  });

  it("a call with options that are not flat values is translated every time, not kept", () => {
    const t = i18nForRender("en").getFixedT("en", "common");
    expect(t("Show as table", { interpolation: { escapeValue: false } })).toBe("Show as table");
    expect(textMemoSize()).toBe(0);
  });
});
