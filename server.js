// Production server: Express + the Remix request handler.
// Chosen over remix-serve so loaders know the client's address (login throttling) — see docs/decisions.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const buildDir = process.env.BUILD_DIR || "build";
const build = await import(`./${buildDir}/index.js`);
const port = Number(process.env.PORT ?? 3000);

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static(buildDir === "build" ? "public/build" : `${buildDir}/assets`, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  next();
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: req.socket.remoteAddress ?? null }),
  }),
);

const server = app.listen(port, () => {
  console.log(`InnovaTech Strategy Tracker listening on http://localhost:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
