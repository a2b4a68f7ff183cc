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
  await page.goto("/dashboards/cto");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
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
  const after = await plotStates(page);
  // drawn at its box's width; the others untouched
  expect(after[0]!.svg).toBe(after[0]!.box);
  expect(after.slice(1).every((p) => !p.drawn)).toBe(true);
  const box = (await first.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2);
  await expect(first.locator(".recharts-tooltip-wrapper")).toBeVisible();
  await expect(first.locator(".recharts-tooltip-wrapper")).not.toBeEmpty();
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
  const states = await plotStates(page);
  expect(states.length).toBeGreaterThanOrEqual(2);
  for (const p of states) expect(p.drawn).toBe(true);
});
