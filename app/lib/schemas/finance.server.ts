/** Form and URL schemas of the finance pages (server-only, so zod stays out of the browser). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { centsFromEuros } from "~/lib/format";
import { monthDiff } from "~/lib/months";
import { checkboxSchema, idSchema, intSchema, monthSchema, nonNegativeEurosSchema } from "~/lib/validation.server";
import { BUDGET_GROUPS } from "../../../db/schema/enums";

// ---------------------------------------------------------------------------------------------
// Form and URL schemas of the finance pages (here, server-only, so zod stays out of the browser)
// ---------------------------------------------------------------------------------------------

/** Longest month range of the budget grid. */
const MAX_BUDGET_RANGE_MONTHS = 36;

/** The executive dashboard's ?impacts=all: every requisition in the hiring-impact panel. */
export const impactsParamSchema = z.literal("all");

export const budgetRangeSchema = z
  .object({ from: monthSchema, to: monthSchema })
  .refine((r) => r.from <= r.to && monthDiff(r.from, r.to) < MAX_BUDGET_RANGE_MONTHS);

/** `?edit=<categoryId>:<YYYY-MM>` */
export const budgetEditParamSchema = z
  .string()
  .regex(/^\d{1,9}:\d{4}-(0[1-9]|1[0-2])$/)
  .transform((s) => {
    const [id, month] = s.split(":");
    return { categoryId: Number(id), month };
  });

const formEuros = (message: string, optional: boolean) =>
  z
    .string({ error: N_("is required") })
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) {
        if (optional) return null;
        ctx.addIssue({ code: "custom", message: N_("is required") });
        return z.NEVER;
      }
      const c = centsFromEuros(s);
      if (c === null || c < 0) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return c;
    });

export const budgetLineFormSchema = z.object({
  intent: z.literal("save-line"),
  categoryId: idSchema,
  month: monthSchema,
  planned: formEuros(N_("must be an amount ≥ 0 in euros with up to 2 decimals, e.g. 1234.50"), false).pipe(z.number()),
  actual: formEuros(N_("must be empty or an amount ≥ 0 in euros with up to 2 decimals"), true),
});

const formMoney = (label: string, nonNegative: boolean) =>
  z.string({ error: N_("is required") }).transform((s, ctx) => {
    const c = centsFromEuros(s);
    if (c === null || (nonNegative && c < 0)) {
      ctx.addIssue({
        code: "custom",
        message: nonNegative
          ? serverT("{{label}} must be an amount ≥ 0 in euros with up to 2 decimals", { label: serverT(label) })
          : serverT("{{label}} must be an amount in euros with up to 2 decimals", { label: serverT(label) }),
      });
      return z.NEVER;
    }
    return c;
  });
const formCount = intSchema({ min: 0, max: 1_000_000_000 });

export const snapshotFormSchema = z
  .object({
    intent: z.literal("save-snapshot"),
    month: monthSchema,
    cash: formMoney(N_("cash"), false),
    revenue: formMoney(N_("revenue"), true),
    mrr: formMoney(N_("MRR"), true),
    customers: formCount,
    newCustomers: formCount,
    churnedCustomers: formCount,
    financing: formMoney(N_("financing"), true).optional(),
    /** empty = not recorded */
    costOfRevenue: formMoney(N_("cost of revenue"), true).optional(),
  })
  .refine((s) => s.newCustomers <= s.customers, { path: ["newCustomers"], message: N_("must not exceed customers") });

export { monthSchema as financeMonthSchema };

/** /budgets/categories?year=: the fiscal year shown. */
export const BudgetCategoriesParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** The budget categories page's forms (built per request). */
export function budgetCategoryFormSchemas() {
  const name = z
    .string({ error: N_("is required", "validation") })
    .min(1, N_("is required", "validation"))
    .max(80, N_("must be at most 80 characters", "validation"));
  const group = z.enum(BUDGET_GROUPS, { error: N_("must be IT, payroll or other", "validation") });
  // an unticked checkbox is absent from the body
  const fields = { name, group, isSalesMarketing: checkboxSchema.optional().transform((v) => v ?? false) };
  return {
    create: z.object({ intent: z.literal("create"), ...fields }),
    update: z.object({ intent: z.literal("update"), categoryId: idSchema, ...fields }),
    archive: z.object({ intent: z.enum(["archive", "restore"]), categoryId: idSchema }),
    envelope: z.object({
      intent: z.literal("envelope"),
      categoryId: idSchema,
      year: z.coerce
        .number({ error: N_("must be a year", "validation") })
        .int()
        .min(2000, N_("must be 2000–2100", "validation"))
        .max(2100, N_("must be 2000–2100", "validation")),
      // empty: remove the envelope
      amount: nonNegativeEurosSchema.optional(),
    }),
  };
}

/** GET /api/v1/metrics/finance?asOf=YYYY-MM (no other parameter). */
export const FinanceMetricsQuerySchema = z.object({ asOf: monthSchema.optional() }).strict();

/** GET /budgets.csv?from=YYYY-MM&to=YYYY-MM: months, from not after to. */
export const BudgetsCsvQuerySchema = z
  .object({ from: monthSchema.optional(), to: monthSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, "from must not be after to");

const requiredEuros = z.string({ error: N_("required") }).transform((s, ctx) => {
  const c = centsFromEuros(s);
  if (c === null) {
    ctx.addIssue({ code: "custom", message: N_("must be an amount in euros with up to 2 decimals, e.g. 1234.50") });
    return z.NEVER;
  }
  return c;
});
const nonNegEuros = requiredEuros.refine((c) => c >= 0, N_("must not be negative"));
const countSchema = z
  .string({ error: N_("required") })
  .regex(/^\d{1,9}$/, N_("must be a whole number ≥ 0"))
  .transform(Number);

export const budgetCsvRowSchema = z.object({
  month: monthSchema,
  category: z
    .string({ error: N_("required") })
    .min(1, N_("required"))
    .max(100, N_("too long")),
  planned: nonNegEuros,
  /** empty = no actual recorded yet */
  actual: nonNegEuros.optional(),
});

export const snapshotCsvRowSchema = z.object({
  month: monthSchema,
  cash: requiredEuros,
  revenue: nonNegEuros,
  mrr: nonNegEuros,
  customers: countSchema,
  new_customers: countSchema,
  churned_customers: countSchema,
  /** empty = 0 */
  financing: nonNegEuros.optional(),
  /** empty or absent = not recorded (the month has no gross margin) */
  cost_of_revenue: nonNegEuros.optional(),
});
