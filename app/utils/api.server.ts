import type { z } from "zod";
import type { CsvRowError } from "~/lib/csv";
import { DomainError } from "~/lib/errors";
import { issuesToFieldErrors } from "~/lib/forms.server";
import { authenticateToken, type ApiPrincipal, type ApiScope } from "~/models/tokens.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/** JSON API conventions: every error is `{ error, fieldErrors? }` with its status; thrown as a Response. */
export function apiJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export function apiError(status: number, error: string, fieldErrors?: Record<string, string[]>): Response {
  return apiJson(fieldErrors ? { error, fieldErrors } : { error }, status);
}

/** The token behind `Authorization: Bearer …` holding `scope`; throws 401 / 403 otherwise. */
export function requireApiToken(request: Request, scope: ApiScope): ApiPrincipal {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const principal = match ? authenticateToken(getDb(), match[1]) : null;
  if (!principal) {
    throw new Response(JSON.stringify({ error: "A valid API token is required (Authorization: Bearer <token>)." }), {
      status: 401,
      headers: { "Content-Type": "application/json; charset=utf-8", "WWW-Authenticate": 'Bearer realm="api"' },
    });
  }
  if (principal.lapsedScopes.includes(scope)) {
    throw apiError(403, `The scope "${scope}" of this token has lapsed: the person who made it may no longer use it.`);
  }
  if (!principal.scopes.includes(scope)) throw apiError(403, `This token lacks the scope "${scope}".`);
  return principal;
}

export function requireMethod(request: Request, ...methods: string[]): void {
  if (!methods.includes(request.method.toUpperCase())) {
    throw new Response(JSON.stringify({ error: `Method ${request.method} is not allowed here.` }), {
      status: 405,
      headers: { "Content-Type": "application/json; charset=utf-8", Allow: methods.join(", ") },
    });
  }
}

/**
 * Reads a request body as text, refusing (413) bodies over the limit without buffering them whole,
 * and (415) bodies of another content type than `expected`.
 */
export async function readBodyText(request: Request, expected: "application/json" | "text/csv", maxBytes = getEnv().API_MAX_BODY_BYTES): Promise<string> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  const accepted = expected === "text/csv" ? ["text/csv", "application/csv", "text/plain"] : ["application/json"];
  if (!accepted.includes(type)) throw apiError(415, `Content-Type must be ${expected}.`);
  return new TextDecoder("utf-8").decode(await readBodyBytes(request, maxBytes));
}

export async function readJsonBody(request: Request, maxBytes?: number): Promise<unknown> {
  const text = await readBodyText(request, "application/json", maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw apiError(400, "The body is not valid JSON.");
  }
}

/** Parses with a zod schema or throws a 400 naming every bad field (paths like `0.finishedAt` for arrays). */
export function parseApiBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const { fieldErrors, formErrors } = issuesToFieldErrors(result.error.issues);
  if (formErrors.length) fieldErrors["_"] = formErrors;
  throw apiError(400, "The request body is invalid.", fieldErrors);
}

/** Parses URL search parameters with a zod schema or throws a 400. */
export function parseApiQuery<S extends z.ZodType>(schema: S, url: URL): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") raw[k] = v;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // issues without a path (e.g. unknown keys of a strict schema) go under "_", as in parseApiBody: never an empty list
  const { fieldErrors, formErrors } = issuesToFieldErrors(result.error.issues);
  if (formErrors.length) fieldErrors["_"] = formErrors;
  throw apiError(400, "The query parameters are invalid.", fieldErrors);
}

/** Invalid input found past the request's schema (e.g. a name that matches nothing): a 400 with per-field errors. */
export class ApiInputError extends DomainError {
  constructor(fieldErrors: Record<string, string[]>) {
    super("input", "The request body is invalid.", fieldErrors);
  }
}

/**
 * Runs an API handler: thrown Responses (401/403/405/413/415/400 from the guards above) are returned
 * as they are; an ApiInputError becomes a 400 with per-field errors; anything else is logged and
 * answered with a JSON 500 (no input should get there — the tests fuzz for it).
 */
export async function runApi(handler: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    if (err instanceof Response) return err;
    if (err instanceof DomainError) return apiError(err.status, err.message, err.fieldErrors);
    console.error("API: unexpected error", err);
    return apiError(500, "Internal error: nothing was written.");
  }
}

/** The loader of a POST-only API route: any GET or HEAD gets 405 with `Allow: POST`. */
export function postOnlyLoader({ request }: { request: Request }): Promise<Response> {
  return runApi(() => {
    requireMethod(request, "POST");
    return apiError(405, "Use POST.");
  });
}

/** What an importer returns: counts when everything was written, or every bad row and field. */
export type CsvImportOutcome = { ok: true; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

/**
 * The one shape of `POST /api/v1/import/<kind>` (DESIGN.md): a `text/csv` body, scope
 * `import:write`, all or nothing. 400 `{error, errors: [{row, field, message}], fieldErrors:
 * {"3.field": [...]}}` naming every bad row and field; otherwise the counts, 201 when a row was
 * created, else 200. 401 / 403 / 405 / 413 / 415 as every API route; an unexpected error is a JSON 500.
 */
export async function csvImportResponse(request: Request, run: (principal: ApiPrincipal, text: string) => CsvImportOutcome): Promise<Response> {
  return runApi(async () => {
    requireMethod(request, "POST");
    const principal = requireApiToken(request, "import:write");
    const text = await readBodyText(request, "text/csv");
    const result = run(principal, text);
    if (!result.ok) {
      const fieldErrors: Record<string, string[]> = {};
      for (const e of result.errors) (fieldErrors[e.field ? `${e.row}.${e.field}` : String(e.row)] ??= []).push(e.message);
      return apiJson(
        { error: "The CSV file was rejected: fix every row listed and send it again; nothing was imported.", errors: result.errors, fieldErrors },
        400,
      );
    }
    const { ok: _ok, ...counts } = result;
    return apiJson(counts, result.created > 0 ? 201 : 200);
  });
}

/**
 * The loader and action of a `POST /api/v1/import/<kind>` route: the action is csvImportResponse with
 * `run`, the loader answers 405 (use POST with a text/csv body).
 */
export function csvImportRoute(run: (principal: ApiPrincipal, text: string) => CsvImportOutcome) {
  return {
    action: async ({ request }: { request: Request }) => csvImportResponse(request, run),
    loader: async () => apiError(405, "Use POST with a text/csv body."),
  };
}

/**
 * Reads a request body as its exact bytes (webhook signatures are computed over them), refusing
 * (413) bodies over the limit without buffering them whole. Any content type.
 */
export async function readBodyBytes(request: Request, maxBytes = getEnv().API_MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw apiError(413, `The body is larger than ${maxBytes} bytes.`);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw apiError(413, `The body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
