// Production server: the Express app of server/app.js (security headers, same-origin rule, body
// limits, the Remix handler) listening on PORT. Chosen over remix-serve — see docs/decisions/006.
import { createApp } from "./server/app.js";

const buildDir = process.env.BUILD_DIR || "build";
const build = await import(`./${buildDir}/index.js`);
// The environment, parsed and checked by the app's zod schema (app/utils/env.server.ts).
const config = build.entry.module.serverConfig();

const app = createApp({ build, buildDir, config });
const server = app.listen(config.port, () => {
  console.log(`InnovaTech Strategy Tracker listening on http://localhost:${config.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
