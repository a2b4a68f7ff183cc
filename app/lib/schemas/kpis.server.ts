/** KPI form schemas (server-only). */
import { z } from "zod";
import { serverT } from "~/i18n/translate.server";
import { checkboxSchema, kpiSourceSchema } from "~/lib/schemas/metric-links";
import { idSchema, optionalTextSchema, parseDecimalInput, pastIsoDateSchema } from "~/lib/validation.server";
import { KPI_CATEGORIES, KPI_DIRECTIONS } from "../../../db/schema/enums";

const tooLong = (max: number) => serverT("must be at most {{max}} characters", { ns: "kpis", max });
const optionalText = (max: number) => optionalTextSchema(max, { absent: "null", keepEmpty: true, tooLong });

export const numberInput = z.string({ error: () => serverT("is required", { ns: "kpis" }) }).transform((s, ctx) => {
  const n = parseDecimalInput(s);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: serverT("must be a number", { ns: "kpis" }) });
    return z.NEVER;
  }
  return n;
});

/**
 * The KPI definition form. `isSource` says whether a catalogue id may be a KPI's source (the route
 * passes the catalogue's answer); `pinned` is a checkbox (absent = not pinned).
 */
export function kpiSchema(isSource: (metricId: string) => boolean) {
  return KpiBase.extend({ source: kpiSourceSchema(isSource), pinned: checkboxSchema });
}

const KpiBase = z.object({
  key: z
    .string({ error: () => serverT("is required", { ns: "kpis" }) })
    .regex(/^[a-z0-9_]{2,60}$/, { error: () => serverT("must be 2–60 lowercase letters, digits or underscores (used in CSV files)", { ns: "kpis" }) }),
  name: z
    .string({ error: () => serverT("is required", { ns: "kpis" }) })
    .min(1)
    .max(120, { error: () => serverT("must be at most 120 characters", { ns: "kpis" }) }),
  unit: optionalText(20),
  direction: z.enum(KPI_DIRECTIONS, { error: () => serverT("must be higher or lower", { ns: "kpis" }) }),
  category: z.enum(KPI_CATEGORIES, { error: () => serverT("must be product, technical or business", { ns: "kpis" }) }),
  description: optionalText(1000),
});

/** Without a catalogue at hand: manual KPIs only. */
export const KpiSchema = kpiSchema(() => false);

export const MeasurementSchema = z.object({
  measuredOn: pastIsoDateSchema,
  value: numberInput,
  note: optionalText(500),
});

export const TargetSchema = z.object({
  cycleId: idSchema,
  target: z.preprocess((v) => (v === undefined ? null : v), numberInput.nullable()),
});
