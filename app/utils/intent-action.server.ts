/**
 * A page action that tells its forms apart by their hidden `intent`, written as a list of cases
 * instead of an if-chain:
 *
 *   const formData = await request.formData();
 *   return dispatchIntent(formData, [
 *     whenIntent("create", schemas.create, (data) => { …; return { status: "ok", intent: "create", … } }),
 *     whenIntent("update", schemas.update, (data, { replyTo }) => …, { replyTo: rowReplyTo("update", "serviceId") }),
 *     whenIntent("reopen", null, () => …), // no schema: the case reads the form itself, or needs nothing
 *   ]);
 *
 * For the posted intent: `before` runs first (a permission that differs per intent: its 403 comes
 * before anything is parsed), then the form is parsed with the schema — invalid input is a 400 with
 * the per-field messages and the user's input kept, addressed to `replyTo` (the posted intent unless
 * the case says otherwise, e.g. one row's form of a table) — then `run` with the parsed data. A
 * DomainError that `run` throws is answered in one place (`domainErrorReply`): input and rule errors
 * as the form's 400 addressed to `replyTo`, forbidden and not-found as 403 / 404. An intent
 * no case names (a forged or outdated form) is a 400 on the `intent` field. The permission every intent
 * needs stays in the action, before the form is read.
 *
 * The intents are written as string literals in `whenIntent("…"` or `whenIntent(["…", "…"]` so the form tests' inventory
 * (tests/helpers/form-inventory.ts) finds them in the route's source.
 */
import type { z } from "zod";
import { badRequest, domainErrorReply, parseForm, unknownIntent } from "~/lib/forms.server";

export type IntentContext = {
  /** the intent posted */
  intent: string;
  /** the intent the reply is addressed to (the posted one unless the case says otherwise) */
  replyTo: string;
};

type IntentOptions = {
  /** the reply's intent when it is not the posted one: a fixed name, or read from the form (a row's id) */
  replyTo?: string | ((formData: FormData) => string);
  /** runs before the form is parsed; throws (a 403) when the user may not use this intent */
  before?: () => void;
};

/** One intent, or several answered alike (`["archive", "restore"]`: `ctx.intent` tells them apart). */
type Intents = string | readonly [string, ...string[]];

export type IntentCase<R> = { intents: readonly string[]; answer: (formData: FormData) => R | ReturnType<typeof badRequest> };

export function whenIntent<S extends z.ZodType, R>(
  intent: Intents,
  schema: S,
  run: (data: z.infer<S>, ctx: IntentContext) => R,
  options?: IntentOptions,
): IntentCase<R>;
export function whenIntent<R>(intent: Intents, schema: null, run: (data: null, ctx: IntentContext) => R, options?: IntentOptions): IntentCase<R>;
export function whenIntent<R>(
  intent: Intents,
  schema: z.ZodType | null,
  run: (data: never, ctx: IntentContext) => R,
  options: IntentOptions = {},
): IntentCase<R> {
  const runWith = run as (data: unknown, ctx: IntentContext) => R;
  return {
    intents: typeof intent === "string" ? [intent] : intent,
    answer(formData) {
      const posted = String(formData.get("intent"));
      options.before?.();
      const replyTo = typeof options.replyTo === "function" ? options.replyTo(formData) : (options.replyTo ?? posted);
      return parseThenRun(formData, schema, replyTo, (data) => runWith(data, { intent: posted, replyTo }));
    },
  };
}

/** The form parsed with `schema` (none: null), its 400 addressed to `replyTo`; then `run`, a DomainError it throws answered by `domainErrorReply`. */
function parseThenRun<R>(formData: FormData, schema: z.ZodType | null, replyTo: string | undefined, run: (data: unknown) => R) {
  let data: unknown = null;
  if (schema !== null) {
    const parsed = parseForm(formData, schema, replyTo);
    if (!parsed.ok) return badRequest(parsed.reply);
    data = parsed.data;
  }
  try {
    return run(data);
  } catch (err) {
    // a DomainError the models threw: input / rule → the form's 400, forbidden / not-found → 403 / 404; anything else goes on
    return domainErrorReply(err, formData, replyTo);
  }
}

/**
 * A page action with a single form (no intent to tell forms apart): the form parsed with `schema`
 * (invalid: a 400 with the per-field messages and the input kept, addressed to `replyTo` when the
 * page names its form), then `run` with the parsed data; a DomainError `run` throws is answered as in
 * `dispatchIntent`.
 */
export function answerForm<S extends z.ZodType, R>(formData: FormData, schema: S, run: (data: z.infer<S>) => R, options: { replyTo?: string } = {}) {
  return parseThenRun(formData, schema, options.replyTo, (data) => run(data as z.infer<S>));
}

/** `replyTo` of a table row's form: `update-7` for intent `update` on the row whose `field` (its id) is 7, as posted. */
export function rowReplyTo(field: string): (formData: FormData) => string {
  return (formData) => `${String(formData.get("intent"))}-${String(formData.get(field))}`;
}

/** Answers the posted form with the case of its intent (see the top of this file). */
export function dispatchIntent<C extends readonly IntentCase<unknown>[]>(
  formData: FormData,
  cases: C,
): ReturnType<C[number]["answer"]> | ReturnType<typeof unknownIntent> {
  const posted = formData.get("intent");
  const match = cases.find((c) => typeof posted === "string" && c.intents.includes(posted));
  if (!match) return unknownIntent(formData);
  return match.answer(formData) as ReturnType<C[number]["answer"]>;
}
