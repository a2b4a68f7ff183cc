// Online, consistent backup of the SQLite database (safe while the app runs: SQLite's backup API).
// Usage: npm run db:backup [-- --out backups/tracker-YYYYMMDD-HHMMSS.db]
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";

const Args = z.object({
  out: z.string().min(1).optional(),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(\w+)$/.exec(argv[i]);
    if (m && argv[i + 1] !== undefined) raw[m[1]] = argv[++i];
    else throw new Error(`Unexpected argument: ${argv[i]}`);
  }
  return Args.parse(raw);
}

const source = process.env.DATABASE_PATH ?? "./data/tracker.db";
const args = parseArgs(process.argv.slice(2));
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+$/, "").replace("T", "-");
const out = args.out ?? path.join("backups", `tracker-${stamp}.db`);
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });

const db = new Database(source, { readonly: true, fileMustExist: true });
await db.backup(out);
db.close();
const check = new Database(out, { readonly: true });
const ok = check.pragma("integrity_check", { simple: true });
check.close();
if (ok !== "ok") {
  console.error(`Backup written to ${out} but its integrity check failed: ${String(ok)}`);
  process.exit(1);
}
console.log(`Backup of ${source} written to ${out} (${fs.statSync(out).size} bytes, integrity ok)`);
