/**
 * How each sender proves a delivery is theirs (node:crypto; every comparison in constant time).
 *
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`.
 * - GitLab: `X-Gitlab-Token: <the secret>` (a shared token, no body signature).
 * - Alertmanager: `Authorization: Bearer <the secret>` (http_config.authorization.credentials).
 * - PagerDuty v3: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the raw body>[,v1=<…>]` — one
 *   signature per active secret during a rotation; any match is enough.
 *
 * The HMACs are over the exact bytes received: verify before parsing, never over re-serialised JSON.
 */
import crypto from "node:crypto";
import type { WebhookKind } from "./types";

function hmacHex(secret: string, body: Uint8Array): string {
  return crypto.createHmac("sha256", secret).update(body).digest("hex");
}

/** Constant-time equality of two strings of any length (compares their SHA-256, so lengths leak nothing). */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a, "utf8").digest();
  const hb = crypto.createHash("sha256").update(b, "utf8").digest();
  return crypto.timingSafeEqual(ha, hb);
}

export function githubSignature(secret: string, body: Uint8Array): string {
  return `sha256=${hmacHex(secret, body)}`;
}

export function verifyGithub(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header) return false;
  return safeEqual(header.trim().toLowerCase(), githubSignature(secret, body));
}

export function verifyGitlab(secret: string, header: string | null): boolean {
  if (header === null) return false;
  return safeEqual(header, secret);
}

export function verifyBearer(secret: string, authorization: string | null): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return !!m && safeEqual(m[1], secret);
}

export function pagerDutySignature(secret: string, body: Uint8Array): string {
  return `v1=${hmacHex(secret, body)}`;
}

export function verifyPagerDuty(secret: string, body: Uint8Array, header: string | null): boolean {
  if (!header) return false;
  const expected = pagerDutySignature(secret, body);
  let ok = false;
  // every listed signature is compared (no early exit), so timing does not tell which one matched
  for (const candidate of header.split(",").slice(0, 10)) {
    const c = candidate.trim().toLowerCase();
    if (c.startsWith("v1=") && safeEqual(c, expected)) ok = true;
  }
  return ok;
}

/** Which header a kind reads, for the "bad signature" reason and the docs. */
export const SIGNATURE_HEADER: Record<WebhookKind, string> = {
  github: "X-Hub-Signature-256",
  gitlab: "X-Gitlab-Token",
  alertmanager: "Authorization: Bearer",
  pagerduty: "X-PagerDuty-Signature",
};

/**
 * Whether the delivery carries proof of the secret; `headers` is read case-insensitively.
 * Returns "missing" when the header is absent (the usual mistake: the secret was not pasted).
 */
export function verifyDelivery(kind: WebhookKind, secret: string, body: Uint8Array, headers: Headers): "ok" | "missing" | "mismatch" {
  const name = kind === "alertmanager" ? "Authorization" : SIGNATURE_HEADER[kind];
  const value = headers.get(name);
  if (value === null || value.trim() === "") return "missing";
  let ok: boolean;
  switch (kind) {
    case "github":
      ok = verifyGithub(secret, body, value);
      break;
    case "gitlab":
      ok = verifyGitlab(secret, value);
      break;
    case "alertmanager":
      ok = verifyBearer(secret, value);
      break;
    case "pagerduty":
      ok = verifyPagerDuty(secret, body, value);
      break;
  }
  return ok ? "ok" : "mismatch";
}
