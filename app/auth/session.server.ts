import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { recordAudit } from "~/models/audit.server";
import { createSession, deleteSession, getUserBySessionId, type SessionUser } from "~/models/users.server";
import { getDb } from "~/utils/db.server";
import { getEnv, sessionSecret } from "~/utils/env.server";
import { safeRedirectPath } from "~/utils/http.server";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The cookie carries only the signed session id; the session itself lives in the database. */
function sessionCookie() {
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: getEnv().NODE_ENV === "production",
    secrets: [sessionSecret()],
    maxAge: SESSION_TTL_MS / 1000,
  });
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const id = await readSessionId(request);
  return id ? getUserBySessionId(getDb(), id) : null;
}

/** Creates the session row and redirects with its cookie. */
export async function login(userId: number, redirectTo: string): Promise<Response> {
  const id = crypto.randomBytes(32).toString("hex");
  createSession(getDb(), userId, id, Date.now() + SESSION_TTL_MS);
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(id) },
  });
}

export async function logout(request: Request): Promise<Response> {
  const id = await readSessionId(request);
  if (id) {
    const db = getDb();
    const user = getUserBySessionId(db, id);
    // signing out is a write (the session row goes): it leaves its audit entry in the same transaction
    db.transaction((tx) => {
      deleteSession(tx, id);
      if (user) recordAudit(tx, { actor: { userId: user.id }, action: "logout", entityType: "session", entityId: user.id });
    });
  }
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}
