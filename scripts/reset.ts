// `npm run db:reset`: deletes the database at DATABASE_PATH (default ./data/tracker.db) with its
// -wal/-shm files, recreates it with the migrations and the reference rows only
// (budget categories, company settings, risk-rule defaults, compliance frameworks).
import fs from "node:fs";
import { openDb } from "../db/client";
import { seedReference } from "../seeds/reference";

const file = process.env.DATABASE_PATH ?? "./data/tracker.db";
if (file === ":memory:") throw new Error("db:reset needs a file path in DATABASE_PATH");
for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });

const db = openDb(file);
try {
  const { inserted } = db.transaction((tx) => seedReference(tx));
  console.log(`Reset ${file}: a fresh empty database with migrations applied and ${inserted} reference rows`);
  console.log("(budget categories, company settings, risk-rule defaults, compliance frameworks).");
  console.log("Load the demo data with `npm run db:seed`.");
} finally {
  db.$client.close();
}
