import { data } from "@remix-run/node";
import type { z } from "zod";
import { N_ } from "~/i18n/mark";
import { translateMessage } from "~/i18n/translate.server";
import { DomainError } from "~/lib/errors";
import type { FormErrorReply } from "~/lib/forms";
import { idSchema } from "~/lib/validation.server";

export type ParseResult<T> = { ok: true; data: T } | { ok: false; reply: FormErrorReply };

/**
 * Collects zod issues into per-field messages (first path segment = the field name), in the
 * request's language: a message written as a key (`N_("is required")`) is translated here; one built
 * with `serverT` already is (docs/decisions/023).
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    const message = translateMessage(issue.message);
    if (!key) formErrors.push(message);
    else (fieldErrors[key] ??= []).push(message);
  }
  return { fieldErrors, formErrors };
}

/** Fields whose input is never sent back, whatever the reply (the page must not hold a password or a signing secret). */
const NEVER_ECHOED = new Set(["password", "secret"]);

/** Plain string values of a form (files and passwords dropped), to give back to the user on error. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || NEVER_ECHOED.has(key)) continue;
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

/**
 * Parses a submitted form with its zod schema. Multi-valued fields arrive as arrays
 * (the schema decides); empty strings arrive as undefined so optional fields stay optional.
 * Messages are keyed by the form field (the first segment of the issue's path): a bad value
 * among a checkbox group's `scopes` is reported on `scopes`, where the page shows it.
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
  const issues = result.error.issues.map((i) => (i.path.length > 1 ? { ...i, path: i.path.slice(0, 1) } : i));
  return { ok: false, reply: { status: "error", ...issuesToFieldErrors(issues), values: formValues(formData), intent } };
}

/** The 400 response carrying a form's errors and the user's input. */
export function badRequest(reply: FormErrorReply) {
  return data(reply, { status: 400 });
}

/** A 400 for one field (e.g. a uniqueness check done after parsing). */
export function fieldError(formData: FormData, field: string, message: string, intent?: string) {
  return badRequest({ status: "error", fieldErrors: { [field]: [translateMessage(message)] }, formErrors: [], values: formValues(formData), intent });
}

/** A 400 whose message belongs to no single field (e.g. "someone changed it meanwhile"), the input kept. */
export function formError(formData: FormData, message: string, intent?: string) {
  return badRequest({ status: "error", fieldErrors: {}, formErrors: [translateMessage(message)], values: formValues(formData), intent });
}

/** The 400 for an `intent` the action does not handle (a forged or outdated form), the input kept. */
export function unknownIntent(formData: FormData) {
  return fieldError(formData, "intent", N_("is not a known action"));
}

/**
 * A row id read straight from the form (before the schema, e.g. to find the row to check permissions
 * on): exactly one value that is an id, else null — a duplicated field is not read as its first value.
 */
export function idField(formData: FormData, name: string): number | null {
  const all = formData.getAll(name);
  if (all.length !== 1 || typeof all[0] !== "string") return null;
  const id = idSchema.safeParse(all[0].trim());
  return id.success ? id.data : null;
}

/**
 * A page action's answer to an error a model threw: a DomainError of kind input or rule becomes the
 * form's 400 reply (next to its field, or above the form), forbidden and not-found are thrown as
 * 403 / 404 (the status of `DOMAIN_ERROR_STATUS`); anything else is rethrown.
 */
export function domainErrorReply(err: unknown, formData: FormData, intent?: string) {
  if (!(err instanceof DomainError)) throw err;
  if (err.kind === "forbidden" || err.kind === "not-found") throw data({ message: translateMessage(err.message) }, { status: err.status });
  const [field] = Object.keys(err.fieldErrors);
  return field ? fieldError(formData, field, err.message, intent) : formError(formData, err.message, intent);
}
