import { isErrorReply } from "~/lib/forms";

/**
 * What the last submission said, above the form(s) it concerns: the success notice (a polite
 * status) and the errors that belong to no field (an alert). Field errors stay beside their fields.
 * `intent`: only an error reply of that form; `show`: one half only.
 */
export function ReplyMessage({
  reply,
  intent,
  show = "both",
  className,
}: {
  reply: unknown;
  intent?: string;
  show?: "both" | "ok" | "errors";
  className?: string;
}) {
  const extra = className ? ` ${className}` : "";
  if (show !== "errors" && isOkReply(reply)) {
    return (
      <p className={`notice${extra}`} role="status">
        {reply.message}
      </p>
    );
  }
  if (show !== "ok" && isErrorReply(reply, intent) && reply.formErrors.length > 0) {
    return (
      <p className={`form-error${extra}`} role="alert">
        {reply.formErrors.join(" ")}
      </p>
    );
  }
  return null;
}

function isOkReply(reply: unknown): reply is { status: "ok"; message: string } {
  return !!reply && typeof reply === "object" && "status" in reply && reply.status === "ok" && "message" in reply && typeof reply.message === "string";
}
