/**
 * The production HTTP stack in-process: the app is built once per source state (`remix build` into
 * tests/.tmp/build-vitest, reused while app/ is unchanged), and server/app.js's createApp() serves
 * it on an ephemeral port. The built code uses the test's database (createTestDb() installs it as
 * the process-wide connection: call it BEFORE startApp()); appPerFile() does both for a test file.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll } from "vitest";
import type { ServerConfig } from "~/utils/env.server";
import type { Db } from "../../db/client";
import { createApp } from "../../server/app.js";
import { createTestDb } from "./db";

const ROOT = process.cwd();
const TMP = path.join(ROOT, "tests/.tmp");
export const TEST_BUILD_DIR = "tests/.tmp/build-vitest";
const BUILD_PATH = path.join(ROOT, TEST_BUILD_DIR);
const LOCK = path.join(TMP, "build-vitest.lock");

function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!/\.test\.tsx?$/.test(entry.name)) hash.update(file).update(fs.readFileSync(file));
    }
  };
  walk(path.join(ROOT, "app"));
  walk(path.join(ROOT, "db/schema"));
  // the db/*.ts modules the server bundle imports (the client, its statement cache, the WAL flush)
  for (const f of fs
    .readdirSync(path.join(ROOT, "db"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort()) {
    hash.update(`db/${f}`).update(fs.readFileSync(path.join(ROOT, "db", f)));
  }
  for (const f of ["remix.config.js", "package-lock.json"]) hash.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  return hash.digest("hex");
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds the app into tests/.tmp/build-vitest unless a build of the same sources is there (one builder at a time). */
export function ensureBuild(): string {
  const want = sourceHash();
  const stamp = path.join(BUILD_PATH, ".source-hash");
  const fresh = () => fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want;
  if (fresh()) return BUILD_PATH;
  fs.mkdirSync(TMP, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      if (fresh()) return BUILD_PATH;
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(250);
    }
  }
  try {
    if (!fresh()) {
      fs.rmSync(BUILD_PATH, { recursive: true, force: true });
      execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production", BUILD_DIR: TEST_BUILD_DIR, REMIX_CACHE_DIR: path.join(TMP, "remix-cache-vitest") },
        stdio: "pipe",
      });
      fs.writeFileSync(stamp, want);
    }
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
  return BUILD_PATH;
}

let buildPromise: Promise<ServerBuild> | undefined;
export function loadBuild(): Promise<ServerBuild> {
  if (!globalThis.__trackerDb) throw new Error("call createTestDb() before loading the build: it opens the database at import");
  buildPromise ??= import(/* @vite-ignore */ pathToFileURL(path.join(ensureBuild(), "index.js")).href) as Promise<ServerBuild>;
  return buildPromise;
}

export const TEST_CONFIG: ServerConfig = {
  production: false,
  port: 0,
  workers: 1,
  writeGate: true,
  trustProxy: 0,
  maxBodyBytes: { api: 5 * 1024 * 1024, form: 1024 * 1024, upload: 6 * 1024 * 1024 },
};

export type TestServer = { url: string; origin: string; build: ServerBuild; close: () => Promise<void> };

/** Serves the built app with server/app.js on 127.0.0.1:<ephemeral port>. */
export async function startApp(config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const build = await loadBuild();
  const app = createApp({ build, buildDir: TEST_BUILD_DIR, config: { ...TEST_CONFIG, ...config }, mode: "production" });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    build,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What `appPerFile()` hands a test file: its database and the server over it, set in `beforeAll`. */
export type AppPerFile = { db: Db; file: string; server: TestServer };

/**
 * One database and one server over it for a whole test file: a `beforeAll` opens the database, runs
 * `seed` on it (if given) and starts the app (building it first when app/ changed: a long timeout);
 * an `afterAll` stops the server and removes the database. Call it at the top of the file, before
 * its own hooks, and read `t.db` and `t.server` inside hooks and tests.
 */
export function appPerFile(config: Partial<ServerConfig> = {}, seed?: (db: Db) => void): AppPerFile {
  const current = {} as AppPerFile;
  let cleanup: (() => void) | undefined;
  beforeAll(async () => {
    const fresh = createTestDb();
    cleanup = fresh.cleanup;
    current.db = fresh.db;
    current.file = fresh.file;
    seed?.(fresh.db);
    current.server = await startApp(config);
  }, 180_000);
  afterAll(async () => {
    await current.server?.close();
    cleanup?.();
  });
  return current;
}

/** The session cookie of a fresh session for a user (through the app's own login()). */
export async function sessionCookie(userId: number): Promise<string> {
  const { login } = await import("~/auth/session.server");
  const res = await login(userId, "/");
  return res.headers.get("Set-Cookie")!.split(";")[0];
}

/** Row counts of every table (migrations bookkeeping aside): "nothing was written" is an unchanged map. */
export function rowCounts(): Record<string, number> {
  const client = globalThis.__trackerDb!.$client;
  const tables = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

/** Every route with an action, and the URL shapes that reach it (page, ?index, ?_data=<id>, .data). */
export function actionRouteUrls(build: ServerBuild): { routeId: string; file: string; urls: string[] }[] {
  const out: { routeId: string; file: string; urls: string[] }[] = [];
  for (const route of Object.values(build.routes)) {
    if (!route || typeof route.module.action !== "function") continue;
    const segments: string[] = [];
    for (let r: typeof route | undefined = route; r; r = r.parentId ? build.routes[r.parentId] : undefined) if (r.path) segments.unshift(r.path);
    const pathname = `/${segments.join("/")}`.replace(/\/+/g, "/").replace(/:\w+/g, "1");
    const dataPath = pathname === "/" ? "/_root.data" : `${pathname}.data`;
    const urls = route.index
      ? [pathname, `${pathname}?index`, `${pathname}?index&_data=${encodeURIComponent(route.id)}`, `${dataPath}?index`]
      : [pathname, `${pathname}?_data=${encodeURIComponent(route.id)}`, dataPath];
    out.push({ routeId: route.id, file: route.id.replace(/^routes\//, "app/routes/"), urls });
  }
  return out;
}
