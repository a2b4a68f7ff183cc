/**
 * French and English throughout (issue 16, docs/decisions/023): every page, for every role, in
 * both languages. Each person switches language on their profile page, as a person does; then on
 * every page they may open:
 * - no key is missing in that language (the server runs with I18N_STRICT=1: a missing key shows ⟦key⟧);
 * - no word that only the OTHER language's interface uses appears, outside the texts people wrote
 *   (every word stored in the database is set aside) — a hard-coded English string on a French page
 *   fails here, and the reverse;
 * - <html lang> is the language chosen.
 * The demo logins are English again at the end, whatever happens.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { pagesFor, ROLES } from "../visual/pages";
import { expect, loginAs, test } from "./fixtures";

const DB_FILE = path.resolve(process.cwd(), `tests/.tmp/e2e-${process.env.E2E_PORT ?? 3100}.db`);
const LOCALES = path.resolve(process.cwd(), "app/locales");

const WORD = /[\p{L}][\p{L}'’]*/gu;
/** Identifiers are code, not words: metric ids (finance.growth_needed), CSV columns (evidence_url). */
const IDENTIFIER = /[\p{L}\d]+(?:[._][\p{L}\d]+)+/gu;
function words(text: string): string[] {
  return (text.replace(IDENTIFIER, " ").toLowerCase().match(WORD) ?? []).map((w) => w.replace(/['’]s$/, "")).filter((w) => w.length >= 3);
}

function vocabulary(lng: "en" | "fr"): Set<string> {
  const out = new Set<string>();
  for (const file of fs.readdirSync(path.join(LOCALES, lng))) {
    const messages = JSON.parse(fs.readFileSync(path.join(LOCALES, lng, file), "utf8")) as Record<string, string>;
    // placeholders are not words of the text
    for (const text of Object.values(messages)) for (const w of words(text.replace(/\{\{[^}]*\}\}/g, " "))) out.add(w);
  }
  return out;
}

/**
 * The texts a stored value holds: itself, or the strings inside a JSON value (a board pack's
 * commentary per section). A lone lower-case token ("open", "in_progress", "success") is an enum
 * value — code the page must label in the reader's language, not a text a person wrote.
 */
function writtenTexts(value: string): string[] {
  let texts = [value];
  if (/^[[{]/.test(value)) {
    try {
      const leaves: string[] = [];
      const walk = (x: unknown) => {
        if (typeof x === "string") leaves.push(x);
        else if (x && typeof x === "object") for (const y of Object.values(x)) walk(y);
      };
      walk(JSON.parse(value));
      texts = leaves;
    } catch {
      texts = [];
    }
  }
  return texts.filter((s) => !/^[a-z_]+$/.test(s));
}

/** Every word of the texts stored in the demo database (titles, names, notes people wrote). */
function dataVocabulary(): Set<string> {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
  const out = new Set<string>();
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[]).filter((c) => /text/i.test(c.type));
      for (const c of columns) {
        const rows = db.prepare(`SELECT DISTINCT "${c.name}" AS v FROM "${name}" WHERE "${c.name}" IS NOT NULL LIMIT 20000`).all() as { v: string }[];
        for (const { v } of rows) if (typeof v === "string") for (const text of writtenTexts(v)) for (const w of words(text)) out.add(w);
      }
    }
  } finally {
    db.close();
  }
  return out;
}

/** Plain English words a hard-coded sentence is made of, whether or not the catalogue has them. */
const ENGLISH_GLUE = [
  "the",
  "and",
  "with",
  "from",
  "this",
  "that",
  "these",
  "those",
  "has",
  "have",
  "was",
  "were",
  "are",
  "not",
  "none",
  "each",
  "every",
  "your",
  "you",
  "our",
  "into",
  "than",
  "when",
  "where",
  "which",
  "what",
  "who",
  "how",
  "there",
  "their",
  "will",
  "would",
  "should",
  "been",
  "being",
  "month",
  "months",
  "year",
  "years",
  "days",
  "day",
  "week",
  "weeks",
  "since",
  "until",
  "about",
  "yet",
  "only",
  "also",
  "more",
  "less",
  "new",
  "edit",
  "save",
  "delete",
  "add",
  "show",
  "hide",
  "view",
  "open",
  "close",
  "closed",
  "owner",
  "target",
  "status",
  "data",
  "due",
  "overdue",
  "ago",
];
/** Language names are written in their own language on the profile page. */
const ENDONYMS = ["english", "français"];

let enWords: Set<string>;
let frWords: Set<string>;
let dataWords: Set<string>;
test.beforeAll(() => {
  enWords = vocabulary("en");
  frWords = vocabulary("fr");
  dataWords = dataVocabulary();
});

function foreignWords(lng: "en" | "fr"): Set<string> {
  const foreign = lng === "fr" ? new Set([...enWords, ...ENGLISH_GLUE]) : new Set(frWords);
  const own = lng === "fr" ? frWords : enWords;
  for (const w of [...own, ...dataWords, ...ENDONYMS]) foreign.delete(w);
  return foreign;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );
}

