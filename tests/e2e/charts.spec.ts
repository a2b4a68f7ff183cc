import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

/**
 * Charts cost nothing until used (docs/decisions/740-charts-hydrate-on-demand.md): a page loaded as a
 * document keeps the server's SVG of every chart through hydration. Recharts draws a chart again when a
 * pointer comes to it (for its tooltip), or when it comes into view in a box much narrower or wider than
 * the SVG's intrinsic width (a phone). A chart reached by a client-side navigation is drawn at once.
 */

/** Each plot: whether the browser drew it, the SVG's width attribute, the intrinsic width, the box's width. */
function plotStates(page: Page) {
  return page.locator(".chart__plot").evaluateAll((els) =>
    els.map((el) => ({
      drawn: el.hasAttribute("data-chart-drawn"),
      svg: Number(el.querySelector("svg")?.getAttribute("width")),
      intrinsic: Number((el as HTMLElement).style.aspectRatio.split("/")[0]),
      box: Math.round(el.clientWidth),
    })),
  );
}

test("at desktop width the CTO dashboard's charts keep their server SVG; hovering one draws it live with its tooltip", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs(page, "cto");
  const scripts: string[] = [];
  page.on("request", (req) => {
    if (req.resourceType() === "script") scripts.push(new URL(req.url()).pathname);
  });
  await page.goto("/dashboards/cto");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  // the chart library is neither fetched nor run while the page loads and hydrates
  expect(scripts.filter((p) => /\/plots-[^/]*\.js$/.test(p))).toEqual([]);
  const before = await plotStates(page);
  expect(before.length).toBeGreaterThanOrEqual(3);
  // boxes within 15 % of the intrinsic width: nothing redrawn, each SVG at the server's width
  for (const p of before) {
    expect(Math.abs(p.box - p.intrinsic) / p.intrinsic).toBeLessThanOrEqual(0.15);
    expect(p.drawn).toBe(false);
    expect(p.svg).toBe(p.intrinsic);
  }
  expect(before.some((p) => p.box !== p.intrinsic)).toBe(true);

  const first = page.locator(".chart__plot").first();
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await expect(first).toHaveAttribute("data-chart-drawn", "");
  // the first use fetched it, once
  expect(scripts.filter((p) => /\/plots-[^/]*\.js$/.test(p))).toHaveLength(1);
  const after = await plotStates(page);
  // drawn at its box's width; the others untouched
  expect(after[0]!.svg).toBe(after[0]!.box);
  expect(after.slice(1).every((p) => !p.drawn)).toBe(true);
  const box = (await first.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2);
  await expect(first.locator(".recharts-tooltip-wrapper")).toBeVisible();
  await expect(first.locator(".recharts-tooltip-wrapper")).not.toBeEmpty();
});

test("at desktop width the product dashboard's trend charts are served at their column's width: none is drawn again, no chart code loads", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs(page, "ceo");
  const plotsChunk: string[] = [];
  page.on("request", (req) => {
    if (/\/plots-[^/]*\.js$/.test(new URL(req.url()).pathname)) plotsChunk.push(req.url());
  });
  await page.goto("/dashboards/product");
  await page.waitForLoadState("networkidle");
  const plots = page.locator(".chart__plot");
  const count = await plots.count();
  expect(count).toBeGreaterThanOrEqual(5);
  // every chart scrolled through, as a reader does: in view, none is far enough from its width to be redrawn
  for (let i = 0; i < count; i++) await plots.nth(i).scrollIntoViewIfNeeded();
  await page.waitForTimeout(2500); // past the idle callbacks' 2 s timeout
  for (const p of await plotStates(page)) {
    expect(Math.abs(p.box - p.intrinsic) / p.intrinsic).toBeLessThanOrEqual(0.15);
    expect(p.drawn).toBe(false);
  }
  expect(plotsChunk).toEqual([]);
});

