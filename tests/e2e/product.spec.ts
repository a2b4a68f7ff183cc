import { expect, loginAs, test } from "./fixtures";

test.describe("product dashboard", () => {
  test("shows every KPI with its target, and a KPI below target in the warning colour", async ({ page }) => {
    await loginAs(page, "viewer", "/dashboards/product");
    await expect(page.getByRole("heading", { name: "Product dashboard", level: 1 })).toBeVisible();
    const tiles = page.locator('[data-testid^="kpi-tile-"]');
    expect(await tiles.count()).toBeGreaterThanOrEqual(10);

    const missed = page.locator('[data-target-state="missed"]').first();
    await expect(missed).toBeVisible();
    const tile = missed.locator("article.tile");
    await expect(tile).toHaveClass(/tile--off-target/);
    await expect(missed.getByText(/Below target|Above target/)).toBeVisible();
    // the value is painted with the theme's warning colour
    const [valueColour, warnColour] = await tile.evaluate((el) => {
      const probe = document.createElement("span");
      probe.style.color = "var(--warn)";
      document.body.appendChild(probe);
      const warn = getComputedStyle(probe).color;
      probe.remove();
      const value = el.querySelector(".tile__value a") ?? el.querySelector(".tile__value")!;
      return [getComputedStyle(value).color, warn];
    });
    expect(valueColour).toBe(warnColour);

    // a KPI that meets its target is not painted so
    const met = page.locator('[data-target-state="met"]').first();
    await expect(met.locator("article.tile")).not.toHaveClass(/tile--off-target/);
    // OKR health by team
    await expect(page.getByTestId("okr-team-health")).toContainText("Core");
  });
});

test("the executive dashboard shows the OKR health of the company objectives", async ({ page }) => {
  await loginAs(page, "ceo", "/dashboards/executive");
  const panel = page.getByTestId("okr-health-panel");
  await expect(panel).toBeVisible();
  expect(await panel.getByRole("progressbar").count()).toBeGreaterThanOrEqual(3);
  await expect(panel.getByText(/On track|At risk|Off track/).first()).toBeVisible();
  await page.getByRole("link", { name: "All OKRs →" }).click();
  await expect(page.getByRole("heading", { name: "OKRs", level: 1 })).toBeVisible();
});

test("a lead defines a KPI: errors next to the fields with the input kept, then creates and edits it", async ({ page }) => {
  await loginAs(page, "lead", "/kpis");
  const key = `e2e_kpi_${Date.now().toString(36)}`;
  const create = page.locator("form", { has: page.getByRole("button", { name: "Create KPI" }) });
  await create.getByLabel("Key").fill("Bad Key!");
  await create.getByLabel("Name").fill("Churned seats");
  await create.getByRole("button", { name: "Create KPI" }).click();
  await expect(create.getByText("must be 2–60 lowercase letters")).toBeVisible();
  await expect(create.getByLabel("Name")).toHaveValue("Churned seats");

  await create.getByLabel("Key").fill(key);
  await create.getByLabel("Which way is better").selectOption("lower");
  await create.getByRole("button", { name: "Create KPI" }).click();
  await expect(page).toHaveURL(/\/kpis\/\d+$/);
  await expect(page.getByRole("heading", { name: "Churned seats", level: 1 })).toBeVisible();

  const edit = page.locator("form", { has: page.getByRole("button", { name: "Save KPI" }) });
  await expect(edit.getByLabel("Key")).toHaveValue(key);
  await expect(edit.getByLabel("Which way is better")).toHaveValue("lower");
  await edit.getByLabel("Name").fill("Churned seats (monthly)");
  await edit.getByRole("button", { name: "Save KPI" }).click();
  await expect(page.getByRole("heading", { name: "Churned seats (monthly)", level: 1 })).toBeVisible();
});
