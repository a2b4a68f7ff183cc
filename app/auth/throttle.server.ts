import { eq } from "drizzle-orm";
import { schema, type Db } from "~/utils/db.server";

/**
 * After too many failed logins within WINDOW_MS for one key, that key is refused for LOCK_MS:
 * MAX_FAILURES for an email (guessing one person's password), MAX_FAILURES_PER_ADDRESS for a
 * client address (spraying many emails) — higher, because colleagues behind one office proxy share
 * an address, and one person mistyping must not lock everyone else out.
 */
export const MAX_FAILURES = 5;
export const MAX_FAILURES_PER_ADDRESS = 50;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

function limitOf(key: string): number {
  return key.startsWith("ip:") ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES;
}

export function throttleKeys(email: string, ip: string | null): string[] {
  const keys = [`email:${email.toLowerCase()}`];
  if (ip) keys.push(`ip:${ip}`);
  return keys;
}

/** Milliseconds until a locked key is released, or 0 when every key may try. */
export function lockedFor(db: Db, keys: string[], now = Date.now()): number {
  let wait = 0;
  for (const key of keys) {
    const row = db.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.key, key)).get();
    const until = row?.lockedUntil?.getTime() ?? 0;
    if (until > now) wait = Math.max(wait, until - now);
  }
  return wait;
}

export function recordFailure(db: Db, keys: string[], now = Date.now()): void {
  db.transaction((tx) => {
    for (const key of keys) {
      const row = tx.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.key, key)).get();
      const fresh = !row || now - row.windowStartedAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const values = {
        failures,
        windowStartedAt: fresh ? new Date(now) : row.windowStartedAt,
        lockedUntil: failures >= limitOf(key) ? new Date(now + LOCK_MS) : null,
      };
      tx.insert(schema.loginAttempts)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: schema.loginAttempts.key, set: values })
        .run();
    }
  });
}

export function clearFailures(db: Db, email: string): void {
  db.delete(schema.loginAttempts).where(eq(schema.loginAttempts.key, `email:${email.toLowerCase()}`)).run();
}
