import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { "~": `${root}app` } },
  test: {
    globals: true,
    include: [
      "app/**/*.test.{ts,tsx}",
      "db/**/*.test.ts",
      "seeds/**/*.test.ts",
      "scripts/**/*.test.ts",
      "server/**/*.test.ts",
      "tests/integration/**/*.test.ts",
      "tests/helpers/**/*.test.ts",
    ],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
    // the production build the HTTP tests serve (tests/helpers/http-app.ts) is loaded by Node as it is
    server: { deps: { external: [/\/tests\/\.tmp\/build-vitest\//] } },
  },
});
