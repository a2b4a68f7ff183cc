/**
 * Fills a fresh database with deterministic large-scale delivery data.
 *   npx tsx scripts/generate-scale.ts --size realistic|stress --db data/bench/realistic.db [--seed N] [--end 2026-11-22]
 * The file must not exist yet (or hold no services); the real migrations are applied first.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDb } from "../db/client";
import { generateScale, SCALE_SIZES, type ScaleSize } from "../seeds/scale";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "realistic" },
    db: { type: "string" },
    seed: { type: "string" },
    end: { type: "string" },
    force: { type: "boolean", default: false },
  },
});

const size = values.size as ScaleSize;
if (!(size in SCALE_SIZES)) {
  console.error(`--size must be one of ${Object.keys(SCALE_SIZES).join(", ")}`);
  process.exit(2);
}
const file = values.db ?? `data/bench/${size}.db`;
if (fs.existsSync(file)) {
  if (!values.force) {
    console.error(`${file} exists; pass --force to replace it.`);
    process.exit(2);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
const end = values.end ? Date.parse(`${values.end}T00:00:00Z`) : undefined;
if (end !== undefined && Number.isNaN(end)) {
  console.error("--end must be a date YYYY-MM-DD");
  process.exit(2);
}
const db = openDb(file, { synchronous: "NORMAL" }); // generated data: no fsync per commit
console.log(`Generating ${size} data into ${file} …`);
const result = generateScale(db.$client, { size, seed: values.seed ? Number(values.seed) : undefined, end, log: console.log });
db.$client.close();
console.log(
  `${result.deployments} deployments, ${result.commits} commits, ${result.incidents} incidents, ${result.services} services, ` +
    `${new Date(result.from).toISOString().slice(0, 10)} → ${new Date(result.to).toISOString().slice(0, 10)}, in ${result.seconds.toFixed(1)} s`,
);
