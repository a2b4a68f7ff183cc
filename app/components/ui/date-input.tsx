/**
 * Date and month inputs written in the reader's locale (docs/decisions/024): a text input showing
 * "31/12/2026" / "12/2026" with the placeholder "jj/mm/aaaa" in French and "dd/mm/yyyy" in British
 * English, "12/31/2026" and "mm/dd/yyyy" for an en-US company, the ISO form for a year-first locale
 * (lib/date-order.ts). Chromium's <input type="date"> follows the browser's language, not the page's,
 * so it is not used.
 *
 * The server (isoDateSchema / monthSchema, lib/validation.server.ts) reads the same order — the
 * request's formatting locale — and the ISO form ("2026-12-31", "2026-12"), which the pattern also
 * lets through (scripts, tests, a value pasted from a CSV). A stored ISO value is shown in the locale
 * form; a value the person typed (kept on the form after an error) is shown as typed.
 */
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { useFormatLocale } from "~/hooks/locale";
import { N_ } from "~/i18n/mark";
import { dateOrder, dateText, monthText, type DateOrder } from "~/lib/date-order";

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "value" | "pattern" | "inputMode"> & {
  /** "YYYY-MM-DD" / "YYYY-MM" (stored) or the text typed last time; null → empty */
  defaultValue?: string | number | null;
  /** false: no `pattern` (a filter that also takes an instant or milliseconds, the server checks) */
  strict?: boolean;
};

/** The browser's pattern (anchored by the browser; valid in its `v` regex mode): the locale form or the ISO one. */
export const DATE_PATTERN = String.raw`\d{1,2}[\/.]\d{1,2}[\/.]\d{4}|\d{4}-\d{2}-\d{2}`;
export const MONTH_PATTERN = String.raw`\d{1,2}[\/.]\d{4}|\d{4}-\d{2}`;

/** What each kind of input shows, by the locale's order. */
const KINDS = {
  date: {
    shape: { dmy: N_("dd/mm/yyyy"), mdy: N_("mm/dd/yyyy"), ymd: N_("yyyy-mm-dd") } satisfies Record<DateOrder, string>,
    title: N_("A date as {{shape}}"),
    pattern: DATE_PATTERN,
    size: 10,
    text: dateText,
  },
  month: {
    shape: { dmy: N_("mm/yyyy"), mdy: N_("mm/yyyy"), ymd: N_("yyyy-mm") } satisfies Record<DateOrder, string>,
    title: N_("A month as {{shape}}"),
    pattern: MONTH_PATTERN,
    size: 7,
    text: monthText,
  },
} as const;

function CalendarInput({ kind, defaultValue, placeholder, title, size, strict = true, ...rest }: TextInputProps & { kind: keyof typeof KINDS }) {
  const { t } = useTranslation("common");
  const order = dateOrder(useFormatLocale());
  const k = KINDS[kind];
  const shape = t(k.shape[order]);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete={rest.autoComplete ?? "off"}
      pattern={strict ? k.pattern : undefined}
      placeholder={placeholder ?? shape}
      title={title ?? t(k.title, { shape })}
      size={size ?? k.size}
      defaultValue={k.text(defaultValue, order)}
    />
  );
}

/** A calendar date typed in the page's locale ("31/12/2026"). Uncontrolled: works without JavaScript. */
export function DateInput(props: TextInputProps) {
  return <CalendarInput kind="date" {...props} />;
}

/** A calendar month typed in the page's locale ("12/2026"). Uncontrolled: works without JavaScript. */
export function MonthInput(props: TextInputProps) {
  return <CalendarInput kind="month" {...props} />;
}
