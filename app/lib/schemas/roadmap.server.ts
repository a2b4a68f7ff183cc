/** Form, URL and CSV schemas of the roadmap (server only). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { idSchema, optionalTextSchema } from "~/lib/validation.server";
import { ROADMAP_STATUSES } from "../../../db/schema/enums";

export const ROADMAP_KEY = /^[A-Z][A-Z0-9]{0,11}-\d{1,4}$/;
export const QUARTER = /^(20\d\d)-Q[1-4]$/;

const key = z
  .string({ error: N_("is required") })
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(ROADMAP_KEY, N_("must look like CORE-01 (letters, a dash, a number)")));
const quarter = z.string({ error: N_("is required") }).regex(QUARTER, N_("must be a quarter like 2026-Q3"));
const optionalText = optionalTextSchema;
const status = z.enum(ROADMAP_STATUSES, { error: N_("must be planned, in progress, done or dropped") });
/** one id or a list of ids (a multiple select), at most 20 */
const krIds = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(idSchema).max(20, N_("at most 20 key results")));

export const roadmapItemSchema = z.object({
  intent: z.enum(["create", "update"]),
  itemId: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
  key,
  title: z
    .string({ error: N_("is required") })
    .min(1, N_("is required"))
    .max(200, N_("must be at most 200 characters")),
  teamId: idSchema,
  quarter,
  sprint: optionalText(60),
  status,
  ownerUserId: z.preprocess((v) => (v === "" ? undefined : v), idSchema.optional()),
  keyResultIds: krIds,
});

export const roadmapStatusSchema = z.object({ intent: z.literal("status"), itemId: idSchema, status });
export const roadmapDeleteSchema = z.object({ intent: z.literal("delete"), itemId: idSchema });

export const roadmapFilterSchema = z.object({
  team: idSchema.optional(),
  quarter: z.string().regex(QUARTER).optional(),
  view: z.enum(["board", "quarters"]).optional(),
  edit: idSchema.optional(),
});

/** One CSV row (ROADMAP_CSV_HEADERS); team by name, owner by email, key results as ids separated by spaces. */
export const roadmapCsvRowSchema = z.object({
  key,
  title: z
    .string({ error: N_("is required") })
    .min(1)
    .max(200, N_("must be at most 200 characters")),
  team: z.string({ error: N_("is required") }).max(80),
  quarter,
  sprint: z.string().max(60, N_("must be at most 60 characters")).optional(),
  status,
  owner_email: z.string().max(254).optional(),
  key_result_ids: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const parts = (s ?? "").split(/[\s;]+/).filter(Boolean);
      if (parts.length > 20 || parts.some((p) => !/^\d{1,9}$/.test(p) || Number(p) < 1)) {
        ctx.addIssue({ code: "custom", message: N_("must be key result ids separated by spaces") });
        return z.NEVER;
      }
      return parts.map(Number);
    }),
});
