/** The metric API's query (server-only). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";

/** At most this many ids per GET /api/v1/metrics request. */
export const METRICS_API_MAX_IDS = 50;

/** GET /api/v1/metrics?ids=a,b (ids of at most 80 characters each, comma-separated; no other parameter). */
export const MetricsApiQuerySchema = z
  .object({
    ids: z
      .string({ error: N_("is required: a comma-separated list of metric ids", "metrics") })
      .max(METRICS_API_MAX_IDS * 81, `at most ${METRICS_API_MAX_IDS} ids`),
  })
  .strict();
