/** Delivery CSV import: deployment and incident rows (DESIGN.md formats) through the same ingestion as the API. */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { type BatchNaming, DeliveryInputError, MAX_IMPORT_ROWS, deploymentInputSchema, incidentInputSchema } from "~/lib/schemas/delivery.server";
import type { AuditActor } from "~/models/audit.server";
import { ingestDeployments, upsertIncidents } from "~/models/delivery/ingest.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// CSV rows (DESIGN.md formats)
// ---------------------------------------------------------------------------------------------------

export const DEPLOYMENT_CSV_HEADERS = [
  "external_id",
  "service",
  "environment",
  "status",
  "started_at",
  "finished_at",
  "first_commit_at",
  "hotfix",
  "rollback",
] as const;

export const INCIDENT_CSV_HEADERS = ["external_id", "service", "title", "severity", "started_at", "resolved_at", "caused_by_external_id"] as const;

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
const API_TO_INCIDENT_COLUMN: Record<string, string> = {
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

export type CsvImportResult =
  | { ok: true; kind: "deployments" | "incidents"; rows: number; created: number; updated: number; unchanged: number; servicesCreated: string[] }
  | { ok: false; errors: CsvRowError[] };

const API_TO_DEPLOYMENT_COLUMN: Record<string, string> = { externalId: "external_id" };

/** DeliveryInputError keys ("<index>.<field>") → CSV row errors. */
function csvErrorsOf(err: DeliveryInputError, rowNumbers: readonly number[], columns: Record<string, string>): CsvRowError[] {
  const out: CsvRowError[] = [];
  for (const [key, messages] of Object.entries(err.fieldErrors)) {
    const dot = key.indexOf(".");
    const index = Number(key.slice(0, dot));
    const field = key.slice(dot + 1);
    for (const message of messages) out.push({ row: rowNumbers[index] ?? 0, field: columns[field] ?? field, message });
  }
  return out.sort((a, b) => a.row - b.row);
}

function csvNaming(rowNumbers: readonly number[]): BatchNaming {
  return { key: (i) => `${i}.`, describe: (i) => serverT("row {{row}}", { ns: "delivery", row: rowNumbers[i] }) };
}

/**
 * Imports deployments from CSV (DESIGN.md format), all or nothing: any bad row rejects the file and
 * every bad row and field is listed. Rows whose (service, external_id) is already known are left
 * as they are (counted "unchanged"): the import is idempotent like the API.
 */
export function importDeploymentsCsv(db: Db, text: string, actor: AuditActor): CsvImportResult {
  return importDeliveryCsv(text, deploymentCsvRowSchema, DEPLOYMENT_CSV_HEADERS, API_TO_DEPLOYMENT_COLUMN, (rows, naming) => {
    const r = ingestDeployments(db, rows, actor, { via: "import", naming });
    return { ok: true, kind: "deployments", rows: rows.length, created: r.created, updated: 0, unchanged: r.known, servicesCreated: r.servicesCreated };
  });
}

/** Imports incidents from CSV, all or nothing; upsert on external_id (created / updated). */
export function importIncidentsCsv(db: Db, text: string, actor: AuditActor): CsvImportResult {
  return importDeliveryCsv(text, incidentCsvRowSchema, INCIDENT_CSV_HEADERS, API_TO_INCIDENT_COLUMN, (rows, naming) => {
    const r = upsertIncidents(db, rows, actor, { via: "import", naming });
    return { ok: true, kind: "incidents", rows: rows.length, created: r.created, updated: r.updated, unchanged: 0, servicesCreated: r.servicesCreated };
  });
}

/**
 * A delivery CSV, all or nothing: its rows through `schema`, then all of them through the API's own
 * writer (`write`, one batch); a file without data rows is refused, and the writer's errors come
 * back at the file's rows and columns (`columns`: API field → CSV column).
 */
function importDeliveryCsv<R>(
  text: string,
  schema: z.ZodType<R>,
  headers: readonly string[],
  columns: Record<string, string>,
  write: (rows: R[], naming: BatchNaming) => CsvImportResult,
): CsvImportResult {
  const parsed = parseCsv(text, schema, { headers, maxRows: MAX_IMPORT_ROWS });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  if (parsed.rows.length === 0) return { ok: false, errors: [{ row: 2, field: "", message: N_("the file has no data rows", "delivery") }] };
  try {
    return write(parsed.rows, csvNaming(parsed.rowNumbers));
  } catch (err) {
    if (err instanceof DeliveryInputError) return { ok: false, errors: csvErrorsOf(err, parsed.rowNumbers, columns) };
    throw err;
  }
}
