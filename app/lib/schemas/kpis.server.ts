/** KPI form schemas (server-only). */
import { z } from "zod";
import { checkboxSchema, kpiSourceSchema } from "~/lib/schemas/metric-links";
import { idSchema, parseDecimalInput, pastIsoDateSchema } from "~/lib/validation.server";
import { KPI_CATEGORIES, KPI_DIRECTIONS } from "../../../db/schema/enums";

const optionalText = (max: number) => z.preprocess((v) => (v === undefined ? null : v), z.string().max(max, `must be at most ${max} characters`).nullable());

export const numberInput = z.string({ error: "is required" }).transform((s, ctx) => {
  const n = parseDecimalInput(s);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: "must be a number" });
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
  key: z.string({ error: "is required" }).regex(/^[a-z0-9_]{2,60}$/, "must be 2–60 lowercase letters, digits or underscores (used in CSV files)"),
  name: z.string({ error: "is required" }).min(1).max(120, "must be at most 120 characters"),
  unit: optionalText(20),
  direction: z.enum(KPI_DIRECTIONS, { error: "must be higher or lower" }),
  category: z.enum(KPI_CATEGORIES, { error: "must be product, technical or business" }),
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
