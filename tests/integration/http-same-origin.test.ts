/**
 * The same-origin (CSRF) rule of server/app.js, over HTTP against the built app: every route that
 * exports an action (enumerated from the build, so a new route is covered without touching this
 * file), under every URL shape that reaches it, refuses a foreign origin with a 403 and writes
 * nothing; the same request from the app's own origin reaches the route.
 */
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWebhookSource } from "~/models/webhooks.server";
import { insertRisk, insertUser } from "../../seeds/builders";
import { appPerFile, actionRouteUrls, rowCounts, sessionCookie } from "../helpers/http-app";

const t = appPerFile();
let build: ServerBuild;
let cookie: string;
let riskId: number;
let ceoId: number;

beforeAll(async () => {
  build = t.server.build;
  ceoId = insertUser(t.db, { role: "ceo", email: "ceo@example.test" }).id;
  riskId = insertRisk(t.db, { title: "Key person leaves" }).id;
});
// a fresh session for every test (the same-origin sweep posts to /logout too)
beforeEach(async () => {
  cookie = await sessionCookie(ceoId);
});

const REFUSED = /^(\{"error":")?Cross-origin request refused/;

function post(
  url: string,
  headers: Record<string, string>,
  body = "intent=create-user&email=evil%40example.test&name=Evil&role=ceo&password=aaaaaaaaaaaaaaaa",
) {
  return fetch(`${t.server.url}${url}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

describe("every action route, every URL shape", () => {
  it("the enumeration finds the action routes (a new route file with an action is covered by itself)", () => {
    const ids = actionRouteUrls(build).map((r) => r.routeId);
    expect(ids).toEqual(
      expect.arrayContaining(["routes/settings._index", "routes/risks.$riskId", "routes/login", "routes/resources.theme", "routes/okrs._index"]),
    );
    expect(ids.length).toBeGreaterThanOrEqual(25);
    // the token API is exempt from the origin rule (bearer tokens only), and tested in its own block below
    expect(ids.filter((id) => id.startsWith("routes/api.v1"))).not.toHaveLength(0);
  });

  it("a foreign Origin gets a 403 (never a 500) and nothing is written", async () => {
    const before = rowCounts();
    const seen: string[] = [];
    for (const { routeId, urls } of actionRouteUrls(build)) {
      if (routeId.startsWith("routes/api.v1")) continue;
      for (const url of urls) {
        const res = await post(url, { Origin: "http://evil.example" });
        const text = await res.text();
        expect(res.status, `${routeId} ${url}`).toBe(403);
        expect(text, `${routeId} ${url}`).toMatch(REFUSED);
        seen.push(url);
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(80);
    expect(rowCounts()).toEqual(before);
  });

  it("the same requests from the app's own origin do reach the routes (the 403 above is the rule, not the route)", async () => {
    for (const { routeId, urls } of actionRouteUrls(build)) {
      if (routeId.startsWith("routes/api.v1")) continue;
      for (const url of urls.filter((u) => !u.includes("_data="))) {
        const res = await post(url, { Origin: t.server.origin }, "intent=nothing-known");
        const text = await res.text();
        expect(text, `${routeId} ${url}`).not.toMatch(REFUSED);
        expect(res.status, `${routeId} ${url}: ${text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });

  it("the reported attacks: create a CEO account through ?index&_data=, close a risk through ?_data=", async () => {
    const users = rowCounts().users;
    const a = await post("/settings?index&_data=routes%2Fsettings._index", { Origin: "http://evil.example" });
    expect(a.status).toBe(403);
    const b = await post(`/risks/${riskId}?_data=routes%2Frisks.%24riskId`, { Origin: "http://evil.example" }, "intent=status&status=closed");
    expect(b.status).toBe(403);
    const c = await post(`/risks/${riskId}.data`, { Origin: "http://evil.example" }, "intent=status&status=closed");
    expect(c.status).toBe(403);
    expect(rowCounts().users).toBe(users);
    expect(t.db.$client.prepare("SELECT status FROM risks WHERE id = ?").get(riskId)).toEqual({ status: "open" });
    // … and the same close from the app itself works
    const ok = await post(`/risks/${riskId}`, { Origin: t.server.origin }, "intent=status&status=closed");
    expect(ok.status).toBe(200);
    expect(t.db.$client.prepare("SELECT status FROM risks WHERE id = ?").get(riskId)).toEqual({ status: "closed" });
  });

  it("other methods (PUT, PATCH, DELETE) follow the same rule", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await fetch(`${t.server.url}/risks/${riskId}`, { method, headers: { Cookie: cookie, Origin: "http://evil.example" } });
      expect(res.status, method).toBe(403);
    }
  });
});

