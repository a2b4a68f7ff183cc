import { data } from "@remix-run/node";
import type { z } from "zod";
import type { FormErrorReply } from "~/lib/forms";

export type ParseResult<T> = { ok: true; data: T } | { ok: false; reply: FormErrorReply };

/** Collects zod issues into per-field messages (first path segment = the field name). */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    if (!key) formErrors.push(issue.message);
    else (fieldErrors[key] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

/** Plain string values of a form (files dropped), to give back to the user on error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

/**
 * Parses a submitted form with its zod schema. Multi-valued fields arrive as arrays
 * (the schema decides); empty strings arrive as undefined so optional fields stay optional.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, intent?: string): ParseResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    const cleaned = all.map((v) => v.trim());
    if (cleaned.length > 1) raw[key] = cleaned;
    else if (cleaned.length === 1 && cleaned[0] !== "") raw[key] = cleaned[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, reply: { status: "error", ...issuesToFieldErrors(result.error.issues), values: formValues(formData), intent } };
}

/** The 400 response carrying a form's errors and the user's input. */
export function badRequest(reply: FormErrorReply) {
  return data(reply, { status: 400 });
}

/** A 400 for one field (e.g. a uniqueness check done after parsing). */
export function fieldError(formData: FormData, field: string, message: string, intent?: string) {
  return badRequest({ status: "error", fieldErrors: { [field]: [message] }, formErrors: [], values: formValues(formData), intent });
}
