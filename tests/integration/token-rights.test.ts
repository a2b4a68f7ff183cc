/**
 * API token rights follow their creator's CURRENT role on every request, and a user revokes only
 * tokens whose scopes they could grant — through the real routes (settings page action, API actions)
 * on a migrated temp database.
 */
import { describe, expect, it } from "vitest";
import { canHoldScope, ROLES } from "~/auth/permissions";
import { API_SCOPES } from "~/models/tokens.server";
import { action as deploymentsAction } from "~/routes/api.v1.deployments";
import { action as importDeploymentsAction } from "~/routes/api.v1.import.deployments";
import { action as incidentsAction } from "~/routes/api.v1.incidents";
import { loader as doraLoader } from "~/routes/api.v1.metrics.dora";
import { loader as financeLoader } from "~/routes/api.v1.metrics.finance";
import { action as tokensAction, loader as tokensLoader } from "~/routes/settings.tokens";
import { insertUser } from "../../seeds/builders";
import { args, cookieFor, run } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const count = (table: string) => (t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const setRole = (userId: number, role: string) => t.db.$client.prepare("UPDATE users SET role = ? WHERE id = ?").run(role, userId);

/** Creates a token through the settings page, as the signed-in user; returns its secret and id. */
async function makeToken(cookie: string, scopes: string[]) {
  const body = new URLSearchParams([["intent", "create"], ["name", `t-${scopes.join("+")}`], ...scopes.map((s) => ["scopes", s] as [string, string])]);
  const res = await run(() => tokensAction(args(new Request("http://localhost/settings/tokens", { method: "POST", headers: { Cookie: cookie }, body }))));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const token = (res.body as { token: string }).token;
  const id = (t.db.$client.prepare("SELECT id FROM api_tokens ORDER BY id DESC LIMIT 1").get() as { id: number }).id;
  return { token, id };
}

function api(path: string, token: string, body?: unknown, type = "application/json") {
  return new Request(`http://localhost${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": type },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}
const deployment = (n: number) => ({ externalId: `b-${n}`, service: "api", status: "success", finishedAt: "2026-11-20T10:00:00Z" });

describe("the scope rule", () => {
  it("writes need the right to edit delivery data, finance:read a CEO, kpis:write the right to edit KPIs, metrics:read any user — role by role", () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, API_SCOPES.filter((s) => canHoldScope({ id: 1, role, teamId: null }, s))]));
    expect(table).toEqual({
      ceo: ["deployments:write", "incidents:write", "metrics:read", "finance:read", "import:write", "kpis:write"],
      cto: ["deployments:write", "incidents:write", "metrics:read", "import:write", "kpis:write"],
      lead: ["metrics:read", "kpis:write"],
      viewer: ["metrics:read"],
    });
  });
});

describe("a token acts with its creator's rights as they are now", () => {
  it("a CTO demoted to viewer: the token made as CTO can no longer write deployments, incidents or imports (403), still reads metrics; promoted back, it writes again", async () => {
    const cto = insertUser(t.db, { role: "cto" });
    const { token } = await makeToken(await cookieFor(cto.id), ["deployments:write", "incidents:write", "import:write", "metrics:read"]);
    expect((await deploymentsAction(args(api("/api/v1/deployments", token, deployment(1))))).status).toBe(201);

    setRole(cto.id, "viewer");
    const refused = await deploymentsAction(args(api("/api/v1/deployments", token, deployment(2))));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'The scope "deployments:write" of this token has lapsed: the person who made it may no longer use it.' });
    const incident = { externalId: "i-1", service: "api", title: "Down", severity: "SEV2", startedAt: "2026-11-20T11:00:00Z" };
    expect((await incidentsAction(args(api("/api/v1/incidents", token, incident)))).status).toBe(403);
    const csv =
      "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nc-1,api,production,success,,2026-11-20T12:00:00Z,,false,false\n";
    expect((await importDeploymentsAction(args(api("/api/v1/import/deployments", token, csv, "text/csv")))).status).toBe(403);
    expect(count("deployments")).toBe(1);
    expect(count("incidents")).toBe(0);
    expect((await doraLoader(args(api("/api/v1/metrics/dora", token)))).status).toBe(200);

    setRole(cto.id, "lead");
    expect((await deploymentsAction(args(api("/api/v1/deployments", token, deployment(3))))).status).toBe(403);
    setRole(cto.id, "cto");
    expect((await deploymentsAction(args(api("/api/v1/deployments", token, deployment(4))))).status).toBe(201);
  });

  it("a CEO's finance:read lapses when the CEO is no longer CEO, and everything stops when they are deactivated", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const { token } = await makeToken(await cookieFor(ceo.id), ["finance:read", "metrics:read"]);
    expect((await financeLoader(args(api("/api/v1/metrics/finance", token)))).status).not.toBe(403);
    setRole(ceo.id, "cto");
    expect((await financeLoader(args(api("/api/v1/metrics/finance", token)))).status).toBe(403);
    t.db.$client.prepare("UPDATE users SET active = 0 WHERE id = ?").run(ceo.id);
    expect((await doraLoader(args(api("/api/v1/metrics/dora", token)))).status).toBe(401);
  });

  it("a user grants only scopes they hold now: a CTO cannot make a finance:read token", async () => {
    const cto = insertUser(t.db, { role: "cto" });
    const body = new URLSearchParams([
      ["intent", "create"],
      ["name", "books"],
      ["scopes", "finance:read"],
      ["scopes", "metrics:read"],
    ]);
    const res = await run(() => tokensAction(args(new Request("http://localhost/settings/tokens", { method: "POST", headers: { Cookie: "" }, body }))));
    expect(res.status).toBe(302); // signed out: to the login page
    const signedIn = await run(async () =>
      tokensAction(args(new Request("http://localhost/settings/tokens", { method: "POST", headers: { Cookie: await cookieFor(cto.id) }, body }))),
    );
    expect(signedIn.status).toBe(400);
    expect(signedIn.body).toMatchObject({ fieldErrors: { scopes: ["you may not grant finance:read"] } });
    expect(count("api_tokens")).toBe(0);
  });
});

describe("revoking: only tokens whose scopes the user could grant", () => {
  it("a CTO cannot revoke the CEO's finance:read token (403, still active, no audit entry); the CEO can revoke the CTO's", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const cto = insertUser(t.db, { role: "cto" });
    const ceoCookie = await cookieFor(ceo.id);
    const ctoCookie = await cookieFor(cto.id);
    const books = await makeToken(ceoCookie, ["finance:read"]);
    const ci = await makeToken(ctoCookie, ["deployments:write"]);
    const ceoCi = await makeToken(ceoCookie, ["deployments:write", "metrics:read"]);
    const revoke = (cookie: string, tokenId: number) =>
      run(() =>
        tokensAction(
          args(
            new Request("http://localhost/settings/tokens", {
              method: "POST",
              headers: { Cookie: cookie },
              body: new URLSearchParams({ intent: "revoke", tokenId: String(tokenId) }),
            }),
          ),
        ),
      );
    const revocations = () => (t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'revoke'").get() as { n: number }).n;

    const refused = await revoke(ctoCookie, books.id);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ fieldErrors: { tokenId: ["you may revoke only tokens whose scopes you could grant"] } });
    expect(t.db.$client.prepare("SELECT revoked_at FROM api_tokens WHERE id = ?").get(books.id)).toEqual({ revoked_at: null });
    expect(revocations()).toBe(0);
    expect((await financeLoader(args(api("/api/v1/metrics/finance", books.token)))).status).not.toBe(401);

    // the list shows the Revoke button only where it works
    const list = await run(() => tokensLoader(args(new Request("http://localhost/settings/tokens", { headers: { Cookie: ctoCookie } }))));
    const revocable = Object.fromEntries((list.body as { tokens: { id: number; revocable: boolean }[] }).tokens.map((tk) => [tk.id, tk.revocable]));
    expect(revocable).toEqual({ [books.id]: false, [ci.id]: true, [ceoCi.id]: true });

    expect((await revoke(ctoCookie, ceoCi.id)).status).toBe(200); // a CTO may revoke a CEO's delivery token
    expect((await revoke(ceoCookie, ci.id)).status).toBe(200);
    expect((await revoke(ceoCookie, books.id)).status).toBe(200);
    expect(revocations()).toBe(3);
    expect((await deploymentsAction(args(api("/api/v1/deployments", ci.token, deployment(1))))).status).toBe(401);
  });
});
