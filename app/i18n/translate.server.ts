/**
 * Translating on the server (docs/decisions/023), in the language of the request being answered:
 * language.server.ts resolves it once per request and keeps it here (AsyncLocalStorage), so the
 * page's render, `serverT` in actions and the form-error replies all read it. Outside a request
 * (tests, scripts) it is English. Free of the database: app/lib may use it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import i18next, { type TOptions } from "i18next";
import { initReactI18next } from "react-i18next";
import { FALLBACK_LANGUAGE, formattingLocale, i18nOptions, NAMESPACES, type Language } from "~/i18n/config";
import { resources, resourcesVersion } from "~/locales/index.server";

/**
 * I18N_STRICT=1 (the tests' servers): a key missing in the page's language shows as ⟦key⟧ instead of
 * falling back to English, so the completeness test sees it.
 */
export const i18nStrict = process.env.I18N_STRICT === "1";

export { resourcesVersion };

const serverI18n = i18next.createInstance();
void serverI18n.use(initReactI18next).init({
  ...i18nOptions,
  ...(i18nStrict ? { fallbackLng: false as const, parseMissingKeyHandler: (key: string) => `⟦${key}⟧` } : {}),
  ns: [...NAMESPACES],
  resources,
  lng: FALLBACK_LANGUAGE,
  initImmediate: false,
});

const requestLanguage = new AsyncLocalStorage<{ language: Language; locale: string }>();

/**
 * Runs `answer` in `language`, formatting in `locale` (default: the language's usual region):
 * language.server.ts, once per request; tests; a job writing for one person.
 */
export function runInLanguage<T>(language: Language, answer: () => T, locale: string = formattingLocale(language, "")): T {
  return requestLanguage.run({ language, locale }, answer);
}

/** The current request's formatting locale (the root loader's `formatting.locale`); en-GB outside a request. */
export function currentLocale(): string {
  return requestLanguage.getStore()?.locale ?? formattingLocale(FALLBACK_LANGUAGE, "");
}

/** The current request's language; English outside a request. */
export function currentLanguage(): Language {
  return requestLanguage.getStore()?.language ?? FALLBACK_LANGUAGE;
}

/**
 * Translate on the server, in the request's language. The key is the English text; the namespace is
 * `validation` (the messages the server writes) unless `ns` says otherwise.
 */
export function serverT(key: string, options?: TOptions): string {
  return serverI18n.t(key, { lng: currentLanguage(), ns: "validation", ...options }) as string;
}

/** Where a message written as a key is looked up: the server's own messages first, then each domain's. */
const MESSAGE_NAMESPACES = ["validation", ...NAMESPACES.filter((n) => n !== "validation")];

/**
 * A message that may be a key (e.g. a zod message marked `N_("is required")` in validation, or
 * `N_("…", "delivery")` in a domain's namespace) or a text already translated where it was built
 * (`serverT`): translated when it is a key of `ns` (default: validation, then every domain's),
 * returned as it is otherwise.
 */
export function translateMessage(message: string, ns?: string): string {
  const lng = currentLanguage();
  for (const n of ns ? [ns] : MESSAGE_NAMESPACES) {
    if (serverI18n.exists(message, { lng, ns: n })) return serverI18n.t(message, { lng, ns: n }) as string;
  }
  return message;
}

/** A translation instance for rendering one page in `language` (shares the loaded texts). */
export function i18nForRender(language: Language) {
  return serverI18n.cloneInstance({ lng: language, initImmediate: false });
}
