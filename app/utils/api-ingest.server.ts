/**
 * The one shape of a JSON ingest endpoint (`POST /api/v1/deployments`, `/api/v1/incidents`): POST
 * only (405 otherwise), the scope's token, one object or an array of 1–`max` (more → 413), every
 * element parsed by the item schema (400 naming "3.field", nothing written), then one call of the model's
 * ingest (everything in one transaction, audited as the token, via "api"): 201 when it created at least one
 * row, 200 otherwise, with the body `reply` makes of its result.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { AuditActor } from "~/models/audit.server";
import type { ApiScope } from "~/models/tokens.server";
import { apiError, apiJson, parseApiBody, postOnlyLoader, readJsonBody, requireApiToken, requireMethod, runApi } from "~/utils/api.server";
import { getDb, type Db } from "~/utils/db.server";

export function ingestRoute<S extends z.ZodType, R extends { created: number }>(opts: {
  scope: ApiScope;
  itemSchema: S;
  max: number;
  /** "deployment" / "incident": the messages name it */
  noun: string;
  /** the model's batch write (ingestDeployments, upsertIncidents) */
  ingest: (db: Db, items: z.output<S>[], actor: AuditActor, options: { via: "api" }) => R;
  /** the answer's body, from the write's result */
  reply: (result: R) => unknown;
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
        const result = opts.ingest(getDb(), items as z.output<S>[], { tokenId: principal.tokenId }, { via: "api" });
        return apiJson(opts.reply(result), result.created > 0 ? 201 : 200);
      }),
  };
}
