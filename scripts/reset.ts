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
  console.log("Start the app and open it: the first-run screen (/setup) names the company and creates the first CEO");
  console.log("(or `npm run user:create -- --email E --name N --role ceo`). The demo data instead: `npm run db:seed`.");
} finally {
  db.$client.close();
}
