/**
 * POST /api/v1/incidents — scope incidents:write.
 * Body: one incident object (or an array of up to 1000). Upsert on externalId: posting again with the same
 * externalId updates it (e.g. with resolvedAt to resolve it). 201 when one was created, 200 when all were
 * updated. resolvedAt before startedAt, or a causedByDeploymentExternalId naming no deployment of that
 * service → 400, nothing written.
 */
import { incidentInputSchema, MAX_INCIDENTS_PER_REQUEST, upsertIncidents } from "~/models/delivery.server";
import { ingestRoute } from "~/utils/api-ingest.server";

export const { loader, action } = ingestRoute({
  scope: "incidents:write",
  itemSchema: incidentInputSchema,
  max: MAX_INCIDENTS_PER_REQUEST,
  noun: "incident",
  ingest: upsertIncidents,
  reply: (result) => ({
    created: result.created,
    updated: result.updated,
    servicesCreated: result.servicesCreated,
    incidents: result.incidents.map((r) => ({
      index: r.index,
      id: r.id,
      externalId: r.externalId,
      status: r.created ? "created" : "updated",
      cause: { kind: r.causeKind, deploymentId: r.causeDeploymentId },
    })),
  }),
});
