/**
 * A separate process on a database, for the backup/restore tests (run with `node --import tsx`):
 *   serve <db>          opens it the way the server does (openServingDb: serving lock + connection)
 *   open <db>           opens it like a script does (openDb, no serving lock)
 *   write <db> <n/s>    opens it like a script and inserts n audit_log rows a second, each its own
 *                       transaction (action 'load'); prints its count on SIGTERM
 * Prints "ready" once the database is open (and, for write, after the first write).
 */
import { openDb, openServingDb } from "../../db/client";

const [mode, file, rate] = process.argv.slice(2);
/** The process's connection, referenced for as long as the process lives. */
let held: ReturnType<typeof openDb> | undefined;
if (mode === "serve") {
  held = openServingDb(file);
} else if (mode === "open") {
  // a first read maps the WAL index, as a script's first query does: from then on the connection
  // holds the shared lock a restore must wait for (without it, "ready" could come before the lock)
  // the connection is kept referenced: an unreferenced better-sqlite3 Database can be garbage-collected,
  // which closes it and drops its locks (the restore test then saw "nobody has it open" on a loaded machine)
  held = openDb(file, { migrate: false });
  held.$client.prepare("SELECT count(*) FROM sqlite_master").get();
} else if (mode === "write") {
  const db = (held = openDb(file, { migrate: false, synchronous: "NORMAL" }));
  const insert = db.$client.prepare("INSERT INTO audit_log (at, action, entity_type, entity_id, created_at, updated_at) VALUES (?, 'load', 'test', ?, ?, ?)");
  let n = 0;
  const write = () => {
    const now = Date.now();
    insert.run(now, String(++n), now, now);
  };
  write();
  setInterval(write, 1000 / Number(rate));
  process.on("SIGTERM", () => {
    console.log(`wrote ${n}`);
    process.exit(0);
  });
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
console.log("ready");
process.on("exit", () => held?.$client.close());
// ends with the test run that started it, even when that run is killed
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 200);
