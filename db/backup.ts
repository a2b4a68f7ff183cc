/**
 * Backup and restore of the SQLite database (docs/decisions/700). The CLI scripts
 * (scripts/backup.ts, scripts/restore.ts) only parse arguments, wire signals and print.
 *
 * - The copy is SQLite's backup API run inside ONE read transaction on the source: every step reads
 *   the same WAL snapshot, so writers never make it restart (the old script restarted on every
 *   write and never finished under load) and are never blocked.
 * - It is written to `<final>.partial-<pid>` in the target folder, converted to a single
 *   self-contained file (rollback journal, no -wal), verified (integrity_check, every expected table
 *   present, migrations known), fsynced, and only then renamed over the final name.
 * - On any failure or abort the partial file and its side files are removed; partial files left by
 *   a killed process (SIGKILL, power loss) are removed by the next run.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER } from "./client";
import { DatabaseInUseError, takeExclusiveLock } from "./lock";

export { DatabaseInUseError };

/** Tables whose row counts are printed after a backup or restore. */
export const MAIN_TABLES = [
  "users",
  "objectives",
  "key_results",
  "check_ins",
  "kpis",
  "kpi_measurements",
  "budget_lines",
  "employees",
  "requisitions",
  "deployments",
  "incidents",
  "risks",
  "audit_log",
] as const;

const MIGRATIONS_TABLE = "__drizzle_migrations";
const SIDE_FILES = ["-journal", "-wal", "-shm"] as const;
const PARTIAL = /\.partial-(\d+)(-journal|-wal|-shm)?$/;
/** Pages copied per step (4 KB pages: ~4 MB); between steps the process handles signals. */
const STEP_PAGES = 1024;

/** The file is not a complete database of this app: refused. */
export class DatabaseVerificationError extends Error {
  override name = "DatabaseVerificationError";
}

/** SIGINT/SIGTERM (an AbortSignal) stopped the operation; nothing was left behind. */
export class OperationAbortedError extends Error {
  override name = "OperationAbortedError";
}

export interface VerifyReport {
  tables: string[];
  integrity: "ok";
  migrationsApplied: number;
  migrationsKnown: number;
  rowCounts: { table: string; rows: number }[];
}

export interface BackupResult {
  source: string;
  out: string;
  bytes: number;
  copyMs: number;
  totalMs: number;
  replacedExisting: boolean;
  removedStale: string[];
  report: VerifyReport;
}

export interface RestoreResult {
  from: string;
  target: string;
  /** where the replaced database was kept, or null when there was none */
  keptAside: string | null;
  /** the replaced database had a -wal: its content was checkpointed into the kept file */
  foldedWal: boolean;
  removedStale: string[];
  report: VerifyReport;
  totalMs: number;
}

interface OperationOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\..+$/, "").replace("T", "-");
}

export function defaultBackupPath(date = new Date()): string {
  return path.join("backups", `tracker-${timestamp(date)}.db`);
}

// ---------------------------------------------------------------------------------------------
// verification

function userTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as {
    name: string;
  }[];
  return rows.map((r) => r.name);
}

const migrationTablesCache = new Map<number, string[]>();
/** The tables that the first `count` known migrations create (run on an in-memory database). */
function tablesOfMigrations(count: number): string[] {
  const cached = migrationTablesCache.get(count);
  if (cached) return cached;
  const mem = new Database(":memory:");
  try {
    for (const migration of readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).slice(0, count)) {
      for (const statement of migration.sql) if (statement.trim()) mem.exec(statement);
    }
    const tables = userTables(mem);
    migrationTablesCache.set(count, tables);
    return tables;
  } finally {
    mem.close();
  }
}

/** Cheap checks before SQLite opens a file: exists, not empty, a SQLite header, no hot journal. */
export function assertLooksLikeDatabase(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new DatabaseVerificationError(`No file at ${file}.`);
  }
  if (!stat.isFile()) throw new DatabaseVerificationError(`${file} is not a file.`);
  if (stat.size === 0) throw new DatabaseVerificationError(`${file} is empty (0 bytes).`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString("latin1") !== "SQLite format 3\0") {
    throw new DatabaseVerificationError(`${file} is not a SQLite database.`);
  }
  if (fs.existsSync(`${file}-journal`)) {
    throw new DatabaseVerificationError(
      `${file} has a ${path.basename(file)}-journal beside it: it is the result of an interrupted write and may be incomplete.`,
    );
  }
}

/**
 * Verifies a database file: `PRAGMA integrity_check` is ok, it records applied migrations this
 * version knows, every table those migrations create is present (plus `mustInclude`, e.g. the live
 * database's tables). Returns the row counts of the main tables.
 */
