/** Form and URL schemas of the finance pages (server-only, so zod stays out of the browser). */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { centsFromEuros } from "~/lib/format";
import { monthDiff } from "~/lib/months";
import { idSchema, intSchema, monthSchema } from "~/lib/validation.server";

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
