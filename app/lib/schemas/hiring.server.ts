/** Form schemas of the hiring pages (server-only). */
import { z } from "zod";
import { centsFromEuros } from "~/lib/format";
import { idSchema, intSchema, isoDateSchema, monthSchema } from "~/lib/validation.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { PRIORITIES, REQUISITION_STATUSES } from "../../../db/schema/hiring";

// ---------------------------------------------------------------- form schema (server-only)

const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(max, `must be at most ${max} characters`).nullable());

/**
 * The requisition form (create and edit). `annualSalary` is euros text; optional here, the
 * create action requires it; on edit, blank keeps the stored salary.
 */
/** An annual salary typed in euros: positive, at most 10 M€ (requisitions and employees alike). */
export const annualSalarySchema = z.string({ error: "is required" }).transform((s, ctx) => {
  const cents = centsFromEuros(s);
  if (cents === null || cents <= 0) {
    ctx.addIssue({ code: "custom", message: "must be a positive amount in euros, e.g. 55000" });
    return z.NEVER;
  }
  if (cents > 10_000_000_00) {
    ctx.addIssue({ code: "custom", message: "must be at most 10 000 000 €" });
    return z.NEVER;
  }
  return cents;
});

export const RequisitionFormSchema = z.object({
  title: z.string({ error: "is required" }).min(1, "is required").max(160, "must be at most 160 characters"),
  teamId: intSchema({ min: 1, message: "is required" }),
  profile: optionalText(200),
  priority: z.enum(PRIORITIES, { error: "must be P0, P1 or P2" }),
  targetStartMonth: monthSchema,
  annualSalary: annualSalarySchema.optional(),
  source: optionalText(120),
  objectiveId: optionalRefIdSchema(schema.objectives, "objective"),
  status: z.enum(REQUISITION_STATUSES, { error: "is not a known status" }).optional(),
});

export const EmployeeFormSchema = z.object({
  name: z.string({ error: "is required" }).min(1, "is required").max(160),
  teamId: z.preprocess((v) => (v === undefined || v === "" ? null : v), idSchema.nullable()),
  title: z.string({ error: "is required" }).min(1, "is required").max(160),
  startDate: isoDateSchema,
  endDate: z.preprocess((v) => (v === undefined || v === "" ? null : v), isoDateSchema.nullable()),
  annualSalary: annualSalarySchema,
});
