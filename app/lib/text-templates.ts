/**
 * Texts a machine writes into the database in English and a page shows in the reader's language
 * (docs/decisions/601): the metric risk rules' titles and findings, the webhook delivery log's
 * summaries and reasons. Each text comes from a template — an i18next key whose English text is the
 * key itself, with {{placeholders}} — filled with `fill`. A page recognises a stored text from its
 * templates with `localize` and renders the same values through t(); a text no template produced
 * (a person's, or one older than its template) matches nothing and is shown as written.
 *
 * Placeholders may hold other texts of the set (`nested`): required (the outer template matches only
 * when the inner text is one of the set) or optional (translated when it is, else kept as written);
 * `lists` hold several such texts joined by a separator. Placeholders named in `numbers` hold a
 * number written the English way ("4.5", "1000"), shown in the reader's locale ("4,5", "1 000").
 * Pure: no I/O, no i18next instance.
 */
import { formatNumber } from "~/lib/format";

/** t() of the set's namespace: (English key, values) → the reader's text. */
export type TemplateT = (key: string, values: Record<string, string>) => string;

export type TemplateOptions = {
  /** placeholders holding a text of the set that must match */
  required?: readonly string[];
  /** placeholders holding a text of the set, kept as written when it is not one */
  optional?: readonly string[];
  /** placeholders holding texts of the set joined by a separator */
  lists?: Readonly<Record<string, string>>;
  /** placeholders holding an English-written number */
  numbers?: readonly string[];
  /** what a placeholder may hold, as a regular expression's source, where a text could be split two ways */
  shapes?: Readonly<Record<string, string>>;
};

export type TemplateSet<K extends string> = {
  /** the English text of a template with its values (what is stored) */
  fill(key: K, values?: Record<string, string | number>): string;
  /** a stored text in the reader's language, or null when no template (of `keys`, in order) produced it */
  localize(text: string, t: TemplateT, locale: string, keys?: readonly K[]): string | null;
};

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An English-written number in `locale`, with as many decimals as it was written with. */
export function localNumber(value: string, locale: string): string {
  if (!NUMBER.test(value)) return value;
  const decimals = value.split(".")[1]?.length ?? 0;
  return formatNumber(Number(value), { locale, digits: decimals, minDigits: decimals });
}

export function templateSet<K extends string>(texts: Readonly<Record<K, string>>, options: TemplateOptions = {}): TemplateSet<K> {
  const all = Object.keys(texts) as K[];
  const required = new Set(options.required ?? []);
  const optional = new Set(options.optional ?? []);
  const lists = options.lists ?? {};
  const numbers = new Set(options.numbers ?? []);
  // a number placeholder holds a number only: "{{count}} updated" never swallows a sentence
  const shapes: Record<string, string> = { ...Object.fromEntries([...numbers].map((n) => [n, "-?\\d+(?:\\.\\d+)?"])), ...options.shapes };
  const patterns = new Map<K, RegExp>(
    all.map((key) => {
      const source = texts[key]
        .split(/(\{\{\w+\}\})/)
        .map((part) => {
          const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
          return name ? `(?<${name}>${shapes[name] ?? "[\\s\\S]+?"})` : escape(part);
        })
        .join("");
      return [key, new RegExp(`^${source}$`)];
    }),
  );

  function localize(text: string, t: TemplateT, locale: string, keys: readonly K[] = all): string | null {
    next: for (const key of keys) {
      const found = patterns.get(key)!.exec(text);
      if (!found) continue;
      const values: Record<string, string> = { ...found.groups };
      for (const [name, value] of Object.entries(values)) {
        if (required.has(name)) {
          const inner = localize(value, t, locale, keys);
          if (inner === null) continue next;
          values[name] = inner;
        } else if (optional.has(name)) {
          values[name] = localize(value, t, locale, keys) ?? value;
        } else if (name in lists) {
          const sep = lists[name];
          values[name] = value
            .split(sep)
            .map((item) => localize(item, t, locale, keys) ?? item)
            .join(sep);
        } else if (numbers.has(name)) {
          values[name] = localNumber(value, locale);
        }
      }
      return t(texts[key], values);
    }
    return null;
  }

  return {
    fill: (key, values = {}) => texts[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? "")),
    localize,
  };
}
