/**
 * Shared steps of the visual suite: sign in at the frozen instant, open a page and wait until it is
 * hydrated and still, and the layout assertions (run in the page).
 */
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, type DemoRole } from "../e2e/fixtures";
import { FROZEN_NOW, type Theme } from "./pages";

/** Signs in through the form with the browser clock frozen at the same instant as the server's. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.clock.setFixedTime(new Date(FROZEN_NOW));
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO_USERS[role]);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

/**
 * Opens a page and waits for its fonts — and, with JavaScript on, for hydration and the charts'
 * re-render at their real width.
 */
export async function openPage(page: Page, path: string, opts: { hydrated?: boolean } = {}): Promise<number> {
  const res = await page.goto(path, { waitUntil: "load" });
  if (opts.hydrated ?? true) {
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { polling: 50 });
    // charts keep their server SVG until used (decision 740): bring a pointer to each, so every picture
    // shows them as a reader who looks at them does, drawn at their box's width
    await page.waitForFunction(
      () => {
        const pending = [...document.querySelectorAll(".chart__plot:not([data-chart-drawn])")];
        for (const el of pending) el.dispatchEvent(new PointerEvent("pointerenter"));
        return pending.length === 0;
      },
      undefined,
      { polling: 50 },
    );
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
  } else {
    // no animation frames run with scripts off: fonts only
    await page.evaluate(() => document.fonts.ready.then(() => true));
  }
  return res?.status() ?? 0;
}

export async function setTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
}

/**
 * The layout rules, checked in the page (every <details> opened first, so "Show as table" tables and
 * collapsed filters are measured too):
 * - no page scrolls sideways (any width);
 * - at desktop width no table overflows its box (its scroll wrapper scrolls nothing) and no card,
 *   panel, tile or chart is wider inside than its box;
 * - no text is clipped (scrollWidth > clientWidth) in a cell, a tile figure, a badge, a button, a card
 *   or a heading — scroll containers aside (a wide table scrolls inside its wrapper on a phone);
 * - wording rules that a screenshot tolerance cannot see: no "1 <plural>", no cents outside an exact
 *   amount's table, no column whose every cell reads "hidden".
 * Returns one line per problem.
 */
export async function layoutProblems(page: Page, opts: { desktop: boolean }): Promise<string[]> {
  return page.evaluate(({ desktop }) => {
    const out: string[] = [];
    for (const d of document.querySelectorAll("details")) d.open = true;
    const describe = (el: Element) => {
      const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).slice(0, 2).join(".")}` : "";
      const text = ((el as HTMLElement).innerText ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    const shown = (el: Element) =>
      el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: false, visibilityProperty: true }) &&
      !el.closest(".visually-hidden, .tooltip__content, [hidden]");
    const scrolls = (el: Element) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
    const SLACK = 1;

    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + SLACK) out.push(`the page scrolls sideways: ${doc.scrollWidth} px in a ${window.innerWidth} px window`);

    if (desktop) {
      for (const el of document.querySelectorAll(".table-scroll, .dt__scroll, .bgrid-scroll, .chart__table-scroll")) {
        if (shown(el) && el.scrollWidth > el.clientWidth + SLACK) out.push(`table wider than its box (${el.scrollWidth} > ${el.clientWidth}): ${describe(el)}`);
      }
      for (const el of document.querySelectorAll(".card, .panel, .tile, figure.chart, .gate-card")) {
        if (shown(el) && el.scrollWidth > el.clientWidth + SLACK)
          out.push(`content wider than its card (${el.scrollWidth} > ${el.clientWidth}): ${describe(el)}`);
      }
    }

    const textBoxes = "td, th, .tile__value, .tile__label, .badge, button, .btn, h1, h2, h3, summary, label, .tabs__link";
    for (const el of document.querySelectorAll(textBoxes)) {
      // the cheap measure first; visibility and overflow style only for the few that overflow
      if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + SLACK) continue;
      if (!shown(el) || scrolls(el)) continue;
      out.push(`text clipped (${el.scrollWidth} > ${el.clientWidth}): ${describe(el)}`);
    }

    // a select narrower than its chosen option's text (the text is cut by the box) — at desktop
    // width: a phone's picker shows each choice whole whatever the box
    const canvas = document.createElement("canvas").getContext("2d")!;
    for (const select of desktop ? document.querySelectorAll("select") : []) {
      if (!shown(select) || select.clientWidth === 0) continue;
      const style = getComputedStyle(select);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.textContent ?? "";
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16; // the arrow
      if (canvas.measureText(text).width > room + SLACK)
        out.push(`select text clipped ("${text}" in ${select.clientWidth} px): ${describe(select.closest("td, .field, label, form") ?? select)}`);
    }

    // wording that a pixel tolerance lets through
    const main = document.querySelector("main") ?? document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const PLURAL_NOUNS =
      "rows|bugs|risks|days|months|requisitions|deployments|incidents|key results|check-ins|problems|errors|salaries|customers|users|filters|measurements|objectives";
    const oneOfMany = new RegExp(`(^|[^\\d,.\\u00a0\\u202f ])1[ \\u00a0](${PLURAL_NOUNS})\\b`);
    const cents = /\d,\d\d[\u00a0\u202f ]?€|€\d[\d,]*\.\d\d\b/;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      const plural = oneOfMany.test(text);
      const money = cents.test(text);
      if (!plural && !money) continue;
      const el = node.parentElement;
      if (!el || !shown(el)) continue;
      if (plural) out.push(`"1 <plural>": "${text.trim().slice(0, 60)}" in ${describe(el)}`);
      if (money && !el.closest(".money-exact, input, textarea")) out.push(`cents outside an exact amount: "${text.trim().slice(0, 60)}" in ${describe(el)}`);
    }
    for (const table of document.querySelectorAll("table")) {
      const rows = [...table.querySelectorAll("tbody tr")];
      if (rows.length < 2) continue;
      const width = Math.max(...rows.map((r) => r.children.length));
      for (let c = 0; c < width; c++) {
        if (rows.every((r) => r.children[c]?.textContent?.trim().toLowerCase() === "hidden") && shown(table)) {
          out.push(`a column where every cell reads "hidden" (hide the column instead): ${describe(table)}`);
        }
      }
    }
    return out;
  }, opts);
}
