/**
 * Form schemas of the scenarios page (server only). Percentages are typed in percent and stored as
 * fractions; money in euros (stored in cents); a trigger's value in the metric's human unit (k€, %,
 * months…, as on the gate form) and stored in the metric's unit.
 */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { fromHumanUnits } from "~/lib/metrics/gate-units";
import { FUNDING_SLOTS, TRIGGER_COMPARISONS } from "~/lib/metrics/scenarios";
import { checkboxSchema, decimalSchema, eurosSchema, idSchema, isoDateSchema, monthSchema } from "~/lib/validation.server";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
const percent = (min: number, max: number) => decimalSchema({ min, max }).transform((n) => n / 100);

const fundingFields = Object.fromEntries(
  Array.from({ length: FUNDING_SLOTS }, (_, n) => [
    [`funding_month_${n}`, optional(monthSchema)],
    [`funding_amount_${n}`, optional(eurosSchema.refine((c) => c > 0 && c <= 1_000_000_000_00, N_("must be above 0 and at most 1 000 000 000")))],
    [`funding_label_${n}`, optional(z.string().max(120, N_("must be at most 120 characters")))],
  ]).flat(),
) as Record<string, z.ZodType>;

export function scenarioFormSchema(isKnownMetric: (id: string) => boolean) {
  return z
    .object({
      intent: z.enum(["create", "update"]),
      scenarioId: optional(idSchema),
      name: z
        .string({ error: N_("is required") })
        .min(1, N_("is required"))
        .max(80, N_("must be at most 80 characters")),
      description: optional(z.string().max(2000, N_("must be at most 2000 characters"))),
      probability: percent(0, 100),
      revenueGrowth: optional(percent(-50, 100)),
      extraChurn: optional(percent(0, 50)),
      hiringSpeed: optional(decimalSchema({ gt: 0, max: 10, message: N_("must be a number") }).refine((n) => n >= 0.1, N_("must be from 0.1 to 10"))),
      hiringFreezeFrom: optional(monthSchema),
      costChangePayroll: optional(percent(-100, 200)),
      costChangeIt: optional(percent(-100, 200)),
      costChangeOther: optional(percent(-100, 200)),
      triggerMetric: optional(z.string().max(80).refine(isKnownMetric, N_("is not a known metric"))),
      triggerComparison: optional(z.enum(TRIGGER_COMPARISONS, { error: N_("pick a comparison") })),
      triggerValue: optional(decimalSchema({ min: -1e12, max: 1e12 })),
      triggerValue2: optional(decimalSchema({ min: -1e12, max: 1e12 })),
      triggerBy: optional(isoDateSchema),
      actions: optional(z.string().max(4000, N_("must be at most 4000 characters"))),
      raisesRisk: checkboxSchema,
      ...fundingFields,
    })
    .superRefine((v, ctx) => {
      if (v.intent === "update" && v.scenarioId === undefined) ctx.addIssue({ code: "custom", path: ["scenarioId"], message: N_("is required") });
      if (v.triggerMetric !== undefined) {
        if (v.triggerComparison === undefined) ctx.addIssue({ code: "custom", path: ["triggerComparison"], message: N_("is required with a trigger metric") });
        if (v.triggerValue === undefined) ctx.addIssue({ code: "custom", path: ["triggerValue"], message: N_("is required with a trigger metric") });
        if (v.triggerComparison === "between" && v.triggerValue2 === undefined)
          ctx.addIssue({ code: "custom", path: ["triggerValue2"], message: N_("is required for a range") });
      } else if (v.triggerComparison !== undefined || v.triggerValue !== undefined || v.triggerBy !== undefined) {
        ctx.addIssue({ code: "custom", path: ["triggerMetric"], message: N_("pick the metric the trigger reads") });
      }
      if (v.raisesRisk && v.triggerMetric === undefined) ctx.addIssue({ code: "custom", path: ["raisesRisk"], message: N_("needs a trigger") });
      const r = v as Record<string, unknown>;
      for (let n = 0; n < FUNDING_SLOTS; n++) {
        const month = r[`funding_month_${n}`];
        const amount = r[`funding_amount_${n}`];
        if (month !== undefined && amount === undefined)
          ctx.addIssue({ code: "custom", path: [`funding_amount_${n}`], message: N_("is required with a month") });
        if (month === undefined && (amount !== undefined || r[`funding_label_${n}`] !== undefined))
          ctx.addIssue({ code: "custom", path: [`funding_month_${n}`], message: N_("is required with an amount") });
      }
    })
    .transform((v) => {
      const r = v as Record<string, unknown>;
      const funding: { month: string; amountCents: number; label: string | null }[] = [];
      for (let n = 0; n < FUNDING_SLOTS; n++) {
        const month = r[`funding_month_${n}`] as string | undefined;
        const amount = r[`funding_amount_${n}`] as number | undefined;
        if (month !== undefined && amount !== undefined)
          funding.push({ month, amountCents: amount, label: (r[`funding_label_${n}`] as string | undefined) ?? null });
      }
      const metric = v.triggerMetric ?? null;
      const human = (x: number | undefined) => (x === undefined || metric === null ? null : fromHumanUnits(metric, x));
      return {
        intent: v.intent,
        scenarioId: v.scenarioId ?? null,
        input: {
          name: v.name,
          description: v.description ?? null,
          probability: v.probability,
          revenueGrowth: v.revenueGrowth ?? null,
          extraChurn: v.extraChurn ?? null,
          hiringSpeed: v.hiringSpeed ?? 1,
          hiringFreezeFrom: v.hiringFreezeFrom ?? null,
          costChangePayroll: v.costChangePayroll ?? 0,
          costChangeIt: v.costChangeIt ?? 0,
          costChangeOther: v.costChangeOther ?? 0,
          triggerMetric: metric,
          triggerComparison: metric === null ? null : (v.triggerComparison ?? null),
          triggerValue: human(v.triggerValue),
          triggerValue2: v.triggerComparison === "between" ? human(v.triggerValue2) : null,
          triggerBy: metric === null ? null : (v.triggerBy ?? null),
          actions: (v.actions ?? "").replace(/\r\n/g, "\n"),
          raisesRisk: v.raisesRisk,
          funding,
        },
      };
    });
}

export const scenarioDeleteSchema = z.object({ intent: z.literal("delete"), scenarioId: idSchema });

/** /scenarios?edit=: the scenario whose form is open. */
export const ScenariosParamsSchema = z.object({ edit: idSchema.optional() });
