/** KPI form schemas (server-only). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { checkboxSchema, kpiSourceSchema } from "~/lib/schemas/metric-links";
import { toLocalInput, DAY_MS } from "~/lib/time";
import { decimalSchema, idSchema, isoInstantSchema, optionalTextSchema, parseDecimalInput, pastIsoDateSchema } from "~/lib/validation.server";
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

/** A KPI's key in the API's URL. */
export const KpiKeySchema = z.string().regex(/^[a-z0-9_]{2,60}$/);
const MIN_MEASUREMENT_DAY = "2000-01-01";

/**
 * One measurement of POST /api/v1/kpis/<key>/measurements: a value (checked by `valueProblem`, the
 * KPI's unit rule) on a day of the company's time zone, given as `measuredOn` or an instant `at`.
 */
export function kpiMeasurementApiSchema(timeZone: string, now: number, valueProblem: (value: number) => string | null) {
  const dayOf = (ms: number) => toLocalInput(ms, timeZone).slice(0, 10);
  const latestDay = dayOf(now + DAY_MS);
  return z
    .object(
      {
        // a JSON number, or its text (Prometheus answers strings): decimalSchema, no exponents in text
        value: decimalSchema(),
        measuredOn: pastIsoDateSchema.optional(),
        at: isoInstantSchema.optional(),
        note: z.preprocess((v) => (v === undefined ? null : v), z.string({ error: "must be a string" }).max(500, "must be at most 500 characters").nullable()),
      },
      { error: N_("must be a measurement object {value, measuredOn? or at?, note?}", "kpis") },
    )
    .superRefine((m, ctx) => {
      if (m.measuredOn !== undefined && m.at !== undefined)
        ctx.addIssue({ code: "custom", path: ["at"], message: N_("give measuredOn or at, not both", "kpis") });
    })
    .transform((m, ctx) => {
      const measuredOn = m.measuredOn ?? dayOf(m.at ?? now);
      if (measuredOn < MIN_MEASUREMENT_DAY || measuredOn > latestDay) {
        ctx.addIssue({ code: "custom", path: [m.measuredOn !== undefined ? "measuredOn" : "at"], message: N_("must be between 2000-01-01 and today", "kpis") });
        return z.NEVER;
      }
      const problem = valueProblem(m.value);
      if (problem) {
        ctx.addIssue({ code: "custom", path: ["value"], message: problem });
        return z.NEVER;
      }
      return { measuredOn, value: m.value, note: m.note };
    });
}

/** A batch of measurements: a non-empty array. */
export function measurementBatchSchema<T extends z.ZodType>(one: T) {
  return z.array(one).min(1, N_("must hold at least one measurement", "kpis"));
}

// ---------------------------------------------------------------- the measurements CSV

const numberCell = z.string({ error: () => serverT("required", { ns: "kpis" }) }).transform((s, ctx) => {
  const n = parseDecimalInput(s);
  if (n === null) {
    ctx.addIssue({ code: "custom", message: serverT("must be a number (dot or comma decimals)", { ns: "kpis" }) });
    return z.NEVER;
  }
  return n;
});

/** One row of the measurements CSV, before the import checks its KPI key, value and date against the stored KPIs. */
export const kpiMeasurementCsvRowSchema = z.object({
  kpi_key: z.string({ error: () => serverT("required", { ns: "kpis" }) }).max(60),
  measured_on: pastIsoDateSchema,
  value: numberCell,
  note: z
    .string()
    .max(500, { error: () => serverT("must be at most 500 characters", { ns: "kpis" }) })
    .optional(),
});
