// Takes Chromium screenshots of pages as a given role, for a look at what a person sees.
// Usage: npx tsx scripts/screenshots.ts --base http://localhost:3000 --role ceo --out /tmp/shots [--dark] [--width 1400] /path1 /path2 …
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./lib/chromium";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv.splice(i, 2)[1] : fallback;
};
const base = opt("base", "http://localhost:3000");
const role = opt("role", "ceo");
const out = opt("out", "/tmp/shots");
const width = Number(opt("width", "1400"));
const darkIndex = argv.indexOf("--dark");
const dark = darkIndex >= 0;
if (dark) argv.splice(darkIndex, 1);
const paths = argv.length ? argv : ["/"];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: dark ? "dark" : "light" });
const page = await context.newPage();
page.on("console", (m) => m.type() === "error" && console.log(`  console error: ${m.text()}`));
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill(`${role}@innovatech.test`);
await page.getByLabel("Password").fill("innovatech-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login"));
for (const p of paths) {
  const res = await page.goto(base + p);
  await page.waitForLoadState("networkidle");
  const file = path.join(out, `${role}${p.replace(/[^\w]+/g, "_")}${dark ? "_dark" : ""}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${res?.status()} ${p} → ${file}`);
}
await browser.close();
