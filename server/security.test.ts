/** The pure HTTP rules of server/security.js, case by case (the HTTP tests cover them end to end). */
import { describe, expect, it } from "vitest";
import { itMaps } from "../tests/helpers/mapping";
import { bodyLimitFor, isApiPath, ownOrigin, routedPathname, sameOriginVerdict } from "./security.js";

describe("routedPathname / isApiPath", () => {
  it.each([
    ["/api/v1/deployments", "/api/v1/deployments", true],
    ["/API/V1/deployments?x=1", "/API/V1/deployments", true],
    ["/api/v1/../../settings?index", "/settings", false],
    ["/api/v1/%2e%2e/%2E%2E/settings", "/settings", false],
    ["/api/v1/deployments.data", "/api/v1/deployments.data", false],
    ["/api/v10/x", "/api/v10/x", false],
    ["//evil.example/x", "//evil.example/x", false],
    ["//x/api/v1/deployments", "//x/api/v1/deployments", false],
    ["http://x/api/v1/deployments", "/", false],
  ])("%s → %s (API: %s)", (raw, path, api) => {
    expect(routedPathname(raw)).toBe(path);
    expect(isApiPath(routedPathname(raw))).toBe(api);
  });
});

describe("ownOrigin", () => {
  itMaps("%j → %s", ownOrigin, [
    [{ protocol: "http", host: "localhost:3000", trusted: false }, "http://localhost:3000"],
    [{ protocol: "http", host: "tracker.example:80", trusted: false }, "http://tracker.example"],
    [{ protocol: "http", host: "[::1]:3000", trusted: false }, "http://[::1]:3000"],
    // forwarded headers count only from a trusted proxy, first value
    [{ protocol: "http", host: "127.0.0.1:3000", forwardedHost: "evil.example", forwardedProto: "https", trusted: false }, "http://127.0.0.1:3000"],
    [
      { protocol: "http", host: "127.0.0.1:3000", forwardedHost: "tracker.example, other", forwardedProto: "https,http", trusted: true },
      "https://tracker.example",
    ],
    [{ protocol: "http", host: "127.0.0.1:3000", trusted: true }, "http://127.0.0.1:3000"],
    // missing or malformed hosts give no origin (→ 400 / 403), never a URL elsewhere
    [{ protocol: "http", host: undefined, trusted: false }, null],
    [{ protocol: "http", host: "evil.example/path", trusted: false }, null],
    [{ protocol: "http", host: "user@evil.example", trusted: false }, null],
    [{ protocol: "http", host: "a b", trusted: false }, null],
    [{ protocol: "http", host: "x", forwardedProto: "javascript", trusted: true }, null],
  ]);
});

describe("sameOriginVerdict", () => {
  const own = "https://tracker.example";
  const verdict = (method: string, pathname: string, headers: Record<string, string>, origin: string | null = own) =>
    sameOriginVerdict({ method, pathname, origin, headers }).ok;
  it("safe methods and the token API are not checked", () => {
    expect(verdict("GET", "/settings", { origin: "http://evil.example" })).toBe(true);
    expect(verdict("HEAD", "/settings", {})).toBe(true);
    expect(verdict("OPTIONS", "/settings", {})).toBe(true);
    expect(verdict("POST", "/api/v1/deployments", { origin: "http://evil.example" })).toBe(true);
  });
  it.each([
    [{ origin: own }, true],
    [{ origin: `${own}/` }, true],
    [{ origin: "https://TRACKER.example" }, true],
    [{ origin: "https://tracker.example:443" }, true],
    [{ origin: "http://tracker.example" }, false],
    [{ origin: "https://tracker.example.evil.example" }, false],
    [{ origin: "null" }, false],
    [{ origin: "" }, false],
    [{ origin: "garbage" }, false],
    [{ origin: "http://evil.example", secFetchSite: "same-origin" }, false], // Origin wins
    [{ secFetchSite: "same-origin" }, true],
    [{ secFetchSite: "none" }, true],
    [{ secFetchSite: "same-site" }, false],
    [{ secFetchSite: "cross-site", referer: `${own}/risks` }, false],
    [{ referer: `${own}/risks` }, true],
    [{ referer: "https://evil.example/" }, false],
    [{}, false],
  ])("POST with %j → %s", (headers, ok) => {
    expect(verdict("POST", "/risks/1", headers)).toBe(ok);
    expect(verdict("DELETE", "/risks/1.data", headers)).toBe(ok);
  });
  it("without an own origin nothing passes", () => {
    expect(verdict("POST", "/login", { origin: own }, null)).toBe(false);
  });
});

describe("bodyLimitFor", () => {
  const limits = { api: 5, form: 1, upload: 6 };
  it.each([
    ["/api/v1/deployments", "application/json", 5],
    ["/api/v1/import/budget-lines", "text/csv", 5],
    ["/login", "application/x-www-form-urlencoded", 1],
    ["/login", undefined, 1],
    ["/budgets", "multipart/form-data; boundary=x", 6],
    ["/budgets", "Multipart/Form-Data;boundary=x", 6],
    ["/api/v1/deployments.data", "multipart/form-data; boundary=x", 6],
  ])("%s %s → %i", (pathname, contentType, limit) => {
    expect(bodyLimitFor({ pathname, contentType }, limits)).toBe(limit);
  });
});
