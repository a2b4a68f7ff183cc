import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

/** The "Inbox" link of the menu and the number it carries (data-count: the root loader's count). */
const navInbox = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });

test.describe("Inbox", () => {
  test("a lead switches to French, checks in from the inbox: the key result leaves it and the menu's count drops", async ({ page }) => {
    await loginAs(page, "lead", "/profile");
    // the lead's Monday in French (docs/decisions/023): the language is theirs, chosen on their profile
    await page.getByLabel("Interface language").selectOption({ label: "Français" });
    await page.locator("main form").getByRole("button").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator("main").getByRole("status")).toHaveText("Langue enregistrée.");
    const navInboxFr = page.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: /^À traiter/ });
    try {
      await page.goto("/");
      // the home page's card and the menu agree on the count
      const count = Number(await navInboxFr.getAttribute("data-count"));
      expect(count).toBeGreaterThan(0);
      await expect(page.getByTestId("home-inbox").getByRole("link")).toHaveAttribute("data-count", String(count));
      await expect(page.getByTestId("nav-inbox-count")).toContainText(String(count));
      await expect(page.getByTestId("nav-inbox-count")).toContainText(count === 1 ? "élément en attente" : "éléments en attente");

      await navInboxFr.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("À traiter");
      const section = page.getByTestId("inbox-keyResults");
      await expect(section).toHaveAttribute("data-count", /[1-9]/);
      await expect(page.getByText("sans point d’avancement depuis 7 jours", { exact: false })).toBeVisible();
      const items = section.locator('[data-testid^="inbox-kr-"]');
      const krCount = await items.count();
      // the demo's quiet key result of the lead (no check-in for 10 days): a done / not-done one;
      // its title is data, written in English by the people of the demo company
      const item = section.locator("li", { has: page.getByRole("link", { name: "Redis cluster in high availability" }) });
      await expect(item).toBeVisible();
      const form = item.getByRole("form", { name: /^Point d'avancement sur Redis cluster/ });
      await form.getByLabel("Confiance (1–10)").fill("6");
      await form.getByLabel("Note").fill("Sentinel en place en préproduction");
      await form.getByRole("button", { name: "Faire le point" }).click();

      // done is what clears it: the item leaves, the section's and the menu's counts drop
      await expect(item).toHaveCount(0);
      await expect(items).toHaveCount(krCount - 1);
      await expect(navInboxFr).toHaveAttribute("data-count", String(count - 1));
      if (count - 1 === 0) {
        await expect(page.getByTestId("nav-inbox-count")).toHaveCount(0);
        await expect(page.getByRole("heading", { name: "Rien ne vous attend" })).toBeVisible();
      } else {
        await expect(page.getByTestId("nav-inbox-count")).toContainText(String(count - 1));
      }
      // recorded on the key result's page, with no way to dismiss anything on the inbox
      await expect(page.getByRole("button", { name: /dismiss|ignorer|masquer/i })).toHaveCount(0);
      await page.goto("/okrs/mine");
      await page.getByRole("link", { name: "Redis cluster in high availability" }).first().click();
      await expect(page.getByTestId("checkin-history")).toContainText("Sentinel en place en préproduction");
    } finally {
      await page.goto("/profile");
      await page.locator('select[name="language"]').selectOption({ label: "English" });
      await page.locator("main form").getByRole("button").click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
    }
  });

  test("the CEO's inbox: each section with its rule, items linking to where they are done, counts that add up", async ({ page }) => {
    await loginAs(page, "ceo", "/inbox");
    const inbox = page.getByTestId("inbox");
    const total = Number(await inbox.getAttribute("data-total"));
    expect(total).toBeGreaterThan(0);
    await expect(navInbox(page)).toHaveAttribute("data-count", String(total));

    let sum = 0;
    for (const kind of ["keyResults", "risks", "requisitions", "gates", "milestones", "webhooks"]) {
      const section = page.getByTestId(`inbox-${kind}`);
      await expect(section, `${kind} is a CEO's section`).toHaveCount(1);
      const n = Number(await section.getAttribute("data-count"));
      sum += n;
      if (n === 0) await expect(section).toContainText("Nothing waits for you here.");
      else await expect(section.locator("li")).toHaveCount(n);
    }
    expect(sum).toBe(total);

    // the demo: a risk past its review date, stale requisitions, undecided gates
    await expect(page.getByTestId("inbox-risks").locator("li")).not.toHaveCount(0);
    await expect(page.getByTestId("inbox-requisitions").locator("li")).not.toHaveCount(0);
    await expect(page.getByText(/status has not changed for 60 days \(planned\), 30 days \(open\)/)).toBeVisible();
    const gate = page.getByTestId("inbox-gates").getByRole("link", { name: "Hiring acceleration to 100 people" });
    await expect(gate).toBeVisible();
    await gate.click();
    await expect(page).toHaveURL(/\/governance\/decisions\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Hiring acceleration to 100 people");
  });

  test("a viewer owns nothing: an empty inbox, no count in the menu", async ({ page }) => {
    await loginAs(page, "viewer", "/inbox");
    await expect(page.getByRole("heading", { name: "Nothing waits for you" })).toBeVisible();
    await expect(navInbox(page)).toHaveAttribute("data-count", "0");
    await expect(page.getByTestId("nav-inbox-count")).toHaveCount(0);
    await expect(page.getByTestId("inbox-requisitions")).toHaveCount(0);
  });
});
