/**
 * A page route's `handle` (the i18n namespaces its texts come from) and `meta` (its translated
 * title) written once: `export const { handle, meta } = routeHead("finance", N_("Budgets", "finance"));`.
 * Remix reads both as ordinary named exports (the classic compiler lists destructured exports too,
 * so both still reach the browser build). The title is a text of the first namespace.
 */
import type { MetaFunction } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { Namespace } from "~/i18n/config";
import { metaT, pageTitle, titleMeta } from "~/i18n/meta";

type Namespaces = Namespace | readonly [Namespace, ...Namespace[]];

function handleOf(namespaces: Namespaces) {
  const list: readonly Namespace[] = typeof namespaces === "string" ? [namespaces] : namespaces;
  return { i18n: [...list] };
}

export function routeHead(namespaces: Namespaces, title: string) {
  const handle = handleOf(namespaces);
  return { handle, meta: titleMeta(handle.i18n[0], title) };
}

type MetaArgs<Loader> = Parameters<MetaFunction<Loader>>[0];

/**
 * The same for a page titled from its loader's data (a row's name), "<title> · Strategy Tracker":
 * `export const { handle, meta } = dataRouteHead<typeof loader>("okrs", (data, t) => data?.kr.title ?? t("Key result"));`
 * `t` reads the first namespace in the page's language; `data` is undefined when the loader failed.
 */
export function dataRouteHead<Loader>(namespaces: Namespaces, title: (data: MetaArgs<Loader>["data"], t: TFunction, args: MetaArgs<Loader>) => string) {
  const handle = handleOf(namespaces);
  const meta: MetaFunction<Loader> = (args) => {
    const t = metaT(args.matches, handle.i18n[0]);
    return [{ title: pageTitle(t, title(args.data, t, args)) }];
  };
  return { handle, meta };
}
