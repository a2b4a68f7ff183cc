/**
 * POST /api/v1/deployments — scope deployments:write.
 * Body: one deployment object or an array of 1–1000 (more → 413). Idempotent on (service, externalId):
 * 201 when at least one deployment was created, 200 when all were already known. One transaction:
 * one bad element → 400 naming it ("3.finishedAt"), nothing written.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import {
  deploymentInputSchema,
  ingestDeployments,
  MAX_DEPLOYMENTS_PER_REQUEST,
} from "~/models/delivery.server";
import { apiError, apiJson, parseApiBody, readJsonBody, requireApiToken, requireMethod, runApi } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

const batchSchema = z.array(deploymentInputSchema).min(1, "must hold at least one deployment");

export async function loader({ request }: LoaderFunctionArgs) {
  return runApi(() => {
    requireMethod(request, "POST");
    return apiError(405, "Use POST.");
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return runApi(async () => {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "deployments:write");
    const body = await readJsonBody(request);
    if (Array.isArray(body) && body.length > MAX_DEPLOYMENTS_PER_REQUEST) {
      return apiError(413, `At most ${MAX_DEPLOYMENTS_PER_REQUEST} deployments per request (got ${body.length}); split the batch.`);
    }
    const items = Array.isArray(body) ? parseApiBody(batchSchema, body) : [parseApiBody(deploymentInputSchema, body)];
    const result = ingestDeployments(getDb(), items, { tokenId: principal.tokenId }, { via: "api" });
    return apiJson(
      {
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
      },
      result.created > 0 ? 201 : 200,
    );
  });
}
