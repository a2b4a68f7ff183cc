// `npm run test:visual:update [-- <playwright args>]`: rewrites the visual baselines on purpose
// (tests/visual/__screenshots__) from the current build, removes those no test wrote any more (a
// renamed or dropped page), and prints their count and total size — failing beyond the budget.
// Build first (BUILD_DIR as for the e2e tests). Decision: docs/decisions/010-visual-regression-suite.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = "tests/visual/__screenshots__";
/** The hard ceiling is 40 MB; the suite is kept well under it. */
const BUDGET_BYTES = 25 * 1024 * 1024;

const run = spawnSync(
  "npx",
  ["playwright", "test", "--config", "tests/playwright.config.ts", "--project=visual", "--update-snapshots=all", ...process.argv.slice(2)],
  { stdio: "inherit" },
);
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".png")) : [];
const partial = process.argv.length > 2; // a filtered run does not rewrite every baseline
// Playwright leaves a baseline that still matches untouched (its time does not change): what no test
// uses any more is told by the list of screenshot tests ("screenshot <name> (<path>)"), not by time
const listed = spawnSync("npx", ["playwright", "test", "--config", "tests/playwright.config.ts", "--project=visual", "--list"], { encoding: "utf8" });
const used = new Set([...(listed.stdout ?? "").matchAll(/screenshot (\S+) \(/g)].map((m) => `${m[1]}.png`));
let total = 0;
const stale = [];
for (const f of files) {
  const stat = fs.statSync(path.join(dir, f));
  if (!partial && run.status === 0 && listed.status === 0 && used.size > 0 && !used.has(f)) stale.push(f);
  else total += stat.size;
}
for (const f of stale) fs.unlinkSync(path.join(dir, f));
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `\n${files.length - stale.length} baselines, ${mb(total)} in ${dir}${stale.length ? `; removed ${stale.length} no test uses: ${stale.join(", ")}` : ""}`,
);
if (total > BUDGET_BYTES) {
  console.error(`The baselines exceed the ${mb(BUDGET_BYTES)} budget: photograph less (main content only, fewer variants).`);
  process.exit(1);
}
process.exit(run.status ?? 1);
