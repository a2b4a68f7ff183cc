/**
 * The formatting locale for a component that may render outside the root route (tests, the error
 * page): the one given, else the page's (the root loader's `formatting.locale`, which follows the
 * reader's language), else the usual region of the language i18next renders in.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FALLBACK_LANGUAGE, formattingLocale, isLanguage } from "~/i18n/config";
import type { loader } from "~/root";

export function useFormatLocale(given?: string): string {
  const root = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  if (given) return given;
  if (root?.formatting?.locale) return root.formatting.locale;
  const language = isLanguage(i18n?.language) ? i18n.language : FALLBACK_LANGUAGE;
  return formattingLocale(language, "");
}
