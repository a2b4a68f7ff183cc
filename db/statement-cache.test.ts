import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./statement-cache";

function connection(size?: number) {
  const client = new Database(":memory:");
  cacheStatements(client, size);
  client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  client.prepare("INSERT INTO t (name) VALUES (?)").run("a");
  client.prepare("INSERT INTO t (name) VALUES (?)").run("b");
  return client;
}

describe("cacheStatements", () => {
  it("hands back the statement compiled for the same SQL text, and another for another text", () => {
    const client = connection();
    const a = client.prepare("SELECT name FROM t WHERE id = ?");
    expect(client.prepare("SELECT name FROM t WHERE id = ?")).toBe(a);
    expect(client.prepare("SELECT name FROM t WHERE id = ? ")).not.toBe(a);
    expect(a.get(2)).toEqual({ name: "b" });
  });

  it("resets a kept statement to plain rows whatever mode its last user left it in", () => {
    const client = connection();
    const sql = "SELECT id, name FROM t ORDER BY id";
    expect(client.prepare(sql).raw().all()).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(client.prepare(sql).all()).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
    expect(client.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(client.prepare(sql).get()).toEqual({ id: 1, name: "a" });
    client.exec("CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER)");
    client.exec("INSERT INTO u (t_id) VALUES (1)");
    const joined = "SELECT t.name, u.id FROM t JOIN u ON u.t_id = t.id";
    expect(client.prepare(joined).expand().get()).toEqual({ t: { name: "a" }, u: { id: 1 } });
    expect(client.prepare(joined).get()).toEqual({ name: "a", id: 1 });
  });

  it("keeps writing statements too, which have no return mode to reset", () => {
    const client = connection();
    const insert = client.prepare("INSERT INTO t (name) VALUES (?)");
    expect(insert.reader).toBe(false);
    expect(client.prepare("INSERT INTO t (name) VALUES (?)").run("c").changes).toBe(1);
    expect(client.prepare("SELECT count(*) FROM t").pluck().get()).toBe(3);
  });

  it("keeps at most `size` texts, dropping the least recently used first", () => {
    const client = connection(2);
    const one = client.prepare("SELECT 1");
    const two = client.prepare("SELECT 2");
    expect(client.prepare("SELECT 1")).toBe(one); // now "SELECT 2" is the least recently used
    client.prepare("SELECT 3");
    expect(client.prepare("SELECT 1")).toBe(one);
    expect(client.prepare("SELECT 2")).not.toBe(two);
  });

  it("still refuses SQL that does not compile, and keeps nothing for it", () => {
    const client = connection();
    expect(() => client.prepare("SELEC nothing")).toThrow(/syntax error/);
    expect(() => client.prepare("SELEC nothing")).toThrow(/syntax error/);
  });

  it("gives a kept statement over a table changed since it was compiled the table's new shape", () => {
    const client = connection();
    const sql = "SELECT * FROM t WHERE id = 1";
    expect(client.prepare(sql).get()).toEqual({ id: 1, name: "a" });
    client.exec("ALTER TABLE t ADD COLUMN note TEXT");
    expect(client.prepare(sql).get()).toEqual({ id: 1, name: "a", note: null });
  });
});
