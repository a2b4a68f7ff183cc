import { isErrorReply } from "~/lib/forms";

/**
 * What the last submission said, above the form(s) it concerns: the success notice (a polite
 * status) and the errors that belong to no field (an alert). Field errors stay beside their fields.
 * `intent`: only an error reply of that form; `show`: one half only; `fields`: errors of these
 * fields join the line (e.g. `intent`, where an action's rule refuses the whole form).
 */
export function ReplyMessage({
  reply,
  intent,
  show = "both",
  className,
  fields = [],
}: {
  reply: unknown;
  intent?: string;
  show?: "both" | "ok" | "errors";
  className?: string;
  fields?: readonly string[];
}) {
  const extra = className ? ` ${className}` : "";
  if (show !== "errors" && isOkReply(reply)) {
    return (
      <p className={`notice${extra}`} role="status">
        {reply.message}
      </p>
    );
  }
  const errors = show !== "ok" && isErrorReply(reply, intent) ? [...(reply.formErrors ?? []), ...fields.flatMap((f) => reply.fieldErrors?.[f] ?? [])] : [];
  if (errors.length > 0) {
    return (
      <p className={`form-error${extra}`} role="alert">
        {errors.join(" ")}
      </p>
    );
  }
  return null;
}

function isOkReply(reply: unknown): reply is { status: "ok"; message: string } {
  return !!reply && typeof reply === "object" && "status" in reply && reply.status === "ok" && "message" in reply && typeof reply.message === "string";
}
