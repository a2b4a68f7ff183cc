import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Card, type CardProps } from "~/components/ui/card";
import { HiddenFields } from "~/components/ui/row-form";

export type SubmitSpec = {
  label: ReactNode;
  /** this form's submission is running */
  pending?: boolean;
  /** text while pending, e.g. "Saving…" */
  pendingLabel?: ReactNode;
};

export type PostFormProps = {
  /** hidden fields first (intent, row id…), in the order given */
  hidden?: Readonly<Record<string, string | number>>;
  submit: SubmitSpec;
  /** class of the form (default "form-grid") */
  className?: string;
  /** the submit button straight in the form, after the fields (no line of its own) */
  inlineSubmit?: boolean;
  children?: ReactNode;
};

/** The primary submit button of a form. */
function SubmitButton({ label, pending, pendingLabel }: SubmitSpec) {
  return (
    <Button variant="primary" pending={pending} pendingLabel={pendingLabel}>
      {label}
    </Button>
  );
}

/** The primary submit button of a form, on its own line. */
export function SubmitRow(submit: SubmitSpec) {
  return (
    <div>
      <SubmitButton {...submit} />
    </div>
  );
}

/** A POST form (checked on the server: noValidate) of fields, closed by its primary submit button. */
export function PostForm({ hidden, submit, className = "form-grid", inlineSubmit = false, children }: PostFormProps) {
  return (
    <Form method="post" className={className} noValidate>
      {hidden ? <HiddenFields values={hidden} /> : null}
      {children}
      {inlineSubmit ? <SubmitButton {...submit} /> : <SubmitRow {...submit} />}
    </Form>
  );
}

/** A card holding one PostForm: the card's title and description name the form. */
export function FormCard({ title, description, className, id, ...form }: PostFormProps & Pick<CardProps, "title" | "description" | "className" | "id">) {
  return (
    <Card title={title} description={description} className={className} id={id}>
      <PostForm {...form} />
    </Card>
  );
}
