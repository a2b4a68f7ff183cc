/**
 * A write is acknowledged only once it is on disk (docs/decisions/745): server/app.js answers a
 * state-changing request after `writesDurable()` — the grouped WAL flush — and a read never waits
 * for that flush. The flush is replaced here by one the test ends by hand.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/models/tokens.server";
import { openDb, openServingDb, type Db } from "../../db/client";
import { createApp } from "../../server/app.js";
import { createTestDb } from "../helpers/db";
import { loadBuild, TEST_BUILD_DIR, TEST_CONFIG } from "../helpers/http-app";

let db: Db;
let cleanup: () => void;
let base: string;
let close: () => Promise<void>;
let token: string;
/** the flushes server/app.js asked for, each ended by the test */
const flushes: { resolve: () => void; reject: (e: Error) => void }[] = [];

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  token = createApiToken(db, { name: "durable", scopes: ["deployments:write"], createdByUserId: null }, null).token;
  const build = await loadBuild();
  const writesDurable = () => new Promise<void>((resolve, reject) => flushes.push({ resolve, reject }));
  const gated = { ...build, entry: { ...build.entry, module: { ...build.entry.module, writesDurable } } };
  const server = createApp({ build: gated, buildDir: TEST_BUILD_DIR, config: TEST_CONFIG, mode: "production" }).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
}, 180_000);

afterAll(async () => {
  await close?.();
  cleanup?.();
});

const deploymentCount = () => db.$client.prepare("SELECT count(*) FROM deployments").pluck().get() as number;
const tick = () => new Promise((r) => setTimeout(r, 20));
async function until(condition: () => boolean) {
  for (let i = 0; i < 250 && !condition(); i++) await tick();
  expect(condition()).toBe(true);
}

function postDeployment(externalId: string) {
  return fetch(`${base}/api/v1/deployments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ service: "api", externalId, environment: "production", status: "success", finishedAt: "2026-11-30T10:00:00Z" }),
  });
}

describe("write acknowledgements wait for the disk", () => {
  it("answers a committed write only once the flush asked after it has ended; reads meanwhile are answered", async () => {
    const before = deploymentCount();
    let answered = false;
    const pending = postDeployment("durable-1").then((r) => ((answered = true), r));
    await until(() => flushes.length === 1);
    // committed (other readers see it), not yet acknowledged
    expect(deploymentCount()).toBe(before + 1);
    const read = await fetch(`${base}/healthz`);
    expect(read.status).toBe(200);
    await tick();
    expect(answered).toBe(false);
    flushes[0].resolve();
    const response = await pending;
    expect(response.status).toBe(201);
    expect(flushes).toHaveLength(1);
  });

  it("does not acknowledge a write whose flush failed (500), though it committed", async () => {
    const before = deploymentCount();
    const pending = postDeployment("durable-2");
    await until(() => flushes.length === 2);
    flushes[1].reject(new Error("EIO: the disk refused the flush"));
    const response = await pending;
    expect(response.status).toBe(500);
    expect(deploymentCount()).toBe(before + 1);
  });

  it("asks for no flush on a read", async () => {
    const asked = flushes.length;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/login`)).status).toBe(200);
    expect(flushes).toHaveLength(asked);
  });
});

describe("the serving connection", () => {
  it("commits with synchronous=NORMAL (1), the server flushing the WAL itself, where scripts keep FULL (2)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-durable-"));
    const serving = openServingDb(path.join(dir, "serving.db"));
    expect(serving.$client.pragma("synchronous", { simple: true })).toBe(1);
    serving.$client.close();
    const script = openDb(path.join(dir, "script.db"));
    expect(script.$client.pragma("synchronous", { simple: true })).toBe(2);
    script.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