/**
 * The page's text as the server wrote it — every text node (hidden ones for screen readers too) and
 * every accessible name, hint, placeholder and alternative — line by line; scripts (loader data) and
 * code aside.
 */
function htmlTexts(html: string): string[] {
  // code is no language: CSV headers, commands, field names (<code>, <pre>, <kbd>, <samp>), and an
  // element marked translate="no" holds a value as recorded (the audit trail's before and after)
  const body = html.replace(/<(script|style|code|pre|kbd|samp)\b[\s\S]*?<\/\1>/gi, "").replace(/<(\w+)\b[^>]*\stranslate="no"[^>]*>[^<]*<\/\1>/gi, "");
  const lines: string[] = [];
  // attributes of an element marked translate="no" (an example CSV as a placeholder) are code too
  for (const tag of body.matchAll(/<[a-z][^>]*>/gi)) {
    if (/\stranslate="no"/.test(tag[0])) continue;
    for (const m of tag[0].matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)) lines.push(decode(m[1]));
  }
  const text = body.replace(/<title>[\s\S]*?<\/title>/i, (t) => `\n${t.replace(/<[^>]+>/g, "")}\n`).replace(/<[^>]+>/g, "\n");
  for (const line of decode(text).split("\n")) lines.push(line);
  return lines.map((l) => l.trim()).filter(Boolean);
}

/** The visual suite's board pack month exists at its frozen date only: the latest published pack here. */
async function latestBoardPack(page: Page): Promise<string> {
  const html = await (await page.request.get("/reports/board")).text();
  const href = /href="(\/reports\/board\/\d{4}-\d{2})"/.exec(html)?.[1];
  expect(href, "a published board pack").toBeTruthy();
  return href!;
}

async function chooseLanguage(page: Page, label: "English" | "Français" | string) {
  await page.goto("/profile");
  await page.locator('select[name="language"]').selectOption({ label });
  await page.locator("main form").getByRole("button").click();
  await expect(page.locator("main").getByRole("status")).toBeVisible();
}