export function verifyDatabaseFile(file: string, options: { mustInclude?: readonly string[] } = {}): VerifyReport {
  assertLooksLikeDatabase(file);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new DatabaseVerificationError(`${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    let integrity: string;
    let tables: string[];
    try {
      const rows = db.pragma("integrity_check") as { integrity_check: string }[];
      integrity = rows.map((r) => r.integrity_check).join("; ");
      tables = userTables(db);
    } catch (error) {
      throw new DatabaseVerificationError(`${file} cannot be read: ${(error as Error).message}`);
    }
    if (integrity !== "ok") throw new DatabaseVerificationError(`${file} fails PRAGMA integrity_check: ${integrity.slice(0, 500)}`);
    if (tables.length === 0) throw new DatabaseVerificationError(`${file} holds no tables.`);
    if (!tables.includes(MIGRATIONS_TABLE)) {
      throw new DatabaseVerificationError(`${file} has no ${MIGRATIONS_TABLE} table: it is not a database of this app.`);
    }
    const known = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    const applied = db.prepare(`SELECT created_at AS at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as { at: number }[];
    if (applied.length === 0) throw new DatabaseVerificationError(`${file} records no applied migration.`);
    const last = Number(applied[applied.length - 1].at);
    if (last > known[known.length - 1].folderMillis) {
      throw new DatabaseVerificationError(
        `${file} was migrated by a newer version of the app (a migration this version does not know); restore it with that version.`,
      );
    }
    const appliedCount = known.filter((m) => m.folderMillis <= last).length;
    const expected = new Set([...tablesOfMigrations(appliedCount), ...(options.mustInclude ?? [])]);
    const missing = [...expected].filter((t) => !tables.includes(t)).sort();
    if (missing.length > 0) {
      throw new DatabaseVerificationError(`${file} lacks ${missing.length} expected table(s): ${missing.join(", ")}.`);
    }
    const rowCounts = MAIN_TABLES.filter((t) => tables.includes(t)).map((table) => ({
      table,
      rows: (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
    }));
    return { tables, integrity: "ok", migrationsApplied: appliedCount, migrationsKnown: known.length, rowCounts };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// files

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OperationAbortedError(`Interrupted (${String(signal.reason ?? "aborted")}).`);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function removeWithSideFiles(file: string): void {
  for (const suffix of ["", ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `*.partial-<pid>` files (and their side files) in `dir` whose process no longer runs. */
function removeStalePartials(dir: string): string[] {
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = PARTIAL.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Copies `source` to `dest` (which must not exist) with the backup API inside one read transaction:
 * a consistent snapshot however much the app writes meanwhile. Returns the source's tables as of
 * that snapshot. Leaves `dest` a self-contained rollback-journal file (no -wal needed).
 */
async function copySnapshot(source: string, dest: string, signal: AbortSignal | undefined): Promise<{ liveTables: string[] }> {
  const src = new Database(source, { readonly: true, fileMustExist: true });
  let liveTables: string[];
  try {
    src.pragma("busy_timeout = 5000");
    src.exec("BEGIN");
    liveTables = userTables(src); // the first read fixes the snapshot every step copies from
    await src.backup(dest, {
      progress: () => {
        throwIfAborted(signal);
        return STEP_PAGES;
      },
    });
    src.exec("COMMIT");
  } finally {
    if (src.open && src.inTransaction) src.exec("ROLLBACK");
    src.close();
  }
  throwIfAborted(signal);
  // The copied header says WAL (the source's mode): make the copy one self-contained file.
  const copy = new Database(dest, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  return { liveTables };
}

// ---------------------------------------------------------------------------------------------
// backup

/**
 * Online backup of `source` to `out` (atomically replaced if it exists). Safe while the app runs and
 * writes. On failure or abort, nothing is left at `out` nor beside it.
 */
export async function backupDatabase(options: { source: string; out: string } & OperationOptions): Promise<BackupResult> {
  const started = performance.now();
  const { source, out, signal } = options;
  const log = options.log ?? (() => {});
  assertLooksLikeDatabase(source);
  for (const suffix of ["", ...SIDE_FILES]) {
    if (samePath(out, source + suffix)) throw new Error(`--out ${out} is the database itself (or one of its files).`);
  }
  if (fs.existsSync(out) && !fs.statSync(out).isFile()) throw new Error(`--out ${out} exists and is not a file.`);
  const dir = path.dirname(path.resolve(out));
  fs.mkdirSync(dir, { recursive: true });
  const removedStale = removeStalePartials(dir);
  for (const file of removedStale) log(`removed ${file}, left by an interrupted run`);

  const partial = `${out}.partial-${process.pid}`;
  removeWithSideFiles(partial);
  try {
    log(`copying ${source} to ${partial} …`);
    const { liveTables } = await copySnapshot(source, partial, signal);
    const copyMs = performance.now() - started;
    await nextTurn();
    throwIfAborted(signal);
    const report = verifyDatabaseFile(partial, { mustInclude: liveTables });
    fsyncPath(partial);
    await nextTurn();
    throwIfAborted(signal);
    const replacedExisting = fs.existsSync(out);
    // A stale -journal beside --out would be "rolled back" into the new file when it is opened.
    for (const suffix of SIDE_FILES) fs.rmSync(out + suffix, { force: true });
    fs.renameSync(partial, out);
    fsyncPath(dir);
    return {
      source,
      out,
      bytes: fs.statSync(out).size,
      copyMs,
      totalMs: performance.now() - started,
      replacedExisting,
      removedStale,
      report,
    };
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// restore

/**
 * Makes sure no other connection has `target` open and folds its WAL into the file: switching out of
 * WAL mode needs every other connection closed (each WAL connection keeps a SHARED lock on the
 * database file), and checkpoints the WAL into the file and deletes it.
 */
function closeOutTarget(target: string): { foldedWal: boolean } {
  const foldedWal = fs.existsSync(`${target}-wal`) && fs.statSync(`${target}-wal`).size > 0;
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    const inUse = () =>
      new DatabaseInUseError(
        `Another process has ${target} open (a server without the serving lock, a backup, a script or a sqlite3 shell). Close it, then restore.`,
      );
    try {
      const mode = db.pragma("journal_mode = DELETE", { simple: true });
      if (mode !== "delete") throw inUse();
      db.exec("BEGIN EXCLUSIVE");
      db.exec("ROLLBACK");
    } catch (error) {
      if (error instanceof DatabaseInUseError) throw error;
      if (String((error as { code?: unknown }).code ?? "").startsWith("SQLITE_BUSY")) throw inUse();
      throw error;
    }
  } finally {
    db.close();
  }
  return { foldedWal };
}

function closeOutTargetIfReadable(target: string, log: (line: string) => void): { foldedWal: boolean } {
  if (!fs.existsSync(target)) return { foldedWal: false };
  try {
    return closeOutTarget(target);
  } catch (error) {
    if (error instanceof DatabaseInUseError) throw error;
    // A corrupt or foreign file is what a restore is for: it is kept aside as it is (side files too).
    log(`the current ${target} cannot be opened as a database (${(error as Error).message}); it will be kept aside as it is`);
    return { foldedWal: false };
  }
}

/**
 * Replaces the database at `target` with the backup `from`. Refuses (DatabaseInUseError) while the
 * app runs or any process has the database open; refuses (DatabaseVerificationError) a file that is
 * not a complete database of this app. The replaced database is kept as
 * `<target>.before-restore-<time>`, complete (its WAL checkpointed into it).
 */
export async function restoreDatabase(options: { from: string; target: string; now?: Date } & OperationOptions): Promise<RestoreResult> {
  const started = performance.now();
  const { from, target, signal } = options;
  const log = options.log ?? (() => {});
  assertLooksLikeDatabase(from);
  for (const suffix of ["", ...SIDE_FILES]) {
    if (samePath(from, target + suffix)) throw new Error(`${from} is the database itself.`);
  }
  const dir = path.dirname(path.resolve(target));
  fs.mkdirSync(dir, { recursive: true });

  const lock = takeExclusiveLock(target); // throws while the app runs; holds off a starting app
  const partial = `${target}.partial-${process.pid}`;
  try {
    const removedStale = removeStalePartials(dir);
    for (const file of removedStale) log(`removed ${file}, left by an interrupted run`);
    // Fail fast when another process has it open; checked again right before the swap.
    const { foldedWal } = closeOutTargetIfReadable(target, log);
    removeWithSideFiles(partial);
    log(`copying ${from} to ${partial} …`);
    await copySnapshot(from, partial, signal);
    await nextTurn();
    throwIfAborted(signal);
    const report = verifyDatabaseFile(partial);
    fsyncPath(partial);
    await nextTurn();
    throwIfAborted(signal);

    let keptAside: string | null = null;
    if (fs.existsSync(target)) {
      closeOutTargetIfReadable(target, () => {});
      const base = `${target}.before-restore-${timestamp(options.now)}`;
      keptAside = base;
      for (let i = 2; fs.existsSync(keptAside); i++) keptAside = `${base}-${i}`;
      // A hard link keeps the old file while the rename below swaps the name atomically: there is
      // no moment without a database at `target`.
      try {
        fs.linkSync(target, keptAside);
      } catch {
        fs.copyFileSync(target, keptAside, fs.constants.COPYFILE_EXCL);
        fsyncPath(keptAside);
      }
      // closeOutTarget removed the WAL; whatever side file remains belongs to the old file.
      for (const suffix of SIDE_FILES) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAside + suffix);
    }
    fs.renameSync(partial, target);
    fsyncPath(dir);
    return { from, target, keptAside, foldedWal, removedStale, report, totalMs: performance.now() - started };
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  } finally {
    lock.release();
  }
}

export function formatReport(report: VerifyReport): string[] {
  return [
    `verified: integrity_check ok, ${report.tables.length} tables (all expected present), migrations ${report.migrationsApplied}/${report.migrationsKnown}`,
    `rows: ${report.rowCounts.map((c) => `${c.table} ${c.rows}`).join(", ")}`,
  ];
}
