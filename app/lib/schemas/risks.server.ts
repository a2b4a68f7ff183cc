/** The risk register's URL filters and the risk form schema (server-only). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import type { RiskLevel } from "~/lib/metrics/risks";
import { withOwnMessage } from "~/lib/schemas/own-message.server";
import { parseSearchParams, urlTextSchema } from "~/lib/url-params.server";
import { checkboxSchema, decimalSchema, idSchema, intSchema, isoDateSchema, optionalTextSchema } from "~/lib/validation.server";
import type { RiskFilter } from "~/models/risks/list.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from "../../../db/schema/enums";

// ---------------------------------------------------------------- URL filters

export const RISK_SOURCES = ["people", "rule"] as const;

const LEVELS = ["low", "medium", "high", "critical"] as const satisfies readonly RiskLevel[];

const ratingSchema = withOwnMessage(intSchema({ min: 1, max: 5, message: "must be 1 to 5" }), "must be 1 to 5", () =>
  serverT("must be 1 to 5", { ns: "risks" }),
);

/** The register's URL filters; a parameter its field refuses is ignored (no notice on the page). */
export const RiskFilterParamsSchema = z.object({
  category: z.enum(RISK_CATEGORIES).optional(),
  level: z.enum(LEVELS).optional(),
  owner: idSchema.optional(),
  status: z.enum([...RISK_STATUSES, "active", "all"]).optional(),
  overdue: z.literal("1", { error: N_("must be 1", "risks") }).optional(),
  q: urlTextSchema(200).optional(),
  source: z.enum(RISK_SOURCES).optional(),
  kind: z.enum(["inherent", "residual"]).optional(),
  l: ratingSchema.optional(),
  i: ratingSchema.optional(),
});

/**
 * The register's filters from the URL (never throws; anything malformed is ignored):
 * ?category=&level=&owner=&status=&overdue=1&q=&source=people|rule and a heat-map cell ?kind=inherent|residual&l=1-5&i=1-5
 * (the cell only when all three are valid).
 */
export function riskFilterFromUrl(url: URL): RiskFilter {
  const { data: p } = parseSearchParams(url, RiskFilterParamsSchema);
  const filter: RiskFilter = {};
  if (p.category) filter.category = p.category;
  if (p.level) filter.level = p.level;
  if (p.owner !== undefined) filter.ownerUserId = p.owner;
  if (p.status) filter.status = p.status;
  if (p.overdue) filter.overdue = true;
  if (p.q) filter.q = p.q;
  if (p.source) filter.source = p.source;
  if (p.kind && p.l !== undefined && p.i !== undefined) filter.cell = { kind: p.kind, likelihood: p.l, impact: p.i };
  return filter;
}

// ---------------------------------------------------------------- form schema (server only)

const optionalText = (max: number) => optionalTextSchema(max, { absent: "null" });

/** One schema for the create / propose / edit forms; status is only read for CEO/CTO. */
export const RiskFormSchema = z.object({
  title: z
    .string({ error: () => serverT("is required", { ns: "risks" }) })
    .min(3, { error: () => serverT("must be at least 3 characters", { ns: "risks" }) })
    .max(200, { error: () => serverT("must be at most 200 characters", { ns: "risks" }) }),
  description: optionalText(4000),
  category: z.enum(RISK_CATEGORIES, { error: () => serverT("pick a category", { ns: "risks" }) }),
  inherentLikelihood: ratingSchema,
  inherentImpact: ratingSchema,
  residualLikelihood: ratingSchema,
  residualImpact: ratingSchema,
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  treatment: z.enum(RISK_TREATMENTS, { error: () => serverT("pick a treatment", { ns: "risks" }) }),
  mitigationPlan: optionalText(4000),
  nextReviewDate: z.preprocess((v) => (v === undefined || v === "" ? null : v), isoDateSchema.nullable()),
  status: z.enum(RISK_STATUSES, { error: () => serverT("pick a status", { ns: "risks" }) }).optional(),
});

export const RiskStatusFormSchema = z.object({ intent: z.literal("status"), status: z.enum(RISK_STATUSES) });
export const RiskUpdateFormSchema = RiskFormSchema.extend({ status: z.enum(RISK_STATUSES, { error: () => serverT("pick a status", { ns: "risks" }) }) });
export const RiskRuleFormSchema = z.object({
  intent: z.literal("rule"),
  ruleId: idSchema,
  threshold: decimalSchema(),
  enabled: checkboxSchema,
});
