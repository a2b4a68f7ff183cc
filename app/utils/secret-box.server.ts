/**
 * Seals small secrets at rest (the webhook sources' shared secrets) with AES-256-GCM, under a key
 * derived from SESSION_SECRET by HKDF-SHA256. A webhook secret must stay readable (HMAC verification
 * needs it), unlike an API token, which is stored hashed. See docs/decisions/302-webhook-sources.md.
 *
 * Format: "v1.<iv>.<tag>.<ciphertext>" (base64url). Changing SESSION_SECRET makes the sealed secrets
 * unreadable: `open` returns null and the source's page asks for a new secret.
 */
import crypto from "node:crypto";
import { sessionSecret } from "~/utils/env.server";

const VERSION = "v1";
const SALT = "innovatech-tracker/secret-box";
const INFO = "webhook-source-secrets/v1";

const keys = new Map<string, Buffer>();

function keyFor(master: string): Buffer {
  let key = keys.get(master);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", master, SALT, INFO, 32));
    keys.set(master, key);
  }
  return key;
}

/** Seals a UTF-8 string. `master` defaults to SESSION_SECRET. */
export function seal(plain: string, master = sessionSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(master), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/** The sealed string, or null when the box is malformed, tampered with, or sealed under another key. */
export function open(box: string, master = sessionSecret()): string | null {
  const parts = box.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  try {
    const [iv, tag, ct] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
    if (iv.length !== 12 || tag.length !== 16) return null;
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(master), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
