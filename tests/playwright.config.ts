import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, STABLE_PIXEL_ARGS } from "../scripts/lib/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DB = `tests/.tmp/e2e-${PORT}.db`;
/** A second server on an EMPTY database (`db:reset`, no user): the first-run journey (fresh-install.spec.ts). */
export const FRESH_PORT = PORT + 1000;
const FRESH_DB = `tests/.tmp/e2e-fresh-${FRESH_PORT}.db`;
/** The visual suite's server: its own port and database, the demo seeded at a frozen instant. */
const VISUAL_PORT = Number(process.env.VISUAL_PORT ?? PORT + 2000);
const VISUAL_DB = `tests/.tmp/visual-${VISUAL_PORT}.db`;
const FROZEN_NOW = "2026-11-18T09:30:00.000Z"; // = tests/visual/pages.ts FROZEN_NOW
const BUILD_DIR = process.env.BUILD_DIR ?? "build";
const SERVER_ENV = {
  NODE_ENV: "production",
  BUILD_DIR,
  SESSION_SECRET: "e2e-session-secret-e2e-session-secret-0123456789",
  // a key missing in the page's language shows as ⟦key⟧ (tests/e2e/i18n.spec.ts), never English in its place
  I18N_STRICT: "1",
  // every reused chart SVG is drawn again and compared (app/components/charts/plot-markup.server.tsx)
  PLOT_CACHE_VERIFY: "1",
};

/** One of the servers the projects run against: `command` from the repo root, ready when /healthz answers on `port`. */
function webServer(command: string, port: number, database: string, env: Record<string, string> = {}) {
  return {
    command,
    cwd: "..",
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    env: { ...SERVER_ENV, PORT: String(port), DATABASE_PATH: database, ...env },
  };
}

/**
 * Browser tests against the production build (server.js), Debian's chromium (never
 * `playwright install`). Projects:
 * - demo (tests/e2e): behaviour, on its own port and database seeded with the demo at start;
 * - fresh-install (tests/e2e/fresh-install.spec.ts): the first-run journey on an empty database;
 * - visual (tests/visual): layout rules over every page × role × width × theme and screenshot
 *   baselines (tests/visual/__screenshots__), against a server whose clock and seed are frozen at
 *   FROZEN_NOW (docs/decisions/010-visual-regression-suite.md). `npm run test:visual` runs it alone,
 *   `npm run test:visual:update` rewrites the baselines.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: `./.tmp/test-results-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: "list",
  use: {
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...STABLE_PIXEL_ARGS] },
  },
  expect: {
    timeout: 7_000,
    toHaveScreenshot: {
      // anti-aliasing and sub-pixel shade noise stay under the per-pixel threshold; a moved,
      // clipped or missing element changes far more than 0.1 % of the pixels
      threshold: 0.25,
      maxDiffPixelRatio: 0.001,
      animations: "disabled",
      caret: "hide",
      scale: "css",
    },
  },
  snapshotPathTemplate: "{testDir}/__screenshots__/{arg}{ext}",
  projects: [
    // every spec on the demo database, except the first-run journey
    { name: "demo", testDir: "./e2e", testIgnore: /fresh-install\.spec\.ts/, use: { baseURL: `http://localhost:${PORT}` } },
    { name: "fresh-install", testDir: "./e2e", testMatch: /fresh-install\.spec\.ts/, use: { baseURL: `http://localhost:${FRESH_PORT}` } },
    {
      name: "visual",
      testDir: "./visual",
      use: { baseURL: `http://localhost:${VISUAL_PORT}`, timezoneId: "Europe/Paris", locale: "en-GB", deviceScaleFactor: 1 },
    },
  ],
  webServer: [
    webServer(`rm -f ${E2E_DB} ${E2E_DB}-wal ${E2E_DB}-shm && npx tsx scripts/seed.ts && node server.js`, PORT, E2E_DB),
    webServer(`npx tsx scripts/reset.ts && node server.js`, FRESH_PORT, FRESH_DB),
    // NODE_ENV=test: the frozen clock is refused in production
    webServer(
      `rm -f ${VISUAL_DB} ${VISUAL_DB}-wal ${VISUAL_DB}-shm && node --import tsx --import ./tests/visual/fixed-clock.mjs scripts/seed.ts && node --import ./tests/visual/fixed-clock.mjs server.js`,
      VISUAL_PORT,
      VISUAL_DB,
      { NODE_ENV: "test", SESSION_SECRET: "visual-session-secret-visual-session-secret-0123", TRACKER_TEST_NOW: FROZEN_NOW, TZ: "UTC" },
    ),
  ],
});
