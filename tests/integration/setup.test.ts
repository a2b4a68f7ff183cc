/**
 * The first run: /setup creates the company profile and the first CEO while no user exists, is a
 * 404 afterwards, and two racing submissions create one CEO; every page leads to /setup meanwhile.
 * `npm run user:create` / `user:password` run as a person runs them (a child process on a real file).
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { requireUser } from "~/auth/guards.server";
import { verifyPassword } from "~/auth/password.server";
import { getCompanySettings } from "~/models/settings.server";
import { completeSetup } from "~/models/setup.server";
import { createSession, getUserBySessionId } from "~/models/users.server";
import { loader as rootLoader } from "~/root";
import { action as settingsAction } from "~/routes/settings._index";
import { action as setupAction, loader as setupLoader } from "~/routes/setup";
import { openDb } from "../../db/client";
import { insertTeam, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { args, cookieFor } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest((db) => db.transaction((tx) => seedReference(tx)));

const SETUP_FIELDS = {
  companyName: "Acme Robotics",
  currency: "USD",
  locale: "en-US",
  timeZone: "America/New_York",
  fiscalYearStartMonth: "4",
  name: "Grace Hopper",
  email: "Grace@Acme.test",
  password: "correct horse battery",
};

function post(url: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: cookie ? { Cookie: cookie } : {},
    body: new URLSearchParams(fields),
  });
}

/** The HTTP status of a returned or thrown Response / data(). */
async function outcome(run: () => Promise<unknown>): Promise<{ status: number; value: unknown }> {
  const statusOf = (v: unknown): number => {
    if (v instanceof Response) return v.status;
    if (v && typeof v === "object" && "init" in v) return (v as { init?: { status?: number } }).init?.status ?? 200;
    return 200;
  };
  try {
    const value = await run();
    return { status: statusOf(value), value };
  } catch (thrown) {
    return { status: statusOf(thrown), value: thrown };
  }
}

const count = (table: string) => t.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)).n;

