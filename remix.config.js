// BUILD_DIR lets several builds coexist (parallel test runs on one machine); default: build/ + public/build/.
const buildDir = process.env.BUILD_DIR || "build";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: buildDir === "build" ? "public/build" : `${buildDir}/assets`,
  publicPath: "/build/",
  serverDependenciesToBundle: [/^@tanstack\//, /^recharts/, /^lodash/, /^d3-/, /^internmap/, /^date-fns/],
  // REMIX_CACHE_DIR: the HTTP tests build into tests/.tmp and keep their cache there too
  cacheDirectory: process.env.REMIX_CACHE_DIR || `./node_modules/.cache/remix-${buildDir.replace(/\W/g, "_")}`,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
