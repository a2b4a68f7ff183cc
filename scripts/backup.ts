// Online, consistent backup of the SQLite database, safe while the app runs and writes.
// Usage: npm run db:backup [-- --out backups/tracker-YYYYMMDD-HHMMSS.db]
// How it works and why: db/backup.ts, docs/decisions/700. Exit codes: 0 done, 1 failed, 2 usage,
// 130/143 interrupted (SIGINT/SIGTERM) — in every failure case nothing is left at --out.
import { z } from "zod";
import { backupDatabase, defaultBackupPath, formatReport, OperationAbortedError } from "../db/backup";
import { exitCodeFor, interruptible, stringOption } from "./lib/cli";

const out =
  stringOption("out", z.string().trim().min(1, "--out needs a file name").optional(), "Usage: npm run db:backup [-- --out <file>]") ?? defaultBackupPath();
const source = process.env.DATABASE_PATH ?? "./data/tracker.db";

const signal = interruptible();
try {
  const r = await backupDatabase({ source, out, signal, log: (line) => console.log(line) });
  console.log(`Backup of ${source} written to ${r.out}${r.replacedExisting ? " (replacing the file there)" : ""}`);
  console.log(
    `  ${(r.bytes / 1e6).toFixed(1)} MB, copied in ${(r.copyMs / 1000).toFixed(1)} s from one consistent snapshot, ${(r.totalMs / 1000).toFixed(1)} s in all`,
  );
  for (const line of formatReport(r.report)) console.log(`  ${line}`);
} catch (error) {
  if (error instanceof OperationAbortedError) console.error(`Backup interrupted; nothing written at ${out}.`);
  else console.error(`Backup failed; nothing written at ${out}.\n  ${(error as Error).message}`);
  process.exit(exitCodeFor(error, signal));
}
