// @ts-check
// The production HTTP server as an Express app: security headers on every response (static files
// too), static assets, then for everything else the same-origin rule, the body-size limit and the
// Remix handler. server.js listens with it; the HTTP tests drive it in-process.
import crypto from "node:crypto";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bodyLimitFor, DYNAMIC_CACHE_CONTROL, ownOrigin, requestUrl, routedPathname, SAFE_METHODS, sameOriginVerdict, securityHeaders } from "./security.js";
import { enableSqlTiming, sqlMs } from "./sql-timing.js";
import { createWriteGate } from "./write-gate.js";

/**
 * @typedef {{ production: boolean, trustProxy: number, maxBodyBytes: { api: number, form: number, upload: number }, writeGate?: boolean }} ServerConfig
 * @typedef {import("@remix-run/node").ServerBuild} ServerBuild
 */

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * @param {{ build: ServerBuild, buildDir?: string, config: ServerConfig, mode?: string }} options
 *   build: the Remix server build; buildDir: where it was written (its assets are served under /build);
 *   config: `build.entry.module.serverConfig()` (the zod-parsed environment), possibly overridden by tests.
 */
export function createApp({ build, buildDir = "build", config, mode = process.env.NODE_ENV }) {
  const app = express();
  app.disable("x-powered-by");
  // Express's own view of the client (req.ip, req.protocol) follows the same setting.
  app.set("trust proxy", config.trustProxy > 0 ? config.trustProxy : false);

  // 1. Every response, static files and errors included, carries the security headers. The nonce is
  //    per request; entry.server.tsx puts it on every script Remix renders.
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, production: config.production }));
    // Forwarded headers from an untrusted peer are a client's claims: drop them so that nothing
    // downstream (Remix's own origin check included) believes them.
    if (!peerIsTrustedProxy(req)) for (const h of FORWARDED_HEADERS) delete req.headers[h];
    next();
  });

  app.use(compression());
  app.use("/build", express.static(buildDir === "build" ? "public/build" : `${buildDir}/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  // 2. Everything else is dynamic: never stored by a cache (pages, data and exports may hold salaries).
  app.use((req, res, next) => {
    const pathname = routedPathname(req.originalUrl);
    res.locals.pathname = pathname;
    res.set("Cache-Control", DYNAMIC_CACHE_CONTROL);
    const origin = ownOrigin({
      protocol: req.protocol,
      host: req.headers.host,
      forwardedHost: header(req, "x-forwarded-host"),
      forwardedProto: header(req, "x-forwarded-proto"),
      trusted: peerIsTrustedProxy(req),
    });
    res.locals.origin = origin;

    // 3. The same-origin rule for every state-changing request outside the token API.
    const verdict = sameOriginVerdict({
      method: req.method,
      pathname,
      origin,
      headers: { origin: header(req, "origin"), secFetchSite: header(req, "sec-fetch-site"), referer: header(req, "referer") },
    });
    if (!verdict.ok) return refuse(req, res, 403, `Cross-origin request refused: ${verdict.reason}`);
    if (!origin) return refuse(req, res, 400, "The Host header is missing or malformed.");
    if (!req.originalUrl.startsWith("/")) return refuse(req, res, 400, "The request target must be a path.");

    // 4. Remix's legacy data protocol (?_data=routeId) is not used by this app (single fetch: ".data"
    //    URLs); its handler cannot serialise single-fetch loader results and answered 500.
    if (requestUrl(origin, req.originalUrl).searchParams.has("_data")) {
      return refuse(req, res, 400, 'The "_data" parameter is not supported (this app fetches data with ".data" URLs).');
    }
    next();
  });

  // 5. The body, read here against its limit before any route sees it: 413 as soon as it is too large.
  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = bodyLimitFor({ pathname: res.locals.pathname, contentType: req.headers["content-type"] }, config.maxBodyBytes);
    const tooLarge = () => refuse(req, res, 413, `The request body is larger than ${limit} bytes.`);
    const declared = Number(req.headers["content-length"] ?? "0");
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        finish();
        tooLarge();
      } else chunks.push(chunk);
    };
    const finish = () => {
      done = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onEnd = () => {
      if (done) return;
      finish();
      res.locals.body = Buffer.concat(chunks, size);
      next();
    };
    /** @param {Error} err */
    const onError = (err) => {
      if (done) return;
      finish();
      next(err);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });

  // 6. Remix.
  const handleRequest = createRequestHandler(build, mode);
  /** @type {((pathname: string) => unknown) | undefined} */
  const afterWrite = /** @type {any} */ (build.entry.module).afterWrite;
  /** @type {(request: Request, answer: () => Promise<Response>) => Promise<Response>} */
  const withRequestLanguage = /** @type {any} */ (build.entry.module).withRequestLanguage ?? ((_r, answer) => answer());
  /** @type {() => Promise<void>} */
  const writesDurable = /** @type {any} */ (build.entry.module).writesDurable ?? (async () => {});
  const sqlTiming = process.env.SQL_TIMING === "1";
  if (sqlTiming) enableSqlTiming();
  // one state-changing request at a time, across every worker (server/write-gate.js)
  const writeGate = createWriteGate(config.writeGate !== false);
  app.all("*", async (req, res, next) => {
    /** @type {(() => void) | null} */
    let endTurn = null;
    try {
      if (!SAFE_METHODS.has(req.method)) endTurn = await writeGate.acquire();
      else await writeGate.idle();
      const started = performance.now();
      const cpuBefore = sqlTiming ? process.cpuUsage() : null;
      const sqlBefore = sqlMs();
      const request = toFetchRequest(req, res);
      /** @type {import("@remix-run/node").AppLoadContext} */
      const context = { clientIp: req.ip ?? null, cspNonce: res.locals.cspNonce };
      // answered in the reader's language, resolved once for the whole request (docs/decisions/023)
      const response = await withRequestLanguage(request, () => handleRequest(request, context));
      // the metric rules run after writes, never on a page view (docs/decisions/600): before the
      // answer, so the next page already shows what this write raised or cleared
      if (!SAFE_METHODS.has(req.method) && response.status < 400) afterWrite?.(res.locals.pathname);
      // the turn ends once the answer is made; sending it does not hold the next writer
      endTurn?.();
      // a write is acknowledged only once it is on disk: one WAL flush off the event loop, shared by
      // every write committed before it (docs/decisions/745); the next writer does not wait for it
      if (!SAFE_METHODS.has(req.method)) await writesDurable();
      // npm run bench: the SQL time of this request beside its time to the first byte
      // (and the CPU time this process spent on it so far: what other processes on the machine do not inflate)
      if (cpuBefore) {
        const cpu = process.cpuUsage(cpuBefore);
        res.set(
          "Server-Timing",
          `sql;dur=${(sqlMs() - sqlBefore).toFixed(2)}, app;dur=${(performance.now() - started).toFixed(2)}, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(2)}`,
        );
      }
      await sendResponse(res, response, res.locals.pathname);
    } catch (error) {
      next(error);
    } finally {
      endTurn?.();
    }
  });

  // Last resort: never an HTML stack trace.
  app.use(
    /** @type {import("express").ErrorRequestHandler} */
    (err, req, res, _next) => {
      console.error(err);
      if (res.headersSent) res.end();
      else refuse(req, res, 500, "Internal error.");
    },
  );
  return app;
}

/** @param {import("express").Request} req */
function peerIsTrustedProxy(req) {
  /** @type {(addr: string, i: number) => boolean} */
  const trust = req.app.get("trust proxy fn");
  return trust(req.socket.remoteAddress ?? "", 0);
}

/**
 * @param {import("express").Request} req
 * @param {string} name
 */
function header(req, name) {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** After a refusal, at most this much more of the refused body is read (and dropped) before the connection is cut. */
const DISCARD_MAX_BYTES = 16 * 1024 * 1024;

/**
 * A short refusal, JSON under the API, plain text elsewhere. The rest of a refused request body is
 * read and dropped (never kept), so the client gets to read the answer, up to DISCARD_MAX_BYTES; the
 * connection closes after the answer.
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 * @param {number} status
 * @param {string} message
 */
function refuse(req, res, status, message) {
  const body = /^\/api\//i.test(res.locals.pathname ?? routedPathname(req.originalUrl)) ? JSON.stringify({ error: message }) : message;
  const type = body === message ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
  const mustClose = !SAFE_METHODS.has(req.method) && !req.complete;
  res.status(status).set({ "Content-Type": type, "Cache-Control": DYNAMIC_CACHE_CONTROL });
  if (mustClose) res.set("Connection", "close");
  res.end(body);
  if (mustClose) discardRest(req);
}

/** @param {import("express").Request} req */
function discardRest(req) {
  let dropped = 0;
  req.removeAllListeners("data");
  req.on("data", (/** @type {Buffer} */ chunk) => {
    dropped += chunk.length;
    if (dropped > DISCARD_MAX_BYTES) req.socket.destroy();
  });
  req.resume();
}

/**
 * The Fetch API request Remix handles: the URL on the app's own origin, the body already read and
 * bounded (step 5), aborted when the client goes away.
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 */
function toFetchRequest(req, res) {
  const url = requestUrl(res.locals.origin, req.originalUrl);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || FORWARDED_HEADERS.includes(key)) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  // The origin decided above is the one Remix sees: its own origin check (Origin vs X-Forwarded-Host
  // or Host, a thrown Error → 500) then agrees with ours instead of tripping on a proxy's Host.
  headers.set("host", url.host);
  /** @type {AbortController | null} */
  let controller = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  /** @type {RequestInit} */
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = res.locals.body ?? Buffer.alloc(0);
  return new Request(url.href, init);
}

/**
 * @param {import("express").Response} res
 * @param {Response} response
 * @param {string} pathname
 */
async function sendResponse(res, response, pathname) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    // Cache-Control was set in step 2; only Remix's route-discovery manifest (build-versioned, no
    // user data) keeps its own caching.
    if (key.toLowerCase() === "cache-control" && pathname !== "/__manifest") continue;
    if (key.toLowerCase() === "cache-control") res.set(key, value);
    else res.append(key, value);
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
