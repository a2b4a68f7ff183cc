import { expect, loginAs, test } from "./fixtures";

/**
 * Charts cost nothing until used (docs/decisions/740-charts-hydrate-on-demand.md): a page loaded as a
 * document keeps the server's SVG of every chart through hydration; recharts draws a chart again only
 * when a pointer comes to it (for its tooltip). A chart reached by a client-side navigation has no
 * server SVG and is drawn at once.
 */
test("a dashboard's charts keep their server SVG through hydration; hovering one draws it live with its tooltip", async ({ page }) => {
  await loginAs(page, "ceo");
  await page.goto("/dashboards/product");
  await page.waitForLoadState("networkidle");
  const plots = page.locator(".chart__plot");
  const count = await plots.count();
  expect(count).toBeGreaterThanOrEqual(5);
  // every plot holds an SVG from the server; mark each node to see whether it is ever replaced
  const marked = await page.evaluate(
    () =>
      [...document.querySelectorAll(".chart__plot svg.recharts-surface")].map((svg) => {
        svg.setAttribute("data-from-server", "1");
        return 1;
      }).length,
  );
  expect(marked).toBe(count);
  // hydration is over (the root's effect ran) and nothing redrew them: recharts in the browser would
  // have drawn each at its box's width; they are still at the server's intrinsic width
  await page.waitForTimeout(500);
  await expect(page.locator('.chart__plot svg[data-from-server="1"]')).toHaveCount(count);
  const widths = await plots.evaluateAll((els) =>
    els.map((el) => ({
      svg: el.querySelector("svg")!.getAttribute("width"),
      intrinsic: (el as HTMLElement).style.aspectRatio.split("/")[0]!.trim(),
      box: el.clientWidth,
    })),
  );
  expect(
    widths.some((w) => Math.round(w.box) !== Number(w.intrinsic)),
    "some box differs from the intrinsic width",
  ).toBe(true);
  for (const w of widths) expect(w.svg).toBe(w.intrinsic);

  // a pointer on the first chart: recharts draws it (a new SVG node), the others stay as served
  const first = plots.first();
  await first.scrollIntoViewIfNeeded();
  await first.hover();
  await expect(first.locator('svg[data-from-server="1"]')).toHaveCount(0);
  await expect(first.locator("svg.recharts-surface")).toHaveCount(1);
  const [svgWidth, boxWidth] = await first.evaluate((el) => [el.querySelector("svg")!.getAttribute("width"), Math.round(el.clientWidth)]);
  expect(Number(svgWidth)).toBe(boxWidth);
  await expect(page.locator('.chart__plot svg[data-from-server="1"]')).toHaveCount(count - 1);
  // and its tooltip follows the pointer
  const box = (await first.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2 + 8, box.y + box.height / 2);
  await expect(first.locator(".recharts-tooltip-wrapper")).toBeVisible();
  await expect(first.locator(".recharts-tooltip-wrapper")).not.toBeEmpty();
});

test("charts reached by a client-side navigation are drawn at once", async ({ page }) => {
  await loginAs(page, "cto");
  // a link click in the navigation: Remix renders the CTO dashboard in the browser, no server SVG to keep
  await page.getByRole("navigation").getByRole("link", { name: "CTO dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboards\/cto$/);
  await expect(page.getByRole("heading", { name: /CTO dashboard/, level: 1 })).toBeVisible({ timeout: 20_000 });
  const plots = page.locator(".chart__plot");
  expect(await plots.count()).toBeGreaterThanOrEqual(2);
  for (const plot of await plots.all()) await expect(plot.locator("svg.recharts-surface")).toHaveCount(1);
});
