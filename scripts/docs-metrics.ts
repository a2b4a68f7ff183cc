/**
 * Writes docs/metrics.md from the metric catalogue (npm run docs:metrics); `--check` exits 1 when
 * the committed file differs from what the catalogue generates.
 */
import fs from "node:fs";
import path from "node:path";
import { catalogueMarkdown } from "../app/lib/metrics/catalogue-doc";

const file = path.join(process.cwd(), "docs", "metrics.md");
const text = catalogueMarkdown();
if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== text) {
    console.error("docs/metrics.md is out of date: run `npm run docs:metrics`.");
    process.exit(1);
  }
  console.log("docs/metrics.md is up to date.");
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
