import { data } from "@remix-run/node";
import { N_ } from "~/i18n/mark";
import { translateMessage } from "~/i18n/translate.server";

/** Throws a 4xx/5xx response when the condition is falsy (loaders: `invariantResponse(row, "Not found", 404)`). */
export function invariantResponse(condition: unknown, message: string, status = 400): asserts condition {
  if (!condition) throw data({ message: translateMessage(message) }, { status });
}

/** A 404; `message` is a key of `validation` (marked `N_`) or a text already translated. */
export function notFound(message: string = N_("Not found")): never {
  throw data({ message: translateMessage(message) }, { status: 404 });
}

/** A 403; `message` is a key of `validation` (marked `N_`) or a text already translated. */
export function forbidden(message: string = N_("You do not have permission to do this.")): never {
  throw data({ message: translateMessage(message) }, { status: 403 });
}

/**
 * Only same-site relative paths are allowed as redirect targets. Control characters, whitespace
 * and backslashes are refused anywhere: browsers drop tabs and newlines from URLs ("/\t/evil.com"
 * becomes "//evil.com", another site) and treat "\\" like "/", and a newline in a Location header
 * would throw (a 500). Anything outside printable ASCII is refused too: a header value cannot hold a
 * character above U+00FF ("/。evil.example" made the Location header throw: a 500), and in a host
 * name browsers map some of them to ASCII ("。" is a dot). The app's own paths are percent-encoded,
 * so they never need one.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (/[^\u0021-\u007e]|\\/.test(to)) return fallback;
  // belt and braces: it must resolve to this very origin
  const base = "http://same-origin.invalid";
  try {
    if (new URL(to, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return to;
}

/** 301 to `pathname` with the request's query string kept: a URL that moved keeps answering (bookmarks, scripts). */
export function movedPermanently(request: Request, pathname: string): Response {
  return new Response(null, { status: 301, headers: { Location: `${pathname}${new URL(request.url).search}` } });
}
