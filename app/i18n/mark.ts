import type { Namespace } from "~/i18n/config";

/**
 * Marks a text translated later with `t(value)` (a label table, a constant): returns it unchanged,
 * and `npm run i18n:extract` finds it (in `ns`, else the file's namespace). docs/decisions/023.
 */
export function N_<T extends string>(text: T, _ns?: Namespace): T {
  return text;
}
