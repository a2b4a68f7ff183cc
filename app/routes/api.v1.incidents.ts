/**
 * POST /api/v1/incidents — scope incidents:write.
 * Body: one incident object (or an array of up to 1000). Upsert on externalId: posting again with the same
 * externalId updates it (e.g. with resolvedAt to resolve it). 201 when one was created, 200 when all were
 * updated. resolvedAt before startedAt, or a causedByDeploymentExternalId naming no deployment of that
 * service → 400, nothing written.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { incidentInputSchema, MAX_INCIDENTS_PER_REQUEST, upsertIncidents } from "~/models/delivery.server";
import { apiError, apiJson, parseApiBody, readJsonBody, requireApiToken, requireMethod, runApi } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

const batchSchema = z.array(incidentInputSchema).min(1, "must hold at least one incident");

export async function loader({ request }: LoaderFunctionArgs) {
  return runApi(() => {
    requireMethod(request, "POST");
    return apiError(405, "Use POST.");
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return runApi(async () => {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "incidents:write");
    const body = await readJsonBody(request);
    if (Array.isArray(body) && body.length > MAX_INCIDENTS_PER_REQUEST) {
      return apiError(413, `At most ${MAX_INCIDENTS_PER_REQUEST} incidents per request (got ${body.length}); split the batch.`);
    }
    const items = Array.isArray(body) ? parseApiBody(batchSchema, body) : [parseApiBody(incidentInputSchema, body)];
    const result = upsertIncidents(getDb(), items, { tokenId: principal.tokenId }, { via: "api" });
    return apiJson(
      {
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
      },
      result.created > 0 ? 201 : 200,
    );
  });
}
