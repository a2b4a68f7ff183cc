import { chromium } from "@playwright/test";
const base = "http://localhost:3255";
const [role, ...paths] = process.argv.slice(2);
const theme = process.env.THEME ?? "light";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
page.on("console", (m) => { if (m.type() === "error") console.log("CONSOLE", m.text()); });
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill(`${role}@innovatech.test`);
await page.getByLabel("Password").fill("innovatech-demo");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForSelector("[data-testid=current-user]");
for (const p of paths) {
  const res = await page.goto(base + p);
  console.log(p, res.status());
  const name = p.replace(/[^a-z0-9]+/gi, "_") + `-${role}-${theme}.png`;
  await page.screenshot({ path: `/tmp/okr5-shots/${name}`, fullPage: true });
}
await browser.close();
