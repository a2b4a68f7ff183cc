/**
 * POST /api/v1/webhooks/<source-id> — where GitHub, GitLab, Alertmanager and PagerDuty send their
 * webhooks. No API token: each delivery proves itself with the source's secret (X-Hub-Signature-256,
 * X-Gitlab-Token, Authorization: Bearer, X-PagerDuty-Signature), checked on the exact bytes received.
 * 201 created, 200 updated or ignored, 202 refused for an unmapped service, 400 invalid payload,
 * 401 bad signature, 404 no such source, 413 too large. Every delivery is logged on the source's page.
 * The work is in app/models/webhooks.server.ts.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { idSchema } from "~/lib/validation.server";
import { logText } from "~/lib/webhooks/log-texts";
import { deliveryIdOf, eventHeaderOf, findWebhookSourceKind, receiveWebhook, recordRefusedDelivery } from "~/models/webhooks.server";
import { apiError, apiJson, readBodyBytes, requireMethod, runApi, postOnlyLoader } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

export const loader = postOnlyLoader;

export async function action({ request, params }: ActionFunctionArgs) {
  return runApi(async () => {
    requireMethod(request, "POST");
    const id = idSchema.safeParse(params.sourceId);
    const db = getDb();
    const source = id.success && id.data <= 2_147_483_647 ? findWebhookSourceKind(db, id.data) : null;
    if (!source) return apiError(404, "No such webhook source.");
    let body: Uint8Array;
    try {
      body = await readBodyBytes(request);
    } catch (err) {
      if (err instanceof Response && err.status === 413) {
        recordRefusedDelivery(db, source.id, {
          event: eventHeaderOf(source.kind, request.headers),
          deliveryId: deliveryIdOf(source.kind, request.headers),
          httpStatus: 413,
          reason: logText("tooLarge"),
        });
      }
      throw err;
    }
    const reply = receiveWebhook(db, source.id, { headers: request.headers, body });
    if (!reply) return apiError(404, "No such webhook source.");
    return apiJson(reply.body, reply.status);
  });
}
