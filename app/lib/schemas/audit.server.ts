/** The audit page's URL filters (server-only): parsed and bounded into the AuditFilter the audit model takes. */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { DAY_MS } from "~/lib/time";
import { parseSearchParams, urlTextSchema } from "~/lib/url-params.server";
import { idSchema, isoDateSchema } from "~/lib/validation.server";
import type { AuditFilter } from "~/models/audit.server";

/** The audit page's URL filters; a parameter its field refuses is ignored (the page shows no notice for it). */
export const AuditFilterParamsSchema = z.object({
  entity: urlTextSchema(60).optional(),
  entityId: urlTextSchema(60).optional(),
  /** a user id, or "system" / "token" */
  actor: z.union([z.enum(["system", "token"]), idSchema], { error: N_("must be a user id, system or token") }).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

/**
 * The audit page's filters from the URL (never throws): ?entity=&entityId=&actor=<user id>|system|token
 * &from=YYYY-MM-DD&to=YYYY-MM-DD (UTC days, `to` inclusive). `raw` is what to put back in the form
 * ("" for an absent or ignored parameter).
 */
export function auditFilterFromUrl(url: URL): {
  filter: AuditFilter;
  raw: { entity: string; entityId: string; actor: string; from: string; to: string };
} {
  const { data: p } = parseSearchParams(url, AuditFilterParamsSchema);
  const filter: AuditFilter = {};
  if (p.entity) filter.entityType = p.entity;
  if (p.entityId) filter.entityId = p.entityId;
  if (p.actor === "system") filter.system = true;
  else if (p.actor === "token") filter.token = true;
  else if (p.actor !== undefined) filter.userId = p.actor;
  if (p.from) filter.from = Date.parse(`${p.from}T00:00:00Z`);
  if (p.to) filter.to = Date.parse(`${p.to}T00:00:00Z`) + DAY_MS;
  const raw = { entity: p.entity ?? "", entityId: p.entityId ?? "", actor: p.actor === undefined ? "" : String(p.actor), from: p.from ?? "", to: p.to ?? "" };
  return { filter, raw };
}
