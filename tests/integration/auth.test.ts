/** Login throttling and database sessions, on a real temporary database. */
import { describe, expect, it } from "vitest";
import {
  delayFor,
  FIRST_DELAY_MS,
  FORGET_AFTER_MS,
  FREE_PAIR_FAILURES,
  MAX_DELAY_MS,
  recordFailure,
  recordSuccess,
  retryAfter,
  SPRAY_ACCOUNTS,
} from "~/auth/throttle.server";
import { authenticateToken, createApiToken } from "~/models/tokens.server";
import { createSession, getUserBySessionId } from "~/models/users.server";
import { insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const T = Date.UTC(2026, 10, 22, 9);

describe("login throttling (per account and address pair; addresses only when spraying)", () => {
  const failTimes = (email: string, ip: string | null, n: number, from = T) => {
    for (let i = 0; i < n; i++) recordFailure(t.db, email, ip, from + i);
  };

  it(`the first ${FREE_PAIR_FAILURES} failures of a pair cost nothing; each further one doubles the wait (1 s, 2 s, 4 s …)`, () => {
    failTimes("ceo@example.test", "10.0.0.1", FREE_PAIR_FAILURES);
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.1", T + 10)).toBe(0);
    recordFailure(t.db, "Ceo@Example.test", "10.0.0.1", T + 10); // the same pair, whatever the case of the email
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.1", T + 10)).toBe(FIRST_DELAY_MS);
    recordFailure(t.db, "ceo@example.test", "10.0.0.1", T + 20);
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.1", T + 20)).toBe(2 * FIRST_DELAY_MS);
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.1", T + 20 + 2 * FIRST_DELAY_MS)).toBe(0);
    expect([1, 2, 3, 4, 5, 30].map(delayFor)).toEqual([1000, 2000, 4000, 8000, 16000, MAX_DELAY_MS]);
  });

  it("an attacker on address A cannot slow down, let alone lock out, the same account on address B", () => {
    failTimes("ceo@example.test", "203.0.113.9", 40);
    expect(retryAfter(t.db, "ceo@example.test", "203.0.113.9", T + 100)).toBeGreaterThanOrEqual(60_000);
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.2", T + 100)).toBe(0);
  });

  it("a colleague at the same address is not slowed by someone else's typos", () => {
    failTimes("typo@example.test", "10.0.0.1", 8);
    expect(retryAfter(t.db, "typo@example.test", "10.0.0.1", T + 10)).toBeGreaterThan(0);
    expect(retryAfter(t.db, "ceo@example.test", "10.0.0.1", T + 10)).toBe(0);
  });

  it(`an address spraying ${SPRAY_ACCOUNTS} or more accounts is slowed for every account, other addresses are not`, () => {
    for (let i = 0; i < SPRAY_ACCOUNTS - 1; i++) recordFailure(t.db, `user${i}@example.test`, "10.6.6.6", T + i);
    expect(retryAfter(t.db, "fresh@example.test", "10.6.6.6", T + 100)).toBe(0);
    recordFailure(t.db, "one-more@example.test", "10.6.6.6", T + 100);
    expect(retryAfter(t.db, "fresh@example.test", "10.6.6.6", T + 100)).toBe(FIRST_DELAY_MS);
    for (let i = 0; i < 5; i++) recordFailure(t.db, `more${i}@example.test`, "10.6.6.6", T + 200 + i);
    expect(retryAfter(t.db, "fresh@example.test", "10.6.6.6", T + 204)).toBe(delayFor(6));
    expect(retryAfter(t.db, "fresh@example.test", "10.0.0.2", T + 204)).toBe(0);
  });

  it("failures are forgotten an hour after the pair's last one, and a sign-in forgets them at once", () => {
    failTimes("a@example.test", "10.0.0.3", 6);
    expect(retryAfter(t.db, "a@example.test", "10.0.0.3", T + 10)).toBeGreaterThan(0);
    recordFailure(t.db, "a@example.test", "10.0.0.3", T + FORGET_AFTER_MS + 1000); // the old run is dropped: 1 failure
    expect(retryAfter(t.db, "a@example.test", "10.0.0.3", T + FORGET_AFTER_MS + 1000)).toBe(0);
    failTimes("b@example.test", null, FREE_PAIR_FAILURES);
    recordSuccess(t.db, "B@example.test", null);
    recordFailure(t.db, "b@example.test", null, T + 10);
    expect(retryAfter(t.db, "b@example.test", null, T + 10)).toBe(0);
  });
});

describe("sessions", () => {
  it("a session is valid until it expires, and never for a deactivated user", () => {
    const user = insertUser(t.db, { email: "s@example.test" });
    const now = Date.now();
    createSession(t.db, user.id, "a".repeat(64), now + 60_000);
    expect(getUserBySessionId(t.db, "a".repeat(64), now)?.id).toBe(user.id);
    expect(getUserBySessionId(t.db, "a".repeat(64), now + 60_000)).toBeNull(); // expired
    expect(getUserBySessionId(t.db, "b".repeat(64), now)).toBeNull(); // unknown
    t.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(user.id);
    expect(getUserBySessionId(t.db, "a".repeat(64), now)).toBeNull();
  });
});

describe("API tokens act with their creator's rights as they are now", () => {
  it("finance:read only while the creator is a CEO; nothing once the creator is deactivated", () => {
    const ceo = insertUser(t.db, { email: "boss@example.test", role: "ceo" });
    const { token } = createApiToken(t.db, { name: "books", scopes: ["finance:read", "metrics:read"], createdByUserId: ceo.id }, null);
    expect(authenticateToken(t.db, token)?.scopes).toEqual(["finance:read", "metrics:read"]);
    t.db.$client.prepare("UPDATE users SET role = 'cto' WHERE id = ?").run(ceo.id); // demoted
    expect(authenticateToken(t.db, token)?.scopes).toEqual(["metrics:read"]);
    t.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(ceo.id); // left the company
    expect(authenticateToken(t.db, token)).toBeNull();
  });

  it("a server-made token (no creator) works, but never reads finance", () => {
    const { token } = createApiToken(t.db, { name: "ci", scopes: ["deployments:write", "finance:read"], createdByUserId: null }, null);
    expect(authenticateToken(t.db, token)?.scopes).toEqual(["deployments:write"]);
    expect(authenticateToken(t.db, `${token}x`)).toBeNull();
  });
});
