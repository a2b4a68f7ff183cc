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

/**
 * Translated texts kept by what they were asked with. A translation is a pure function of the
 * language, the key and the options (the texts are loaded once, at start, and never change while the
 * server runs), and a page asks for the same few hundred texts on every request: resolving each
 * through i18next (namespaces, fallbacks, plural suffix, interpolation) was the largest single cost of
 * rendering a page on the server (issue 17). Only calls whose options are flat (strings, numbers,
 * booleans, arrays of strings) are kept; the map is bounded, the oldest entries going first. Outside
 * production every hit is translated again and compared.
 */
const TEXT_MEMO_MAX = 20_000;
const textMemo = new Map<string, string>();
const VERIFY_MEMO = process.env.NODE_ENV !== "production";

function memoKey(language: Language, key: unknown, options: unknown): string | null {
  if (typeof key !== "string") return null;
  if (options === undefined) return `${language}\u0000${key}`;
  if (typeof options !== "object" || options === null) return null;
  for (const value of Object.values(options)) {
    if (value === null || value === undefined) continue;
    const type = typeof value;
    if (type === "string" || type === "number" || type === "boolean") continue;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) continue;
    return null;
  }
  return `${language}\u0000${key}\u0000${JSON.stringify(options)}`;
}

/** For tests: how many texts are kept, and forget them. */
export function textMemoSize(): number {
  return textMemo.size;
}
export function clearTextMemo(): void {
  textMemo.clear();
}

export class TextMemoMismatchError extends Error {}

type I18n = typeof serverI18n;

function withTextMemo(instance: I18n, language: Language): I18n {
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const memoT = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    const k = rest.length === 0 ? memoKey(language, key, options) : null;
    if (k === null) return (translate as (...args: unknown[]) => unknown)(key, options, ...rest);
    const known = textMemo.get(k);
    if (known !== undefined) {
      if (VERIFY_MEMO && translate(key, options) !== known) throw new TextMemoMismatchError(`A kept translation differs from a fresh one: ${k.slice(0, 200)}`);
      return known;
    }
    const text = translate(key, options);
    if (typeof text === "string") {
      if (textMemo.size >= TEXT_MEMO_MAX) textMemo.delete(textMemo.keys().next().value as string);
      textMemo.set(k, text);
    }
    return text;
  };
  instance.t = memoT as unknown as I18n["t"];
  return instance;
}

/**
 * The translation instance that renders pages in `language` (shares the loaded texts), made once per
 * language: it holds no state of a request (the language is fixed, and nothing changes it), so making
 * a new one per request (cloneInstance) only cost time.
 */
const renderInstances = new Map<Language, I18n>();
export function i18nForRender(language: Language): I18n {
  let instance = renderInstances.get(language);
  if (!instance) {
    instance = withTextMemo(serverI18n.cloneInstance({ lng: language, initImmediate: false }), language);
    renderInstances.set(language, instance);
  }
  return instance;
}
