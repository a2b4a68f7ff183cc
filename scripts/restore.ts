// Restores a backup over DATABASE_PATH. Stop the app first.
// Usage: npm run db:restore -- --from backups/tracker-….db
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";

const argv = process.argv.slice(2);
const fromIndex = argv.indexOf("--from");
const parsed = z.object({ from: z.string().min(1, "--from <backup file> is required") }).safeParse({ from: fromIndex >= 0 ? argv[fromIndex + 1] : undefined });
if (!parsed.success) {
  console.error("Usage: npm run db:restore -- --from <backup file>");
  process.exit(2);
}
const from = parsed.data.from;
const target = process.env.DATABASE_PATH ?? "./data/tracker.db";
if (!fs.existsSync(from)) {
  console.error(`No backup at ${from}`);
  process.exit(1);
}
const check = new Database(from, { readonly: true, fileMustExist: true });
const ok = check.pragma("integrity_check", { simple: true });
check.close();
if (ok !== "ok") {
  console.error(`${from} fails the integrity check: ${String(ok)}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
fs.copyFileSync(from, target);
console.log(`Restored ${from} to ${target}. Start the app: pending migrations apply at start.`);
