/**
 * Form schemas and the shared action steps of the OKR pages (server-only: zod stays out of the
 * browser bundle). Each action: parse → check permission on the row → call the model → reply.
 */
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { assertPermission } from "~/auth/guards.server";
import { serverT } from "~/i18n/translate.server";
import { centsFromEuros } from "~/lib/format";
import type { FormOkReply } from "~/lib/forms";
import { badRequest, domainErrorReply, fieldError, idField, parseForm } from "~/lib/forms.server";
import { KR_KINDS, type KrKind } from "~/lib/metrics/okrs";
import { withOwnMessage } from "~/lib/schemas/own-message.server";
import { decimalSchema, idSchema, intSchema, isoDateSchema, parseDecimalInput } from "~/lib/validation.server";
import { addCheckIn, getCycle, getDefaultCycle, getKeyResult, OkrRuleError } from "~/models/okrs.server";
import type { SessionUser } from "~/models/users.server";
import type { Db } from "~/utils/db.server";
import { schema } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { optionalRefIdSchema } from "~/utils/refs.server";

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined ? null : v),
    z
      .string()
      .max(max, { error: () => serverT("must be at most {{max}} characters", { max }) })
      .nullable(),
  );

/** A KR value as typed (currency in euros) → the stored number (currency in cents), or null when invalid. */
export function krValueFromInput(kind: KrKind, input: string): number | null {
  if (kind === "currency") return centsFromEuros(input);
  if (kind === "boolean") return input === "1" || input === "true" || input === "on" ? 1 : input === "0" || input === "false" ? 0 : null;
  return parseDecimalInput(input);
}

export const CheckInSchema = z.object({
  intent: z.literal("checkin"),
  keyResultId: idSchema,
  /** absent on a KR linked to a metric (its value is the metric's) */
  value: z.string().optional(),
  confidence: withOwnMessage(intSchema({ min: 1, max: 10, message: "must be a whole number from 1 to 10" }), "must be a whole number from 1 to 10", () =>
    serverT("must be a whole number from 1 to 10", { ns: "okrs" }),
  ),
  note: optionalText(500),
});

export type CheckInReply = FormOkReply & { keyResultId: number; currentValue: number | null; progress: number | null };

/**
 * The check-in action shared by "My key results" and a KR's history page. The permission is checked
 * on the KR's team and owner before anything else is read from the form (403 for another team's KR).
 */
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

/** Maps a rule error to a form reply, else rethrows. */
export function ruleErrorReply(err: unknown, formData: FormData, intent: string) {
  return domainErrorReply(err, formData, intent);
}

export const CycleSchema = z
  .object({
    intent: z.literal("create-cycle"),
    name: z
      .string({ error: () => serverT("is required", { ns: "okrs" }) })
      .min(1, { error: () => serverT("is required", { ns: "okrs" }) })
      .max(40, { error: () => serverT("must be at most 40 characters", { ns: "okrs" }) }),
    startDate: isoDateSchema,
    endDate: isoDateSchema,
  })
  .refine((c) => c.endDate >= c.startDate, { error: () => serverT("must be on or after the start date", { ns: "okrs" }), path: ["endDate"] });

export const ObjectiveSchema = z.object({
  title: z
    .string({ error: () => serverT("is required", { ns: "okrs" }) })
    .min(1, { error: () => serverT("is required", { ns: "okrs" }) })
    .max(200, { error: () => serverT("must be at most 200 characters", { ns: "okrs" }) }),
  description: optionalText(2000),
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  teamId: optionalRefIdSchema(schema.teams, "team"),
  parentId: optionalRefIdSchema(schema.objectives, "objective"),
});

/** How a key result linked to a catalogue metric reads it: its kind and unit follow the metric's unit. */
export type KrMetricLink = { kind: KrKind; unit: (typed: string | null) => string | null };

/**
 * The key-result form's schema. `linkOf` resolves the optional `metricId` against the catalogue
 * (null: not a metric a key result may follow → a field error); a linked KR takes its kind and
 * unit from the metric (its start and target are typed in the metric's unit: euros, percent…).
 */
export function keyResultSchema(linkOf: (metricId: string) => KrMetricLink | null) {
  return z
    .object({
      title: z
        .string({ error: () => serverT("is required", { ns: "okrs" }) })
        .min(1, { error: () => serverT("is required", { ns: "okrs" }) })
        .max(200, { error: () => serverT("must be at most 200 characters", { ns: "okrs" }) }),
      kind: z.enum(KR_KINDS, { error: () => serverT("must be number, percent, currency or done/not done", { ns: "okrs" }) }),
      startValue: z.string().optional(),
      targetValue: z.string().optional(),
      unit: optionalText(30),
      weight: z.preprocess((v) => (v === undefined ? 1 : v), decimalSchema({ min: 0, max: 100 })),
      ownerUserId: optionalRefIdSchema(schema.users, "user"),
      metricId: z.preprocess(
        (v) => (v === undefined || v === "" ? null : v),
        z
          .string()
          .max(80, { error: () => serverT("must be at most 80 characters", { ns: "okrs" }) })
          .nullable(),
      ),
    })
    .transform((kr, ctx) => {
      const link = kr.metricId === null ? null : linkOf(kr.metricId);
      if (kr.metricId !== null && !link) {
        ctx.addIssue({ code: "custom", message: serverT("is not a metric of the catalogue a key result can follow", { ns: "okrs" }), path: ["metricId"] });
        return z.NEVER;
      }
      const kind: KrKind = link ? link.kind : kr.kind;
      const num = (field: "startValue" | "targetValue") => {
        if (kind === "boolean") return field === "startValue" ? 0 : 1;
        const raw = kr[field];
        if (raw === undefined) {
          ctx.addIssue({ code: "custom", message: serverT("is required", { ns: "okrs" }), path: [field] });
          return z.NEVER;
        }
        const v = krValueFromInput(kind, raw);
        if (v === null) {
          ctx.addIssue({
            code: "custom",
            message: kind === "currency" ? serverT("must be an amount in euros", { ns: "okrs" }) : serverT("must be a number", { ns: "okrs" }),
            path: [field],
          });
          return z.NEVER;
        }
        if (kind === "percent" && (v < 0 || v > 100)) {
          ctx.addIssue({ code: "custom", message: serverT("must be from 0 to 100", { ns: "okrs" }), path: [field] });
          return z.NEVER;
        }
        return v;
      };
      const startValue = num("startValue");
      const targetValue = num("targetValue");
      const typedUnit = kind === "currency" ? "EUR" : kind === "percent" ? "%" : kind === "boolean" ? null : kr.unit;
      return {
        title: kr.title,
        kind,
        startValue,
        targetValue,
        unit: link ? link.unit(kr.unit) : typedUnit,
        weight: kr.weight,
        ownerUserId: kr.ownerUserId,
        metricId: kr.metricId,
      };
    });
}

/** The key-result schema without a catalogue at hand: any metricId is refused. */
export const KeyResultSchema = keyResultSchema(() => null);

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
