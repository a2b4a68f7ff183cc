/**
 * Translated page titles in a route's `meta` (which runs outside React, on the server and in the
 * browser): `const t = metaT(matches, "finance")`, then `pageTitle(t, t("Budgets"))`.
 */
import type { TFunction } from "i18next";
import { getI18n } from "react-i18next";
import { FALLBACK_LANGUAGE, type Namespace } from "~/i18n/config";

type RootMatch = { data?: unknown } | undefined;

/** A t() in the page's language (the root loader's `locale`) for `ns`. */
export function metaT(matches: readonly RootMatch[], ns: Namespace = "common"): TFunction {
  const lng = (matches[0]?.data as { locale?: string } | undefined)?.locale ?? FALLBACK_LANGUAGE;
  return getI18n().getFixedT(lng, ns);
}

/** "Budgets · Strategy Tracker" in the page's language. */
export function pageTitle(t: TFunction, title: string): string {
  return `${title} · ${t("Strategy Tracker", { ns: "common" })}`;
}

/** A route's `meta`: its title (a text of namespace `ns`, marked where it is written) in the page's language. */
export function titleMeta(ns: Namespace, title: string): (args: { matches: readonly RootMatch[] }) => { title: string }[] {
  return ({ matches }) => {
    const t = metaT(matches, ns);
    return [{ title: pageTitle(t, t(title)) }];
  };
}
