import type { Page } from "@playwright/test";
import { test, expect, loginAs } from "./fixtures";

const frequencyTile = (page: Page) => page.locator("article.tile", { has: page.getByRole("heading", { name: "Deployment frequency" }) });

test.describe("CTO dashboard", () => {
  test("filters to one service: the URL and the tiles change", async ({ page }) => {
    await loginAs(page, "cto", "/dashboards/cto");
    await page.goto("/dashboards/cto");
    await expect(page.getByRole("heading", { name: "CTO dashboard", level: 1 })).toBeVisible();
    const tile = frequencyTile(page);
    const allServices = (await tile.locator(".tile__value").innerText()).trim();
    const allFootnote = (await tile.locator(".tile__footnote").innerText()).trim();
    expect(allServices).not.toBe("no data");

    await page.getByLabel("Service", { exact: true }).selectOption("auth-service");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/service=auth-service/);
    await expect(page.locator(".cto-window-text")).toContainText("service auth-service");
    const oneService = (await frequencyTile(page).locator(".tile__footnote").innerText()).trim();
    expect(oneService).not.toBe(allFootnote);
    // The per-service table now holds only that service.
    await expect(page.locator("table.cto-services tbody tr")).toHaveCount(1);
    // Each figure links to the rows behind it, with the same filter and window.
    const href = await frequencyTile(page).locator("a.tile__link").getAttribute("href");
    expect(href).toMatch(/^\/delivery\/deployments\?service=auth-service&from=.+&to=.+&status=success/);

    // A preset keeps the service filter.
    await page.getByRole("link", { name: "30 days" }).click();
    await expect(page).toHaveURL(/service=auth-service&days=30/);
  });

  test("a viewer sees the tiles, trends, open incidents and the IT budget", async ({ page }) => {
    await loginAs(page, "viewer", "/dashboards/cto");
    await page.goto("/dashboards/cto?days=180");
    for (const name of ["Deployment frequency", "Lead time for changes", "Change failure rate", "Time to restore service", "Rework rate"]) {
      await expect(page.getByRole("heading", { name, level: 3 })).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: /Open incidents/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "IT budget vs actual" })).toBeVisible();
    await expect(page.locator("figure.chart svg").first()).toBeVisible();
  });
});

test.describe("CTO dashboard without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("renders the tiles and server-side SVG charts, and the filter form works", async ({ page }) => {
    await loginAs(page, "cto", "/dashboards/cto");
    await page.goto("/dashboards/cto");
    await expect(page.locator("article.tile")).toHaveCount(6);
    await expect(page.locator(".tier-badge, .badge").first()).toBeVisible();
    expect(await page.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(4);
    // The GET form submits without JavaScript.
    await page.getByLabel("Service", { exact: true }).selectOption("auth-service");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/service=auth-service/);
    await expect(page.locator("table.cto-services tbody tr")).toHaveCount(1);
  });
});
