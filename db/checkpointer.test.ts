import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer } from "./checkpointer";
import { openDb, openServingDb, servingCheckpointer, type Db } from "./client";
import { releaseServingLock } from "./lock";

const dirs: string[] = [];
const opened: { db: Db; file: string; serving: boolean }[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-checkpoint-"));
  dirs.push(dir);
  return path.join(dir, "app.db");
}

function open(kind: "serving" | "script"): { db: Db; file: string } {
  const file = tempFile();
  const db = kind === "serving" ? openServingDb(file) : openDb(file, { synchronous: "NORMAL" });
  db.$client.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  opened.push({ db, file, serving: kind === "serving" });
  return { db, file };
}

/** Writes about `pages` pages of 4 KB, in commits of 100 rows (each commit a transaction of its own). */
function fill(db: Db, pages: number) {
  const insert = db.$client.prepare("INSERT INTO filler (body) VALUES (?)");
  const body = Buffer.alloc(3_000, 7);
  for (let done = 0; done < pages; done += 100) db.$client.transaction(() => Array.from({ length: 100 }, () => insert.run(body)))();
}

const size = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

afterEach(async () => {
  for (const { db, file, serving } of opened.splice(0)) {
    await servingCheckpointer(file)?.stop();
    db.$client.close();
    if (serving) releaseServingLock(file);
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("WAL checkpoints of the serving connection (decision 746)", () => {
  it("a script's connection checkpoints inside its commits once the log passes 1,000 pages; the serving connection never does", async () => {
    const script = open("script");
    const before = size(script.file);
    fill(script.db, 2_000);
    // the default: some COMMIT copied the log into the database file on the writer's own thread
    expect(size(script.file)).toBeGreaterThan(before + 1_000 * 4096);

    const serving = open("serving");
    await servingCheckpointer(serving.file)!.stop(); // its thread stopped: nothing checkpoints now
    const servingBefore = size(serving.file);
    fill(serving.db, 2_000);
    expect(serving.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    expect(size(serving.file)).toBe(servingBefore);
    expect(size(`${serving.file}-wal`)).toBeGreaterThan(2_000 * 4096);
  });

  it("its thread copies the whole log into the database file when asked", async () => {
    const { db, file } = open("serving");
    const before = size(file);
    fill(db, 1_500);
    const result = await servingCheckpointer(file)!.checkpointNow();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(1_500);
    expect(result.checkpointed).toBe(result.log);
    expect(size(file)).toBeGreaterThan(before + 1_500 * 4096);
    // and the data is whole: a new connection reads every row
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare("SELECT COUNT(*) FROM filler").pluck().get()).toBe(1_500);
    reader.close();
  });

  it("is PASSIVE: with a reader on an old snapshot it copies what it may and returns, and copies the rest once the reader is done", async () => {
    const { db, file } = open("serving");
    fill(db, 300);
    const reader = new Database(file, { readonly: true });
    reader.exec("BEGIN");
    expect(reader.prepare("SELECT COUNT(*) FROM filler").pluck().get()).toBe(300); // holds this snapshot
    fill(db, 300);
    const checkpointer = servingCheckpointer(file)!;
    const partial = await checkpointer.checkpointNow();
    expect(partial.busy).toBe(0);
    expect(partial.checkpointed).toBeLessThan(partial.log);
    // the writer is not held by the checkpoint nor by the reader
    fill(db, 100);
    reader.exec("COMMIT");
    reader.close();
    const full = await checkpointer.checkpointNow();
    expect(full.checkpointed).toBe(full.log);
  });

  it("checkpoints by itself every interval, without being asked", async () => {
    const file = tempFile();
    const db = openDb(file, { synchronous: "NORMAL" });
    opened.push({ db, file, serving: false });
    db.$client.pragma("wal_autocheckpoint = 0");
    db.$client.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    const before = size(file);
    fill(db, 500);
    expect(size(file)).toBe(before);
    const checkpointer = startCheckpointer(file, { intervalMs: 20 });
    try {
      const deadline = Date.now() + 5_000;
      while (size(file) <= before + 400 * 4096 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(size(file)).toBeGreaterThan(before + 400 * 4096);
    } finally {
      await checkpointer.stop();
    }
  });

  it("answers a request made after it stopped without hanging", async () => {
    const { file } = open("serving");
    const checkpointer = servingCheckpointer(file)!;
    await checkpointer.stop();
    expect(await checkpointer.checkpointNow()).toEqual({ busy: 1, log: -1, checkpointed: -1 });
  });
});

describe("a process that awaits its checkpointer", () => {
  it("waits for the thread's answer and for its stop instead of exiting with the promise unsettled", () => {
    const file = tempFile();
    openDb(file).$client.close();
    const program = `
      import { startCheckpointer } from "./db/checkpointer.ts";
      const c = startCheckpointer(${JSON.stringify(file)}, { intervalMs: 60_000 });
      const r = await c.checkpointNow();
      await c.stop();
      console.log("done", r.busy);`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { encoding: "utf8", timeout: 30_000 });
    // an unref'd thread left the awaits unsettled: Node exited with code 13 and printed nothing
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("done 0");
  });
});
