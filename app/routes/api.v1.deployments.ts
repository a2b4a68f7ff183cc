/**
 * POST /api/v1/deployments — scope deployments:write.
 * Body: one deployment object or an array of 1–1000 (more → 413). Idempotent on (service, externalId):
 * 201 when at least one deployment was created, 200 when all were already known. One transaction:
 * one bad element → 400 naming it ("3.finishedAt"), nothing written.
 */
import { deploymentInputSchema, ingestDeployments, MAX_DEPLOYMENTS_PER_REQUEST } from "~/models/delivery.server";
import { ingestRoute } from "~/utils/api-ingest.server";

export const { loader, action } = ingestRoute({
  scope: "deployments:write",
  itemSchema: deploymentInputSchema,
  max: MAX_DEPLOYMENTS_PER_REQUEST,
  noun: "deployment",
  ingest: ingestDeployments,
  reply: (result) => ({
    created: result.created,
    known: result.known,
    servicesCreated: result.servicesCreated,
    deployments: result.deployments.map((r) => ({
      index: r.index,
      id: r.id,
      service: r.service,
      externalId: r.externalId,
      status: r.created ? "created" : "known",
    })),
  }),
});
