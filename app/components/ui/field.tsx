import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { DateInput, MonthInput } from "~/components/ui/date-input";
import { replyField as replyFieldOf } from "~/lib/forms";

type FieldBase = {
  label: ReactNode;
  name: string;
  /** messages shown under the control, linked with aria-describedby; the control gets aria-invalid */
  errors?: readonly string[] | null;
  /** help text under the label, also linked with aria-describedby */
  hint?: ReactNode;
  /** id of the control (default: a generated one) */
  id?: string;
  /** class of the wrapper */
  className?: string;
};

type FieldIds = { id: string; hintId?: string; errorId?: string; describedBy?: string; invalid: boolean };

function useFieldIds(props: Pick<FieldBase, "id" | "hint" | "errors">, extraDescribedBy?: string): FieldIds {
  const generated = useId();
  const id = props.id ?? `field${generated.replace(/:/g, "")}`;
  const hintId = props.hint !== undefined ? `${id}-hint` : undefined;
  const invalid = !!props.errors && props.errors.length > 0;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, extraDescribedBy].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, describedBy, invalid };
}

function FieldShell({
  ids,
  label,
  hint,
  errors,
  required,
  className,
  children,
  kind,
}: {
  ids: FieldIds;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | null;
  required?: boolean;
  className?: string;
  children: ReactNode;
  kind: string;
}) {
  const { t } = useTranslation("common");
  return (
    <div className={["field", `field--${kind}`, ids.invalid ? "field--invalid" : null, className].filter(Boolean).join(" ")}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
        {required ? (
          <span className="field__required">
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden"> {t("(required)")}</span>
          </span>
        ) : null}
      </label>
      {hint !== undefined ? (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

/** The error messages of a field (also usable on its own for custom controls). */
export function FieldErrors({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors || errors.length === 0) return null;
  return (
    <div id={id} className="field__error">
      {errors.map((message, i) => (
        <p key={i} className="field__error-message">
          <span aria-hidden="true">⚠ </span>
          {message}
        </p>
      ))}
    </div>
  );
}

export type FieldProps = FieldBase &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "defaultValue" | "value"> & {
    /** what the user typed last time (on error) or the stored value; null → empty */
    defaultValue?: string | number | null;
  };

/** Label + `<input>` + hint + per-field errors. Uncontrolled (defaultValue), so it works without JS. */
export function Field({ label, name, errors, hint, id, className, defaultValue, required, type = "text", ...rest }: FieldProps) {
  const DateOrMonth = type === "month" ? MonthInput : DateInput;
  const ids = useFieldIds({ id, hint, errors }, rest["aria-describedby"]);
  return (
    <FieldShell ids={ids} label={label} hint={hint} errors={errors} required={required} className={className} kind="input">
      {type === "date" || type === "month" ? (
        // dates and months in the page's locale, not the browser's (date-input.tsx)
        <DateOrMonth
          {...rest}
          id={ids.id}
          name={name}
          required={required}
          defaultValue={defaultValue}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          className="field__control"
        />
      ) : (
        <input
          {...rest}
          id={ids.id}
          name={name}
          type={type}
          required={required}
          defaultValue={defaultValue === null || defaultValue === undefined ? undefined : String(defaultValue)}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          className="field__control"
        />
      )}
    </FieldShell>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = FieldBase &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue" | "value" | "children"> & {
    options: readonly SelectOption[];
    /** a first empty option ("Choose…"), value "" */
    placeholder?: string;
    defaultValue?: string | number | null;
  };

/** Label + `<select>` + hint + per-field errors. */
/** Choices longer than this (characters) do not fit a form's standard column. */
export const LONG_CHOICE_CHARS = 24;

export function SelectField({ label, name, errors, hint, id, className, defaultValue, required, options, placeholder, ...rest }: SelectFieldProps) {
  const ids = useFieldIds({ id, hint, errors }, rest["aria-describedby"]);
  // a select cannot wrap its text: one with long choices takes the form's whole row, so its chosen
  // text is never cut (interface conventions)
  const longest = Math.max(placeholder?.length ?? 0, ...options.map((o) => o.label.length));
  const long = longest > LONG_CHOICE_CHARS;
  return (
    <FieldShell
      ids={ids}
      label={label}
      hint={hint}
      errors={errors}
      required={required}
      className={[long ? "field--long" : null, className].filter(Boolean).join(" ") || undefined}
      kind="select"
    >
      <select
        {...rest}
        id={ids.id}
        name={name}
        required={required}
        defaultValue={defaultValue === null || defaultValue === undefined ? (placeholder !== undefined ? "" : undefined) : String(defaultValue)}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        className="field__control"
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export type TextareaFieldProps = FieldBase &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue" | "value"> & {
    defaultValue?: string | null;
  };

/** Label + `<textarea>` + hint + per-field errors. */
export function TextareaField({ label, name, errors, hint, id, className, defaultValue, required, rows = 4, ...rest }: TextareaFieldProps) {
  const ids = useFieldIds({ id, hint, errors }, rest["aria-describedby"]);
  return (
    <FieldShell ids={ids} label={label} hint={hint} errors={errors} required={required} className={className} kind="textarea">
      <textarea
        {...rest}
        id={ids.id}
        name={name}
        rows={rows}
        required={required}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        className="field__control"
      />
    </FieldShell>
  );
}

export type CheckboxFieldProps = Omit<FieldBase, "name"> &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "type" | "defaultChecked" | "checked"> & {
    name: string;
    defaultChecked?: boolean | null;
    /** submitted value when checked (default "on") */
    value?: string;
  };

/** A checkbox with its label beside it, hint and errors. */
export function CheckboxField({ label, name, errors, hint, id, className, defaultChecked, value = "on", ...rest }: CheckboxFieldProps) {
  const ids = useFieldIds({ id, hint, errors }, rest["aria-describedby"]);
  return (
    <div className={["field", "field--checkbox", ids.invalid ? "field--invalid" : null, className].filter(Boolean).join(" ")}>
      <div className="field__checkbox-row">
        <input
          {...rest}
          id={ids.id}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked ?? undefined}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
        />
        <label className="field__label" htmlFor={ids.id}>
          {label}
        </label>
      </div>
      {hint !== undefined ? (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={ids.errorId} errors={errors} />
    </div>
  );
}

/** lib/forms' replyField with the fallback "" when none is given (a new, empty field). */
export function replyField(reply: unknown, name: string, fallback: string | number | null | undefined = "", intent?: string) {
  return replyFieldOf(reply, name, fallback, intent);
}
