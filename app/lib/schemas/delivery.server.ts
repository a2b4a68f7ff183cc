/** Delivery input: limits of a request, the API bodies of deployments and incidents (zod, server-only), batch naming and duplicate checks. */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { PRODUCTION } from "~/lib/metrics/delivery";
import { DAY_MS, fromLocalInput } from "~/lib/time";
import { dateOrInstantSchema, idSchema, isoInstantSchema } from "~/lib/validation.server";
import { ApiInputError } from "~/utils/api.server";
import { CAUSE_KINDS, DEPLOYMENT_STATUSES, SEVERITIES } from "../../../db/schema";

export { CAUSE_KINDS, DEPLOYMENT_STATUSES, SEVERITIES };
export type Severity = (typeof SEVERITIES)[number];
export type CauseKind = (typeof CAUSE_KINDS)[number];
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** Most deployments one API request may carry (more → 413). */
export const MAX_DEPLOYMENTS_PER_REQUEST = 1000;
/** Most incidents one API request may carry (more → 413). */
export const MAX_INCIDENTS_PER_REQUEST = 1000;
/** Most commits per deployment. */
export const MAX_COMMITS_PER_DEPLOYMENT = 1000;
/** Most data rows in one CSV import (the body limit usually comes first). */
export const MAX_IMPORT_ROWS = 200_000;
/** Most rows in one CSV export; the reply says when it was cut. */
export const MAX_EXPORT_ROWS = 100_000;

export const MS_PER_DAY = DAY_MS;
/** Instants before this are not plausible for this product's data. */
export const MIN_PLAUSIBLE_INSTANT = Date.UTC(2000, 0, 1);
/** Clock skew allowed into the future. */
const FUTURE_SLACK_MS = MS_PER_DAY;
/** A commit older than this before its deployment is treated as a mistake. */
const MAX_COMMIT_AGE_MS = 5 * 365 * MS_PER_DAY;

// ---------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------

/** A validation failure found while writing (unknown cause, duplicate ids): rolls the transaction back. */
/** Delivery input that fails past its schema (unknown cause, resolved before started…): a 400 through runApi. */
export class DeliveryInputError extends ApiInputError {}

export function addError(errors: Record<string, string[]>, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

// ---------------------------------------------------------------------------------------------------
// Schemas (API bodies and CSV rows)
// ---------------------------------------------------------------------------------------------------

function plausible(ms: number) {
  return ms >= MIN_PLAUSIBLE_INSTANT && ms <= Date.now() + FUTURE_SLACK_MS;
}

/** ISO 8601 with a zone → ms, a real calendar date, between 2000-01-01 and tomorrow. */
export const plausibleInstantSchema = isoInstantSchema.refine(plausible, {
  message: N_("must be between 2000-01-01 and now (ISO 8601 date-time with a time zone)", "delivery"),
});

/** A `datetime-local` form value in the company's time zone → UTC ms (the incident forms). */
export function localTimeSchema(timeZone: string) {
  return z.string({ error: N_("is required", "validation") }).transform((s, ctx) => {
    const ms = fromLocalInput(s, timeZone);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: N_("must be a date and time", "delivery") });
      return z.NEVER;
    }
    // Date.UTC reads years 0–99 as 1900–1999: "0001-01-01T10:00" must be refused, not stored as 1901.
    if (!plausible(ms) || Number(s.trim().slice(0, 4)) < 2000) {
      ctx.addIssue({ code: "custom", message: N_("must be between 2000-01-01 and now", "delivery") });
      return z.NEVER;
    }
    return ms;
  });
}

/** `null` (JSON) and absent both mean "not given". */
const optionalInstant = z.preprocess((v) => (v === null ? undefined : v), plausibleInstantSchema.optional());

export const serviceNameSchema = z
  .string({ error: N_("is required", "validation") })
  .trim()
  .min(1, N_("is required", "validation"))
  .max(100, N_("must be at most 100 characters", "delivery"))
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._/:@-]*$/, N_("may hold letters, digits, spaces and . _ / : @ - (starting with a letter or digit)", "delivery"));

const externalIdSchema = z
  .string({ error: N_("must be a string", "delivery") })
  .trim()
  .min(1, N_("must not be empty", "delivery"))
  .max(200, N_("must be at most 200 characters", "validation"));
const optionalExternalId = z.preprocess((v) => (v === null ? undefined : v), externalIdSchema.optional());

export const environmentSchema = z
  .string({ error: N_("must be a string", "delivery") })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, N_("must be 1–50 letters, digits, . _ - (e.g. production, staging)", "delivery"));

const flagSchema = z.preprocess((v) => (v === null ? undefined : v), z.boolean({ error: N_("must be true or false", "delivery") }).optional());

