/**
 * The interface languages and the i18next options shared by the server and the browser
 * (docs/decisions/023).
 *
 * Keys are the English text itself ("Save", "{{count}} rows imported"): English files are generated
 * from the source by `npm run i18n:extract`, French files are written by people; a test fails on a
 * key missing or left empty in either.
 */
import type { InitOptions } from "i18next";
import { LANGUAGES } from "../../db/schema/enums";

export { LANGUAGES };
export type Language = (typeof LANGUAGES)[number];

/** Used when neither the person nor the company chose (and the browser asks for none we have). */
export const FALLBACK_LANGUAGE: Language = "en";

/**
 * One namespace per domain (a page loads only the ones its routes name in `handle.i18n`), plus
 * `common` (the shell and the shared components, read by every page as the fallback namespace),
 * `validation` (messages of rejected input) and `metrics` (names, formulas and windows of the
 * metric catalogue).
 */
export const NAMESPACES = [
  "common",
  "validation",
  "metrics",
  "auth",
  "home",
  "finance",
  "plans",
  "reports",
  "delivery",
  "okrs",
  "kpis",
  "hiring",
  "risks",
  "governance",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** "fr-FR" → "fr"; a locale of a language we do not have → null. */
export function languageOfLocale(locale: string | null | undefined): Language | null {
  const lang = (locale ?? "").split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(lang) ? lang : null;
}

/** The region used for a language when the company's own locale is of another language. */
const DEFAULT_REGION: Record<Language, string> = { en: "en-GB", fr: "fr-FR" };

/**
 * The locale numbers, money and dates are formatted in: the company's locale when it is of the
 * reader's language (an "en-US" company reads "$1,200.50" and "12/31/2026"), else the language's
 * usual region ("fr" → "fr-FR", "en" → "en-GB").
 */
export function formattingLocale(language: Language, companyLocale: string): string {
  return languageOfLocale(companyLocale) === language ? companyLocale : DEFAULT_REGION[language];
}

/** i18next options common to the server and the browser. */
export const i18nOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  fallbackNS: "common",
  ns: ["common"],
  // natural-language keys: "." and ":" are ordinary characters in them
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  returnNull: false,
  // React escapes; texts are never injected as HTML
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
} satisfies InitOptions;
