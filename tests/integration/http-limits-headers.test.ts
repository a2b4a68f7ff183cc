/**
 * server/app.js over HTTP against the built app: body-size limits (413 early, nothing buffered),
 * security headers on pages, data, API and static files (CSP nonce on every script), no-store on
 * dynamic responses, sessions stored hashed, proxy trust, and the former 500s (?_data=, non-ASCII
 * redirect targets).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { insertUser } from "../../seeds/builders";
import { appPerFile, rowCounts, sessionCookie, startApp, TEST_BUILD_DIR, TEST_CONFIG } from "../helpers/http-app";

const t = appPerFile();
let ceoId: number;
const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  ceoId = insertUser(t.db, { role: "ceo", email: "ceo@example.test", passwordHash: await hashPassword(PASSWORD) }).id;
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Streams `total` bytes in 64 KiB chunks; resolves when the answer arrives, with how much had been written by then. */
function streamBody(url: string, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; writtenWhenAnswered: number }>((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const writtenWhenAnswered = written;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body, writtenWhenAnswered }));
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("body size limits (before any route reads the body)", () => {
  it("a 100 MB chunked form post to /login (signed out) is refused with 413 after about the limit, without buffering it", async () => {
    const heapBefore = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    const res = await streamBody(`${t.server.url}/login`, 100 * 1024 * 1024, {
      Origin: t.server.origin,
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(413);
    expect(res.body).toBe(`The request body is larger than ${TEST_CONFIG.maxBodyBytes.form} bytes.`);
    expect(res.writtenWhenAnswered).toBeLessThan(40 * 1024 * 1024);
    const grown = process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed - heapBefore;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it("a declared Content-Length over the limit is refused at once", async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${t.server.url}/login`, {
        method: "POST",
        headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(2 * 1024 * 1024) },
      });
      req.on("response", (r) => (r.resume(), resolve(r.statusCode!)));
      req.on("error", reject);
      req.write("email=a"); // the rest never comes: the answer must not wait for it
    });
    expect(res).toBe(413);
  });

  it("forms up to the limit pass; multipart uploads get the larger upload limit; the API its own (JSON 413)", async () => {
    const cookie = await sessionCookie(ceoId);
    const almost = form({ theme: "dark", redirectTo: "/", pad: "x".repeat(TEST_CONFIG.maxBodyBytes.form - 100) });
    const ok = await fetch(`${t.server.url}/resources/theme`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: almost,
    });
    expect(ok.status).toBe(302);

    const csv = new File(["key,date,value\n".padEnd(3 * 1024 * 1024, "#")], "big.csv", { type: "text/csv" });
    const upload = new FormData();
    upload.set("intent", "import");
    upload.set("file", csv);
    const up = await fetch(`${t.server.url}/kpis?index`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: t.server.origin, Cookie: cookie },
      body: upload,
    });
    expect(up.status).not.toBe(413); // 3 MB: over the form limit, under the upload limit — the route reads it
    const huge = new FormData();
    huge.set("file", new File([Buffer.alloc(TEST_CONFIG.maxBodyBytes.upload + 1)], "huge.csv", { type: "text/csv" }));
    const tooBig = await fetch(`${t.server.url}/kpis?index`, { method: "POST", headers: { Origin: t.server.origin, Cookie: cookie }, body: huge });
    expect(tooBig.status).toBe(413);

    const api = await fetch(`${t.server.url}/api/v1/deployments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer itk_x" },
      body: JSON.stringify({ pad: "x".repeat(TEST_CONFIG.maxBodyBytes.api) }),
    });
    expect(api.status).toBe(413);
    expect(await api.json()).toEqual({ error: `The request body is larger than ${TEST_CONFIG.maxBodyBytes.api} bytes.` });
  });
});

describe("security headers", () => {
  const common = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
  const nonceOf = (csp: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1];

  it("a page: CSP with a fresh nonce, and that nonce on every <script> (no inline script without it)", async () => {
    const cookie = await sessionCookie(ceoId);
    const seen = new Set<string>();
    for (const url of ["/login", "/dashboards/executive", "/dashboards/cto", "/okrs", "/hiring/employees"]) {
      const res = await fetch(`${t.server.url}${url}`, { headers: url === "/login" ? {} : { Cookie: cookie } });
      expect(res.status, url).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("script-src 'self' 'nonce-");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const nonce = nonceOf(csp)!;
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(seen.has(nonce), "a nonce is never reused").toBe(false);
      seen.add(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, url).toBeGreaterThanOrEqual(3);
      for (const tag of scripts) expect(tag, `${url}: ${tag}`).toContain(`nonce="${nonce}"`);
      for (const [name, value] of Object.entries(common)) expect(res.headers.get(name), `${url} ${name}`).toBe(value);
      expect(res.headers.get("strict-transport-security")).toBeNull(); // not in development/test
    }
  });

  it("authenticated pages, their .data and resource routes: Cache-Control private, no-store", async () => {
    const cookie = await sessionCookie(ceoId);
    for (const url of [
      "/dashboards/executive",
      "/dashboards/executive.data",
      "/hiring/employees",
      "/hiring/employees.data",
      "/hiring/employees.csv",
      "/login",
    ]) {
      const res = await fetch(`${t.server.url}${url}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.headers.get("cache-control"), url).toBe("private, no-store");
    }
  });

  it("static files carry the same security headers and keep their caching", async () => {
    const assets = fs.readdirSync(path.join(TEST_BUILD_DIR, "assets")).filter((f) => f.endsWith(".js"));
    for (const url of ["/favicon.svg", `/build/${assets[0]}`]) {
      const res = await fetch(`${t.server.url}${url}`);
      expect(res.status, url).toBe(200);
      for (const [name, value] of Object.entries(common)) expect(res.headers.get(name), `${url} ${name}`).toBe(value);
      expect(res.headers.get("content-security-policy"), url).toContain("default-src 'self'");
      expect(res.headers.get("cache-control"), url).toMatch(/^public, max-age=\d+/);
    }
  });

  it("API responses and refusals carry them too", async () => {
    for (const res of [
      await fetch(`${t.server.url}/api/v1/metrics/dora`),
      await fetch(`${t.server.url}/login`, { method: "POST", headers: { Origin: "http://evil.example" } }),
    ]) {
      for (const [name, value] of Object.entries(common)) expect(res.headers.get(name), name).toBe(value);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
  });

  it("HSTS in production", async () => {
    const prod = await startApp({ production: true });
    try {
      const res = await fetch(`${prod.url}/login`);
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const favicon = await fetch(`${prod.url}/favicon.svg`);
      expect(favicon.headers.get("strict-transport-security")).toBe("max-age=31536000");
    } finally {
      await prod.close();
    }
  });
});

describe("sessions are stored as the SHA-256 of their id", () => {
  it("a real sign-in: the raw id in the cookie appears nowhere in the sessions table, its hash does, and the cookie works", async () => {
    const res = await fetch(`${t.server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: "ceo@example.test", password: PASSWORD, redirectTo: "/okrs" }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/okrs");
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const rawId = JSON.parse(Buffer.from(decodeURIComponent(cookie.split("=")[1].split(".")[0]), "base64").toString("utf8")) as string;
    expect(rawId).toMatch(/^[0-9a-f]{64}$/);
    const ids = (t.db.$client.prepare("SELECT id FROM sessions").all() as { id: string }[]).map((r) => r.id);
    expect(ids).not.toContain(rawId);
    expect(ids).toContain(crypto.createHash("sha256").update(rawId).digest("hex"));
    expect(JSON.stringify(t.db.$client.prepare("SELECT * FROM sessions").all())).not.toContain(rawId);
    const page = await fetch(`${t.server.url}/okrs`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(page.status).toBe(200);
    // a cookie holding the stored hash instead of the id signs nobody in
    const logout = await fetch(`${t.server.url}/logout`, { method: "POST", redirect: "manual", headers: { Origin: t.server.origin, Cookie: cookie } });
    expect(logout.status).toBe(302);
    expect((await fetch(`${t.server.url}/okrs`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(302);
  });
});

describe("proxy trust (TRUST_PROXY)", () => {
  it("off (default): X-Forwarded-For is not the client address; the socket's is", async () => {
    await fetch(`${t.server.url}/login`, {
      method: "POST",
      headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.50" },
      body: form({ email: "nobody@example.test", password: "wrong-password" }),
    });
    const keys = (t.db.$client.prepare("SELECT key FROM login_attempts").all() as { key: string }[]).map((r) => r.key);
    expect(keys).toContain("pair:127.0.0.1 nobody@example.test");
    expect(keys.join()).not.toContain("203.0.113.50");
  });

  it("1 hop: the client address is X-Forwarded-For's, the origin X-Forwarded-Host/-Proto's; a sign-in through the proxy works", async () => {
    const proxied = await startApp({ trustProxy: 1 });
    try {
      const headers = {
        Origin: "https://tracker.example",
        "X-Forwarded-Host": "tracker.example",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "198.51.100.7",
        "Content-Type": "application/x-www-form-urlencoded",
      };
      const bad = await fetch(`${proxied.url}/login`, { method: "POST", headers, body: form({ email: "someone@example.test", password: "wrong-password" }) });
      expect(bad.status).toBe(400);
      const keys = (t.db.$client.prepare("SELECT key FROM login_attempts").all() as { key: string }[]).map((r) => r.key);
      expect(keys).toContain("pair:198.51.100.7 someone@example.test");
      const ok = await fetch(`${proxied.url}/login`, {
        method: "POST",
        redirect: "manual",
        headers,
        body: form({ email: "ceo@example.test", password: PASSWORD }),
      });
      expect(ok.status).toBe(302);
      expect(ok.headers.get("location")).toBe("/");
      // a foreign page posting through the same proxy is still refused
      const evil = await fetch(`${proxied.url}/login`, { method: "POST", headers: { ...headers, Origin: "https://evil.example" }, body: "" });
      expect(evil.status).toBe(403);
    } finally {
      await proxied.close();
    }
  });

  it("a proxy that rewrites Host and sends no X-Forwarded-Host: a clear 403 naming the fix, never a 500", async () => {
    const res = await fetch(`${t.server.url}/login`, {
      method: "POST",
      headers: { Origin: "https://tracker.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: "ceo@example.test", password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/X-Forwarded-Host.*TRUST_PROXY/);
  });
});

describe("former 500s", () => {
  it("?_data=<routeId> for every route answers 400 (the legacy data protocol is not used), signed in or out, never 500", async () => {
    const cookie = await sessionCookie(ceoId);
    const ids = Object.keys(t.server.build.routes);
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) {
      for (const url of [
        `/login?_data=${encodeURIComponent(id)}`,
        `/okrs/1?_data=${encodeURIComponent(id)}`,
        `/governance/compliance?_data=${encodeURIComponent(id)}`,
      ]) {
        for (const headers of [{ Cookie: cookie }, {}] as Record<string, string>[]) {
          const res = await fetch(`${t.server.url}${url}`, { headers, redirect: "manual" });
          expect(res.status, `${url} ${Object.keys(headers)}`).toBe(400);
        }
      }
    }
  });

  it("a redirect target with a character above U+00FF goes to / (the Location header threw)", async () => {
    const evil = "/。evil.example";
    const theme = await fetch(`${t.server.url}/resources/theme`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ theme: "dark", redirectTo: evil }),
    });
    expect(theme.status).toBe(302);
    expect(theme.headers.get("location")).toBe("/");
    expect((await fetch(`${t.server.url}/login?redirectTo=${encodeURIComponent(evil)}`)).status).toBe(200);
    const login = await fetch(`${t.server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ email: "ceo@example.test", password: PASSWORD, redirectTo: evil }),
    });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/");
  });

  it("nothing above wrote anything it should not have (no user created, no setting changed)", () => {
    expect(rowCounts().users).toBe(1);
  });
});