test("on a phone, charts in view are drawn at their box's width and those below are not, until scrolled to", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await loginAs(page, "ceo");
  await page.goto("/dashboards/product");
  const plots = page.locator(".chart__plot");
  const count = await plots.count();
  expect(count).toBeGreaterThanOrEqual(5);
  const last = plots.nth(count - 1);
  await expect(last).not.toHaveAttribute("data-chart-drawn");
  await expect(last).not.toBeInViewport();
  // the first chart, once in view, is drawn at its own (phone) width
  await plots.first().scrollIntoViewIfNeeded();
  await expect(plots.first()).toHaveAttribute("data-chart-drawn", "");
  const drawn = (await plotStates(page))[0]!;
  expect(drawn.svg).toBe(drawn.box);
  expect(drawn.box).toBeLessThan(drawn.intrinsic * 0.85);
  expect(await last.getAttribute("data-chart-drawn")).toBeNull();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute("data-chart-drawn", "");
});

test("charts reached by a client-side navigation are drawn at once", async ({ page }) => {
  await loginAs(page, "cto");
  // a link in the navigation: Remix renders the CTO dashboard in the browser, no server SVG to keep
  await page.getByRole("navigation").getByRole("link", { name: "CTO dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboards\/cto$/);
  await expect(page.getByRole("heading", { name: /CTO dashboard/, level: 1 })).toBeVisible({ timeout: 20_000 });
  // no pointer comes near them: each is drawn as soon as the chart library has loaded
  const plots = page.locator(".chart__plot");
  expect(await plots.count()).toBeGreaterThanOrEqual(2);
  for (const plot of await plots.all()) {
    await expect(plot).toHaveAttribute("data-chart-drawn", "");
    await expect(plot.locator("svg.recharts-surface")).toHaveCount(1);
  }
});

/**
 * Every page with charts, loaded as a document, hydrates without an error (the fixture fails the test on
 * any console error, React's hydration errors #418/#423/#425 included), with a KPI that has no
 * measurement yet among the product dashboard's trends (the empty chart once failed hydration there).
 * Each chart is then brought into view and hovered, so recharts draws every one in the browser too.
 */
test("every page with charts hydrates without an error, a KPI without measurements included, and draws each chart when hovered", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await loginAs(page, "lead", "/kpis");
  const name = `No measurement yet ${Date.now().toString(36)}`;
  const create = page.locator("form", { has: page.getByRole("button", { name: "Create KPI" }) });
  await create.getByLabel("Key").fill(`e2e_empty_${Date.now().toString(36)}`);
  await create.getByLabel("Name").fill(name);
  await create.getByRole("button", { name: "Create KPI" }).click();
  await expect(page).toHaveURL(/\/kpis\/\d+$/);
  const kpiPage = new URL(page.url()).pathname;

  await page.context().clearCookies();
  await loginAs(page, "ceo");
  await page.goto("/okrs");
  const krPage = await page.locator('a[href^="/okrs/kr/"]').first().getAttribute("href");
  expect(krPage).toBeTruthy();
  await page.goto("/reports/board");
  const packPage = await page.locator('a[href^="/reports/board/"]').first().getAttribute("href");
  expect(packPage).toBeTruthy();

  const pages: [string, number][] = [
    ["/dashboards/product", 5],
    ["/dashboards/cto", 3],
    ["/dashboards/executive", 3],
    ["/kpis", 0],
    [kpiPage, 0],
    [krPage!, 1],
    ["/scenarios", 1],
    ["/finance/snapshots", 0],
    ["/governance/maturity", 1],
    ["/hiring/headcount", 1],
    [packPage!, 1],
  ];
  for (const [path, minCharts] of pages) {
    await page.goto(path);
    await page.waitForFunction(() => "__remixRouter" in window);
    await page.waitForLoadState("networkidle");
    if (path === "/dashboards/product") {
      const empty = page.locator("figure.chart", { hasText: name });
      await expect(empty.getByText(/No measurement in the last \d+ weeks\./)).toBeVisible();
    }
    const plots = page.locator(".chart__plot");
    const count = await plots.count();
    expect(count, `${path}: charts`).toBeGreaterThanOrEqual(minCharts);
    for (let i = 0; i < count; i++) {
      const plot = plots.nth(i);
      await plot.scrollIntoViewIfNeeded();
      await plot.hover();
      await expect(plot, `${path}: chart ${i + 1} drawn`).toHaveAttribute("data-chart-drawn", "");
      await expect(plot.locator("svg.recharts-surface")).toHaveCount(1);
    }
  }
});
