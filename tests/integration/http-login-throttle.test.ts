/**
 * Login throttling through the real sign-in form over HTTP, behind a trusted proxy (TRUST_PROXY=1)
 * so each test can come from the address it needs (X-Forwarded-For). Real password checks.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { FIRST_DELAY_MS, FREE_PAIR_FAILURES, recordFailure, SPRAY_ACCOUNTS } from "~/auth/throttle.server";
import { insertUser } from "../../seeds/builders";
import { appPerFile } from "../helpers/http-app";

const t = appPerFile({ trustProxy: 1 });
const PASSWORD = "correct horse battery staple";
const CEO = "ceo@example.test";

beforeAll(async () => {
  insertUser(t.db, { role: "ceo", email: CEO, passwordHash: await hashPassword(PASSWORD) });
});
beforeEach(() => {
  t.db.$client.prepare("DELETE FROM login_attempts").run();
});

async function signIn(from: string, email: string, password: string) {
  const res = await fetch(`${t.server.url}/login`, {
    method: "POST",
    redirect: "manual",
    // an English browser: before sign-in the page speaks the browser's language (docs/decisions/023)
    headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": from, "Accept-Language": "en-GB,en;q=0.9" },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const html = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), tooMany: html.includes("Too many failed sign-in attempts") };
}

describe("login throttle", () => {
  it("an attacker on address A cannot lock out the real user on address B", async () => {
    // the attacker has been guessing from A for a while (12 failures: a wait of minutes on that pair) …
    for (let i = 0; i < 12; i++) recordFailure(t.db, CEO, "203.0.113.9");
    // … so from A even the right password is refused for now, without being checked
    const fromA = await signIn("203.0.113.9", CEO, PASSWORD);
    expect(fromA.status).toBe(429);
    expect(fromA.tooMany).toBe(true);
    expect(Number(fromA.retryAfter)).toBeGreaterThan(60);
    // the CEO, from their own address, signs in at once
    expect((await signIn("198.51.100.7", CEO, PASSWORD)).status).toBe(302);
  });

  it(`repeated failures on one pair are slowed: after ${FREE_PAIR_FAILURES} free ones, each try must wait (429 + Retry-After), then works`, async () => {
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) expect((await signIn("192.0.2.1", CEO, "typo")).status).toBe(400);
    expect((await signIn("192.0.2.1", CEO, "typo")).status).toBe(400); // the 4th failure: now 1 s to wait
    const early = await signIn("192.0.2.1", CEO, PASSWORD);
    expect(early).toMatchObject({ status: 429, retryAfter: "1", tooMany: true });
    await new Promise((r) => setTimeout(r, FIRST_DELAY_MS + 100));
    expect((await signIn("192.0.2.1", CEO, PASSWORD)).status).toBe(302);
  });

  it("the right password after a few failures within the limits works, and forgets them", async () => {
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) await signIn("192.0.2.2", CEO, "typo");
    expect((await signIn("192.0.2.2", CEO, PASSWORD)).status).toBe(302);
    for (let i = 0; i < FREE_PAIR_FAILURES; i++) expect((await signIn("192.0.2.2", CEO, "typo")).status).toBe(400);
  });

  it(`spraying ${SPRAY_ACCOUNTS}+ accounts from one address slows that address for every account; other addresses are not`, async () => {
    for (let i = 0; i < SPRAY_ACCOUNTS; i++) expect((await signIn("203.0.113.66", `victim${i}@example.test`, "Summer2026!")).status).toBe(400);
    const addressWait = () =>
      (t.db.$client.prepare("SELECT key, locked_until FROM login_attempts WHERE key = 'addr:203.0.113.66'").get() as { locked_until: number | null })
        .locked_until;
    expect(addressWait()).not.toBeNull(); // the address is now slowed …
    // … and keeps spraying (a few more accounts, recorded directly so the test does not race the 1 s wait)
    for (let i = 0; i < 5; i++) recordFailure(t.db, `more${i}@example.test`, "203.0.113.66");
    const next = await signIn("203.0.113.66", "another@example.test", "Summer2026!");
    expect(next.status).toBe(429);
    expect((await signIn("203.0.113.66", CEO, PASSWORD)).status).toBe(429);
    expect((await signIn("198.51.100.8", CEO, PASSWORD)).status).toBe(302);
  });
});
