/** Delivery CSV import: deployment and incident rows (DESIGN.md formats) through the same ingestion as the API. */
import { type z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { type BatchNaming, DeliveryInputError, MAX_IMPORT_ROWS } from "~/lib/schemas/delivery.server";
import { API_TO_INCIDENT_COLUMN, deploymentCsvRowSchema, incidentCsvRowSchema } from "~/lib/schemas/delivery.server";
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