describe("/setup", () => {
  it("an empty install has no company name, and every page leads to /setup", async () => {
    expect(getCompanySettings(t.db).companyName).toBe("");
    const root = await outcome(() => rootLoader(args(new Request("http://localhost/dashboards/executive"))));
    expect(root.status).toBe(302);
    expect((root.value as Response).headers.get("Location")).toBe("/setup");
    const guarded = await outcome(() => requireUser(new Request("http://localhost/budgets")));
    expect((guarded.value as Response).headers.get("Location")).toBe("/setup");
    // /setup itself renders
    expect((await outcome(() => setupLoader(args(new Request("http://localhost/setup"))))).status).toBe(200);
  });

  it("creates the company profile and the first CEO, signs them in, audits both, then answers 404", async () => {
    const res = await outcome(() => setupAction(args(post("/setup", SETUP_FIELDS))));
    expect(res.status).toBe(302);
    const response = res.value as Response;
    expect(response.headers.get("Location")).toBe("/");
    const sessionId = decodeURIComponent(response.headers.get("Set-Cookie")!.split(";")[0].split("=")[1]);
    expect(sessionId).toBeTruthy();

    const users = t.db.all<{ email: string; role: string; name: string; password_hash: string }>(sql`select * from users`);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: "grace@acme.test", role: "ceo", name: "Grace Hopper" });
    expect(await verifyPassword(users[0].password_hash, SETUP_FIELDS.password)).toBe(true);
    const s = getCompanySettings(t.db);
    expect(s).toMatchObject({ companyName: "Acme Robotics", currency: "USD", locale: "en-US", timeZone: "America/New_York", fiscalYearStartMonth: 4 });
    const audit = t.db.all<{ action: string; entity_type: string; after: string }>(sql`select action, entity_type, after from audit_log order by id`);
    expect(audit.map((a) => `${a.action}:${a.entity_type}`).sort()).toEqual(["setup:company_settings", "setup:user"]);
    expect(audit.some((a) => a.after.includes("password"))).toBe(false);

    // for ever after: 404 on both the page and its action, and the root no longer sends anyone to /setup
    expect((await outcome(() => setupLoader(args(new Request("http://localhost/setup"))))).status).toBe(404);
    expect((await outcome(() => setupAction(args(post("/setup", { ...SETUP_FIELDS, email: "other@acme.test" }))))).status).toBe(404);
    const root = await outcome(() => rootLoader(args(new Request("http://localhost/"))));
    expect(root.status).toBe(200);
    expect(count("users")).toBe(1);
  });

  it("refuses bad input with per-field messages, keeps the input (not the password), writes nothing", async () => {
    const res = await outcome(() =>
      setupAction(
        args(post("/setup", { ...SETUP_FIELDS, currency: "euro", timeZone: "Mars/Olympus", fiscalYearStartMonth: "13", password: "short", email: "nope" })),
      ),
    );
    expect(res.status).toBe(400);
    const reply = (res.value as { data: { fieldErrors: Record<string, string[]>; values: Record<string, string> } }).data;
    expect(Object.keys(reply.fieldErrors).sort()).toEqual(["currency", "email", "fiscalYearStartMonth", "password", "timeZone"]);
    expect(reply.fieldErrors.password).toEqual(["must be at least 12 characters"]);
    expect(reply.values.companyName).toBe("Acme Robotics");
    expect(reply.values.password).toBeUndefined();
    expect(count("users")).toBe(0);
    expect(getCompanySettings(t.db).companyName).toBe("");
  });

  it("two concurrent submissions create one CEO: the second is a 404", async () => {
    const [a, b] = await Promise.all([
      outcome(() => setupAction(args(post("/setup", { ...SETUP_FIELDS, email: "first@acme.test" })))),
      outcome(() => setupAction(args(post("/setup", { ...SETUP_FIELDS, email: "second@acme.test", companyName: "Other" })))),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 404]);
    expect(count("users")).toBe(1);
    const winner = a.status === 302 ? "first@acme.test" : "second@acme.test";
    expect(t.db.get<{ email: string }>(sql`select email from users`).email).toBe(winner);
    expect(count("audit_log")).toBe(2);
  });

  it("the transaction re-checks 'no user': a user created by another connection after the page's check wins", async () => {
    const other = openDb(t.file);
    try {
      // the page checked "no user" a moment ago; meanwhile another process creates one
      other.$client.prepare("insert into users (email, name, role, password_hash, created_at, updated_at) values ('x@y.test', 'X', 'ceo', '!', 0, 0)").run();
      expect(completeSetup(t.db, { ...SETUP_FIELDS, fiscalYearStartMonth: 4, passwordHash: "!" })).toBeNull();
      expect(count("users")).toBe(1);
      expect(getCompanySettings(t.db).companyName).toBe("");
    } finally {
      other.$client.close();
    }
  });

  it("waits for another connection's write lock instead of checking under it (BEGIN IMMEDIATE)", () => {
    const other = openDb(t.file);
    try {
      other.$client.pragma("busy_timeout = 0");
      t.db.$client.pragma("busy_timeout = 0");
      other.$client.prepare("BEGIN IMMEDIATE").run();
      // the check itself needs the write lock, so it cannot run while another writer holds it
      expect(() => completeSetup(t.db, { ...SETUP_FIELDS, fiscalYearStartMonth: 4, passwordHash: "!" })).toThrow(/locked|busy/i);
      other.$client.prepare("ROLLBACK").run();
      expect(completeSetup(t.db, { ...SETUP_FIELDS, fiscalYearStartMonth: 4, passwordHash: "!" })).not.toBeNull();
    } finally {
      other.$client.close();
    }
  });
});

describe("a team lead belongs to a team (settings)", () => {
  async function ceoCookie() {
    const ceo = insertUser(t.db, { role: "ceo" });
    return { ceo, cookie: await cookieFor(ceo.id) };
  }

  it("creating a lead without a team is refused next to the team field; with a team it is created", async () => {
    const { cookie } = await ceoCookie();
    const team = insertTeam(t.db, { name: "Core" });
    const fields = { intent: "create-user", email: "lead@acme.test", name: "Lead", role: "lead", password: "a long enough password" };
    const refused = await outcome(() => settingsAction(args(post("/settings", fields, cookie))));
    expect(refused.status).toBe(400);
    expect((refused.value as { data: { fieldErrors: Record<string, string[]> } }).data.fieldErrors.teamId).toEqual(["a team lead must belong to a team"]);
    expect(count("users")).toBe(1);
    const ok = await outcome(() => settingsAction(args(post("/settings", { ...fields, teamId: String(team.id) }, cookie))));
    expect(ok.status).toBe(200);
    expect(count("users")).toBe(2);
  });

  it("making a user lead without a team is refused", async () => {
    const { cookie } = await ceoCookie();
    const viewer = insertUser(t.db, { role: "viewer" });
    const res = await outcome(() =>
      settingsAction(args(post("/settings", { intent: "update-user", userId: String(viewer.id), name: "V", role: "lead", active: "on" }, cookie))),
    );
    expect(res.status).toBe(400);
    expect((res.value as { data: { fieldErrors: Record<string, string[]> } }).data.fieldErrors.teamId).toEqual(["a team lead must belong to a team"]);
    expect(t.db.get<{ role: string }>(sql`select role from users where id = ${viewer.id}`).role).toBe("viewer");
  });
});

