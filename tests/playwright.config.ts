import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DB = `tests/.tmp/e2e-${PORT}.db`;
/** A second server on an EMPTY database (`db:reset`, no user): the first-run journey (fresh-install.spec.ts). */
export const FRESH_PORT = PORT + 1000;
const FRESH_DB = `tests/.tmp/e2e-fresh-${FRESH_PORT}.db`;
const SERVER_ENV = {
  NODE_ENV: "production",
  BUILD_DIR: process.env.BUILD_DIR ?? "build",
  SESSION_SECRET: "e2e-session-secret-e2e-session-secret-0123456789",
};

/**
 * Browser tests against the production build (server.js) on its own port and database,
 * seeded with the demo data at start. Debian's chromium; never `playwright install`.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: `./.tmp/test-results-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? "list" : "list",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // every spec on the demo database, except the first-run journey
    { name: "demo", testIgnore: /fresh-install\.spec\.ts/ },
    { name: "fresh-install", testMatch: /fresh-install\.spec\.ts/, use: { baseURL: `http://localhost:${FRESH_PORT}` } },
  ],
  webServer: [
    {
      command: `rm -f ${E2E_DB} ${E2E_DB}-wal ${E2E_DB}-shm && npx tsx scripts/seed.ts && node server.js`,
      cwd: "..",
      url: `http://localhost:${PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: { ...SERVER_ENV, PORT: String(PORT), DATABASE_PATH: E2E_DB },
    },
    {
      command: `npx tsx scripts/reset.ts && node server.js`,
      cwd: "..",
      url: `http://localhost:${FRESH_PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: { ...SERVER_ENV, PORT: String(FRESH_PORT), DATABASE_PATH: FRESH_DB },
    },
  ],
});
