/** Login throttling and database sessions, on a real temporary database. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { clearFailures, lockedFor, LOCK_MS, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, recordFailure, throttleKeys, WINDOW_MS } from "~/auth/throttle.server";
import { authenticateToken, createApiToken } from "~/models/tokens.server";
import { createSession, getUserBySessionId } from "~/models/users.server";
import { insertUser } from "../../seeds/builders";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

const T = Date.UTC(2026, 10, 22, 9);

describe("login throttling", () => {
  it(`locks an email after ${MAX_FAILURES} failures in the window, for ${LOCK_MS / 60_000} minutes`, () => {
    const keys = throttleKeys("Ceo@Example.test", "10.0.0.1");
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordFailure(db, keys, T + i);
    expect(lockedFor(db, keys, T + 10)).toBe(0);
    recordFailure(db, keys, T + 10);
    expect(lockedFor(db, keys, T + 10)).toBe(LOCK_MS);
    // the same email from another address is refused too (the email key is locked), case-insensitive
    expect(lockedFor(db, throttleKeys("ceo@example.test", "10.9.9.9"), T + 20)).toBeGreaterThan(0);
    // … until the lock expires
    expect(lockedFor(db, keys, T + 10 + LOCK_MS)).toBe(0);
  });

  it("failures spread over more than the window do not add up", () => {
    const keys = throttleKeys("a@example.test", null);
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordFailure(db, keys, T + i);
    recordFailure(db, keys, T + WINDOW_MS + 1000); // a new window starts: 1 failure
    expect(lockedFor(db, keys, T + WINDOW_MS + 2000)).toBe(0);
  });

  it("a colleague at the same address is not locked out by someone else's failures", () => {
    for (let i = 0; i < MAX_FAILURES; i++) recordFailure(db, throttleKeys("typo@example.test", "10.0.0.1"), T + i);
    expect(lockedFor(db, throttleKeys("typo@example.test", "10.0.0.1"), T + 10)).toBeGreaterThan(0);
    expect(lockedFor(db, throttleKeys("ceo@example.test", "10.0.0.1"), T + 10)).toBe(0);
  });

  it(`an address spraying many emails is locked after ${MAX_FAILURES_PER_ADDRESS} failures`, () => {
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) recordFailure(db, throttleKeys(`user${i}@example.test`, "10.6.6.6"), T + i);
    expect(lockedFor(db, throttleKeys("fresh@example.test", "10.6.6.6"), T + 100)).toBeGreaterThan(0);
    expect(lockedFor(db, throttleKeys("fresh@example.test", "10.0.0.2"), T + 100)).toBe(0);
  });

  it("a successful login clears the email's failures", () => {
    const keys = throttleKeys("b@example.test", null);
    for (let i = 0; i < MAX_FAILURES - 1; i++) recordFailure(db, keys, T + i);
    clearFailures(db, "B@example.test");
    recordFailure(db, keys, T + 10);
    expect(lockedFor(db, keys, T + 10)).toBe(0);
  });
});

describe("sessions", () => {
  it("a session is valid until it expires, and never for a deactivated user", () => {
    const user = insertUser(db, { email: "s@example.test" });
    const now = Date.now();
    createSession(db, user.id, "a".repeat(64), now + 60_000);
    expect(getUserBySessionId(db, "a".repeat(64), now)?.id).toBe(user.id);
    expect(getUserBySessionId(db, "a".repeat(64), now + 60_000)).toBeNull(); // expired
    expect(getUserBySessionId(db, "b".repeat(64), now)).toBeNull(); // unknown
    db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(user.id);
    expect(getUserBySessionId(db, "a".repeat(64), now)).toBeNull();
  });
});

describe("API tokens act with their creator's rights as they are now", () => {
  it("finance:read only while the creator is a CEO; nothing once the creator is deactivated", () => {
    const ceo = insertUser(db, { email: "boss@example.test", role: "ceo" });
    const { token } = createApiToken(db, { name: "books", scopes: ["finance:read", "metrics:read"], createdByUserId: ceo.id }, null);
    expect(authenticateToken(db, token)?.scopes).toEqual(["finance:read", "metrics:read"]);
    db.$client.prepare("UPDATE users SET role = 'cto' WHERE id = ?").run(ceo.id); // demoted
    expect(authenticateToken(db, token)?.scopes).toEqual(["metrics:read"]);
    db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(ceo.id); // left the company
    expect(authenticateToken(db, token)).toBeNull();
  });

  it("a server-made token (no creator) works, but never reads finance", () => {
    const { token } = createApiToken(db, { name: "ci", scopes: ["deployments:write", "finance:read"], createdByUserId: null }, null);
    expect(authenticateToken(db, token)?.scopes).toEqual(["deployments:write"]);
    expect(authenticateToken(db, `${token}x`)).toBeNull();
  });
});
