/**
 * The one shape of a JSON ingest endpoint (`POST /api/v1/deployments`, `/api/v1/incidents`): POST
 * only (405 otherwise), the scope's token, one object or an array of 1–`max` (more → 413), every
 * element parsed by the item schema (400 naming "3.field", nothing written), then one call that writes
 * everything in one transaction and says what to answer.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { ApiPrincipal, ApiScope } from "~/models/tokens.server";
import { apiError, apiJson, parseApiBody, postOnlyLoader, readJsonBody, requireApiToken, requireMethod, runApi } from "~/utils/api.server";

export function ingestRoute<S extends z.ZodType>(opts: {
  scope: ApiScope;
  itemSchema: S;
  max: number;
  /** "deployment" / "incident": the messages name it */
  noun: string;
  ingest: (items: z.output<S>[], principal: ApiPrincipal) => { body: unknown; status: number };
}) {
  const batchSchema = z.array(opts.itemSchema).min(1, `must hold at least one ${opts.noun}`);
  return {
    loader: postOnlyLoader,
    action: ({ request }: ActionFunctionArgs) =>
      runApi(async () => {
        requireMethod(request, "POST");
        const principal = requireApiToken(request, opts.scope);
        const body = await readJsonBody(request);
        if (Array.isArray(body) && body.length > opts.max) {
          return apiError(413, `At most ${opts.max} ${opts.noun}s per request (got ${body.length}); split the batch.`);
        }
        const items = Array.isArray(body) ? parseApiBody(batchSchema, body) : [parseApiBody(opts.itemSchema, body)];
        const { body: reply, status } = opts.ingest(items as z.output<S>[], principal);
        return apiJson(reply, status);
      }),
  };
}
