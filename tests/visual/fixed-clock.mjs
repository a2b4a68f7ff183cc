// Test-only: freezes the process clock at TRACKER_TEST_NOW (an ISO 8601 instant), so that the demo
// seeded "today" and the pages that show "now"-relative figures are the same on every run of the
// visual suite (docs/decisions/010-visual-regression-suite.md). Loaded with `node --import` by the
// Playwright config's visual web server and seed — never by the app. Refused with
// NODE_ENV=production (the app's env schema refuses the variable there too).
const at = process.env.TRACKER_TEST_NOW;
if (at) {
  if (process.env.NODE_ENV === "production") {
    console.error("TRACKER_TEST_NOW is a test-only setting: refused with NODE_ENV=production.");
    process.exit(1);
  }
  const fixed = Date.parse(at);
  if (!Number.isFinite(fixed)) {
    console.error(`TRACKER_TEST_NOW must be an ISO 8601 instant, got "${at}".`);
    process.exit(1);
  }
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(fixed);
      else super(...args);
    }
    static now() {
      return fixed;
    }
  }
  globalThis.Date = FixedDate;
}
