import { Form, Link } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { Button, type ButtonSize, type ButtonVariant } from "~/components/ui/button";
import { replyField } from "~/lib/forms";

type HiddenValues = Readonly<Record<string, string | number>>;

/** One `<input type="hidden">` per entry (intent, row id…), in the order given. */
export function HiddenFields({ values }: { values: HiddenValues }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/**
 * The empty POST form an editable table row submits through: its cells' inputs and its Save button
 * carry `form={id}` (a form cannot wrap a table row), and it holds the row's hidden fields.
 */
export function RowForm({ id, fields }: { id: string; fields: HiddenValues }) {
  return (
    <Form method="post" id={id}>
      <HiddenFields values={fields} />
    </Form>
  );
}

/**
 * One editable table row: the id of its (empty) form and the hidden fields that form holds, and the
 * action's reply with the intent a reply to this row carries.
 */
export type EditableRow = { form: string; fields: HiddenValues; reply: unknown; intent: string };

/**
 * The editable row of a table whose "update" intent names the row by `idField`: form `{formPrefix}-{id}`,
 * reply intent `update-{id}` (the server's `rowReplyTo(idField)`).
 */
export function updateRow(reply: unknown, formPrefix: string, idField: string, id: number): EditableRow {
  return { form: `${formPrefix}-${id}`, fields: { intent: "update", [idField]: id }, reply, intent: `update-${id}` };
}

/** The props of a cell input for field `name` of an editable row: its form, the value to show (the reply's, else `stored`) and its messages. */
export function rowField(row: EditableRow, name: string, stored: string | number | null | undefined) {
  const { name: _name, ...field } = replyField(row.reply, name, stored, row.intent);
  return { form: row.form, name, ...field };
}

/** The messages of one cell input, under it (nothing when there are none). */
export function CellErrors({ messages }: { messages: readonly string[] | null | undefined }) {
  return messages ? <p className="field-error">{messages.join(", ")}</p> : null;
}

/**
 * A one-button POST form (archive, restore, revoke, remove, close…): the hidden fields, and the button.
 * In a table row, `rowName` names the row for a screen reader (" {rowName}", visually hidden, after the label).
 */
export function RowActionForm({
  fields,
  label,
  rowName,
  variant,
  size,
  pending,
  pendingLabel,
  className,
  title,
}: {
  fields: HiddenValues;
  label: ReactNode;
  rowName?: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  pending?: boolean;
  pendingLabel?: ReactNode;
  /** class of the form */
  className?: string;
  /** title of the form (what the action does) */
  title?: string;
}) {
  return (
    <Form method="post" className={className} title={title}>
      <HiddenFields values={fields} />
      <Button variant={variant} size={size} pending={pending} pendingLabel={pendingLabel}>
        {label}
        {rowName !== undefined ? <span className="visually-hidden"> {rowName}</span> : null}
      </Button>
    </Form>
  );
}

/** A row's "Edit" link (to its form, filled in): `label`, then `rowName` for a screen reader (visually hidden). */
export function EditLink({ to, label, rowName }: { to: string; label: ReactNode; rowName: ReactNode }) {
  return (
    <Link to={to}>
      {label}
      <span className="visually-hidden"> {rowName}</span>
    </Link>
  );
}

type CellErrorsList = readonly string[] | null | undefined;

/** A text input of an editable row (submitted by the row's form `form`), with its messages under it. */
export function CellInput({
  form,
  name,
  label,
  errors,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "className"> & { form: string; name: string; label: string; errors?: CellErrorsList }) {
  return (
    <>
      <input form={form} name={name} aria-label={label} aria-invalid={errors ? true : undefined} className="dl-cell-input" {...rest} />
      <CellErrors messages={errors} />
    </>
  );
}

/**
 * A select of an editable row (submitted by the row's form `form`), with its messages under it; `empty` is a first option of value "".
 * `plain`: without the cell-input class (the browser's own select, as in the compliance table).
 */
export function CellSelect({
  form,
  name,
  label,
  defaultValue,
  options,
  empty,
  errors,
  plain,
}: {
  form: string;
  name: string;
  label: string;
  defaultValue: string | number | undefined;
  options: readonly { value: string; label: ReactNode }[];
  empty?: ReactNode;
  errors?: CellErrorsList;
  plain?: boolean;
}) {
  return (
    <>
      <select form={form} name={name} aria-label={label} defaultValue={defaultValue} className={plain ? undefined : "dl-cell-input"}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <CellErrors messages={errors} />
    </>
  );
}

/** The Save button of an editable row: it submits the row's form `form`; its text names the row for a screen reader. */
export function RowSaveButton({ form, rowName, pending }: { form: string; rowName: ReactNode; pending: boolean }) {
  const { t } = useTranslation("common");
  return (
    <Button form={form} size="sm" pending={pending} pendingLabel={t("Saving…")}>
      {t("Save")}
      <span className="visually-hidden"> {rowName}</span>
    </Button>
  );
}

/**
 * The actions cell of an editable row: Save (when `form` is given, the row's form id) and Archive or
 * Restore (when `archive` is given: the row's hidden id fields; the intent follows `archived`).
 */
export function RowEditActions({
  form,
  rowName,
  savePending,
  archive,
  archived,
}: {
  form?: string;
  rowName: ReactNode;
  savePending: boolean;
  archive?: HiddenValues;
  archived: boolean;
}) {
  const { t } = useTranslation("common");
  return (
    <div className="inline-actions">
      {form ? <RowSaveButton form={form} rowName={rowName} pending={savePending} /> : null}
      {archive ? (
        <RowActionForm
          fields={{ intent: archived ? "restore" : "archive", ...archive }}
          size="sm"
          variant="ghost"
          label={archived ? t("Restore") : t("Archive")}
          rowName={rowName}
        />
      ) : null}
    </div>
  );
}

/**
 * The name of an editable row: when `edit` is given, the row's (empty) form and its name input (labelled
 * `edit.label`); otherwise the name, followed by a badge when `archived` is given (its text, e.g. "archived"; null when not).
 */
export function RowName({
  name,
  archived,
  edit,
}: {
  name: string;
  archived?: ReactNode;
  edit?: { row: EditableRow; label: string; maxLength?: number } | null;
}) {
  if (edit) {
    const { row, label, maxLength } = edit;
    const { defaultValue, errors } = rowField(row, "name", name);
    return (
      <>
        <RowForm id={row.form} fields={row.fields} />
        <CellInput form={row.form} name="name" label={label} defaultValue={defaultValue} maxLength={maxLength} errors={errors} />
      </>
    );
  }
  if (archived === undefined) return <>{name}</>;
  return (
    <>
      {name} {archived ? <Badge tone="neutral">{archived}</Badge> : null}
    </>
  );
}
