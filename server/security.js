// @ts-check
// The HTTP-level security rules of the production server, as pure functions (server/app.js applies
// them to every request; tests call them directly too). Decision records: docs/decisions/710–713.

/** Methods that never change anything: no origin check, no body. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The URL the app handles: the request target appended to the app's origin — exactly as the Remix
 * request is built (server/app.js), so every rule sees the path the router sees.
 * @param {string} origin
 * @param {string} target the request target (`req.originalUrl`, starting with "/")
 */
export function requestUrl(origin, target) {
  return new URL(`${origin}${target}`);
}

/**
 * The path as the router will see it: dot segments resolved ("/api/v1/../../settings" and
 * "/api/v1/%2e%2e/%2e%2e/settings" are "/settings"; "//x/y" stays a path), so no rule can be
 * dodged by spelling a path oddly. "/" for a target that is not a path (refused as a 400).
 * @param {string} target the request target (`req.originalUrl`)
 */
export function routedPathname(target) {
  if (!target.startsWith("/")) return "/";
  try {
    return requestUrl("http://path.invalid", target).pathname;
  } catch {
    return "/";
  }
}

/**
 * The token API (`/api/v1/*`): authenticated by `Authorization: Bearer` only, never by the session
 * cookie, so it needs no origin check. Case-insensitive, like the router's matching. A ".data" URL
 * is Remix's page-data protocol, never the API's: it is not exempt.
 * @param {string} pathname from routedPathname()
 */
export function isApiPath(pathname) {
  const p = pathname.toLowerCase();
  return p.startsWith("/api/v1/") && !p.endsWith(".data");
}

/**
 * The app's own origin as the browser sees it: the Host header, or — only when the immediate peer is
 * a trusted proxy — X-Forwarded-Host / X-Forwarded-Proto (first value). Null when the host is missing
 * or malformed.
 * @param {{ protocol: string, host: string | undefined, forwardedHost?: string | undefined, forwardedProto?: string | undefined, trusted: boolean }} parts
 * @returns {string | null}
 */
export function ownOrigin({ protocol, host, forwardedHost, forwardedProto, trusted }) {
  const first = (/** @type {string | undefined} */ v) => v?.split(",")[0]?.trim() || undefined;
  const h = (trusted && first(forwardedHost)) || host;
  const p = (trusted && first(forwardedProto)?.toLowerCase()) || protocol;
  if (!h || (p !== "http" && p !== "https")) return null;
  // a host is letters, digits, dots, dashes (or an IPv6 literal) and an optional port; anything else
  // (spaces, slashes, "@", userinfo) could make the URL below mean another place
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(h)) return null;
  try {
    return new URL(`${p}://${h}`).origin;
  } catch {
    return null;
  }
}

/** @param {string | null | undefined} value */
function originOf(value) {
  if (!value || value === "null") return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * The same-origin (CSRF) rule for a state-changing request, whatever its URL shape (page URL,
 * `?index`, `?_data=`, `.data`, resource routes): allowed when `Origin` is the app's own origin; when
 * a browser sent no `Origin`, `Sec-Fetch-Site: same-origin|none`, or failing that a same-origin
 * `Referer`. Safe methods and the token API are not checked.
 * @param {{ method: string, pathname: string, origin: string | null, headers: { origin?: string | undefined, secFetchSite?: string | undefined, referer?: string | undefined } }} req
 * @returns {{ ok: true } | { ok: false, reason: string }}
 */
export function sameOriginVerdict({ method, pathname, origin, headers }) {
  if (SAFE_METHODS.has(method.toUpperCase()) || isApiPath(pathname)) return { ok: true };
  if (!origin) return { ok: false, reason: "the request names no valid Host, so its origin cannot be checked" };
  if (headers.origin !== undefined) {
    if (originOf(headers.origin) === origin) return { ok: true };
    return {
      ok: false,
      reason:
        `the request comes from ${headers.origin}, not from ${origin}. ` +
        "Behind a reverse proxy, pass X-Forwarded-Host and X-Forwarded-Proto and set TRUST_PROXY (see the README).",
    };
  }
  const site = headers.secFetchSite?.toLowerCase();
  if (site !== undefined) {
    if (site === "same-origin" || site === "none") return { ok: true };
    return { ok: false, reason: `the request is ${site} (Sec-Fetch-Site)` };
  }
  if (headers.referer !== undefined) {
    if (originOf(headers.referer) === origin) return { ok: true };
    return { ok: false, reason: "the request was sent from another site (Referer)" };
  }
  return { ok: false, reason: "the request carries no Origin, Sec-Fetch-Site or Referer header" };
}

/**
 * The largest body a request may send, in bytes: the API's limit under /api/v1, the upload limit for
 * multipart/form-data (the CSV upload forms), the form limit for everything else.
 * @param {{ pathname: string, contentType: string | undefined }} req
 * @param {{ api: number, form: number, upload: number }} limits
 */
export function bodyLimitFor({ pathname, contentType }, limits) {
  if (isApiPath(pathname)) return limits.api;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "multipart/form-data" ? limits.upload : limits.form;
}

/**
 * The Content-Security-Policy of every response: scripts only from this origin or carrying the
 * request's nonce (Remix's inline hydration scripts get it), styles from this origin plus inline
 * style attributes (React and recharts set `style=`), no plugins, no framing, forms post here only.
 * @param {string} nonce
 */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The headers every response carries (pages, data, API, static files, errors).
 * @param {{ nonce: string, production: boolean }} opts
 * @returns {Record<string, string>}
 */
export function securityHeaders({ nonce, production }) {
  /** @type {Record<string, string>} */
  const headers = {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/** What every page, data and resource response of the app says to caches: it may hold a salary. */
export const DYNAMIC_CACHE_CONTROL = "private, no-store";
