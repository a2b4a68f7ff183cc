/**
 * The import hub (/import): one entry per CSV a company can load its history from, each run by its
 * domain's own importer (the same ones the pages and `POST /api/v1/import/*` use), each with a
 * template that is its export's header row. One error shape for all: every bad row and field.
 */
import { can, type Actor, type Permission } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";
import { DEPLOYMENT_CSV_HEADERS, importDeploymentsCsv, importIncidentsCsv, INCIDENT_CSV_HEADERS } from "~/models/delivery.server";
import { BUDGET_CSV_HEADERS, importBudgetCsv, importSnapshotsCsv, SNAPSHOT_CSV_ALL_HEADERS } from "~/models/finance.server";
import { EMPLOYEE_CSV_HEADERS, importEmployeesCsv, importRequisitionsCsv, REQUISITION_IMPORT_HEADERS } from "~/models/hiring-import.server";
import { canManageEmployees } from "~/models/hiring.server";
import { importOkrsCsv, OKR_CSV_HEADERS } from "~/models/okrs-import.server";
import { importRoadmapCsv, ROADMAP_CSV_HEADERS } from "~/models/roadmap.server";
import type { Db } from "~/utils/db.server";

export const IMPORT_KINDS = ["budget-lines", "finance-snapshots", "employees", "requisitions", "okrs", "roadmap", "deployments", "incidents"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ImportOutcome = { ok: true; summary: string } | { ok: false; errors: CsvRowError[] };

type Spec = {
  /** a text of the `auth` namespace: shown with t(title) */
  title: string;
  headers: readonly string[];
  /** what the columns hold */
  help: string;
  /** the page that shows (and exports) the same rows */
  page: string;
  /** who may import: checked with can() for at least something; each importer checks each row */
  allowed: (actor: Actor) => boolean;
  run: (db: Db, actor: Actor, text: string, source: string) => ImportOutcome;
};

/** An importer's answer as the hub's: its summary, or its row errors as they are. */
function outcome<R>(r: ({ ok: true } & R) | { ok: false; errors: CsvRowError[] }, summary: (r: R) => string): ImportOutcome {
  return r.ok ? { ok: true, summary: summary(r) } : r;
}

const may = (p: Permission) => (a: Actor) => can(a, p);
const counts = (r: { rows: number; created: number; updated: number }) =>
  serverT("{{count}} rows: {{created}} created, {{updated}} updated.", { ns: "auth", count: r.rows, created: r.created, updated: r.updated });

const countsWithUnchanged = (r: { rows: number; created: number; updated: number; unchanged: number }) =>
  serverT("{{count}} rows: {{created}} created, {{updated}} updated, {{unchanged}} unchanged.", {
    ns: "auth",
    count: r.rows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
  });

export const IMPORTS: Record<ImportKind, Spec> = {
  "budget-lines": {
    title: N_("Budget lines", "auth"),
    headers: BUDGET_CSV_HEADERS,
    help: N_("month YYYY-MM; category: a budget category's name; planned and actual in euros (empty actual = not recorded yet).", "auth"),
    page: "/budgets",
    allowed: may("finance:edit"),
    run: (db, actor, text, source) => outcome(importBudgetCsv(db, { kind: "user", actor }, text, source), counts),
  },
  "finance-snapshots": {
    title: N_("Finance snapshots (closed months)", "auth"),
    headers: SNAPSHOT_CSV_ALL_HEADERS,
    help: N_(
      "month YYYY-MM; cash at month end, revenue collected, MRR, financing (equity and debt raised) and cost of revenue in euros; customers, new and churned customers as counts. cost_of_revenue may be empty or left out (not recorded: no gross margin that month).",
      "auth",
    ),
    page: "/finance/snapshots",
    allowed: (a) => can(a, "finance:edit", { categoryIsIt: false }),
    run: (db, actor, text, source) => outcome(importSnapshotsCsv(db, { kind: "user", actor }, text, source), counts),
  },
  employees: {
    title: N_("Employees", "auth"),
    headers: EMPLOYEE_CSV_HEADERS,
    help: N_(
      "id empty to add (an export's id updates that person); team: a team's name or empty; dates YYYY-MM-DD (end_date empty while employed); annual_salary in euros.",
      "auth",
    ),
    page: "/hiring/employees",
    allowed: (a) => canManageEmployees(a),
    run: (db, actor, text, source) => outcome(importEmployeesCsv(db, actor, text, source), counts),
  },
  requisitions: {
    title: N_("Hiring requisitions", "auth"),
    headers: REQUISITION_IMPORT_HEADERS,
    help: N_(
      "id empty to add; team: a team's name; priority P0–P2; target_start_month YYYY-MM; status planned, open, interviewing, offer, hired or cancelled; objective: an objective's title (optional); annual_salary in euros.",
      "auth",
    ),
    page: "/hiring",
    allowed: may("hiring:edit"),
    run: (db, actor, text, source) => outcome(importRequisitionsCsv(db, actor, text, source), counts),
  },
  okrs: {
    title: N_("OKRs (objectives and key results)", "auth"),
    headers: OKR_CSV_HEADERS,
    help: N_(
      "One row per key result (an empty key_result defines an objective alone). cycle: an open cycle's name; team: a team's name, empty for a company objective; owners: a user's email or name; kind number, percent (0–100), currency (euros) or boolean; current: the value to start from (new key results only).",
      "auth",
    ),
    page: "/okrs",
    allowed: may("okrs:edit"),
    run: (db, actor, text, source) =>
      outcome(importOkrsCsv(db, actor, text, source), (r) =>
        serverT("{{count}} rows: {{objectives}} objectives created, {{created}} key results created, {{updated}} updated.", {
          ns: "auth",
          count: r.rows,
          objectives: r.objectivesCreated,
          created: r.keyResultsCreated,
          updated: r.keyResultsUpdated,
        }),
      ),
  },
  roadmap: {
    title: N_("Roadmap items", "auth"),
    headers: ROADMAP_CSV_HEADERS,
    help: N_(
      "key like CORE-01 (an existing key is updated); team: a squad's name (a lead imports their own squad's items only); quarter like 2026-Q3; sprint free text (optional); status planned, in_progress, done or dropped; owner_email: a user's email (optional); key_result_ids: key result ids separated by spaces (optional).",
      "auth",
    ),
    page: "/roadmap",
    allowed: may("roadmap:edit"),
    run: (db, actor, text, source) => outcome(importRoadmapCsv(db, actor, text, source), counts),
  },
  deployments: {
    title: N_("Deployments", "auth"),
    headers: DEPLOYMENT_CSV_HEADERS,
    help: N_(
      "ISO 8601 times with a time zone; status success or failure; hotfix and rollback true/false. Unknown services are created. Or send them from CI to POST /api/v1/deployments.",
      "auth",
    ),
    page: "/delivery/import",
    allowed: may("delivery:edit"),
    run: (db, actor, text) => outcome(importDeploymentsCsv(db, text, { userId: actor.id }), countsWithUnchanged),
  },
  incidents: {
    title: N_("Incidents", "auth"),
    headers: INCIDENT_CSV_HEADERS,
    help: N_("severity SEV1–SEV4; ISO 8601 times; caused_by_external_id: a deployment's external id (optional).", "auth"),
    page: "/delivery/import",
    allowed: may("delivery:edit"),
    run: (db, actor, text) => outcome(importIncidentsCsv(db, text, { userId: actor.id }), countsWithUnchanged),
  },
};

export function isImportKind(k: unknown): k is ImportKind {
  return typeof k === "string" && (IMPORT_KINDS as readonly string[]).includes(k);
}