function checkCommitTime(ctx: z.RefinementCtx, finishedAt: number, committedAt: number, path: (string | number)[]) {
  if (committedAt < finishedAt - MAX_COMMIT_AGE_MS) {
    ctx.addIssue({ code: "custom", path, message: N_("is more than 5 years before finishedAt", "delivery") });
  }
}

export const deploymentInputSchema = z
  .object(
    {
      externalId: optionalExternalId,
      service: serviceNameSchema,
      environment: z.preprocess((v) => (v === null ? undefined : v), environmentSchema.default(PRODUCTION)),
      status: z.enum(DEPLOYMENT_STATUSES, { error: N_('must be "success" or "failure"', "delivery") }),
      startedAt: optionalInstant,
      finishedAt: plausibleInstantSchema,
      commits: z.preprocess(
        (v) => (v === null ? undefined : v),
        z
          .array(
            z.object(
              {
                sha: z
                  .string({ error: N_("is required", "validation") })
                  .trim()
                  .min(1, N_("is required", "validation"))
                  .max(100, N_("must be at most 100 characters", "delivery")),
                committedAt: plausibleInstantSchema,
              },
              { error: N_("must be an object {sha, committedAt}", "delivery") },
            ),
            { error: N_("must be an array of {sha, committedAt}", "delivery") },
          )
          .max(MAX_COMMITS_PER_DEPLOYMENT, { error: () => serverT("must hold at most {{max}} commits", { ns: "delivery", max: MAX_COMMITS_PER_DEPLOYMENT }) })
          .optional(),
      ),
      firstCommitAt: optionalInstant,
      hotfix: flagSchema,
      rollback: flagSchema,
    },
    { error: N_("must be a deployment object", "delivery") },
  )
  .refine((d) => d.startedAt === undefined || d.finishedAt >= d.startedAt, {
    path: ["finishedAt"],
    message: N_("must not be before startedAt", "delivery"),
    // also reported when other fields of the element are wrong
    when: (p) => {
      const v = p.value as { startedAt?: unknown; finishedAt?: unknown } | null;
      return typeof v?.startedAt === "number" && typeof v?.finishedAt === "number";
    },
  })
  .superRefine((d, ctx) => {
    d.commits?.forEach((c, i) => checkCommitTime(ctx, d.finishedAt, c.committedAt, ["commits", i, "committedAt"]));
    if (d.firstCommitAt !== undefined) checkCommitTime(ctx, d.finishedAt, d.firstCommitAt, ["firstCommitAt"]);
  });

export type DeploymentInput = z.output<typeof deploymentInputSchema>;

export const incidentInputSchema = z
  .object(
    {
      externalId: optionalExternalId,
      service: serviceNameSchema,
      title: z
        .string({ error: N_("is required", "validation") })
        .trim()
        .min(1, N_("is required", "validation"))
        .max(300, N_("must be at most 300 characters", "delivery")),
      severity: z.enum(SEVERITIES, { error: N_("must be SEV1, SEV2, SEV3 or SEV4", "delivery") }),
      startedAt: plausibleInstantSchema,
      /** absent: keep (on update) / open (on create); null: reopen */
      resolvedAt: z.union([z.null(), plausibleInstantSchema]).optional(),
      /** absent: keep an explicit or cleared cause, else infer; null: back to the inferred rule */
      causedByDeploymentExternalId: z.union([z.null(), externalIdSchema]).optional(),
    },
    { error: N_("must be an incident object", "delivery") },
  )
  .refine((d) => typeof d.resolvedAt !== "number" || d.resolvedAt >= d.startedAt, {
    path: ["resolvedAt"],
    message: N_("must not be before startedAt", "delivery"),
    when: (p) => {
      const v = p.value as { startedAt?: unknown; resolvedAt?: unknown } | null;
      return typeof v?.startedAt === "number" && typeof v?.resolvedAt === "number";
    },
  });

export type IncidentInput = z.output<typeof incidentInputSchema>;

/** How elements of a batch are named in error keys: "3." + field for API arrays, "" for one object. */
export type BatchNaming = { key: (i: number) => string; describe: (i: number) => string };

export function apiNaming(count: number): BatchNaming {
  return { key: (i) => (count === 1 ? "" : `${i}.`), describe: (i) => serverT("element {{index}}", { ns: "delivery", index: i }) };
}

/** Duplicate keys inside one batch are refused (the reply names both elements). */
export function duplicateErrors<T>(items: readonly T[], key: (item: T) => string | null, field: string, naming: BatchNaming) {
  const errors: Record<string, string[]> = {};
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === null) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else addError(errors, `${naming.key(i)}${field}`, serverT("repeats the same external id as {{other}}", { ns: "delivery", other: naming.describe(first) }));
  });
  return errors;
}

