/**
 * Governance input schemas (server only): the compliance page's URL filter, the gate form, the
 * requirement, maturity and framework forms — models take their typed output.
 */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formValues, parseForm, type ParseResult } from "~/lib/forms.server";
import { fromHumanUnits } from "~/lib/metrics/gate-units";
import { GATE_OPERATORS, isGateMetricId, MATURITY_INDICATOR_KEYS } from "~/lib/metrics/governance";
import { parseSearchParams } from "~/lib/url-params.server";
import { checkboxSchema, idSchema, intSchema, isoDateSchema, optionalTextSchema, pastIsoDateSchema } from "~/lib/validation.server";
import type { GateInput } from "~/models/governance/gates.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { GATE_DECISIONS } from "../../../db/schema/enums";

const { REQUIREMENT_RESULTS, REQUIREMENT_STATUSES } = schema;
type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

const ComplianceFilterSchema = z.object({
  framework: z.string().max(60).optional(),
  status: z.enum(REQUIREMENT_STATUSES).optional(),
});

/** `?framework=<key>&status=<status>` of the compliance page and its CSV: anything unknown or malformed is ignored. */
export function parseComplianceFilter(url: URL): { framework?: string; status?: RequirementStatus } {
  return parseSearchParams(url, ComplianceFilterSchema).data;
}

// ---------------------------------------------------------------- gate form (server only)

/** The most criteria rows a gate form may send (the form shows 6, more when a gate has more). */
const MAX_GATE_CRITERIA = 20;

/** One criteria row; the threshold is typed in human units (k€, %, months…), a comma allowed as the decimal mark. */
const GateCriterionRowSchema = z.object({
  metric: z.string().max(80).refine(isGateMetricId, "is not a known metric"),
  operator: z.enum(GATE_OPERATORS, { error: N_("pick an operator", "governance") }),
  threshold: z
    .string({ error: N_("must be one number", "governance") })
    .trim()
    .transform((s) => s.replace(",", "."))
    .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, N_("must be a number", "validation")))
    .transform(Number)
    .refine((n) => Math.abs(n) < 1e15, "is too large"),
});

const GateHeadSchema = z.object({
  name: z
    .string({ error: N_("is required", "validation") })
    .min(3, N_("must be at least 3 characters", "governance"))
    .max(200, N_("must be at most 200 characters", "validation")),
  description: z.preprocess(
    (v) => (v === undefined || v === "" ? null : v),
    z.string().max(2000, N_("must be at most 2000 characters", "validation")).nullable(),
  ),
  dueDate: isoDateSchema,
});

/**
 * Parses the gate form: name, description, dueDate, and criteria rows metric_N / operator_N /
 * threshold_N, the threshold typed in human units (k€, %, months…) and converted to the
 * metric's stored unit. Errors are reported per field (threshold_2 …).
 */
export function parseGateForm(formData: FormData, intent: string, isKnownMetric: (id: string) => boolean = isGateMetricId): ParseResult<GateInput> {
  const head = parseForm(formData, GateHeadSchema, intent);
  const fieldErrors: Record<string, string[]> = head.ok ? {} : { ...head.reply.fieldErrors };
  const criteria: GateInput["criteria"] = [];
  // a cell posted twice (a forged form) reaches the schema as an array, which it refuses
  const cell = (name: string): string | string[] | undefined => {
    const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
    return all.length > 1 ? all : all[0]?.trim();
  };
  for (let n = 0; n < MAX_GATE_CRITERIA; n++) {
    const metric = cell(`metric_${n}`);
    if (!metric) continue; // an empty row
    const row = GateCriterionRowSchema.refine((r) => isKnownMetric(r.metric), {
      path: ["metric"],
      message: N_("is not a known metric", "validation"),
    }).safeParse({
      metric,
      operator: cell(`operator_${n}`),
      threshold: cell(`threshold_${n}`) ?? "",
    });
    if (!row.success) {
      // an unknown metric is the one thing to fix on that row (its operator and threshold mean nothing yet)
      const metricIssues = row.error.issues.filter((i) => i.path[0] === "metric");
      for (const issue of metricIssues.length ? metricIssues : row.error.issues) (fieldErrors[`${String(issue.path[0])}_${n}`] ??= []).push(issue.message);
      continue;
    }
    criteria.push({ ...row.data, threshold: fromHumanUnits(row.data.metric, row.data.threshold) });
  }
  if (Object.keys(fieldErrors).length || !head.ok) {
    return { ok: false, reply: { status: "error", fieldErrors, formErrors: [], values: formValues(formData), intent } };
  }
  return { ok: true, data: { ...head.data, criteria } };
}

// ---------------------------------------------------------------- compliance & maturity form schemas (server only)

