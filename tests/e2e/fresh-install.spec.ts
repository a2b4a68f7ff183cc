/**
 * From an empty database (`npm run db:reset`, no user) to a working install with the company's own
 * data, as a person does it — no SQL, no demo: /setup → sign in → two teams → a lead → budget lines,
 * snapshots and employees from the templates → a cycle and an OKR → the lead checks in → a
 * deployment posted with a token → every dashboard shows real figures. /setup is refused after.
 * Runs on its own server and database (project "fresh-install" in playwright.config.ts).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const CEO = { name: "Grace Hopper", email: "grace@acme.test", password: "correct horse battery staple" };
const LEAD = { name: "Linus Lead", email: "linus@acme.test", password: "another long password" };

const pad = (n: number) => String(n).padStart(2, "0");
function monthsAgo(n: number): string {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1));
  return `${m.getUTCFullYear()}-${pad(m.getUTCMonth() + 1)}`;
}
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/** Downloads an import's template, checks it is the header the page documents, and uploads it filled with `rows`. */
async function importFromTemplate(page: Page, kind: string, rows: string[]) {
  await page.goto("/import");
  const card = page.locator(`#import-${kind}`);
  const href = await card.getByRole("link", { name: "Download the template" }).getAttribute("href");
  const template = await page.request.get(href!);
  expect(template.status()).toBe(200);
  const header = (await template.text()).replace(/^\ufeff/, "").trim();
  await expect(card.locator("code")).toHaveText(header);
  await card.getByLabel("CSV file").setInputFiles({ name: `${kind}.csv`, mimeType: "text/csv", buffer: Buffer.from([header, ...rows].join("\n") + "\n") });
  await card.getByRole("button", { name: /^Import/ }).click();
  await expect(page.locator(`#import-${kind}`).getByRole("status")).toContainText("imported");
}

