/**
 * The language a request is answered in (docs/decisions/023): the person's choice, else the
 * company's default; before sign-in the browser's Accept-Language, else the company's default; the
 * API: Accept-Language, else English.
 * server/app.js calls `withRequestLanguage` once per request.
 */
import { getUser } from "~/auth/session.server";
import { FALLBACK_LANGUAGE, formattingLocale, isLanguage, languageOfLocale, type Language } from "~/i18n/config";
import { runInLanguage } from "~/i18n/translate.server";
import { getCompanySettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";

/** The company's default language (from its locale setting: "fr-FR" → fr). */
export function companyLanguage(): Language {
  return languageOfLocale(getCompanySettings(getDb()).locale) ?? FALLBACK_LANGUAGE;
}

/** The first language of an Accept-Language header we have, by the header's weights; null when none. */
export function pickAcceptLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .slice(0, 20)
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: languageOfLocale(tag), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r): r is { lang: Language; q: number; i: number } => r.lang !== null && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang ?? null;
}

/**
 * The locale the first-run form proposes for the company: the language the person installing
 * browses in, with that language's usual region ("fr" → fr-FR, "en" → en-GB), else the stored
 * default. (A browser's own region, e.g. en-US, is not taken: the app is not yet checked in every
 * region's formats — see the closing note of session 6.)
 */
export function proposedCompanyLocale(header: string | null | undefined, storedDefault: string): string {
  const language = pickAcceptLanguage(header);
  return language ? formattingLocale(language, storedDefault) : storedDefault;
}

/** The company's locale setting, or null before the database exists (first run). */
function storedCompanyLocale(): string | null {
  try {
    return getCompanySettings(getDb()).locale;
  } catch {
    return null;
  }
}

/**
 * The language a request is answered in (see the module's comment). `companyLocale` is the company's
 * locale setting when the caller has read it already (null: no database yet), so that it is read
 * once per request.
 */
export async function resolveLanguage(request: Request, companyLocale?: string | null): Promise<Language> {
  // machines: the API answers in the language they ask for, else English (a stable contract)
  if (new URL(request.url).pathname.startsWith("/api/")) return pickAcceptLanguage(request.headers.get("accept-language")) ?? FALLBACK_LANGUAGE;
  const company = () =>
    companyLocale === undefined ? companyLanguage() : ((companyLocale === null ? null : languageOfLocale(companyLocale)) ?? FALLBACK_LANGUAGE);
  const user = await getUser(request).catch(() => null);
  if (user) return isLanguage(user.language) ? user.language : company();
  return pickAcceptLanguage(request.headers.get("accept-language")) ?? company();
}

/** server/app.js: answer a request in its language (resolved once, read by everything below). */
export async function withRequestLanguage<T>(request: Request, answer: () => Promise<T>): Promise<T> {
  const companyLocale = storedCompanyLocale();
  const language = await resolveLanguage(request, companyLocale).catch(() => FALLBACK_LANGUAGE);
  // the locale dates are typed in on this request's forms, as the root loader formats them
  return runInLanguage(language, answer, formattingLocale(language, companyLocale ?? ""));
}
