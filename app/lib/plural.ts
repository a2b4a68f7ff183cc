/**
 * The one plural helper of the interface: every "N thing(s)" goes through it (never `n === 1 ? … : …`).
 *
 *   plural(1, "row", "rows")          → "1 row"
 *   plural(3, "row", "rows")          → "3 rows"
 *   plural(1204, "row", "rows")       → "1 204 rows"   (the number in the company locale)
 *   pluralWord(n, "risk", "risks")    → "risk" | "risks"   (when the number is printed elsewhere)
 *   withUnit("1", 1, "bugs")          → "1 bug"          (a unit stored as data, in the plural)
 *
 * The interface text is English, so the choice follows English rules (CLDR "one" only for an
 * integer 1, so "1,5 days", "0 rows") whatever the number locale. The call shape — a count, then
 * the forms — is kept simple on purpose: a later move to i18next replaces each call with
 * `t(key, { count })` and ICU plural messages.
 */
import { formatNumber } from "./format";

const EN = new Intl.PluralRules("en");

function isOne(count: number, digits: number): boolean {
  // what is read is the formatted number: 1.04 shown as "1" is one, 1.5 shown as "1,5" is not
  const shown = Number(count.toFixed(Math.max(0, Math.min(20, digits))));
  return Number.isInteger(shown) && EN.select(shown) === "one";
}

/** The word alone: "row" for 1, "rows" otherwise. */
export function pluralWord(count: number, one: string, other: string, opts: { digits?: number } = {}): string {
  return isOne(count, opts.digits ?? 0) ? one : other;
}

/** The count (formatted in the locale, `digits` fraction digits at most, default 0) and the right form. */
export function plural(count: number, one: string, other: string, opts: { locale?: string; digits?: number } = {}): string {
  const digits = opts.digits ?? 0;
  return `${formatNumber(count, { locale: opts.locale, digits })} ${pluralWord(count, one, other, { digits })}`;
}

/**
 * The singular of a unit stored as data in the plural ("bugs", "customers", "users"): the final "s"
 * of a lower-case word of four letters or more (so "ms", "pts", "tx/day", "%" and "€" stay as they are).
 */
export function singularUnit(unit: string): string {
  return /^[a-z]{2,}[^s]s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** A value already formatted, with its data unit in the right number: ("1", 1, "bugs") → "1 bug". */
export function withUnit(formatted: string, count: number, unit: string | null | undefined, opts: { digits?: number } = {}): string {
  if (!unit) return formatted;
  return `${formatted} ${isOne(count, opts.digits ?? 2) ? singularUnit(unit) : unit}`;
}
