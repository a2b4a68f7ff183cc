import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { freshDbPerTest } from "./db";

describe("freshDbPerTest", () => {
  const t = freshDbPerTest((db) => db.run(sql`insert into teams (name, created_at, updated_at) values ('Seeded', 0, 0)`));
  const seen: { file: string; db: unknown }[] = [];
  const teams = () => t.db.all<{ name: string }>(sql`select name from teams order by id`).map((r) => r.name);

  it("gives the test a migrated database, seeded, installed as the app's connection", () => {
    expect(teams()).toEqual(["Seeded"]);
    expect(globalThis.__trackerDb).toBe(t.db);
    t.db.run(sql`insert into teams (name, created_at, updated_at) values ('Written', 0, 0)`);
    seen.push({ file: t.file, db: t.db });
  });

  it("gives the next test another database: what the previous test wrote is gone, its file removed", () => {
    expect(teams()).toEqual(["Seeded"]);
    expect(t.file).not.toBe(seen[0].file);
    expect(t.db).not.toBe(seen[0].db);
    expect(fs.existsSync(seen[0].file)).toBe(false);
    seen.push({ file: t.file, db: t.db });
  });

  afterAll(() => expect(fs.existsSync(seen[1].file)).toBe(false));
});

describe("freshDbPerTest, with an afterEach of the file's own", () => {
  const t = freshDbPerTest();
  let file = "";
  afterEach(() => {
    // the file's afterEach hooks still see the test's database; it is removed only after them
    expect(fs.existsSync(t.file)).toBe(true);
    expect(t.db.all(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    file = t.file;
  });
  afterAll(() => expect(fs.existsSync(file)).toBe(false));

  it("runs", () => expect(t.db).toBeDefined());
});
