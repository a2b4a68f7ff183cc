/**
 * Bad values for form fields, by kind: what a forged post, a script, a careless paste or an old
 * browser can send. Each kind lists the values its field must refuse with a 400 and a message.
 * `MISSING` leaves the field out of the body; an array sends the field once per value.
 */
export const MISSING = Symbol("missing");
export type BadValue = string | string[] | typeof MISSING;
export type Bad = { label: string; value: BadValue };

const b = (label: string, value: BadValue): Bad => ({ label, value });

export const LONG = "x".repeat(10_000);
export const SCRIPT = "<script>alert(1)</script>";

const missing = b("missing", MISSING);
const empty = b("empty", "");
const blank = b("blank (spaces)", "   ");
const dup = (a: string, c: string) => b(`duplicate field (${a}, ${c})`, [a, c]);
const long = b("10k characters", LONG);
const script = b("<script>", SCRIPT);

/** Free text, `max` characters (required: also empty, blank, missing). Markup is text here, so <script> is no error. */
export function text(max: number, opts: { required?: boolean; min?: number } = {}): Bad[] {
  const out: Bad[] = [];
  if (opts.required !== false) out.push(missing, empty, blank);
  if (opts.min && opts.min > 1) out.push(b(`${opts.min - 1} characters`, "x".repeat(opts.min - 1)));
  out.push(b(`${max + 1} characters`, "x".repeat(max + 1)), long, dup("one", "two"));
  return out;
}

/** A row id from a select or a hidden field (unknown ids are listed by the form: they need the right message). */
export function id(opts: { required?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("letters", "abc"),
    b("zero", "0"),
    b("negative", "-1"),
    b("decimal", "1.5"),
    b("exponent 1e1", "1e1"),
    b("hex 0x5", "0x5"),
    b("NaN", "NaN"),
    b("Infinity", "Infinity"),
    b("huge", "9".repeat(30)),
    script,
    b("fullwidth digit", "１"),
    dup("1", "2"),
  ];
}

/** A whole number in [min, max]. */
export function int(min: number, max: number, opts: { required?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("letters", "abc"),
    b("exponent 1e1", "1e1"),
    b("hex 0x5", "0x5"),
    b("decimal", `${min}.5`),
    b("below the minimum", String(min - 1)),
    b("above the maximum", String(max + 1)),
    b("NaN", "NaN"),
    b("Infinity", "Infinity"),
    b("huge", "9".repeat(400)),
    script,
    b("fullwidth digits", "１"),
    b("zero-width space inside", `${min}\u200b${min}`),
    dup(String(min), String(min)),
  ];
}

/** A decimal number (what a person types: "12,5", "1 000"), optionally bounded. */
export function decimal(opts: { required?: boolean; min?: number; max?: number } = {}): Bad[] {
  const out: Bad[] = [];
  if (opts.required !== false) out.push(missing, empty);
  out.push(
    b("letters", "abc"),
    b("exponent 1e1", "1e1"),
    b("hex 0x5", "0x5"),
    b("NaN", "NaN"),
    b("Infinity", "Infinity"),
    b("-Infinity", "-Infinity"),
    b("huge (400 digits)", "9".repeat(400)),
    b("two decimal marks", "1,2,3"),
    script,
    b("fullwidth digits", "１２"),
    dup("1", "2"),
  );
  if (opts.min !== undefined) out.push(b("below the minimum", String(opts.min - 1)));
  if (opts.max !== undefined) out.push(b("above the maximum", String(opts.max + 1)));
  return out;
}

/** An amount in euros with up to 2 decimals. */
export function money(opts: { required?: boolean; nonNegative?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("letters", "abc"),
    b("exponent", "1e3"),
    b("hex 0x5", "0x5"),
    b("three decimals", "12.345"),
    b("NaN", "NaN"),
    b("Infinity", "Infinity"),
    b("huge", "9".repeat(30)),
    b("two decimal marks", "1.2.3"),
    script,
    b("fullwidth digits", "１２"),
    dup("1", "2"),
    ...(opts.nonNegative ? [b("negative", "-5")] : []),
  ];
}

/** A calendar date YYYY-MM-DD. */
export function date(opts: { required?: boolean; past?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("30 February", "2025-02-30"),
    b("month 13", "2025-13-01"),
    b("year 1", "0001-01-01"),
    b("year 2999", "2999-01-01"),
    b("no zero padding", "2025-1-5"),
    b("no dashes", "20250105"),
    b("letters", "abc"),
    script,
    dup("2025-01-01", "2025-01-02"),
  ];
}

/** A month YYYY-MM. */
export function month(opts: { required?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("month 13", "2025-13"),
    b("month 00", "2025-00"),
    b("year 1", "0001-01"),
    b("year 2999", "2999-01"),
    b("no zero padding", "2025-1"),
    b("letters", "abc"),
    script,
    dup("2025-01", "2025-02"),
  ];
}

/** A datetime-local value (company time zone). */
export function localTime(opts: { required?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("year 1", "0001-01-01T10:00"),
    b("year 2099", "2099-01-01T10:00"),
    b("30 February", "2025-02-30T10:00"),
    b("hour 25", "2025-01-01T25:00"),
    b("a date without a time", "2025-01-01"),
    b("letters", "abc"),
    script,
    dup("2025-01-01T10:00", "2025-01-01T11:00"),
  ];
}

/** One of a fixed list (a select or hidden field). */
export function oneOf(example: string, opts: { required?: boolean } = {}): Bad[] {
  return [
    ...(opts.required === false ? [] : [missing, empty]),
    b("unknown value", "bogus"),
    b("upper case", example.toUpperCase() === example ? example.toLowerCase() : example.toUpperCase()),
    b("right-to-left override", `\u202e${example}`),
    script,
    b("10k characters", LONG),
    dup(example, example),
  ];
}

/** A checkbox: absent or one of its values; anything else is forged. */
export function checkbox(): Bad[] {
  return [b("not a checkbox value", "maybe"), b("yes", "yes"), script, dup("on", "on")];
}

/** An email address. */
export function email(): Bad[] {
  return [
    missing,
    empty,
    b("no @", "not-an-email"),
    b("no domain", "a@"),
    b("no local part", "@example.test"),
    b("space inside", "a b@example.test"),
    script,
    b("10k characters", `${LONG}@example.test`),
    dup("a@example.test", "b@example.test"),
  ];
}

/** An http(s) link. */
export function link(): Bad[] {
  return [
    b("javascript: link", "javascript:alert(1)"),
    b("ftp link", "ftp://example.test/x"),
    b("not a URL", "not a url"),
    b("10k characters", `https://example.test/${LONG}`),
    script,
    dup("https://a.test", "https://b.test"),
  ];
}

export function extra(label: string, value: BadValue): Bad {
  return b(label, value);
}
