// `npm run db:reset`: deletes the database at DATABASE_PATH (default ./data/tracker.db) with its
// -wal/-shm files, recreates it with the migrations and the reference rows only
// (budget categories, company settings, risk-rule defaults, compliance frameworks).
// Refused while the app runs (it holds the serving lock, decision 700): deleting the file under a
// running server would leave it writing to a deleted file, and every later write would be lost.
import fs from "node:fs";
import { openDb } from "../db/client";
import { DatabaseInUseError, takeExclusiveLock } from "../db/lock";
import { seedReference } from "../seeds/reference";

const file = process.env.DATABASE_PATH ?? "./data/tracker.db";
if (file === ":memory:") throw new Error("db:reset needs a file path in DATABASE_PATH");
let lock: { release: () => void };
try {
  lock = takeExclusiveLock(file); // a server starting meanwhile waits until the reset is done
} catch (error) {
  if (!(error instanceof DatabaseInUseError)) throw error;
  console.error(`db:reset: ${error.message.replace("then restore", "then reset")}`);
  process.exit(1);
}
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
  lock.release();
}