const nullable = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === undefined || v === "" ? null : v), s.nullable());
export const evidenceSchema = nullable(
  z
    .string()
    .max(2000, N_("must be at most 2000 characters", "validation"))
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === "https:" || u.protocol === "http:";
      } catch {
        return false;
      }
    }, "must be a full http(s) link, e.g. https://drive.example.com/evidence.pdf"),
);

export const RequirementUpdateFormSchema = z.object({
  intent: z.literal("update"),
  requirementId: idSchema,
  status: z.enum(REQUIREMENT_STATUSES, { error: N_("pick a status", "governance") }),
  result: nullable(z.enum(REQUIREMENT_RESULTS, { error: N_("pick a result", "governance") })),
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  evidenceUrl: evidenceSchema,
});

export const RequirementCreateFormSchema = z.object({
  intent: z.literal("create"),
  frameworkId: idSchema,
  ref: z
    .string({ error: N_("is required", "validation") })
    .min(1, N_("is required", "validation"))
    .max(40, N_("must be at most 40 characters", "governance")),
  title: z
    .string({ error: N_("is required", "validation") })
    .min(3, N_("must be at least 3 characters", "governance"))
    .max(300, N_("must be at most 300 characters", "governance")),
  status: z.enum(REQUIREMENT_STATUSES, { error: N_("pick a status", "governance") }),
  result: nullable(z.enum(REQUIREMENT_RESULTS, { error: N_("pick a result", "governance") })),
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  evidenceUrl: evidenceSchema,
});

const scoreSchema = intSchema({ min: 1, max: 5, message: N_("pick a score from 1 to 5", "governance") });
const noteSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? null : v),
  z.string().max(500, N_("must be at most 500 characters", "validation")).nullable(),
);

export const MaturityAssessmentFormSchema = z.object({
  intent: z.literal("assess"),
  assessedOn: pastIsoDateSchema,
  ...Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [`score_${k}`, scoreSchema])),
  ...Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [`note_${k}`, noteSchema])),
}) as unknown as z.ZodType<{ intent: "assess"; assessedOn: string } & Record<string, number | string | null>>;

// ---------------------------------------------------------------- frameworks (company data)

const frameworkTargetSchema = nullable(isoDateSchema);

export const FrameworkFormSchema = z.object({
  name: z
    .string({ error: N_("is required", "validation") })
    .min(2, N_("must be at least 2 characters", "governance"))
    .max(80, N_("must be at most 80 characters", "validation")),
  description: nullable(z.string().max(500, N_("must be at most 500 characters", "validation"))),
  targetDate: frameworkTargetSchema,
});
export type FrameworkInput = z.infer<typeof FrameworkFormSchema>;

/** Archiving (or restoring) a framework the company no longer follows. */
export const FrameworkArchiveFormSchema = z.object({ intent: z.enum(["archive-framework", "restore-framework"]), frameworkId: idSchema });

/** The decision page of a gate: the decision with its rationale, and the checklist of criteria. */
export function gateDecisionFormSchemas() {
  const text = (max: number) =>
    z
      .string({ error: N_("is required", "validation") })
      .min(1, N_("is required", "validation"))
      .max(max, { error: () => serverT("must be at most {{count}} characters", { count: max }) });
  const optionalText = (max: number) => optionalTextSchema(max);
  return {
    decide: z
      .object({
        intent: z.literal("decide"),
        decision: z.enum(GATE_DECISIONS, { error: N_("pick go, no-go or an alternative", "governance") }),
        alternative: optionalText(500),
        rationale: text(4000),
      })
      .refine((v) => v.decision !== "alternative" || v.alternative !== undefined, {
        path: ["alternative"],
        message: N_("say which alternative", "governance"),
      }),
    add: z.object({ intent: z.literal("add-criterion"), label: text(200) }),
    remove: z.object({ intent: z.literal("delete-criterion"), criterionId: idSchema }),
    check: z.object({ intent: z.literal("check"), criterionId: idSchema, checked: checkboxSchema, note: optionalText(1000) }),
  };
}

/** One row of the compliance requirements CSV (the export's columns). */
export const requirementCsvRowSchema = z.object({
  framework: z.string({ error: N_("required", "validation") }).max(80),
  ref: z.string({ error: N_("required", "validation") }).max(40, N_("must be at most 40 characters", "governance")),
  title: z
    .string({ error: N_("required", "validation") })
    .min(3, N_("must be at least 3 characters", "governance"))
    .max(300, N_("must be at most 300 characters", "governance")),
  status: z
    .enum(REQUIREMENT_STATUSES, { error: () => serverT("must be one of {{values}}", { ns: "governance", values: REQUIREMENT_STATUSES.join(", ") }) })
    .optional(),
  result: z
    .enum(REQUIREMENT_RESULTS, { error: () => serverT("must be one of {{values}} or empty", { ns: "governance", values: REQUIREMENT_RESULTS.join(", ") }) })
    .optional(),
  /** an active user's email or name; empty = no owner */
  owner: z.string().max(200).optional(),
  evidence_url: evidenceSchema,
});
