/**
 * The one shape of an error a domain function throws on purpose (decision 019). Models never throw
 * HTTP responses for these; the routes and the API map a DomainError to its status in one place
 * (`DOMAIN_ERROR_STATUS`, used by `runApi` and `domainErrorReply`).
 *
 * - `input`: the input is wrong (a field names nothing, a value is out of range) → 400 with field errors;
 * - `rule`: the input is well-formed but a rule refuses the write (closed cycle, archived row) → 400,
 *   shown next to the form;
 * - `forbidden`: the actor may not do this to this row → 403;
 * - `not-found`: the row does not exist → 404.
 */
import { can, type Actor, type Permission, type PermissionContext } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";

export type DomainErrorKind = "input" | "rule" | "forbidden" | "not-found";

export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, 400 | 403 | 404> = {
  input: 400,
  rule: 400,
  forbidden: 403,
  "not-found": 404,
};

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Per-field messages (field name → messages); empty when the error is about the whole form. */
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The HTTP status this error answers with. */
  get status(): 400 | 403 | 404 {
    return DOMAIN_ERROR_STATUS[this.kind];
  }
}

/** A DomainError about one field. */
export function fieldErrorsOf(field: string | null | undefined, message: string): Record<string, string[]> {
  return field ? { [field]: [message] } : {};
}

/** For a model that checks a permission on the row it loaded: throws a `forbidden` DomainError unless `can()` allows. */
export function requireCan(actor: Actor, permission: Permission, ctx?: PermissionContext): void {
  if (!can(actor, permission, ctx)) throw new DomainError("forbidden", N_("You do not have permission to do this.", "validation"));
}
