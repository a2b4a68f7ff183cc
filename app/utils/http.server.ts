import { data } from "@remix-run/node";

/** Throws a 4xx/5xx response when the condition is falsy (loaders: `invariantResponse(row, "Not found", 404)`). */
export function invariantResponse(condition: unknown, message: string, status = 400): asserts condition {
  if (!condition) throw data({ message }, { status });
}

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404 });
}

export function forbidden(message = "You do not have permission to do this."): never {
  throw data({ message }, { status: 403 });
}

/** Only same-site relative paths are allowed as redirect targets. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
