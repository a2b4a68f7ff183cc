import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { auditActorLabel, auditFilterFromUrl, listAudit } from "~/models/audit.server";
import { getDb } from "~/utils/db.server";

/** CSV of the audit trail with the page's filters (at most 50 000 entries, newest first). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const { filter } = auditFilterFromUrl(new URL(request.url));
  const { rows } = listAudit(getDb(), filter, { limit: 50_000, offset: 0 });
  const csv = toCsv(
    ["at", "who", "action", "entity_type", "entity_id", "before", "after"],
    rows.map((r) => [r.at.toISOString(), auditActorLabel(r), r.action, r.entityType, r.entityId, r.before, r.after]),
  );
  return csvResponse(`audit-${new Date().toISOString().slice(0, 10)}.csv`, csv);
}