for (const lng of ["fr", "en"] as const) {
  for (const role of ROLES) {
    test(`${role} reads every page in ${lng === "fr" ? "French" : "English"}`, async ({ page }) => {
      test.setTimeout(240_000);
      await loginAs(page, role);
      try {
        await chooseLanguage(page, lng === "fr" ? "Français" : "English");
        const foreign = foreignWords(lng);
        const found: { page: string; line: string; bad: string[] }[] = [];
        for (const spec of pagesFor(role)) {
          // the page as the server wrote it (the text a reader sees first; hydration renders the same,
          // which every other spec checks: a console error fails them)
          const target = spec.name === "board-pack" ? await latestBoardPack(page) : spec.path;
          const res = await page.request.get(target);
          expect(res.status(), target).toBeLessThan(400);
          const html = await res.text();
          expect(/<html[^>]*\slang="(\w+)"/.exec(html)?.[1], target).toBe(lng);
          for (const line of htmlTexts(html)) {
            if (line.includes("⟦")) found.push({ page: spec.path, line, bad: ["missing key"] });
            const bad = words(line).filter((w) => foreign.has(w));
            if (bad.length > 0) found.push({ page: spec.path, line, bad });
          }
        }
        // other specs write while this one reads (a commentary typed in English is a text a person
        // wrote): the database's words are read again before a word counts as the interface's
        const written = found.length > 0 ? dataVocabulary() : new Set<string>();
        const problems = found
          .map((f) => ({ ...f, bad: f.bad.filter((w) => !written.has(w)) }))
          .filter((f) => f.bad.length > 0)
          .map((f) => `${f.page}: ${f.bad.join(", ")} in "${f.line.slice(0, 140)}"`);
        expect([...new Set(problems)]).toEqual([]);
      } finally {
        await chooseLanguage(page, "English").catch(() => undefined);
      }
    });
  }
}

test("a form's errors come back in the reader's language, the input kept", async ({ page }) => {
  await loginAs(page, "lead");
  try {
    await chooseLanguage(page, "Français");
    await page.goto("/risks/new");
    await page.locator('input[name="title"]').fill("Dépendance à un seul fournisseur");
    // a date that passes the field's pattern but does not exist: refused by the server
    await page.locator('input[name="nextReviewDate"]').fill("31/02/2027");
    await page.locator('form[method="post"] button[type="submit"]').last().click();
    const errors = page.locator(".field__error, .field-error, .form-error");
    await expect(errors.first()).toBeVisible();
    const text = (await errors.allInnerTexts()).join(" ");
    expect(text.length).toBeGreaterThan(3);
    const foreign = foreignWords("fr");
    expect(words(text).filter((w) => foreign.has(w))).toEqual([]);
    expect(words(text).some((w) => frWords.has(w))).toBe(true);
    await expect(page.locator('input[name="title"]')).toHaveValue("Dépendance à un seul fournisseur");
    await expect(page.locator('input[name="nextReviewDate"]')).toHaveValue("31/02/2027");
  } finally {
    await chooseLanguage(page, "English").catch(() => undefined);
  }
});

async function setCompanyLocale(page: Page, locale: string) {
  await page.goto("/settings");
  await page.locator('input[name="locale"]').fill(locale);
  await page.locator('input[name="locale"]').locator("xpath=ancestor::form").getByRole("button").first().click();
  await expect(page.locator("main").getByRole("status").first()).toBeVisible();
}

test("an en-US company: every page hydrates in its formats, and dates are typed month first", async ({ page }) => {
  test.setTimeout(240_000);
  await loginAs(page, "ceo");
  try {
    await setCompanyLocale(page, "en-US");
    // every page in the browser (the fixture fails the test on a console error: a hydration mismatch)
    for (const spec of pagesFor("ceo")) {
      const target = spec.name === "board-pack" ? await latestBoardPack(page) : spec.path;
      await page.goto(target);
      await page.waitForLoadState("networkidle");
    }
    await page.goto("/risks/new");
    const review = page.locator('input[name="nextReviewDate"]');
    await expect(review).toHaveAttribute("placeholder", "mm/dd/yyyy");
    await page.getByLabel("Title").fill("Card network outage");
    await page.getByLabel("Category").selectOption("operational");
    await review.fill("12/31/2027");
    await page.getByRole("button", { name: "Add risk" }).click();
    await expect(page).toHaveURL(/\/risks\/\d+\?created=1$/);
    // stored as 2027-12-31, shown the en-US way
    await expect(page.locator("main")).toContainText("Dec 31, 2027");
  } finally {
    await setCompanyLocale(page, "fr-FR").catch(() => undefined);
  }
});
