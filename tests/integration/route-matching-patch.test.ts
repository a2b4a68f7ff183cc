/**
 * The route-matching patch (scripts/patches/@remix-run+router+1.23.3.patch, docs/decisions/743):
 * installed by `npm ci`'s postinstall, and matching as before — most specific route first, case
 * insensitive unless asked, and a route tree patched in place matched with its new routes.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import { describe, expect, it } from "vitest";

// The CommonJS build is the one the server loads (through @remix-run/server-runtime and react-router);
// Vite would resolve the ES module build, patched the same way, for the browser.
const require = createRequire(import.meta.url);
const { createMemoryHistory, createRouter, matchPath, matchRoutes } = require("@remix-run/router") as typeof Router;
type AgnosticRouteObject = Router.AgnosticRouteObject;

const ids = (matches: ReturnType<typeof matchRoutes>) => matches?.map((m) => m.route.id) ?? null;

describe("the patched @remix-run/router", () => {
  it("is installed patched, in the CommonJS and the ES module builds (npm ci ran patch-package)", () => {
    const main = require.resolve("@remix-run/router");
    for (const file of [main, main.replace(/router\.cjs\.js$/, "router.js")]) {
      const source = fs.readFileSync(file, "utf8");
      expect(source).toContain("rankedBranchesCache");
      expect(source).toContain("compiledPathCache");
      expect(source).toMatch(/^ {2}routeTreeVersion\+\+;$/m);
    }
  });

  const routes: AgnosticRouteObject[] = [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "okrs", path: "okrs", children: [{ id: "okrs-index", index: true }] },
        { id: "okr", path: "okrs/:objectiveId" },
        { id: "mine", path: "okrs/mine" },
        { id: "csv", path: "delivery/deployments.csv" },
        { id: "splat", path: "*" },
      ],
    },
  ];

  it("matches the most specific route first, the same on every call", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids(matchRoutes(routes, "/"))).toEqual(["root", "home"]);
      expect(ids(matchRoutes(routes, "/okrs"))).toEqual(["root", "okrs", "okrs-index"]);
      expect(ids(matchRoutes(routes, "/okrs/mine"))).toEqual(["root", "mine"]);
      expect(matchRoutes(routes, "/okrs/42")?.at(-1)?.params).toEqual({ objectiveId: "42", "*": undefined });
      expect(ids(matchRoutes(routes, "/delivery/deployments.csv"))).toEqual(["root", "csv"]);
      expect(ids(matchRoutes(routes, "/delivery/deploymentsXcsv"))).toEqual(["root", "splat"]);
      expect(ids(matchRoutes(routes, "/OKRS/MINE"))).toEqual(["root", "mine"]);
    }
  });

  it("keeps a compiled pattern's flags apart: case-sensitive, and prefix against whole-path matches", () => {
    expect(matchPath({ path: "/Okrs", caseSensitive: true }, "/okrs")).toBeNull();
    expect(matchPath({ path: "/Okrs", caseSensitive: false }, "/okrs")?.pathname).toBe("/okrs");
    expect(matchPath({ path: "/okrs", end: true }, "/okrs/mine")).toBeNull();
    expect(matchPath({ path: "/okrs", end: false }, "/okrs/mine")?.pathnameBase).toBe("/okrs");
    expect(matchPath("/okrs/:id", "/okrs/7")?.params).toEqual({ id: "7" });
    expect(matchPath("/okrs/:id", "/okrs/8")?.params).toEqual({ id: "8" });
  });

  it("matches routes patched into a tree in place (lazy route discovery) once they are there", () => {
    const router = createRouter({ routes: [{ id: "root", path: "/", children: [{ id: "a", path: "a" }] }], history: createMemoryHistory() });
    // The array matched before the patch: patchRoutes adds "b" to the root route it holds, in place.
    const tree = router.routes;
    expect(ids(matchRoutes(tree, "/a"))).toEqual(["root", "a"]);
    expect(matchRoutes(tree, "/b")).toBeNull();
    router.patchRoutes("root", [{ id: "b", path: "b" }]);
    expect(ids(matchRoutes(tree, "/b"))).toEqual(["root", "b"]);
    expect(ids(matchRoutes(router.routes, "/b"))).toEqual(["root", "b"]);
    router.dispose();
  });
});
