import { redirect } from "@remix-run/node";
import { can, type Actor, type Permission, type PermissionContext } from "~/auth/permissions";
import { getUser } from "~/auth/session.server";
import { hasAnyUser, type SessionUser } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";

/**
 * While the database holds no user (a new install), every page leads to the first-run screen.
 * Called for visitors who are not signed in (the root loader, requireUser); /setup itself is spared.
 */
export function redirectToSetupWhileNoUser(request: Request): void {
  if (new URL(request.url).pathname === "/setup") return;
  if (!hasAnyUser(getDb())) throw redirect("/setup");
}

/** The signed-in user, or a redirect to /login?redirectTo=<this page> (to /setup on a new install). */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    redirectToSetupWhileNoUser(request);
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
    throw redirect(`/login?${params}`);
  }
  return user;
}

/** The signed-in user if they hold the permission (for that thing, when a context is given); 403 otherwise. */
export async function requirePermission(request: Request, permission: Permission, ctx?: PermissionContext): Promise<SessionUser> {
  const user = await requireUser(request);
  assertPermission(user, permission, ctx);
  return user;
}

/** For checks that need the row first: throws 403 (with `message` when given) unless allowed. */
export function assertPermission(actor: Actor, permission: Permission, ctx?: PermissionContext, message?: string): void {
  if (!can(actor, permission, ctx)) forbidden(message);
}
