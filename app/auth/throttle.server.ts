import { and, eq, gte, lt, sql } from "drizzle-orm";
import { schema, type Db } from "~/utils/db.server";

/**
 * Login throttling that slows guessing without letting anyone lock a person out (decision 712).
 *
 * - Per (account, client address) pair: the first FREE_PAIR_FAILURES failures cost nothing; each
 *   further one makes that pair wait before its next try — 1 s, 2 s, 4 s … up to MAX_DELAY_MS.
 *   Someone guessing from address A never slows the real user signing in from address B.
 * - Per address, only for spraying: once failures from one address have touched SPRAY_ACCOUNTS
 *   different accounts, every further failure from it makes the whole address wait, doubling the
 *   same way. People mistyping their own password never get there.
 * - A pair's failures are forgotten FORGET_AFTER_MS after its last one, or when it signs in.
 *
 * State lives in SQLite (`login_attempts`), so several processes share it. Rows:
 * `pair:<address> <email>` and `addr:<address>`; `window_started_at` is the first failure of the run,
 * `updated_at` the last, `locked_until` the earliest next try.
 */
export const FREE_PAIR_FAILURES = 3;
export const SPRAY_ACCOUNTS = 10;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const FORGET_AFTER_MS = 60 * 60 * 1000;

/** The wait after the n-th failure beyond the free ones (n ≥ 1): 1 s, 2 s, 4 s, … capped. */
export function delayFor(excess: number): number {
  if (excess <= 0) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(excess - 1, 30), MAX_DELAY_MS);
}

const addressOf = (ip: string | null) => (ip && ip.trim() !== "" ? ip.trim() : "unknown");
const pairKey = (email: string, ip: string | null) => `pair:${addressOf(ip)} ${email.trim().toLowerCase()}`;
const addressKey = (ip: string | null) => `addr:${addressOf(ip)}`;
/** Every pair key of one address sorts in [`pair:<a> `, `pair:<a>!`) (" " < "!"; an address has no spaces). */
const pairRange = (ip: string | null) => [`pair:${addressOf(ip)} `, `pair:${addressOf(ip)}!`] as const;

/** Milliseconds this email from this address must still wait before its next try (0: it may try now). */
export function retryAfter(db: Db, email: string, ip: string | null, now = Date.now()): number {
  const rows = db
    .select({ lockedUntil: schema.loginAttempts.lockedUntil, updatedAt: schema.loginAttempts.updatedAt })
    .from(schema.loginAttempts)
    .where(sql`${schema.loginAttempts.key} in (${pairKey(email, ip)}, ${addressKey(ip)})`)
    .all();
  let wait = 0;
  for (const row of rows) {
    if (now - row.updatedAt.getTime() > FORGET_AFTER_MS) continue;
    const until = row.lockedUntil?.getTime() ?? 0;
    if (until > now) wait = Math.max(wait, until - now);
  }
  return wait;
}

/** Records a failed sign-in of this email from this address, and what it now has to wait. */
export function recordFailure(db: Db, email: string, ip: string | null, now = Date.now()): void {
  const at = new Date(now);
  const forgotten = new Date(now - FORGET_AFTER_MS);
  db.transaction((tx) => {
    tx.delete(schema.loginAttempts).where(lt(schema.loginAttempts.updatedAt, forgotten)).run();

    const key = pairKey(email, ip);
    const pair = tx.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.key, key)).get();
    const failures = (pair?.failures ?? 0) + 1;
    const pairValues = {
      failures,
      windowStartedAt: pair?.windowStartedAt ?? at,
      lockedUntil: failures > FREE_PAIR_FAILURES ? new Date(now + delayFor(failures - FREE_PAIR_FAILURES)) : null,
      updatedAt: at,
    };
    tx.insert(schema.loginAttempts)
      .values({ key, ...pairValues, createdAt: at })
      .onConflictDoUpdate({ target: schema.loginAttempts.key, set: pairValues })
      .run();

    // how many different accounts this address has failed on, in the remembered period
    const [from, to] = pairRange(ip);
    const accounts = tx
      .select({ n: sql<number>`count(*)` })
      .from(schema.loginAttempts)
      .where(and(gte(schema.loginAttempts.key, from), lt(schema.loginAttempts.key, to), gte(schema.loginAttempts.updatedAt, forgotten)))
      .get()!.n;
    const addrKey = addressKey(ip);
    const addr = tx.select().from(schema.loginAttempts).where(eq(schema.loginAttempts.key, addrKey)).get();
    const addrValues = {
      failures: (addr?.failures ?? 0) + 1,
      windowStartedAt: addr?.windowStartedAt ?? at,
      lockedUntil: accounts >= SPRAY_ACCOUNTS ? new Date(now + delayFor(accounts - SPRAY_ACCOUNTS + 1)) : null,
      updatedAt: at,
    };
    tx.insert(schema.loginAttempts)
      .values({ key: addrKey, ...addrValues, createdAt: at })
      .onConflictDoUpdate({ target: schema.loginAttempts.key, set: addrValues })
      .run();
  });
}

/** A successful sign-in forgets that pair's failures (not the address's: a sprayer who guesses one right stays slowed). */
export function recordSuccess(db: Db, email: string, ip: string | null): void {
  db.delete(schema.loginAttempts)
    .where(eq(schema.loginAttempts.key, pairKey(email, ip)))
    .run();
}
