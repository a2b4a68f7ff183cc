/**
 * The whole Remix app in the test process, from source: the real route modules, the real request
 * handler (`createRequestHandler`), `app/root.tsx` and `app/entry.server.tsx`, on the test database
 * installed by `createTestDb()`. A request goes through the same steps as in production (loaders,
 * actions, document rendering, status codes), minus the Express layer of `server.js`.
 *
 * With `browser()` a test reads a page's HTML, picks a form, edits it as a person would and posts
 * exactly the body a browser without JavaScript would send (see `html-forms.ts`).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { login } from "~/auth/session.server";
import { formsOf, type Control, type HtmlForm } from "./html-forms";

type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; file: string };

const FUTURE = { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: true };

let manifestCache: Record<string, ManifestRoute> | null = null;

/** The route manifest of `app/routes`, computed by Remix's own flat-routes convention. */
export function routeManifest(): Record<string, ManifestRoute> {
  if (!manifestCache) {
    const require = createRequire(import.meta.url);
    const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
      flatRoutes: (dir: string, ignored: string[]) => Record<string, ManifestRoute>;
    };
    manifestCache = { root: { id: "root", path: "", file: "root.tsx" }, ...flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.{ts,tsx}"]) };
  }
  return manifestCache;
}

type RouteObject = Parameters<typeof matchRoutes>[0][number];

function routeTree(manifest: Record<string, ManifestRoute>, parentId?: string): RouteObject[] {
  return Object.values(manifest)
    .filter((r) => r.parentId === parentId && r.id !== parentId)
    .map(
      (r) =>
        ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: r.index ? undefined : routeTree(manifest, r.id) }) as RouteObject,
    );
}

/** The route ids a URL matches (root first), e.g. ["root", "routes/okrs.$objectiveId"]. */
export function matchRouteIds(pathname: string): string[] {
  const manifest = routeManifest();
  const tree = routeTree(manifest, undefined); // the root route
  const matches = matchRoutes(tree, pathname) ?? [];
  return matches.map((m) => m.route.id!);
}

async function moduleOf(route: ManifestRoute) {
  if (route.id === "root") return import("~/root");
  return (await import(/* @vite-ignore */ path.resolve("app", route.file))) as Record<string, unknown>;
}

const handlers = new Map<string, ReturnType<typeof createRequestHandler>>();

/** A request handler over only the routes a URL matches (fast: no need to load all 60 modules). */
async function handlerFor(pathname: string) {
  const ids = matchRouteIds(pathname);
  const key = ids.join(">");
  let handler = handlers.get(key);
  if (!handler) {
    const manifest = routeManifest();
    const routes: ServerBuild["routes"] = {};
    const assets: Record<string, unknown> = {};
    // every ancestor chain of the matched routes, plus the index routes under them (?index posts)
    const wanted = new Set(ids);
    for (const r of Object.values(manifest)) if (r.index && r.parentId && wanted.has(r.parentId)) wanted.add(r.id);
    for (const id of wanted) {
      const r = manifest[id];
      const module = await moduleOf(r);
      routes[id] = { id, parentId: r.parentId, path: r.path, index: r.index, caseSensitive: r.caseSensitive, module: module as never };
      assets[id] = {
        id,
        parentId: r.parentId,
        path: r.path,
        index: r.index,
        caseSensitive: r.caseSensitive,
        module: `/build/${id}.js`,
        hasAction: "action" in module,
        hasLoader: "loader" in module,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: "ErrorBoundary" in module,
        imports: [],
        css: [],
      };
    }
    const build = {
      mode: "production",
      entry: { module: await import("~/entry.server") },
      routes,
      assets: { entry: { module: "/build/entry.client.js", imports: [] }, routes: assets, url: "/build/manifest.js", version: "test" },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future: FUTURE,
      isSpaMode: false,
    } as unknown as ServerBuild;
    handler = createRequestHandler(build, "production");
    handlers.set(key, handler);
  }
  return handler;
}

export const ORIGIN = "http://localhost";

/** Sends a request through the app (as server.js would, with the client's IP in the load context). */
export async function appRequest(request: Request): Promise<Response> {
  const handler = await handlerFor(new URL(request.url).pathname);
  return handler(request, { clientIp: "127.0.0.1" } as never);
}

/** A session cookie for a user, made by the real login code. */
export async function cookieFor(userId: number): Promise<string> {
  const res = await login(userId, "/");
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

export type PageResult = {
  status: number;
  url: string;
  /** redirect target, when the response is a redirect */
  location: string | null;
  html: string;
  forms: HtmlForm[];
};

async function toPage(res: Response, url: string): Promise<PageResult> {
  const html = res.headers.get("Content-Type")?.includes("text/html") ? await res.text() : "";
  return { status: res.status, url, location: res.headers.get("Location"), html, forms: html ? formsOf(html, url) : [] };
}

/**
 * A browser without JavaScript, signed in as one user: GET a page, pick one of its forms,
 * edit it, submit it. Redirects are not followed (the test reads `location`).
 */
export function browser(cookie: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(cookie ? { Cookie: cookie } : {}), "User-Agent": "Mozilla/5.0 (test)", ...extra });
  return {
    async get(pathAndQuery: string): Promise<PageResult> {
      const url = new URL(pathAndQuery, ORIGIN).toString();
      return toPage(await appRequest(new Request(url, { headers: headers() })), url);
    },
    /** Submits a form of a page: the body is the form's entry list, encoded as the browser encodes it. */
    async submit(form: HtmlForm, submitter?: Control | null): Promise<PageResult> {
      if (form.method !== "post") throw new Error(`${form.describe()} is not a POST form`);
      const { body, multipart } = form.body(submitter);
      const extra: Record<string, string> = multipart ? {} : { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" };
      const res = await appRequest(new Request(form.action, { method: "POST", headers: headers(extra), body }));
      return toPage(res, form.action);
    },
  };
}

/**
 * The one POST form of a page whose default entries include all the given name/value pairs
 * (e.g. `{ intent: "update-user", userId: "3" }`) and that posts to the page's own path (or to `to`);
 * throws with the page's forms listed otherwise.
 */
export function pickForm(page: PageResult, match: Record<string, string>, to: string = new URL(page.url).pathname): HtmlForm {
  const found = page.forms.filter((f) => {
    if (f.method !== "post" || new URL(f.action).pathname !== to) return false;
    const entries = f.entries();
    return Object.entries(match).every(([n, v]) => entries.some(([en, ev]) => en === n && ev === v));
  });
  if (found.length !== 1) {
    const list = page.forms
      .map(
        (f) =>
          `  ${f.describe()} ${JSON.stringify(
            f
              .entries()
              .filter(([, v]) => typeof v === "string")
              .slice(0, 4),
          )}`,
      )
      .join("\n");
    throw new Error(`${page.url} (status ${page.status}): ${found.length} forms match ${JSON.stringify(match)}; the page has:\n${list}`);
  }
  return found[0];
}
