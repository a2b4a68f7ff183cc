/**
 * Calling route actions the way a browser posts a form, and checking what they wrote.
 *
 * - `formRequest(url, fields, { cookie })`: a POST whose body is URL-encoded as a browser encodes a
 *   form (application/x-www-form-urlencoded;charset=UTF-8). A field given as an array is sent once per
 *   value (checkbox groups, forged duplicates); `undefined` leaves it out (an unticked checkbox).
 * - `callAction(action, request, params)`: runs a loader or action and returns its HTTP status and
 *   body, whether it returned or threw `data()`, a Response or a plain object.
 * - `countAll(db)` / `writeProbe(db)`: row counts of every table, and SQLite's count of changed rows,
 *   to prove that a refused submission wrote nothing (no insert, update or delete anywhere).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export { cookieFor } from "./app";

export type Fields = Record<string, string | string[] | undefined> | [string, string][];

export function formBody(fields: Fields): URLSearchParams {
  const body = new URLSearchParams();
  const entries: [string, string | string[] | undefined][] = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return body;
}

/** A form POST as a browser sends it (URL-encoded body, the session cookie). */
export function formRequest(url: string, fields: Fields, opts: { cookie?: string | null } = {}): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" };
  if (opts.cookie) headers.Cookie = opts.cookie;
  return new Request(new URL(url, "http://localhost"), { method: "POST", headers, body: formBody(fields) });
}

/** A multipart form POST (file inputs), as a browser sends a form with enctype="multipart/form-data". */
export function multipartRequest(url: string, fields: Record<string, string | File | undefined>, opts: { cookie?: string | null } = {}): Request {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) fd.append(name, value);
  return new Request(new URL(url, "http://localhost"), { method: "POST", headers: opts.cookie ? { Cookie: opts.cookie } : {}, body: fd });
}

export const actionArgs = (request: Request, params: Record<string, string> = {}): ActionFunctionArgs & LoaderFunctionArgs => ({
  request,
  params,
  context: { clientIp: "127.0.0.1" } as ActionFunctionArgs["context"],
});

export type ActionResult = {
  status: number;
  /** the reply's data (JSON of a Response) */
  body: unknown;
  /** the redirect target, for a redirect */
  location: string | null;
};

/** Runs a loader/action: its HTTP status and body, returned or thrown (`data()`, Response, plain object). */
export async function callAction(
  fn: (args: ActionFunctionArgs & LoaderFunctionArgs) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
): Promise<ActionResult> {
  const of = async (v: unknown): Promise<ActionResult> => {
    if (v instanceof Response) {
      const type = v.headers.get("Content-Type") ?? "";
      return { status: v.status, body: type.includes("json") ? await v.json() : await v.text(), location: v.headers.get("Location") };
    }
    if (v && typeof v === "object" && "init" in v && "data" in v && (v as { type?: string }).type === "DataWithResponseInit") {
      const init = (v as { init?: { status?: number; headers?: HeadersInit } }).init;
      return { status: init?.status ?? 200, body: (v as { data: unknown }).data, location: new Headers(init?.headers).get("Location") };
    }
    return { status: 200, body: v, location: null };
  };
  try {
    return await of(await fn(actionArgs(request, params)));
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    return of(thrown);
  }
}

/** The tables of the database (every one the migrations made, SQLite's own excluded). */
export function tableNames(db: Db): string[] {
  return db
    .all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`)
    .map((r) => r.name);
}

const countStatements = new WeakMap<object, { all: () => unknown[] }>();

/** Row counts of every table (one prepared statement per connection: a few hundred microseconds). */
export function countAll(db: Db): Record<string, number> {
  let stmt = countStatements.get(db.$client);
  if (!stmt) {
    const union = tableNames(db)
      .map((name) => `select '${name}' as name, count(*) as n from "${name}"`)
      .join(" union all ");
    stmt = db.$client.prepare(union);
    countStatements.set(db.$client, stmt);
  }
  const out: Record<string, number> = {};
  for (const row of stmt.all() as { name: string; n: number }[]) out[row.name] = row.n;
  return out;
}

/** Rows inserted, updated or deleted through this connection since it was opened (triggers included). */
export function totalChanges(db: Db): number {
  return (db.$client.prepare("select total_changes() as n").get() as { n: number }).n;
}

/**
 * Takes a snapshot now; `.diff()` later lists what changed: tables whose row count moved, and
 * whether any row was written at all (an UPDATE changes no count but is a write).
 */
export function writeProbe(db: Db) {
  const counts = countAll(db);
  const changes = totalChanges(db);
  return {
    diff(): { tables: Record<string, [before: number, after: number]>; changedRows: number } {
      const now = countAll(db);
      const tables: Record<string, [number, number]> = {};
      for (const [name, n] of Object.entries(now)) if (counts[name] !== n) tables[name] = [counts[name] ?? 0, n];
      return { tables, changedRows: totalChanges(db) - changes };
    },
  };
}

export type AuditRow = {
  id: number;
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: number | null;
  before: string | null;
  after: string | null;
};

/** Audit entries written after the given id (oldest first). */
export function auditSince(db: Db, afterId: number): AuditRow[] {
  return db.all<AuditRow>(
    sql`select id, action, entity_type as entityType, entity_id as entityId, actor_user_id as actorUserId, before, after from audit_log where id > ${afterId} order by id`,
  );
}

export function lastAuditId(db: Db): number {
  return db.get<{ id: number | null }>(sql`select max(id) as id from audit_log`).id ?? 0;
}
