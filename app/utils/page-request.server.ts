/**
 * The first lines of most page loaders and actions, written once: the signed-in user (and, when a
 * permission is named, a 403 for those who lack it — before anything else is read), the database
 * and the request's URL.
 *
 *   const { user, db, url } = await pageRequest(request, "audit:read");
 */
import { requirePermission, requireUser } from "~/auth/guards.server";
import type { Permission, PermissionContext } from "~/auth/permissions";
import { getDb } from "~/utils/db.server";

export async function pageRequest(request: Request, permission?: Permission, ctx?: PermissionContext) {
  const user = permission === undefined ? await requireUser(request) : await requirePermission(request, permission, ctx);
  return { user, db: getDb(), url: new URL(request.url) };
}
