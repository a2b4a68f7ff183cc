/** Form schemas and URL filters of the hiring pages (server-only). */
import { z } from "zod";
import { serverT } from "~/i18n/translate.server";
import { centsFromEuros } from "~/lib/format";
import { withOwnMessage } from "~/lib/schemas/own-message.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { idSchema, intSchema, isoDateSchema, monthSchema, optionalTextSchema } from "~/lib/validation.server";
import type { EmployeeFilters } from "~/models/hiring/employees.server";
import type { RequisitionFilters } from "~/models/hiring/requisitions.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { PRIORITIES, REQUISITION_STATUSES } from "../../../db/schema/hiring";

// ---------------------------------------------------------------- form schema (server-only)

/** The hiring forms' own wording of a too-long text. */
export const hiringTooLong = (max: number) => serverT("must be at most {{max}} characters", { ns: "hiring", max });
const optionalText = (max: number) => optionalTextSchema(max, { absent: "null", tooLong: hiringTooLong });

/**
 * The requisition form (create and edit). `annualSalary` is euros text; optional here, the
 * create action requires it; on edit, blank keeps the stored salary.
 */
/** An annual salary typed in euros: positive, at most 10 M€ (requisitions and employees alike). */
export const annualSalarySchema = z.string({ error: () => serverT("is required", { ns: "hiring" }) }).transform((s, ctx) => {
  const cents = centsFromEuros(s);
  if (cents === null || cents <= 0) {
    ctx.addIssue({ code: "custom", message: serverT("must be a positive amount in euros, e.g. 55000", { ns: "hiring" }) });
    return z.NEVER;
  }
  if (cents > 10_000_000_00) {
    ctx.addIssue({ code: "custom", message: serverT("must be at most 10 000 000 €", { ns: "hiring" }) });
    return z.NEVER;
  }
  return cents;
});

export const RequisitionFormSchema = z.object({
  title: z
    .string({ error: () => serverT("is required", { ns: "hiring" }) })
    .min(1, { error: () => serverT("is required", { ns: "hiring" }) })
    .max(160, { error: () => serverT("must be at most 160 characters", { ns: "hiring" }) }),
  teamId: withOwnMessage(intSchema({ min: 1, message: "is required" }), "is required", () => serverT("is required", { ns: "hiring" })),
  profile: optionalText(200),
  priority: z.enum(PRIORITIES, { error: () => serverT("must be P0, P1 or P2", { ns: "hiring" }) }),
  targetStartMonth: monthSchema,
  annualSalary: annualSalarySchema.optional(),
  source: optionalText(120),
  objectiveId: optionalRefIdSchema(schema.objectives, "objective"),
  status: z.enum(REQUISITION_STATUSES, { error: () => serverT("is not a known status", { ns: "hiring" }) }).optional(),
});

export const EmployeeFormSchema = z.object({
  name: z
    .string({ error: () => serverT("is required", { ns: "hiring" }) })
    .min(1, { error: () => serverT("is required", { ns: "hiring" }) })
    .max(160),
  teamId: z.preprocess((v) => (v === undefined || v === "" ? null : v), idSchema.nullable()),
  title: z
    .string({ error: () => serverT("is required", { ns: "hiring" }) })
    .min(1, { error: () => serverT("is required", { ns: "hiring" }) })
    .max(160),
  startDate: isoDateSchema,
  endDate: z.preprocess((v) => (v === undefined || v === "" ? null : v), isoDateSchema.nullable()),
  annualSalary: annualSalarySchema,
});

// ---------------------------------------------------------------- URL filters

const optionalCatch = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

const RequisitionFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  status: optionalCatch(z.enum(REQUISITION_STATUSES)),
  priority: optionalCatch(z.enum(PRIORITIES)),
  from: optionalCatch(monthSchema),
  to: optionalCatch(monthSchema),
  q: optionalCatch(z.string().trim().min(1).max(200)),
});

