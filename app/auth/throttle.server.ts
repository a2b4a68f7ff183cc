import { eq } from "drizzle-orm";
import { schema, type Db } from "~/utils/db.server";

/** After MAX_FAILURES failed logins within WINDOW_MS for one key, that key is refused for LOCK_MS. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

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
        lockedUntil: failures >= MAX_FAILURES ? new Date(now + LOCK_MS) : null,
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
