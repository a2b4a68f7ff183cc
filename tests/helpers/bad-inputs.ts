/**
 * A form's fields, declared once: each field names its kind (which expands to the bad values of
 * tests/helpers/bad-values.ts) and, where the valid body sends it, the valid value.
 *
 *   fields({ intent: "create", title: text({ max: 200 }, "A title"), teamId: id({}, (fx) => String(fx.core)), dueDate: date({ required: false }) })
 *
 * gives `valid(fx)` (the body that must succeed: every field with a valid value) and `bad` (field → the
 * bad values to post one at a time). A plain string or function is a field with a valid value and no
 * bad values (an intent, a redirect); a kind without a valid value is a field the valid body leaves out.
 */
import * as values from "./bad-values";
import { type Bad, type BadValue } from "./bad-values";

export type Sent = string | string[];
/** The valid value: fixed, or read from the fixtures once they exist. */
export type Ok<F> = Sent | ((fx: F) => Sent);

export class Field<F = never> {
  constructor(
    readonly bad: Bad[],
    readonly ok?: Ok<F>,
  ) {}
  /** more bad values, as [label, value] */
  and(...more: [string, BadValue][]): Field<F> {
    return new Field([...this.bad, ...more.map(([label, value]): Bad => ({ label, value }))], this.ok);
  }
  /** without the bad values of these labels */
  except(...labels: string[]): Field<F> {
    return new Field(
      this.bad.filter((b) => !labels.includes(b.label)),
      this.ok,
    );
  }
  /** only the bad values of these labels */
  only(...labels: string[]): Field<F> {
    return new Field(
      this.bad.filter((b) => labels.includes(b.label)),
      this.ok,
    );
  }
  /** every third bad value: for a second form built on a schema another form checks in full */
  sample(): Field<F> {
    return new Field(
      this.bad.filter((_, i) => i % 3 === 0),
      this.ok,
    );
  }
}

type Opt = { required?: boolean };

/** Free text of at most `max` characters (required unless `required: false`; `min` characters at least). */
export const text = <F>(o: Opt & { max: number; min?: number }, ok?: Ok<F>) => new Field<F>(values.text(o.max, o), ok);
export const id = <F>(o: Opt = {}, ok?: Ok<F>) => new Field<F>(values.id(o), ok);
export const int = <F>(o: Opt & { min: number; max: number }, ok?: Ok<F>) => new Field<F>(values.int(o.min, o.max, o), ok);
export const decimal = <F>(o: Opt & { min?: number; max?: number } = {}, ok?: Ok<F>) => new Field<F>(values.decimal(o), ok);
/** euros, up to 2 decimals */
export const money = <F>(o: Opt & { nonNegative?: boolean } = {}, ok?: Ok<F>) => new Field<F>(values.money(o), ok);
export const date = <F>(o: Opt & { past?: boolean } = {}, ok?: Ok<F>) => new Field<F>(values.date(o), ok);
export const month = <F>(o: Opt = {}, ok?: Ok<F>) => new Field<F>(values.month(o), ok);
export const localTime = <F>(o: Opt = {}, ok?: Ok<F>) => new Field<F>(values.localTime(o), ok);
/** one of a fixed list; `example` is a valid member (its other case is one of the bad values) */
export const oneOf = <F>(example: string, o: Opt = {}, ok?: Ok<F>) => new Field<F>(values.oneOf(example, o), ok);
export const checkbox = <F>(ok?: Ok<F>) => new Field<F>(values.checkbox(), ok);
export const email = <F>(ok?: Ok<F>) => new Field<F>(values.email(), ok);
export const link = <F>(ok?: Ok<F>) => new Field<F>(values.link(), ok);
/** a field with bad values of its own, as [label, value] */
export const listed = <F>(bad: [string, BadValue][], ok?: Ok<F>) => new Field<F>([], ok).and(...bad);

export type Declared<F> = Record<string, Field<F> | Ok<F>>;
export type Expanded<F> = { valid: (fx: F) => Record<string, Sent>; bad: Record<string, Bad[]> };

/** A form's fields → its valid body and, per field, its bad values. */
export function fields<F>(declared: Declared<F>): Expanded<F> {
  const entries = Object.entries(declared).map(([name, d]) => [name, d instanceof Field ? d : new Field<F>([], d)] as const);
  return {
    valid: (fx) => {
      const body: Record<string, Sent> = {};
      for (const [name, f] of entries) if (f.ok !== undefined) body[name] = typeof f.ok === "function" ? f.ok(fx) : f.ok;
      return body;
    },
    bad: Object.fromEntries(entries.filter(([, f]) => f.bad.length > 0).map(([name, f]) => [name, f.bad])),
  };
}

/** Every field sampled (every third bad value), valid values kept. */
export function sampled<F>(declared: Declared<F>): Declared<F> {
  return Object.fromEntries(Object.entries(declared).map(([name, d]) => [name, d instanceof Field ? d.sample() : d]));
}
