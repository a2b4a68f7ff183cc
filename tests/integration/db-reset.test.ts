/**
 * `npm run db:reset` deletes the database and makes a fresh one: never under a running app. A server
 * holds the serving lock (db/lock.ts, decision 700) for its whole life; the reset takes it exclusively
 * first and, when a server holds it, stops with a message and leaves the files as they are.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdServingLock, releaseServingLock } from "../../db/lock";

let dir: string;
let file: string;

function reset() {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/reset.ts"], {
    env: { ...process.env, DATABASE_PATH: file },
    encoding: "utf8",
    timeout: 60_000,
  });
}

const userCount = () => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from users").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("db:reset", () => {
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-"));
    file = path.join(dir, "tracker.db");
  });
  afterEach(() => {
    releaseServingLock(file);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("makes a fresh database with the reference rows and no user", () => {
    const run = reset();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/a fresh empty database/);
    expect(userCount()).toBe(0);
  });

  it("refuses while the app holds the database, and leaves it as it is", () => {
    expect(reset().status).toBe(0);
    const db = new Database(file);
    db.prepare("insert into users (email, name, role, password_hash, created_at, updated_at) values ('kept@innovatech.test', 'Kept', 'ceo', 'x', 0, 0)").run();
    db.close();
    holdServingLock(file, 0); // what a running server holds
    const refused = reset();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/The app is running.*Stop the app, then reset/);
    expect(userCount()).toBe(1);
    releaseServingLock(file); // the app stopped: the reset goes ahead
    expect(reset().status).toBe(0);
    expect(userCount()).toBe(0);
  });
});
