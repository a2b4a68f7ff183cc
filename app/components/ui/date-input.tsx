/**
 * Date and month inputs written in the reader's locale (docs/decisions/024): a text input showing
 * "31/12/2026" / "12/2026" with the placeholder "jj/mm/aaaa" in French and "dd/mm/yyyy" in English.
 * Chromium's <input type="date"> follows the browser's language, not the page's, so it is not used.
 *
 * Both interface languages' regions (fr-FR, en-GB) write the day first, so the text is always
 * day/month/year. The server (isoDateSchema / monthSchema, lib/validation.server.ts) accepts this
 * form and the ISO one ("2026-12-31", "2026-12"), which the pattern also lets through (scripts,
 * tests, a value pasted from a CSV). A stored ISO value is shown in the locale form; a value the
 * person typed (kept on the form after an error) is shown as typed.
 */
import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "defaultValue" | "value" | "pattern" | "inputMode"> & {
  /** "YYYY-MM-DD" / "YYYY-MM" (stored) or the text typed last time; null → empty */
  defaultValue?: string | number | null;
  /** false: no `pattern` (a filter that also takes an instant or milliseconds, the server checks) */
  strict?: boolean;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** The browser's pattern (anchored by the browser; valid in its `v` regex mode): the locale form or the ISO one. */
export const DATE_PATTERN = String.raw`\d{1,2}[\/.]\d{1,2}[\/.]\d{4}|\d{4}-\d{2}-\d{2}`;
export const MONTH_PATTERN = String.raw`\d{1,2}[\/.]\d{4}|\d{4}-\d{2}`;

/** "2026-12-31" → "31/12/2026"; anything else unchanged (what the person typed). */
export function dateInputText(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? "" : String(value).trim();
  const m = ISO_DATE.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : s;
}

/** "2026-12" → "12/2026"; anything else unchanged. */
export function monthInputText(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? "" : String(value).trim();
  const m = ISO_MONTH.exec(s);
  return m ? `${m[2]}/${m[1]}` : s;
}

/** A calendar date typed in the page's locale ("31/12/2026"). Uncontrolled: works without JavaScript. */
export function DateInput({ defaultValue, placeholder, title, size, strict = true, ...rest }: TextInputProps) {
  const { t } = useTranslation("common");
  const shape = t("dd/mm/yyyy");
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete={rest.autoComplete ?? "off"}
      pattern={strict ? DATE_PATTERN : undefined}
      placeholder={placeholder ?? shape}
      title={title ?? t("A date as {{shape}}", { shape })}
      size={size ?? 10}
      defaultValue={dateInputText(defaultValue)}
    />
  );
}

/** A calendar month typed in the page's locale ("12/2026"). Uncontrolled: works without JavaScript. */
export function MonthInput({ defaultValue, placeholder, title, size, strict = true, ...rest }: TextInputProps) {
  const { t } = useTranslation("common");
  const shape = t("mm/yyyy");
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete={rest.autoComplete ?? "off"}
      pattern={strict ? MONTH_PATTERN : undefined}
      placeholder={placeholder ?? shape}
      title={title ?? t("A month as {{shape}}", { shape })}
      size={size ?? 7}
      defaultValue={monthInputText(defaultValue)}
    />
  );
}