/** Filters from the URL (?team=&status=&priority=&from=&to=&q=); anything malformed is ignored. */
export function parseRequisitionFilters(url: URL): RequisitionFilters {
  const sp = url.searchParams;
  const raw = Object.fromEntries(["team", "status", "priority", "from", "to", "q"].map((k) => [k, sp.get(k) || undefined]));
  const f = RequisitionFiltersSchema.parse(raw);
  return { teamId: f.team, status: f.status, priority: f.priority, from: f.from, to: f.to, q: f.q };
}

/** `?created=<id>` / `?updated=<id>`: where the requisition form sent the user back after saving. */
const SavedFlagParamsSchema = z.object({ created: idSchema.optional(), updated: idSchema.optional() });

/** Which "saved" message the list shows after a redirect, if any (a malformed flag shows none). */
export function savedFlagFromUrl(url: URL): "created" | "updated" | null {
  const { data } = parseSearchParams(url, SavedFlagParamsSchema);
  return data.created !== undefined ? "created" : data.updated !== undefined ? "updated" : null;
}

const EmployeeFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  at: optionalCatch(monthSchema),
  q: optionalCatch(z.string().trim().min(1).max(200)),
  status: optionalCatch(z.enum(["current", "starting", "left"])),
});

export function parseEmployeeFilters(url: URL): EmployeeFilters {
  const sp = url.searchParams;
  const f = EmployeeFiltersSchema.parse({
    team: sp.get("team") || undefined,
    at: sp.get("at") || undefined,
    q: sp.get("q") || undefined,
    status: sp.get("status") || undefined,
  });
  return { teamId: f.team, employedAt: f.at, q: f.q, status: f.status };
}

/** A status move on the requisitions list: next step, cancel or reopen (`expected`: the status the reader saw). */
export const RequisitionStatusChangeSchema = z.object({
  intent: z.literal("status"),
  requisitionId: idSchema,
  change: z.enum(["next", "cancel", "reopen"], { error: () => serverT("must be next, cancel or reopen", { ns: "hiring" }) }),
  expected: z.enum(REQUISITION_STATUSES).optional(),
});

// ---------------------------------------------------------------- CSV rows (the exports' columns)

const idCell = z.coerce
  .number({ error: () => serverT("must be a row id from an export, or empty", { ns: "hiring" }) })
  .int({ error: () => serverT("must be a whole number", { ns: "hiring" }) })
  .positive({ error: () => serverT("must be positive", { ns: "hiring" }) })
  .optional();
const requiredText160 = z
  .string({ error: () => serverT("required", { ns: "hiring" }) })
  .max(160, { error: () => serverT("must be at most 160 characters", { ns: "hiring" }) });
/** A CSV cell that may be empty: "" kept (the import decides), too long refused. */
const optionalCell = (max: number) => optionalTextSchema(max, { keepEmpty: true, tooLong: hiringTooLong });

/** One row of the employees CSV, before the import checks it against the stored teams and rows. */
export const employeeCsvRowSchema = z.object({
  id: idCell,
  name: requiredText160,
  team: optionalCell(80),
  title: requiredText160,
  start_date: isoDateSchema,
  end_date: isoDateSchema.optional(),
  annual_salary: annualSalarySchema,
});

/** One row of the requisitions CSV, before the import checks it against the stored teams, rows and objectives. */
export const requisitionCsvRowSchema = z.object({
  id: idCell,
  title: requiredText160,
  team: z.string({ error: () => serverT("required", { ns: "hiring" }) }).max(80),
  profile: optionalCell(200),
  priority: z.enum(PRIORITIES, { error: () => serverT("must be P0, P1 or P2", { ns: "hiring" }) }).optional(),
  target_start_month: monthSchema,
  status: z
    .enum(REQUISITION_STATUSES, { error: () => serverT("must be one of {{values}}", { ns: "hiring", values: REQUISITION_STATUSES.join(", ") }) })
    .optional(),
  source: optionalCell(120),
  objective: optionalCell(300),
  annual_salary: annualSalarySchema.optional(),
});
