import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "~/components/ui/button";

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

/** The messages of one cell input, under it (nothing when there are none). */
export function CellErrors({ messages }: { messages: readonly string[] | null | undefined }) {
  return messages ? <p className="field-error">{messages.join(", ")}</p> : null;
}

/**
 * A one-button POST form of a table row (archive, restore, revoke, remove): the hidden fields,
 * and a button whose text names the row for a screen reader (" {rowName}", visually hidden).
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
}: {
  fields: HiddenValues;
  label: ReactNode;
  rowName: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  pending?: boolean;
  pendingLabel?: ReactNode;
  /** class of the form */
  className?: string;
}) {
  return (
    <Form method="post" className={className}>
      <HiddenFields values={fields} />
      <Button variant={variant} size={size} pending={pending} pendingLabel={pendingLabel}>
        {label}
        <span className="visually-hidden"> {rowName}</span>
      </Button>
    </Form>
  );
}