/** The services page's forms: a name, and a team or none. */
export function serviceFormSchemas() {
  const teamField = z.preprocess((v) => (v === "" || v === undefined ? null : v), idSchema.nullable());
  return {
    create: z.object({ intent: z.literal("create"), name: serviceNameSchema, teamId: teamField }),
    update: z.object({ intent: z.literal("update"), serviceId: idSchema, name: serviceNameSchema, teamId: teamField }),
  };
}

/** GET /api/v1/metrics/dora?service=&team=&from=&to= (no other parameter). */
export const DoraApiQuerySchema = z
  .object({
    service: z.string().trim().min(1).max(200).optional(),
    team: z.string().trim().min(1).max(200).optional(),
    from: dateOrInstantSchema.optional(),
    to: dateOrInstantSchema.optional(),
  })
  .strict();

// ---------------------------------------------------------------- CSV rows (DESIGN.md formats) → the API's input

/** A CSV boolean cell: true/false, 1/0, yes/no; empty = false; anything else → null (an error). */
function csvFlag(v: string | undefined): boolean | null {
  if (v === undefined) return false;
  const s = v.trim().toLowerCase();
  if (["true", "1", "yes", "y"].includes(s)) return true;
  if (["false", "0", "no", "n"].includes(s)) return false;
  return null;
}

/** An API field → its CSV column where the names differ (the others keep their name). */
const DEPLOYMENT_FIELD_COLUMN: Record<string, string> = {
  externalId: "external_id",
  startedAt: "started_at",
  finishedAt: "finished_at",
  firstCommitAt: "first_commit_at",
};
/** An incident API field → its CSV column where the names differ (the import's batch errors use it too). */
export const API_TO_INCIDENT_COLUMN: Record<string, string> = {
  externalId: "external_id",
  causedByDeploymentExternalId: "caused_by_external_id",
  resolvedAt: "resolved_at",
  startedAt: "started_at",
};

/** A row's API-shaped parse issues, each reported at its CSV column. */
function issuesAtColumns(ctx: z.RefinementCtx, error: z.ZodError, column: Record<string, string>): never {
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "");
    ctx.addIssue({ code: "custom", path: [column[key] ?? key], message: issue.message });
  }
  return z.NEVER;
}

/** One CSV row of deployments → the API's input shape (so both paths validate the same way). */
export const deploymentCsvRowSchema = z
  .object({
    external_id: z.string().optional(),
    service: z.string({ error: N_("required", "validation") }),
    environment: z.string().optional(),
    status: z.string({ error: N_("required", "validation") }),
    started_at: z.string().optional(),
    finished_at: z.string({ error: N_("required", "validation") }),
    first_commit_at: z.string().optional(),
    hotfix: z.string().optional(),
    rollback: z.string().optional(),
  })
  .transform((r, ctx) => {
    const hotfix = csvFlag(r.hotfix);
    const rollback = csvFlag(r.rollback);
    if (hotfix === null) ctx.addIssue({ code: "custom", path: ["hotfix"], message: N_("must be true or false (also 1/0, yes/no)", "delivery") });
    if (rollback === null) ctx.addIssue({ code: "custom", path: ["rollback"], message: N_("must be true or false (also 1/0, yes/no)", "delivery") });
    const parsed = deploymentInputSchema.safeParse({
      externalId: r.external_id,
      service: r.service,
      environment: r.environment,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      firstCommitAt: r.first_commit_at,
      hotfix: hotfix ?? false,
      rollback: rollback ?? false,
    });
    if (parsed.success && hotfix !== null && rollback !== null) return parsed.data;
    if (parsed.success) return z.NEVER;
    return issuesAtColumns(ctx, parsed.error, DEPLOYMENT_FIELD_COLUMN);
  });

export const incidentCsvRowSchema = z
  .object({
    external_id: z.string().optional(),
    service: z.string({ error: N_("required", "validation") }),
    title: z.string({ error: N_("required", "validation") }),
    severity: z.string({ error: N_("required", "validation") }),
    started_at: z.string({ error: N_("required", "validation") }),
    resolved_at: z.string().optional(),
    caused_by_external_id: z.string().optional(),
  })
  .transform((r, ctx) => {
    const parsed = incidentInputSchema.safeParse({
      externalId: r.external_id,
      service: r.service,
      title: r.title,
      severity: r.severity?.toUpperCase(),
      startedAt: r.started_at,
      // an empty cell is "not resolved" / "no explicit cause" — a CSV row states the whole incident
      resolvedAt: r.resolved_at ?? null,
      causedByDeploymentExternalId: r.caused_by_external_id,
    });
    if (parsed.success) return parsed.data;
    return issuesAtColumns(ctx, parsed.error, API_TO_INCIDENT_COLUMN);
  });
