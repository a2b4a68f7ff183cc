import { expect, loginAs, test } from "./fixtures";

/**
 * The CEO prepares the month's board pack, writes a commentary, publishes it, and prints it: the
 * PDF Chromium makes is A4, one section per page, and holds the figures and the commentary. A
 * viewer then reads the published pack. The PDF's text is read with pdfjs-dist (docs/decisions/730).
 */
async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string[] }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text.push(
      content.items
        .map((it) => ("str" in it ? it.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  return { pages: doc.numPages, text };
}

test("the CEO publishes the month's board pack and it prints as a clean A4 document", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await loginAs(page, "ceo", "/reports/board");
  await expect(page.getByRole("heading", { level: 1, name: "Board packs" })).toBeVisible();
  const prepare = page.getByRole("link", { name: /^(Prepare|Continue) the (pack|draft) of / });
  let packUrl: string;
  if (await prepare.count()) {
    await prepare.click();
    await expect(page.getByTestId("pack-status")).toContainText("Draft", { timeout: 20_000 });
    packUrl = page.url();
    const cash = page.locator('[data-section="cash"]');
    await cash.getByLabel("Commentary").fill("Runway stays above eighteen months with the hiring plan.");
    await cash.getByRole("button", { name: "Save commentary" }).click();
    await expect(page.getByRole("status")).toContainText("Commentary saved.");
    // publishing needs the box ticked: without it the form says so
    await page.getByRole("button", { name: "Publish the pack" }).click();
    await expect(page.getByText("tick to confirm")).toBeVisible();
    await page.getByLabel(/freeze its figures and commentary for good/).check();
    await page.getByRole("button", { name: "Publish the pack" }).click();
    await expect(page.getByRole("status")).toContainText("Pack published");
  } else {
    // a retry: the pack was published by the first attempt
    await page.getByRole("link", { name: /\d{4}/ }).first().click();
    packUrl = page.url();
  }
  await page.goto(packUrl);
  await expect(page.getByTestId("pack-status")).toContainText("Published by Camille Laurent");
  await expect(page.locator('[data-section="cash"]')).toContainText("Runway stays above eighteen months with the hiring plan.");
  await expect(page.getByRole("button", { name: "Publish the pack" })).toHaveCount(0);

  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: false, preferCSSPageSize: true });
  const { pages, text } = await pdfText(pdf);
  // a title page, then one page per section (9), a section longer than a page may take two
  expect(pages).toBeGreaterThanOrEqual(10);
  expect(pages).toBeLessThanOrEqual(16);
  const all = text.join("\n");
  for (const heading of [
    "Cash, burn and runway",
    "Revenue and growth",
    "Customers and churn",
    "Headcount vs plan",
    "Budget vs actual",
    "OKR health",
    "Top risks",
    "Decision gates",
    "Delivery (DORA)",
  ]) {
    expect(all, heading).toContain(heading);
  }
  // each section starts its own page
  expect(text.findIndex((t) => t.includes("Revenue and growth"))).toBeGreaterThan(text.findIndex((t) => t.includes("Cash, burn and runway")));
  expect(all).toContain("Runway stays above eighteen months with the hiring plan.");
  // no navigation, no forms in print
  expect(all).not.toContain("Log out");
  expect(all).not.toContain("Save commentary");

  // a viewer reads the published pack, unchanged
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await loginAs(viewer, "viewer", new URL(packUrl).pathname);
  await expect(viewer.getByRole("heading", { level: 1, name: /^Board pack/ })).toBeVisible();
  await expect(viewer.locator('[data-section="cash"]')).toContainText("Runway stays above eighteen months with the hiring plan.");
  await expect(viewer.getByRole("button", { name: "Save commentary" })).toHaveCount(0);
  await viewerContext.close();
});
