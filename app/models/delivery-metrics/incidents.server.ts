/** The incidents not yet resolved, for the CTO dashboard. */
import { resolveServiceIds, serviceClause, type DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

export type OpenIncident = {
  id: number;
  title: string;
  severity: string;
  serviceId: number;
  serviceName: string;
  startedAt: number;
  causeDeploymentId: number | null;
  causeKind: "explicit" | "inferred" | "none" | null;
  causeExternalId: string | null;
};

/** Incidents not yet resolved (any start time), most severe then oldest first; total count beside. */
export function getOpenIncidents(db: Db, filter: DoraFilterInput = {}, limit = 20): { total: number; rows: OpenIncident[] } {
  const serviceIds = resolveServiceIds(db, filter);
  if (serviceIds?.length === 0) return { total: 0, rows: [] }; // (INDEXED BY refuses a constant-false filter)
  const where = `i.resolved_at IS NULL${serviceClause("i.service_id", serviceIds)}`;
  // the partial index of open incidents (a handful of rows): without statistics the planner would scan every incident
  const total = prepare(db, `SELECT COUNT(*) FROM incidents i INDEXED BY incidents_open_idx WHERE ${where}`).pluck().get() as number;
  const rows = prepare(
    db,
    `SELECT i.id, i.title, i.severity, i.service_id AS serviceId, s.name AS serviceName, i.started_at AS startedAt,
            i.cause_deployment_id AS causeDeploymentId, i.cause_kind AS causeKind, d.external_id AS causeExternalId
     FROM incidents i INDEXED BY incidents_open_idx
     JOIN services s ON s.id = i.service_id
     LEFT JOIN deployments d ON d.id = i.cause_deployment_id
     WHERE ${where}
     ORDER BY i.severity, i.started_at
     LIMIT ?`,
  ).all(Math.max(0, Math.trunc(limit))) as OpenIncident[];
  return { total, rows };
}