describe("npm run user:create / user:password", () => {
  const root = path.resolve(__dirname, "../..");
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const run = promisify(execFile);
  async function script(name: string, argv: string[], env: Record<string, string>) {
    try {
      const { stdout, stderr } = await run(tsx, [path.join(root, "scripts", name), ...argv], {
        cwd: root,
        env: { ...process.env, DATABASE_PATH: t.file, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("creates users (a lead needs an existing team), refuses bad input, and the created user can sign in", async () => {
    insertTeam(t.db, { name: "Core" });
    const ok = await script("user-create.ts", ["--email", "Ada@Acme.test", "--name", "Ada", "--role", "ceo"], { TRACKER_PASSWORD: "a long enough password" });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Created user #\d+ ada@acme\.test/);

    const short = await script("user-create.ts", ["--email", "b@acme.test", "--name", "B", "--role", "cto"], { TRACKER_PASSWORD: "short" });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("password must be at least 12 characters");

    const noTeam = await script("user-create.ts", ["--email", "l@acme.test", "--name", "L", "--role", "lead"], { TRACKER_PASSWORD: "a long enough password" });
    expect(noTeam.code).toBe(1);
    expect(noTeam.stderr).toContain("--team a team lead must belong to a team");

    const unknownTeam = await script("user-create.ts", ["--email", "l@acme.test", "--name", "L", "--role", "lead", "--team", "Nowhere"], {
      TRACKER_PASSWORD: "a long enough password",
    });
    expect(unknownTeam.code).toBe(1);
    expect(unknownTeam.stderr).toContain('no team is named "Nowhere"');

    const lead = await script("user-create.ts", ["--email", "l@acme.test", "--name", "L", "--role", "lead", "--team", "core"], {
      TRACKER_PASSWORD: "a long enough password",
    });
    expect(lead.code).toBe(0);

    const dup = await script("user-create.ts", ["--email", "ADA@acme.test", "--name", "Ada 2", "--role", "viewer"], {
      TRACKER_PASSWORD: "a long enough password",
    });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("already has the email");

    const rows = t.db.all<{ email: string; role: string; team_id: number | null; password_hash: string }>(
      sql`select email, role, team_id, password_hash from users order by id`,
    );
    expect(rows.map((r) => [r.email, r.role, r.team_id !== null])).toEqual([
      ["ada@acme.test", "ceo", false],
      ["l@acme.test", "lead", true],
    ]);
    expect(await verifyPassword(rows[0].password_hash, "a long enough password")).toBe(true);
    // audited as the system (no person signed in to a shell)
    const audit = t.db.all<{ action: string; actor_user_id: number | null; actor_token_id: number | null }>(
      sql`select action, actor_user_id, actor_token_id from audit_log`,
    );
    expect(audit).toEqual([
      { action: "create", actor_user_id: null, actor_token_id: null },
      { action: "create", actor_user_id: null, actor_token_id: null },
    ]);
    // a user created this way on an empty install closes /setup
    expect((await outcome(() => setupLoader(args(new Request("http://localhost/setup"))))).status).toBe(404);
  }, 60_000);

  it("user:password sets a new password, reactivates the user and ends their sessions", async () => {
    const u = insertUser(t.db, { email: "lost@acme.test", role: "ceo", active: false });
    createSession(t.db, u.id, "a".repeat(64), Date.now() + 60_000);
    const res = await script("user-password.ts", ["--email", "LOST@acme.test"], { TRACKER_PASSWORD: "brand new password" });
    expect(res.code).toBe(0);
    const row = t.db.get<{ password_hash: string; active: number }>(sql`select password_hash, active from users where id = ${u.id}`);
    expect(await verifyPassword(row.password_hash, "brand new password")).toBe(true);
    expect(row.active).toBe(1);
    expect(getUserBySessionId(t.db, "a".repeat(64))).toBeNull();
    expect(t.db.get<{ action: string }>(sql`select action from audit_log`).action).toBe("password-reset");

    const unknown = await script("user-password.ts", ["--email", "nobody@acme.test"], { TRACKER_PASSWORD: "brand new password" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no user has the email nobody@acme.test");
  }, 60_000);

  it("token:create refuses unknown options and missing scopes with the usage, and prints a new token's secret once", async () => {
    const missing = await script("token-create.ts", ["--name", "ci"], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--scopes is required");
    expect(missing.stderr).toContain("Usage: npm run token:create");
    const unknown = await script("token-create.ts", ["--name", "ci", "--scopes", "deployments:write", "--bogus", "1"], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    const ok = await script("token-create.ts", ["--name", "ci", "--scopes", "deployments:write"], {});
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/Created API token #\d+ "ci" with scopes deployments:write/);
    expect(ok.stdout).toMatch(/itk_[A-Za-z0-9_-]{20,}/);
    expect(t.db.get<{ n: number }>(sql`select count(*) as n from api_tokens`).n).toBe(1);
  }, 60_000);
});
