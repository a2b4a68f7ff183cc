/**
 * Form schemas of the OKR pages (server-only: zod stays out of the browser bundle): a check-in, a
 * cycle, an objective and a key result (linked to a catalogue metric or typed by hand), and the
 * parser of a key result's typed value.
 */
import { z } from "zod";
import { serverT } from "~/i18n/translate.server";
import { centsFromEuros } from "~/lib/format";
import { KR_KINDS, type KrKind } from "~/lib/metrics/okrs";
import { withOwnMessage } from "~/lib/schemas/own-message.server";
import { decimalSchema, idSchema, intSchema, isoDateSchema, parseDecimalInput } from "~/lib/validation.server";
import { schema } from "~/utils/db.server";
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

/** /okrs.csv?cycle=: the cycle exported (default: the current one). */
export const OkrsCsvParamsSchema = z.object({ cycle: idSchema.optional() });

// ---------------------------------------------------------------- the OKR CSV (one row per key result)

/** An optional CSV cell of at most `max` characters. */
const optionalCell = (max: number) =>
  z
    .string()
    .max(max, { error: () => serverT("must be at most {{max}} characters", { ns: "okrs", max }) })
    .optional();

/** One row of the OKR CSV, before the import resolves its cycle, team and owners against the stored rows. */
export const okrCsvRowSchema = z.object({
  cycle: z.string({ error: () => serverT("required", { ns: "okrs" }) }).max(80),
  objective: z
    .string({ error: () => serverT("required", { ns: "okrs" }) })
    .min(3, { error: () => serverT("must be at least 3 characters", { ns: "okrs" }) })
    .max(200, { error: () => serverT("must be at most 200 characters", { ns: "okrs" }) }),
  objective_description: optionalCell(1000),
  team: optionalCell(80),
  objective_owner: optionalCell(200),
  key_result: z
    .string()
    .min(3, { error: () => serverT("must be at least 3 characters", { ns: "okrs" }) })
    .max(200, { error: () => serverT("must be at most 200 characters", { ns: "okrs" }) })
    .optional(),
  kind: z.enum(KR_KINDS, { error: () => serverT("must be one of {{values}}", { ns: "okrs", values: KR_KINDS.join(", ") }) }).optional(),
  start: optionalCell(40),
  target: optionalCell(40),
  current: optionalCell(40),
  unit: optionalCell(20),
  weight: optionalCell(20),
  kr_owner: optionalCell(200),
});