describe("what counts as the app's own origin", () => {
  const cases: [string, Record<string, string>, number][] = [
    ["Origin: null (sandboxed frame, data: URL)", { Origin: "null" }, 403],
    ["a look-alike origin (another port)", { Origin: "http://127.0.0.1:1" }, 403],
    ["another scheme", { Origin: "https://127.0.0.1" }, 403],
    ["no Origin, Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }, 403],
    ["no Origin, Sec-Fetch-Site: same-site (a sibling subdomain)", { "Sec-Fetch-Site": "same-site" }, 403],
    ["no Origin, a foreign Referer", { Referer: "http://evil.example/page" }, 403],
    ["no Origin, no Sec-Fetch-Site, no Referer", {}, 403],
    ["no Origin, Sec-Fetch-Site: same-origin", { "Sec-Fetch-Site": "same-origin" }, 200],
    ["no Origin, Sec-Fetch-Site: none (typed by the user)", { "Sec-Fetch-Site": "none" }, 200],
    ["no Origin, a same-origin Referer", { Referer: "SELF/risks" }, 200],
  ];
  it.each(cases.map(([name, headers, status]) => ({ name, headers, status })))("$name → $status", async ({ headers, status }) => {
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace("SELF", t.server.origin)]));
    const res = await post(`/risks/${riskId}`, h, "intent=status&status=open");
    expect(res.status).toBe(status);
  });

  it("untrusted X-Forwarded-Host cannot make a foreign origin look like ours (TRUST_PROXY off)", async () => {
    const res = await post(`/risks/${riskId}`, { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" });
    expect(res.status).toBe(403);
  });

  it("odd spellings of a path cannot reach a page through the exempt /api/v1/ prefix, and never cause a 500", async () => {
    const { request } = await import("node:http");
    const rawPost = (path: string) =>
      new Promise<{ status: number; type: string }>((resolve, reject) => {
        const req = request({
          host: "127.0.0.1",
          port: new URL(t.server.url).port,
          path,
          method: "POST",
          headers: { Cookie: cookie, Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
        });
        req.on("response", (res) => (res.resume(), resolve({ status: res.statusCode!, type: String(res.headers["content-type"]) })));
        req.on("error", reject);
        req.end("intent=settings");
      });
    const settings = JSON.stringify(rowCounts());
    // dot segments are resolved before the rule looks at the path, as the router resolves them
    expect((await rawPost("/api/v1/../../settings?index")).status).toBe(403);
    expect((await rawPost("/api/v1/%2e%2e/%2E%2E/settings?index")).status).toBe(403);
    // ".data" is the page-data protocol, never the API's: not exempt
    expect((await rawPost("/api/v1/deployments.data")).status).toBe(403);
    // an encoded slash is no separator: an unknown API path, a JSON 404 (was the HTML page's 500)
    expect(await rawPost("/api/v1/..%2F../settings?index")).toEqual({ status: 404, type: "application/json; charset=utf-8" });
    expect(await rawPost("/API/V1/nothing-here")).toEqual({ status: 404, type: "application/json; charset=utf-8" });
    // a leading "//" is a path, not another host: not under /api/v1/, so checked
    expect((await rawPost("//x/api/v1/deployments")).status).toBe(403);
    // an absolute-form target (proxy syntax) is no path of this app
    const absolute = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: new URL(t.server.url).port, path: "http://evil.example/api/v1/deployments", method: "GET" });
      req.on("response", (res) => (res.resume(), resolve(res.statusCode!)));
      req.on("error", reject);
      req.end();
    });
    expect(absolute).toBe(400);
    expect(JSON.stringify(rowCounts())).toBe(settings);
  });

  it("a Host with an explicit default port, as some proxies send it, is the same origin (Remix's own check agrees: no 500)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port: new URL(t.server.url).port,
        path: `/risks/${riskId}`,
        method: "POST",
        headers: { Host: "tracker.example:80", Origin: "http://tracker.example", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      });
      req.on("response", (res) => (res.resume(), resolve(res.statusCode!)));
      req.on("error", reject);
      req.end("intent=status&status=open");
    });
    expect(status).toBe(200);
  });
});

describe("the token API: exempt from the origin rule, and a cookie never authenticates it", () => {
  it("every /api/v1 action answers 401 to a signed-in browser without a bearer token (a webhook: without its signature), whatever its Origin", async () => {
    // webhook source #1 exists: its URL answers 401 (bad signature), not 404
    createWebhookSource(t.db, ceoId, {
      kind: "github",
      name: "GitHub",
      productionEnvironment: "production",
      serviceLabel: "service",
      defaultServiceId: null,
      mappings: [],
    });
    const before = rowCounts();
    for (const { routeId, urls } of actionRouteUrls(build)) {
      if (!routeId.startsWith("routes/api.v1") || routeId === "routes/api.v1.$") continue;
      for (const origin of ["http://evil.example", t.server.origin]) {
        const res = await fetch(`${t.server.url}${urls[0]}`, {
          method: "POST",
          headers: { Cookie: cookie, Origin: origin, "Content-Type": routeId.includes("import") ? "text/csv" : "application/json" },
          body: routeId.includes("import") ? "a,b\n1,2\n" : "{}",
        });
        expect(res.status, `${routeId} from ${origin}`).toBe(401);
      }
    }
    // nothing written but the webhook source's log of the two refused deliveries
    const after = rowCounts();
    expect(after.webhook_deliveries - before.webhook_deliveries).toBe(2);
    expect({ ...after, webhook_deliveries: before.webhook_deliveries }).toEqual(before);
  });
});
