// Sums the suites' JSON reports into one closing line: "N passed, N failed".
import fs from "node:fs";

const dir = "tests/.tmp";
const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(`${dir}/${name}`, "utf8"));
  } catch {
    return null;
  }
};

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

for (const name of ["typecheck.json", "lint.json", "build.json"]) {
  const r = read(name);
  if (r) {
    passed += r.passed;
    failed += r.failed;
    lines.push(`${name.replace(".json", "")}: ${r.failed ? "failed" : "ok"}`);
  }
}

const vitest = read("vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numFailedTestSuites && !vitest.numFailedTests ? vitest.numFailedTestSuites : 0);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  lines.push(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
} else {
  failed += 1;
  lines.push("vitest: no report (did not run)");
}

const pw = read("playwright.json");
if (pw) {
  const s = pw.stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected + (pw.errors?.length && !s.unexpected ? pw.errors.length : 0);
  skipped += s.skipped;
  lines.push(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed`);
} else {
  failed += 1;
  lines.push("playwright: no report (did not run)");
}

console.log("\n" + lines.join("\n"));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
