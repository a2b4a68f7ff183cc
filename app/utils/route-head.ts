/**
 * A page route's `handle` (the i18n namespaces its texts come from) and `meta` (its translated
 * title) written once: `export const { handle, meta } = routeHead("finance", N_("Budgets", "finance"));`.
 * Remix reads both as ordinary named exports (the classic compiler lists destructured exports too,
 * so both still reach the browser build). The title is a text of the first namespace.
 */
import type { Namespace } from "~/i18n/config";
import { titleMeta } from "~/i18n/meta";

export function routeHead(namespaces: Namespace | readonly [Namespace, ...Namespace[]], title: string) {
  const list: readonly Namespace[] = typeof namespaces === "string" ? [namespaces] : namespaces;
  return { handle: { i18n: [...list] }, meta: titleMeta(list[0], title) };
}
