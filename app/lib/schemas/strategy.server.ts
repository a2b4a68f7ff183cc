/** Form schemas of the multi-year plan (server only). Values typed in the metric's human unit (k€, %, months…). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { fromHumanUnits } from "~/lib/metrics/gate-units";
import { MILESTONE_COMPARISONS, MILESTONE_STATUSES } from "~/lib/metrics/strategy";
import { decimalSchema, idSchema, intSchema, isoDateSchema, optionalTextSchema } from "~/lib/validation.server";

const optionalText = optionalTextSchema;
const blank = (v: unknown) => (v === "" ? undefined : v);

export function planTargetSchema(isKnownMetric: (id: string) => boolean) {
  return z
    .object({
      intent: z.literal("target"),
      metricId: z
        .string({ error: N_("pick a metric") })
        .max(80)
        .refine(isKnownMetric, N_("is not a known metric")),
      year: intSchema({ min: 2000, max: 2100, message: N_("must be a year") }),
      value: decimalSchema({ min: -1e12, max: 1e12 }),
      note: optionalText(500),
    })
    .transform((v) => ({ metricId: v.metricId, year: v.year, value: fromHumanUnits(v.metricId, v.value), note: v.note ?? null }));
}

export const planTargetDeleteSchema = z.object({ intent: z.literal("delete-target"), targetId: idSchema });

export function milestoneSchema(isKnownMetric: (id: string) => boolean) {
  return z
    .object({
      intent: z.literal("milestone"),
      milestoneId: z.preprocess(blank, idSchema.optional()),
      title: z
        .string({ error: N_("is required") })
        .min(1, N_("is required"))
        .max(200, N_("must be at most 200 characters")),
      dueDate: isoDateSchema,
      metricId: z.preprocess(blank, z.string().max(80).refine(isKnownMetric, N_("is not a known metric")).optional()),
      comparison: z.preprocess(blank, z.enum(MILESTONE_COMPARISONS, { error: N_("pick a comparison") }).optional()),
      value: z.preprocess(blank, decimalSchema({ min: -1e12, max: 1e12 }).optional()),
      status: z.enum(MILESTONE_STATUSES, { error: N_("must be pending, done or missed") }),
      evidence: optionalText(2000),
    })
    .superRefine((v, ctx) => {
      if (v.metricId !== undefined) {
        if (v.comparison === undefined) ctx.addIssue({ code: "custom", path: ["comparison"], message: N_("is required with a metric") });
        if (v.value === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: N_("is required with a metric") });
      } else if (v.comparison !== undefined || v.value !== undefined) {
        ctx.addIssue({ code: "custom", path: ["metricId"], message: N_("pick the metric the condition reads") });
      }
    })
    .transform((v) => ({
      milestoneId: v.milestoneId ?? null,
      input: {
        title: v.title,
        dueDate: v.dueDate,
        metricId: v.metricId ?? null,
        comparison: v.metricId ? (v.comparison ?? null) : null,
        value: v.metricId && v.value !== undefined ? fromHumanUnits(v.metricId, v.value) : null,
        status: v.status,
        evidence: v.evidence ?? null,
      },
    }));
}

export const milestoneDeleteSchema = z.object({ intent: z.literal("delete-milestone"), milestoneId: idSchema });

/** /strategy?milestone=: the milestone whose form is open. */
export const StrategyParamsSchema = z.object({ milestone: idSchema.optional() });
