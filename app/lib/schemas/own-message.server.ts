/**
 * A shared schema (e.g. `intSchema` of app/lib/validation.server.ts) given a domain's own message:
 * that message is translated at parse time, in the request's language (docs/decisions/023); the
 * schema's other messages pass through unchanged (the form-error replies translate those).
 */
import { z } from "zod";

export function withOwnMessage<T extends z.ZodType>(inner: T, english: string, translated: () => string) {
  return z.unknown().transform((value, ctx): z.output<T> => {
    const r = inner.safeParse(value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message === english ? translated() : issue.message });
    return z.NEVER;
  });
}
