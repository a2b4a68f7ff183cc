import path from "node:path";
import Database from "better-sqlite3";
import { expect, loginAs, test } from "./fixtures";

/** The demo database the e2e server runs on (see playwright.config.ts), read directly for the expected salaries. */
const DB_FILE = path.resolve(process.cwd(), `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`);

type Salaried = { title: string; team: string; isTech: number; cents: number };

function readSalaries(): { requisitions: Salaried[]; employees: number[] } {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  try {
    const requisitions = db
      .prepare(
        `SELECT r.title, t.name AS team, t.is_tech AS isTech, r.annual_salary_cents AS cents
           FROM requisitions r JOIN teams t ON t.id = r.team_id`,
      )
      .all() as Salaried[];
    const employees = (db.prepare(`SELECT annual_salary_cents AS cents FROM employees`).all() as { cents: number }[]).map((e) => e.cents);
    return { requisitions, employees };
  } finally {
    db.close();
  }
}

/** Every way a salary could be printed: raw cents, euros, "65000.00", and grouped ("65 000", "65,000", "65.000"). */
function salaryPatterns(cents: number): RegExp[] {
  const euros = Math.floor(cents / 100);
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, "[\\s\\u00a0\\u202f.,']?");
  return [new RegExp(`(?<!\\d)${cents}(?!\\d)`), new RegExp(`(?<![\\d.,])${grouped}(?![\\d])`)];
}

