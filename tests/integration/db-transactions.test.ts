/**
 * Transactions take SQLite's write lock when they begin (db/client.ts, docs/decisions/720): with
 * several processes on the file, a deferred transaction that read before another connection
 * committed cannot write any more (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not retry).
 * Two connections in one process stand for two server processes: SQLite locks them the same way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schema } from "~/utils/db.server";
import { openDb, type Db } from "../../db/client";
import { insertUser } from "../../seeds/builders";

let dir: string;
let db: Db;
let other: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-tx-"));
  const file = path.join(dir, "tx.db");
  db = openDb(file, { synchronous: "NORMAL" });
  other = new Database(file);
  other.pragma("busy_timeout = 0");
});
afterEach(() => {
  other.close();
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db.transaction", () => {
  it("holds the write lock from its first statement, before it writes anything", () => {
    const user = insertUser(db, { name: "Before" });
    let otherWrite: unknown = null;
    db.transaction((tx) => {
      tx.select().from(schema.users).where(eq(schema.users.id, user.id)).get(); // a read only, so far
      try {
        other.prepare("UPDATE users SET name = 'Other' WHERE id = ?").run(user.id);
      } catch (error) {
        otherWrite = error;
      }
      tx.update(schema.users).set({ name: "Mine" }).where(eq(schema.users.id, user.id)).run();
    });
    expect((otherWrite as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
    expect(db.select().from(schema.users).where(eq(schema.users.id, user.id)).get()?.name).toBe("Mine");
  });

  it("is what keeps a read-then-write from failing: a deferred one loses to a concurrent commit", () => {
    const user = insertUser(db, { name: "Before" });
    // the failure IMMEDIATE avoids, shown with an explicit deferred transaction
    expect(() =>
      db.transaction(
        (tx) => {
          tx.select().from(schema.users).where(eq(schema.users.id, user.id)).get();
          other.prepare("UPDATE users SET name = 'Other' WHERE id = ?").run(user.id); // commits at once
          tx.update(schema.users).set({ name: "Mine" }).where(eq(schema.users.id, user.id)).run();
        },
        { behavior: "deferred" },
      ),
    ).toThrow(expect.objectContaining({ code: "SQLITE_BUSY_SNAPSHOT" }));
    expect(db.select().from(schema.users).where(eq(schema.users.id, user.id)).get()?.name).toBe("Other");
  });

  it("still nests (a savepoint) and rolls back as a whole", () => {
    const user = insertUser(db, { name: "Before" });
    expect(() =>
      db.transaction((tx) => {
        tx.update(schema.users).set({ name: "Outer" }).where(eq(schema.users.id, user.id)).run();
        tx.transaction((inner) => inner.update(schema.users).set({ name: "Inner" }).where(eq(schema.users.id, user.id)).run());
        throw new Error("abort");
      }),
    ).toThrow("abort");
    expect(db.select().from(schema.users).where(eq(schema.users.id, user.id)).get()?.name).toBe("Before");
  });
});
