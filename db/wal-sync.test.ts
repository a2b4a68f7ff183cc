import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "./client";
import { fsyncFile, groupedFlush, walDurable } from "./wal-sync";

/** A flush the test ends by hand: `calls` counts the flushes started, `finish(i)` ends the i-th. */
function manualFlush() {
  const endings: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      endings.push({ resolve, reject });
    });
  return { flush, calls: () => endings.length, finish: (i: number) => endings[i].resolve(), fail: (i: number, e: Error) => endings[i].reject(e) };
}

const settled = () => new Promise((r) => setImmediate(r));

describe("groupedFlush", () => {
  it("starts a flush for the first caller", async () => {
    const m = manualFlush();
    const durable = groupedFlush(m.flush);
    let done = false;
    void durable().then(() => (done = true));
    expect(m.calls()).toBe(1);
    await settled();
    expect(done).toBe(false);
    m.finish(0);
    await settled();
    expect(done).toBe(true);
  });

  it("makes callers who come during a flush wait for one more flush, started after it, and shared by all of them", async () => {
    const m = manualFlush();
    const durable = groupedFlush(m.flush);
    const first = durable();
    const later = [durable(), durable(), durable()];
    let laterDone = 0;
    for (const p of later) void p.then(() => laterDone++);
    expect(m.calls()).toBe(1); // the second flush waits for the first to end
    m.finish(0);
    await first;
    await settled();
    expect(m.calls()).toBe(2);
    expect(laterDone).toBe(0); // the first flush may have started before their commits
    m.finish(1);
    await Promise.all(later);
    expect(laterDone).toBe(3);
    expect(m.calls()).toBe(2);
  });

  it("fails the callers of a failed flush, and still flushes for those who waited for the next", async () => {
    const m = manualFlush();
    const durable = groupedFlush(m.flush);
    const first = durable();
    const second = durable();
    m.fail(0, new Error("EIO"));
    await expect(first).rejects.toThrow("EIO");
    await settled();
    expect(m.calls()).toBe(2);
    m.finish(1);
    await expect(second).resolves.toBeUndefined();
    // and afterwards a caller starts a fresh flush
    const third = durable();
    expect(m.calls()).toBe(3);
    m.finish(2);
    await expect(third).resolves.toBeUndefined();
  });
});

describe("fsyncFile and walDurable", () => {
  it("flushes an existing file and passes over a missing one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wal-sync-"));
    const file = path.join(dir, "x");
    fs.writeFileSync(file, "data");
    await expect(fsyncFile(file)).resolves.toBeUndefined();
    await expect(fsyncFile(path.join(dir, "missing"))).resolves.toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a path that cannot be opened for another reason than its absence", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wal-sync-"));
    await expect(fsyncFile(dir)).rejects.toThrow(/EISDIR/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("flushes a real database's WAL after a commit made with synchronous=NORMAL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wal-sync-"));
    const file = path.join(dir, "app.db");
    const db = openDb(file, { synchronous: "NORMAL" });
    db.$client.exec("CREATE TABLE t (x INTEGER)");
    db.$client.prepare("INSERT INTO t VALUES (1)").run();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await expect(Promise.all([walDurable(db.$client.name), walDurable(db.$client.name)])).resolves.toEqual([undefined, undefined]);
    await expect(walDurable(":memory:")).resolves.toBeUndefined();
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
