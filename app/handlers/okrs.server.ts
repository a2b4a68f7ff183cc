/**
 * The shared action steps of the OKR pages (their schemas: app/lib/schemas/okrs.server.ts). Each
 * action: parse → check permission on the row → call the model → reply.
 */
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertPermission, requirePermission } from "~/auth/guards.server";
import { serverT } from "~/i18n/translate.server";
import type { FormOkReply } from "~/lib/forms";
import { badRequest, fieldError, idField, parseForm } from "~/lib/forms.server";
import { CheckInSchema, krValueFromInput } from "~/lib/schemas/okrs.server";
import { idSchema } from "~/lib/validation.server";
import { addCheckIn, getCycle, getDefaultCycle, getKeyResult, OkrRuleError } from "~/models/okrs.server";
import type { SessionUser } from "~/models/users.server";
import { getDb, type Db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";

export type CheckInReply = FormOkReply & { keyResultId: number; currentValue: number | null; progress: number | null };

/**
 * Records a check-in from the inline form. With JavaScript the form posts through a fetcher
 * (it sends `_via=fetcher`) and gets the JSON reply; without, a success redirects back to the page
 * it came from (`returnTo`), so refreshing the page never posts the check-in again.
 */
export function handleCheckIn(db: Db, user: SessionUser, formData: FormData, opts: { returnTo?: string; now?: number } = {}) {
  const now = opts.now ?? Date.now();
  const krId = idField(formData, "keyResultId");
  if (krId === null) return fieldError(formData, "keyResultId", serverT("is not a key result", { ns: "okrs" }), "checkin");
  const kr = getKeyResult(db, krId);
  if (!kr) notFound(serverT("No such key result.", { ns: "okrs" }));
  assertPermission(user, "okrs:checkin", { teamId: kr.teamId, ownerUserId: kr.ownerUserId });
  const parsed = parseForm(formData, CheckInSchema, "checkin");
  if (!parsed.ok) return badRequest(parsed.reply);
  if (kr.metricId !== null && parsed.data.value !== undefined && parsed.data.value.trim() !== "") {
    return fieldError(formData, "value", serverT("is the linked metric's: a check-in records only your confidence and a note", { ns: "okrs" }), "checkin");
  }
  if (kr.metricId === null && parsed.data.value === undefined) return fieldError(formData, "value", serverT("is required", { ns: "okrs" }), "checkin");
  const value = kr.metricId !== null ? null : krValueFromInput(kr.kind, parsed.data.value!);
  if (kr.metricId === null && value === null) {
    const msg =
      kr.kind === "currency"
        ? serverT("must be an amount in euros with up to 2 decimals", { ns: "okrs" })
        : kr.kind === "boolean"
          ? serverT("must be done or not done", { ns: "okrs" })
          : serverT("must be a number", { ns: "okrs" });
    return fieldError(formData, "value", msg, "checkin");
  }
  if (value !== null && kr.kind === "percent" && (value < 0 || value > 100))
    return fieldError(formData, "value", serverT("must be from 0 to 100", { ns: "okrs" }), "checkin");
  try {
    const res = addCheckIn(db, user.id, kr.id, { value, confidence: parsed.data.confidence, note: parsed.data.note }, now);
    if (formData.get("_via") !== "fetcher" && opts.returnTo) throw redirect(`${opts.returnTo}#kr-${kr.id}`, 303);
    return data({
      status: "ok",
      intent: "checkin",
      message: serverT("Checked in on “{{title}}”.", { ns: "okrs", title: kr.title }),
      keyResultId: kr.id,
      currentValue: res.currentValue,
      progress: res.progress,
    } satisfies CheckInReply);
  } catch (err) {
    if (err instanceof OkrRuleError) return fieldError(formData, err.field ?? "value", err.message, "checkin");
    throw err;
  }
}

/**
 * The action of the pages with inline check-in forms (a KR's history page, "My key results", the inbox):
 * 403 before anything is parsed for those who check in on nothing (viewers); the KR's team and owner
 * are checked in handleCheckIn before anything else is read from the form (403 for another team's KR).
 * Without JavaScript a success redirects to `returnTo` (default: the page itself).
 */
export async function checkInAction({ request }: ActionFunctionArgs, returnTo?: string) {
  const user = await requirePermission(request, "okrs:checkin");
  const formData = await request.formData();
  const { pathname, search } = new URL(request.url);
  return dispatchIntent(formData, [
    whenIntent("checkin", null, () => handleCheckIn(getDb(), user, formData, { returnTo: returnTo ?? `${pathname}${search}` })),
  ]);
}

/** The cycle a page shows: `?cycle=<id>` when it names one (404 otherwise), else the default cycle. */
export function resolveCycleParam(db: Db, url: URL, now = Date.now()) {
  const raw = url.searchParams.get("cycle");
  if (raw !== null && raw !== "") {
    const id = idSchema.safeParse(raw);
    const cycle = id.success ? getCycle(db, id.data) : null;
    if (!cycle) notFound(serverT("No such cycle.", { ns: "okrs" }));
    return cycle;
  }
  return getDefaultCycle(db, now);
}