/** Searches the whole document, loader data (the inline scripts) included; only hashed asset paths are dropped. */
function leakedSalaries(text: string, cents: readonly number[]): number[] {
  const clean = text.replace(/\/build\/[^"'\s)]+/g, "");
  return [...new Set(cents)].filter((c) => salaryPatterns(c).some((re) => re.test(clean)));
}

test.describe("hiring plan", () => {
  test("a lead sees the hiring plan without any salary (page, detail, employees, CSV)", async ({ page }) => {
    const { requisitions, employees } = readSalaries();
    const all = [...requisitions.map((r) => r.cents), ...employees];
    await loginAs(page, "lead", "/hiring");
    await page.goto("/hiring?size=100");
    await expect(page.getByRole("heading", { level: 1, name: "Hiring plan" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Annual salary/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Propose a hire" })).toBeVisible();
    // no one-click status buttons for a lead
    await expect(page.getByRole("button", { name: /^Move to / })).toHaveCount(0);
    expect(leakedSalaries(await page.content(), all)).toEqual([]);

    // a requisition page
    await page.getByRole("table").getByRole("rowheader").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/hiring\/\d+$/);
    await expect(page.getByText("hidden from your role").or(page.getByText("Hidden from your role"))).toBeVisible();
    expect(leakedSalaries(await page.content(), all)).toEqual([]);

    // the CSV export has no salary column and no salary
    const csv = await page.request.get("/hiring.csv");
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text.split(/\r?\n/)[0].replace(/^\ufeff/, "")).toBe("id,title,team,profile,priority,target_start_month,status,source,objective");
    expect(text).not.toContain("annual_salary");
    expect(leakedSalaries(text, all)).toEqual([]);

    // employees
    await page.goto("/hiring/employees?size=100");
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Annual salary/ })).toHaveCount(0);
    expect(leakedSalaries(await page.content(), employees)).toEqual([]);
    const ecsv = await (await page.request.get("/hiring/employees.csv")).text();
    expect(ecsv).not.toContain("annual_salary");
    expect(leakedSalaries(ecsv, employees)).toEqual([]);
  });

  test("the CEO sees salaries and moves a requisition to the next status in one click", async ({ page }) => {
    const { requisitions } = readSalaries();
    await loginAs(page, "ceo", "/hiring");
    await page.goto("/hiring?status=planned&sort=title&dir=asc");
    await expect(page.getByRole("columnheader", { name: /Annual salary/ })).toBeVisible();
    // the leak detector does find salaries where they are allowed (so its silence elsewhere means something)
    expect(
      leakedSalaries(
        await page.content(),
        requisitions.map((r) => r.cents),
      ).length,
    ).toBeGreaterThan(0);
    await expect(page.getByRole("link", { name: /loaded-cost|change in settings/i })).toBeVisible();
    const firstRow = page.getByRole("table").getByRole("row").nth(1);
    await expect(firstRow.getByText(/€\d{1,3}(,\d{3})+/)).toBeVisible();
    const title = (await firstRow.getByRole("rowheader").getByRole("link").textContent())!.trim();
    await firstRow.getByRole("button", { name: `Move to Open: ${title}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status changed from Planned to Open" })).toBeVisible();
    await page.goto(`/hiring?status=open&q=${encodeURIComponent(title)}`);
    await expect(page.getByRole("table").getByRole("link", { name: title }).first()).toBeVisible();
  });

  test("the CEO marks an offer hired and adds the person to the employees", async ({ page }) => {
    await loginAs(page, "ceo", "/hiring");
    await page.goto("/hiring?status=offer&sort=title&dir=desc");
    const firstRow = page.getByRole("table").getByRole("row").nth(1);
    const title = (await firstRow.getByRole("rowheader").getByRole("link").textContent())!.trim();
    await firstRow.getByRole("button", { name: `Move to Hired: ${title}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status changed from Offer to Hired" })).toBeVisible();
    await page.getByRole("link", { name: /Add the person hired/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Add an employee" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: /Job title/ })).toHaveValue(title);
    await expect(page.getByRole("textbox", { name: /Annual salary/ })).not.toHaveValue("");
    const name = `New Hire ${Date.now()}`;
    await page.getByRole("textbox", { name: /^Name/ }).fill(name);
    await page.getByRole("button", { name: "Add employee" }).click();
    await expect(page).toHaveURL(/\/hiring\/employees\?q=/);
    await expect(page.getByRole("table").getByText(name)).toBeVisible();
  });

  test("the CTO sees salaries of tech-team requisitions only", async ({ page }) => {
    const { requisitions } = readSalaries();
    const business = requisitions.filter((r) => r.isTech === 0);
    const techOnly = requisitions.filter((r) => r.isTech === 1);
    // salaries used by business requisitions only (a tech one may share the amount)
    const techAmounts = new Set(techOnly.map((r) => r.cents));
    const businessOnly = business.map((r) => r.cents).filter((c) => !techAmounts.has(c));
    expect(businessOnly.length).toBeGreaterThan(0);

    await loginAs(page, "cto", "/hiring");
    await page.goto("/hiring?size=100");
    await page.getByRole("combobox", { name: "Team" }).selectOption({ label: "Sales" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/team=\d+/);
    // every salary of a non-tech team is hidden from the CTO, so the column is not shown at all
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Annual salary/ })).toHaveCount(0);
    expect(leakedSalaries(await page.content(), businessOnly)).toEqual([]);

    await page.getByRole("combobox", { name: "Team" }).selectOption({ label: "Core" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(
      page
        .getByRole("table")
        .getByText(/€\d{1,3}(,\d{3})+/)
        .first(),
    ).toBeVisible();

    const csv = await (await page.request.get("/hiring.csv")).text();
    expect(csv.split(/\r?\n/)[0]).toContain("annual_salary");
    expect(leakedSalaries(csv, businessOnly)).toEqual([]);
  });

  test("a lead proposes a hire for their team; errors stay next to fields; the salary is never shown back", async ({ page }) => {
    await loginAs(page, "lead", "/hiring/new");
    await page.goto("/hiring/new");
    await expect(page.getByRole("heading", { level: 1, name: "Propose a hire" })).toBeVisible();
    // only their own team is offered
    await expect(page.getByRole("combobox", { name: /Team/ }).getByRole("option")).toHaveText(["Choose a team", "Core"]);
    await expect(page.getByRole("combobox", { name: /Status/ })).toHaveCount(0);
    const title = `QA Automation Engineer ${Date.now()}`;
    await page.getByRole("textbox", { name: /Annual salary/ }).fill("63457");
    await page.getByRole("button", { name: "Propose" }).click();
    await expect(page.getByText("is required").first()).toBeVisible(); // title missing
    await expect(page.getByRole("textbox", { name: /Annual salary/ })).toHaveValue("63457"); // their own input kept
    await page.getByRole("textbox", { name: /^Title/ }).fill(title);
    await page.getByRole("button", { name: "Propose" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Requisition saved." })).toBeVisible();
    await page.goto(`/hiring?q=${encodeURIComponent(title)}`);
    const row = page.getByRole("table").getByRole("row").nth(1);
    await expect(row.getByText("Planned")).toBeVisible();
    await row.getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { name: "Edit your proposal" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: /Annual salary/ })).toHaveValue("");
    expect(leakedSalaries(await page.content(), [6_345_700])).toEqual([]);
  });

  test("headcount: actual vs plan with the target line", async ({ page }) => {
    await loginAs(page, "viewer", "/hiring/headcount");
    await page.goto("/hiring/headcount");
    await expect(page.getByRole("heading", { level: 1, name: "Headcount" })).toBeVisible();
    await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(page.getByText(/Target 100/).first()).toBeVisible();
  });
});
