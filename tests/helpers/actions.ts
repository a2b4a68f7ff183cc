import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { login } from "~/auth/session.server";

/** Helpers to call route loaders and actions as a signed-in browser would (a real session cookie). */

export async function cookieFor(userId: number) {
  const res = await login(userId, "/");
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

export function get(url: string, cookie: string) {
  return new Request(`http://localhost${url}`, { headers: { Cookie: cookie } });
}

export function post(url: string, cookie: string, fields: Record<string, string> | [string, string][]) {
  return new Request(`http://localhost${url}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(fields) });
}

export const args = (request: Request, params: Record<string, string> = {}): ActionFunctionArgs & LoaderFunctionArgs => ({
  request,
  params,
  context: { clientIp: "127.0.0.1" } as ActionFunctionArgs["context"],
});

/** Runs a loader/action: its HTTP status and body (thrown or returned `data()` / Response / plain object). */
export async function run(fn: () => Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const of = async (v: unknown) => {
    if (v instanceof Response) return { status: v.status, body: v.headers.get("Content-Type")?.includes("json") ? await v.json() : await v.text() };
    if (v && typeof v === "object" && "init" in v && "data" in v) {
      return { status: (v as { init?: { status?: number } }).init?.status ?? 200, body: (v as { data: unknown }).data };
    }
    return { status: 200, body: v };
  };
  try {
    return await of(await fn());
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return of(thrown);
  }
}
