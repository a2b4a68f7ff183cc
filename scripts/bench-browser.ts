/**
 * What a dashboard costs in the browser: npm run bench:browser -- [--runs 5] [--port 3960] [--build build]
 *
 * Starts the production server (server.js, one worker, the current build) on a fresh copy of the demo
 * data set, signs in the demo CEO in Debian's Chromium (/usr/bin/chromium, through playwright-core)
 * and loads each dashboard --runs times as a document, 4× CPU throttling as Lighthouse's mobile
 * profile does. For each load it records:
 *   - total blocking time: the sum over long tasks (> 50 ms, PerformanceObserver "longtask") of their
 *     time past 50 ms, from navigation start until 2 s after the load event — Lighthouse's definition
 *     without its first-contentful-paint/interactive bounds, so a little larger than Lighthouse's;
 *   - the main thread's JavaScript time (CDP Performance "ScriptDuration", steadier than the total
 *     blocking time on a busy machine);
 *   - the JavaScript and HTML bytes transferred.
 * Then, unless --lighthouse 0, runs Lighthouse itself (`npx lighthouse@12.8.2`, fetched from the npm
 * registry on first use, not a dependency of the app; Debian's Chromium, headless, its default mobile
 * profile with simulated throttling, the CEO's session cookie) --lighthouse times per page and keeps
 * the median performance score, accessibility score and total blocking time (issue 17's measure).
 * Prints the medians and writes data/bench/browser.json. Build first (`npm run build`).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { chromium, type Response } from "playwright-core";
import { z } from "zod";
import { openDb } from "../db/client";
import { seedDemo } from "../seeds/demo";
import { CHROMIUM_PATH } from "./lib/chromium";
import { scriptOptions, wholeOption } from "./lib/cli";

const values = scriptOptions(
  {
    runs: wholeOption(1, 100, 5),
    port: wholeOption(1, 65_535, 3960),
    build: z
      .string()
      .regex(/^[\w./-]+$/, "must be a build folder")
      .default("build"),
    lighthouse: wholeOption(0, 20, 3),
  },
  "usage: npm run bench:browser -- [--runs 5] [--lighthouse 3] [--build build] [--port 3960]",
);
const LIGHTHOUSE_RUNS = values.lighthouse;
const LIGHTHOUSE = "lighthouse@12.8.2";
const RUNS = values.runs;
const PORT = values.port;
const BASE = `http://localhost:${PORT}`;
const PAGES = ["/dashboards/executive", "/dashboards/cto", "/dashboards/product", "/okrs", "/risks"];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function main() {
  const file = "data/bench/browser.db";
  fs.mkdirSync("data/bench", { recursive: true });
  for (const suffix of ["", "-wal", "-shm", ".lock"]) fs.rmSync(file + suffix, { force: true });
  const db = openDb(file);
  await seedDemo(db);
  db.$client.close();
  const server = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      WEB_CONCURRENCY: "1",
      DATABASE_PATH: file,
      BUILD_DIR: values.build,
      SESSION_SECRET: "bench-only-session-secret-0123456789abcdef",
    },
    stdio: "ignore",
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--no-sandbox"] });
  try {
    for (
      let i = 0;
      i < 300 &&
      !(await fetch(`${BASE}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel("Email").fill("ceo@innovatech.test");
    await page.getByLabel("Password").fill("innovatech-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    await page.addInitScript(() => {
      const w = window as unknown as { __tbt: number };
      w.__tbt = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tbt += Math.max(0, e.duration - 50);
      }).observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await cdp.send("Performance.enable");
    const scriptSeconds = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ScriptDuration")?.value ?? 0;
    const results: Record<string, { tbtMs: number; scriptMs: number; jsKb: number; htmlKb: number; runs: number[] }> = {};
    for (const path of PAGES) {
      const tbts: number[] = [];
      const scripts: number[] = [];
      let js = 0;
      let html = 0;
      for (let r = 0; r < RUNS; r++) {
        js = 0;
        html = 0;
        const onResponse = async (res: Response) => {
          const size = (await res.body().catch(() => Buffer.alloc(0))).length;
          if (res.url().endsWith(".js")) js += size;
          else if (res.request().resourceType() === "document") html += size;
        };
        page.on("response", onResponse);
        await cdp.send("Network.clearBrowserCache").catch(() => undefined);
        await page.goto(`${BASE}${path}`, { waitUntil: "load" });
        await page.waitForTimeout(2000);
        tbts.push(Math.round(await page.evaluate(() => (window as unknown as { __tbt: number }).__tbt)));
        // the counters start again with each document
        scripts.push(Math.round((await scriptSeconds()) * 1000));
        page.off("response", onResponse);
      }
      results[path] = { tbtMs: median(tbts), scriptMs: median(scripts), jsKb: Math.round(js / 1024), htmlKb: Math.round(html / 1024), runs: tbts };
      console.log(
        `${path.padEnd(24)} TBT ${String(results[path].tbtMs).padStart(5)} ms (runs ${tbts.join(", ")})  script ${results[path].scriptMs} ms  JS ${results[path].jsKb} KB  HTML ${results[path].htmlKb} KB`,
      );
    }
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const lighthouse = LIGHTHOUSE_RUNS > 0 ? runLighthouse(cookie) : null;
    const out = {
      at: new Date().toISOString(),
      cores: os.cpus().length,
      loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
      cpuThrottling: 4,
      runs: RUNS,
      results,
      lighthouse,
    };
    fs.writeFileSync("data/bench/browser.json", JSON.stringify(out, null, 2));
    console.log(`cores ${out.cores}, load average ${out.loadavg.join(" / ")} — data/bench/browser.json`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

type LighthouseReport = {
  categories: Record<"performance" | "accessibility", { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
};

/** Lighthouse per page, LIGHTHOUSE_RUNS times: the medians of the performance and accessibility scores (0–100) and of the total blocking time. */
function runLighthouse(cookie: string) {
  const out: Record<string, { performance: number; accessibility: number; tbtMs: number; lcpMs: number; runs: number[] }> = {};
  const report = "data/bench/lighthouse.json";
  for (const path of PAGES) {
    const perf: number[] = [];
    const a11y: number[] = [];
    const tbt: number[] = [];
    const lcp: number[] = [];
    for (let r = 0; r < LIGHTHOUSE_RUNS; r++) {
      const run = spawnSync(
        "npx",
        [
          "--yes",
          LIGHTHOUSE,
          `${BASE}${path}`,
          "--quiet",
          "--chrome-flags=--headless=new --no-sandbox",
          "--only-categories=performance,accessibility",
          `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
          "--output=json",
          `--output-path=${report}`,
        ],
        { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 },
      );
      if (run.status !== 0) throw new Error(`lighthouse failed on ${path} (exit ${run.status})`);
      const lr = JSON.parse(fs.readFileSync(report, "utf8")) as LighthouseReport;
      perf.push(Math.round((lr.categories.performance.score ?? 0) * 100));
      a11y.push(Math.round((lr.categories.accessibility.score ?? 0) * 100));
      tbt.push(Math.round(lr.audits["total-blocking-time"]?.numericValue ?? NaN));
      lcp.push(Math.round(lr.audits["largest-contentful-paint"]?.numericValue ?? NaN));
    }
    out[path] = { performance: median(perf), accessibility: median(a11y), tbtMs: median(tbt), lcpMs: median(lcp), runs: perf };
    console.log(
      `Lighthouse ${path.padEnd(24)} performance ${out[path].performance} (runs ${perf.join(", ")})  accessibility ${out[path].accessibility}  TBT ${out[path].tbtMs} ms  LCP ${out[path].lcpMs} ms`,
    );
  }
  fs.rmSync(report, { force: true });
  return { version: LIGHTHOUSE, runs: LIGHTHOUSE_RUNS, results: out };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
