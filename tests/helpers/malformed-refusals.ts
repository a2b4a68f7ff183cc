/** The refusals many malformed-input tables share (tests/helpers/malformed-forms.ts): roles, unknown rows and pages, rules between fields. */
import type { BadValue } from "./bad-values";
import type { Role } from "./demo-world";
import type { Case } from "./malformed-forms";

/** an id no row has */
export const unknown = "99999";
export const viewerForbidden: Case = { label: "a viewer posts it", as: "viewer", set: () => ({}), status: 403 };
export const unknownIntent: Case = { label: "unknown intent", set: () => ({ intent: "bogus" }), field: "intent" };

export const forbidden = (as: Role, label: string): Case => ({ label, as, set: () => ({}), status: 403 });
export const ctoForbidden = forbidden("cto", "the CTO posts it");
export const leadForbidden = forbidden("lead", "a lead posts it");
/** a field naming a row that does not exist: a message on that field */
export const unknownRow = (what: string, field: string): Case => ({ label: `unknown ${what}`, set: () => ({ [field]: unknown }), field });
/** a URL parameter naming no row (or not a number): 404 */
export const noPage = (label: string, param: string, value = unknown): Case => ({ label, params: () => ({ [param]: value }), set: () => ({}), status: 404 });
/** a rule between fields: these values, a message on `field` */
export const refuse = (label: string, field: string, set: Case["set"] | Record<string, BadValue>, more: Partial<Case> = {}): Case => ({
  label,
  set: typeof set === "function" ? set : () => set,
  field,
  ...more,
});
