// Restores a backup over DATABASE_PATH. Refuses while the app runs (stop it first); there is no
// override. Usage: npm run db:restore -- --from backups/tracker-….db
// How it works and why: db/backup.ts, docs/decisions/700. Exit codes: 0 done, 1 refused (the file
// is not a complete database of this app) or failed, 2 usage, 3 refused (the database is in use),
// 130/143 interrupted (SIGINT/SIGTERM) — in every failure case the database is left as it was.
import { z } from "zod";
import { DatabaseInUseError, formatReport, OperationAbortedError, restoreDatabase } from "../db/backup";
import { exitCodeFor, interruptible, stringOption } from "./lib/cli";

const from = stringOption(
  "from",
  z.string({ error: "--from <backup file> is required" }).trim().min(1, "--from <backup file> is required"),
  "Usage: npm run db:restore -- --from <backup file>",
);
const target = process.env.DATABASE_PATH ?? "./data/tracker.db";

const signal = interruptible();
try {
  const r = await restoreDatabase({ from, target, signal, log: (line) => console.log(line) });
  console.log(`Restored ${from} to ${target} in ${(r.totalMs / 1000).toFixed(1)} s.`);
  for (const line of formatReport(r.report)) console.log(`  ${line}`);
  if (r.keptAside) {
    console.log(`  the replaced database is kept as ${r.keptAside}${r.foldedWal ? " (its -wal checkpointed into it first)" : ""}`);
  } else {
    console.log(`  there was no database at ${target} before`);
  }
  const pending = r.report.migrationsKnown - r.report.migrationsApplied;
  console.log(`Start the app${pending > 0 ? `: ${pending} pending migration(s) apply at start` : ""}.`);
} catch (error) {
  if (error instanceof DatabaseInUseError) console.error(`Restore refused: ${error.message}\n  ${target} was not touched.`);
  else if (error instanceof OperationAbortedError) console.error(`Restore interrupted; ${target} was not touched.`);
  else console.error(`Restore refused: ${(error as Error).message}\n  ${target} was not touched.`);
  process.exit(exitCodeFor(error, signal));
}
