// `npm run db:seed`: applies migrations to DATABASE_PATH (default ./data/tracker.db) and loads the
// InnovaTech demo data set. Idempotent: a database that already holds data is left untouched.
import { plural } from "../app/lib/plural";
import { refreshMetricRisks } from "../app/models/live-metrics.server";
import { openDb } from "../db/client";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../seeds/demo";
import { tableCounts } from "../seeds/stats";

const file = process.env.DATABASE_PATH ?? "./data/tracker.db";
const db = openDb(file);
try {
  const started = performance.now();
  const result = await seedDemo(db);
  const ms = Math.round(performance.now() - started);
  if (result.seeded) {
    console.log(`Seeded the InnovaTech demo data set into ${file} in ${ms} ms:`);
    // the metric rules' risks as the demo stands (they are kept current by the pages afterwards)
    const rules = refreshMetricRisks(db);
    for (const [table, n] of Object.entries(tableCounts(db))) if (n > 0) console.log(`  ${table.padEnd(24)} ${n}`);
    console.log(`  (${plural(rules.raised.length, "risk", "risks")} raised by the metric rules)`);
  } else {
    console.log(`Nothing seeded into ${file}: ${result.reason ?? "data already present"}.`);
  }
  console.log(`\nDemo logins (password "${DEMO_PASSWORD}"):`);
  for (const email of DEMO_LOGINS) console.log(`  ${email}`);
} finally {
  db.$client.close();
}