test("from an empty database to a working install with the company's own data", async ({ page, browser }) => {
  test.setTimeout(120_000);

  // 1. every page leads to /setup while there is no user
  await page.goto("/dashboards/executive");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up your Strategy Tracker" })).toBeVisible();
  // bad input: errors by the fields, input kept
  await page.getByLabel("Company name").fill("Acme Robotics");
  await page.getByLabel("Currency").fill("euro");
  await page.getByLabel("Your name").fill(CEO.name);
  await page.getByLabel("Email").fill(CEO.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create the company and sign in" }).click();
  await expect(page.getByText("must be a 3-letter ISO 4217 code, e.g. EUR")).toBeVisible();
  await expect(page.getByText("must be at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Company name")).toHaveValue("Acme Robotics");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByLabel("Password").fill(CEO.password);
  await page.getByLabel("Fiscal year starts in").selectOption({ label: "January" });
  await page.getByRole("button", { name: "Create the company and sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(CEO.name);
  await expect(page.locator(".brand")).toContainText("Acme Robotics");
  await expect(page.getByTestId("getting-started")).toBeVisible();

  // 2. /setup is gone for ever; sign out and back in
  expect((await page.request.get("/setup")).status()).toBe(404);
  await page.getByRole("button", { name: "Log out" }).click();
  expect((await page.goto("/setup"))?.status()).toBe(404);
  await signIn(page, CEO);

  // 3. two teams
  await page.goto("/teams");
  await expect(page.getByRole("heading", { name: "No team yet" })).toBeVisible();
  for (const [name, kind] of [
    ["Platform", "Tech (the CTO's)"],
    ["Sales", "Non-tech"],
  ] as const) {
    await page.getByRole("textbox", { name: "Name (required)", exact: true }).fill(name);
    await page.getByRole("combobox", { name: "Kind (required)", exact: true }).selectOption({ label: kind });
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByRole("status")).toContainText(`Team ${name} created.`);
  }
  await expect(page.locator("tr[data-team]")).toHaveCount(2);

  // 4. a lead: refused without a team, then created in Platform
  await page.goto("/settings");
  await page.getByLabel("Email", { exact: true }).fill(LEAD.email);
  await page.getByLabel("Name", { exact: true }).fill(LEAD.name);
  await page.getByLabel("Initial password (12+ characters)").fill(LEAD.password);
  await page.locator("#u-role").selectOption("lead");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText("a team lead must belong to a team")).toBeVisible();
  await page.getByLabel("Initial password (12+ characters)").fill(LEAD.password);
  await page.locator("#u-role").selectOption("lead");
  await page.locator("#u-team").selectOption({ label: "Platform" });
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toContainText(`User ${LEAD.email} created.`);

  // 5. history from the templates: budget lines, snapshots, employees
  const [m3, m2, m1] = [monthsAgo(3), monthsAgo(2), monthsAgo(1)];
  await importFromTemplate(page, "budget-lines", [
    `${m3},Salaries,40000,41000`,
    `${m2},Salaries,40000,40500`,
    `${m1},Salaries,42000,42500`,
    `${m3},Cloud infrastructure,5000,4800`,
    `${m2},Cloud infrastructure,5000,5200`,
    `${m1},Cloud infrastructure,5000,5100`,
  ]);
  await importFromTemplate(page, "finance-snapshots", [
    `${m3},900000,10000,10000,10,2,0,0,2500`,
    `${m2},860000,12000,12000,12,2,0,0,2800`,
    `${m1},820000,15000,15000,15,3,0,0,3300`,
  ]);
  await importFromTemplate(page, "employees", [
    ",Ada Lovelace,Platform,Engineer,2024-01-15,,70000",
    ",Alan Turing,Platform,Engineer,2024-06-01,,68000",
    ",Mary Seller,Sales,Account executive,2025-02-01,,55000",
  ]);

  // 6. a cycle and an OKR for the Platform team, owned by the lead
  await page.goto("/okrs");
  await expect(page.getByRole("heading", { name: "No OKR cycle yet" })).toBeVisible();
  await page.getByRole("textbox", { name: "Name (required)", exact: true }).fill("This quarter");
  await page.getByLabel("Start date").fill(isoDay(-30));
  await page.getByLabel("End date (inclusive)").fill(isoDay(60));
  await page.getByRole("button", { name: "Create cycle" }).click();
  await page.getByRole("textbox", { name: "Title (required)", exact: true }).fill("Ship faster");
  await page.getByLabel("Team", { exact: true }).selectOption({ label: "Platform" });
  await page.getByRole("button", { name: "Create objective" }).click();
  // created: the objective's page opens
  await expect(page.getByRole("heading", { name: "Ship faster", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Title (required)", exact: true }).first().fill("Deployments per week");
  await page.getByLabel("Start value").fill("0");
  await page.getByLabel("Target value").fill("10");
  await page.getByLabel("Owner").first().selectOption({ label: LEAD.name });
  await page.getByRole("button", { name: "Add key result" }).click();
  await expect(page.getByText("Deployments per week").first()).toBeVisible();

  // 7. a deployment posted with a token made on the tokens page
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("CI");
  await page.getByRole("button", { name: "Create a token" }).last().click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  const finishedAt = new Date(Date.now() - 3_600_000).toISOString();
  const res = await page.request.post("/api/v1/deployments", {
    headers: { Authorization: `Bearer ${token}` },
    data: { externalId: "build-1", service: "api", status: "success", finishedAt, firstCommitAt: new Date(Date.now() - 5 * 3_600_000).toISOString() },
  });
  expect(res.status()).toBe(201);
  // the new service gets its owning team from the Teams list
  await page.goto("/delivery/services");
  await page.getByLabel("Team owning api").selectOption({ label: "Platform" });
  await page.getByRole("button", { name: "Save api" }).click();
  await expect(page.getByRole("status")).toContainText("Service api saved.");

  // 8. the lead checks in
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  await signIn(leadPage, LEAD);
  await leadPage.goto("/okrs/mine");
  const row = leadPage.getByRole("listitem", { name: /^Deployments per week/ });
  await row.getByLabel("New value").fill("4");
  await row.getByLabel("Confidence (1–10)").fill("7");
  await row.getByLabel("Note").fill("CI pipeline wired");
  await row.getByLabel("Note").press("Enter");
  await expect(leadPage.getByRole("listitem", { name: /^Deployments per week/ }).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
  await leadContext.close();

  // 9. every dashboard shows real figures
  await page.goto("/");
  await expect(page.getByTestId("getting-started")).toHaveCount(0);
  await page.goto("/dashboards/executive");
  await expect(page.getByRole("heading", { name: "No closed month yet" })).toHaveCount(0);
  const runway = page.getByRole("article", { name: "Runway", exact: true }).locator(".tile__value");
  await expect(runway).toContainText(/\d/);
  await page.goto("/dashboards/cto");
  const frequency = page.locator("article.tile", { has: page.getByRole("heading", { name: "Deployment frequency" }) });
  await expect(frequency.locator(".tile__footnote")).toContainText("1 deployment");
  await expect(page.getByText("No deployment recorded yet")).toHaveCount(0);
  await page.goto("/dashboards/product");
  await expect(page.getByText("Platform").first()).toBeVisible();
  await page.goto("/hiring/headcount");
  await expect(page.getByText("No employees or requisitions yet")).toHaveCount(0);
  await page.goto(`/budgets/categories?year=${m1.slice(0, 4)}`);
  await expect(page.locator('tr[data-category="Salaries"]')).not.toContainText("no actual yet");

  // the demo is nowhere
  for (const path of ["/", "/dashboards/cto", "/login"]) {
    await page.goto(path);
    await expect(page.locator("body")).not.toContainText("InnovaTech");
  }
});
