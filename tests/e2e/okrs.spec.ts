import { expect, loginAs, postFromPage, test } from "./fixtures";

test.describe("OKRs", () => {
  test("a lead checks in on a key result with the keyboard only and sees progress and status change", async ({ page }) => {
    await loginAs(page, "lead", "/okrs/mine");
    await expect(page.getByRole("heading", { name: "My key results", level: 1 })).toBeVisible();
    // an off-track decreasing manual KR of the lead's squad (median lead time of the Core services;
    // the company's lead-time KR is linked to its metric and takes no value): checking in at 0 reaches the target
    const row = page.getByRole("listitem", { name: /^Median lead time of Core services/ });
    await expect(row).toHaveAttribute("data-status", /off_track|at_risk/);
    const bar = row.getByRole("progressbar");
    const before = Number(await bar.getAttribute("aria-valuenow"));
    expect(before).toBeLessThan(100);

    // keyboard only: from the KR's title, Tab to the value, type, Tab to confidence and note, Enter
    await row.getByRole("link", { name: /^Median lead time of Core services/ }).focus();
    await page.keyboard.press("Tab");
    await expect(row.getByLabel("New value")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("0");
    await page.keyboard.press("Tab");
    await expect(row.getByLabel("Confidence (1–10)")).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("9");
    await page.keyboard.press("Tab");
    await expect(row.getByLabel("Note")).toBeFocused();
    await page.keyboard.type("Trunk-based development everywhere");
    await page.keyboard.press("Enter");

    await expect(row).toHaveAttribute("data-status", "on_track");
    await expect(row.getByText("On track")).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuenow", "100");
    await expect(row.getByRole("status")).toContainText("Saved");
    // focus stays in the form, the note is cleared for the next check-in
    await expect(row.getByLabel("Note")).toHaveValue("");

    // it is stored: after a reload, and in the KR's history
    await page.reload();
    const again = page.getByRole("listitem", { name: /^Median lead time of Core services/ });
    await expect(again).toHaveAttribute("data-status", "on_track");
    await expect(again.getByTestId("kr-current-value")).toHaveText("0 h");
    await again.getByRole("link", { name: /^Median lead time of Core services/ }).click();
    await expect(page.getByTestId("checkin-history")).toContainText("Trunk-based development everywhere");
    await expect(page.getByTestId("checkin-history")).toContainText("9/10");
  });

  test("a check-in with a bad value shows the error next to the field and keeps the input", async ({ page }) => {
    await loginAs(page, "lead", "/okrs/mine");
    const row = page.getByRole("listitem", { name: /^Median lead time/ });
    await row.getByLabel("New value").fill("fast");
    await row.getByLabel("New value").press("Enter");
    await expect(row.getByText("must be a number")).toBeVisible();
    await expect(row.getByLabel("New value")).toHaveValue("fast");
    await expect(row.getByLabel("New value")).toHaveAttribute("aria-invalid", "true");
  });

  test("a lead is refused on another team's key result and objective (403)", async ({ page }) => {
    await loginAs(page, "lead", "/okrs");
    const payments = page
      .locator('[data-testid^="objective-"]')
      .filter({ has: page.locator(".okr-node__meta", { hasText: /^Payments/ }) })
      .first();
    await expect(payments).toBeVisible();
    const objectiveHref = await payments.locator(".okr-node__title a").first().getAttribute("href");
    const krHref = await payments.locator('a[href^="/okrs/kr/"]').first().getAttribute("href");
    expect(objectiveHref).toMatch(/^\/okrs\/\d+$/);
    expect(krHref).toMatch(/^\/okrs\/kr\/\d+$/);
    const krId = krHref!.split("/").pop()!;

    // the page reads, but offers no check-in form
    await page.goto(krHref!);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Check in" })).toHaveCount(0);

    // posting anyway is refused at the action
    const checkIn = await postFromPage(page, krHref!, { form: { intent: "checkin", keyResultId: krId, value: "3", confidence: "8", note: "" } });
    expect(checkIn.status()).toBe(403);
    const viaMine = await postFromPage(page, "/okrs/mine", { form: { intent: "checkin", keyResultId: krId, value: "3", confidence: "8" } });
    expect(viaMine.status()).toBe(403);
    const edit = await postFromPage(page, objectiveHref!, {
      form: { intent: "create-kr", title: "Sneaky", kind: "number", startValue: "0", targetValue: "1" },
    });
    expect(edit.status()).toBe(403);

    // and a person who navigates to such a post sees the 403 page
    await page.goto(objectiveHref!);
    await expect(page.getByRole("button", { name: "Add key result" })).toHaveCount(0);
  });

  test("the alignment tree shows company objectives with team objectives under them", async ({ page }) => {
    await loginAs(page, "viewer", "/okrs");
    await expect(page.getByRole("heading", { name: "OKRs", level: 1 })).toBeVisible();
    const roots = page.locator(".okr-tree__roots > li");
    expect(await roots.count()).toBeGreaterThan(2);
    await expect(page.locator(".okr-tree__children .okr-node").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Create objective" })).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a lead checks in with a plain form post", async ({ page }) => {
    await loginAs(page, "lead", "/okrs/mine");
    const posts: string[] = [];
    const postStatuses: number[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    page.on("response", (r) => {
      if (r.request().method() === "POST") postStatuses.push(r.status());
    });
    // a manual done / not-done KR of the squad (coverage and latency are linked to their KPIs: no value to enter)
    const row = page.getByRole("listitem", { name: /^Redis cluster in high availability/ });
    await row.getByLabel("New value").selectOption("1");
    await row.getByLabel("Confidence (1–10)").fill("8");
    await row.getByLabel("Note").fill("Sentinel failover tested");
    await row.getByLabel("Note").press("Enter");
    const after = page.getByRole("listitem", { name: /^Redis cluster in high availability/ });
    await expect(after).toHaveAttribute("data-status", "on_track");
    await expect(after.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    await expect(after.getByTestId("kr-current-value")).toContainText("Done");
    // the post was answered with a redirect (303 → GET): reloading does not post the check-in again
    expect(new URL(page.url()).pathname).toBe("/okrs/mine");
    await page.reload();
    await expect(page.getByRole("listitem", { name: /^Redis cluster in high availability/ }).getByTestId("kr-current-value")).toContainText("Done");
    expect(posts).toHaveLength(1);
    expect(postStatuses).toEqual([303]);
  });
});
