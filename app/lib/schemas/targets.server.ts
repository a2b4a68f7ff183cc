/** The targets page's forms (server-only: zod stays out of the browser bundle). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { isStaticMetricId } from "~/lib/metrics/catalogue";
import { TARGET_COMPARISONS } from "~/lib/metrics/targets";
import { decimalSchema, idSchema } from "~/lib/validation.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";

/** The target form: metric, cycle (empty = open-ended), comparison, value in human units (k€, %, hours…). */
export const TargetFormSchema = z.object({
  metricId: z.string({ error: N_("pick a metric") }).refine(isStaticMetricId, N_("is not a known metric")),
  cycleId: optionalRefIdSchema(schema.cycles, "cycle"),
  comparison: z.enum(TARGET_COMPARISONS, { error: N_("pick a comparison") }),
  value: decimalSchema(),
  note: z.preprocess(
    (v) => (v === undefined || v === "" ? null : v),
    z
      .string({ error: N_("must be text") })
      .trim()
      .max(500, N_("must be at most 500 characters"))
      .nullable(),
  ),
});

/** The remove button: one target id. */
export const TargetDeleteFormSchema = z.object({ id: idSchema });
