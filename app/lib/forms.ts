/** What an action returns after a form submission; browser-safe (types and tiny helpers only). */
export type FormErrorReply = {
  status: "error";
  /** per field, the messages to show next to it */
  fieldErrors: Record<string, string[]>;
  /** messages that belong to no single field */
  formErrors: string[];
  /** what the user typed, to put back in the form */
  values: Record<string, string>;
  /** which form of the page this reply belongs to (routes with several forms) */
  intent?: string;
};
export type FormOkReply = { status: "ok"; message?: string; intent?: string };
export type FormReply = FormErrorReply | FormOkReply;

export function isErrorReply(reply: unknown, intent?: string): reply is FormErrorReply {
  return (
    !!reply &&
    typeof reply === "object" &&
    "status" in reply &&
    reply.status === "error" &&
    (intent === undefined || (reply as FormErrorReply).intent === intent)
  );
}

/** The errors of one field in a reply (or undefined). */
export function fieldErrorsOf(reply: unknown, name: string, intent?: string): string[] | undefined {
  return isErrorReply(reply, intent) ? reply.fieldErrors[name] : undefined;
}

/**
 * Whether a checkbox shows ticked: as the user left it when the reply is an error (an unticked box
 * is absent from the posted values, so it comes back unticked), else the fallback (the stored state).
 */
export function checkedOf(reply: unknown, name: string, fallback: boolean, intent?: string): boolean {
  return isErrorReply(reply, intent) ? name in reply.values : fallback;
}

/** The value to put back into a field: what the user typed when the reply is an error, else the fallback. */
export function valueOf(reply: unknown, name: string, fallback: string | number | null | undefined, intent?: string): string {
  if (isErrorReply(reply, intent) && name in reply.values) return reply.values[name];
  return fallback == null ? "" : String(fallback);
}

/**
 * A form field's name, the value to put back and its errors from a reply, to spread on a field
 * (`<Field label="…" {...replyField(reply, "name", stored, "create")} />`).
 */
export function replyField(
  reply: unknown,
  name: string,
  fallback: string | number | null | undefined,
  intent?: string,
): { name: string; defaultValue: string; errors: string[] | undefined } {
  return { name, defaultValue: valueOf(reply, name, fallback, intent), errors: fieldErrorsOf(reply, name, intent) };
}
