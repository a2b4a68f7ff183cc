import { redirect } from "@remix-run/node";
import { can, type Actor, type Permission, type PermissionContext } from "~/auth/permissions";
import { getUser } from "~/auth/session.server";
import type { SessionUser } from "~/models/users.server";
import { forbidden } from "~/utils/http.server";

/** The signed-in user, or a redirect to /login?redirectTo=<this page>. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/** The signed-in user if they hold the permission (for that thing, when a context is given); 403 otherwise. */
export async function requirePermission(
  request: Request,
  permission: Permission,
  ctx?: PermissionContext,
): Promise<SessionUser> {
  const user = await requireUser(request);
  assertPermission(user, permission, ctx);
  return user;
}

/** For checks that need the row first: throws 403 unless allowed. */
export function assertPermission(actor: Actor, permission: Permission, ctx?: PermissionContext): void {
  if (!can(actor, permission, ctx)) forbidden();
}
