/** The browser-post suite's set-up (tests/integration/forms-browser-posts.test.ts and tests/integration/forms-browser/): one demo world, the forms seen and covered, and the submit-and-check steps. */
import { type sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { pickForm, type PageResult } from "../helpers/app";
import { demoWorld, type Role, type World } from "../helpers/demo-world";
import { formKey } from "../helpers/form-inventory";
import { auditSince, lastAuditId, writeProbe, type AuditRow } from "../helpers/forms";
import { textsByClass, type HtmlForm } from "../helpers/html-forms";

export let w: World;

/** One demo world for the whole suite (its cases run in order against it). */
export function browserPostWorld() {
  beforeAll(async () => {
    w = await demoWorld();
  }, 60_000);
  afterAll(() => w?.cleanup());
}

export const covered = new Set<string>();
export const seenOnPages = new Map<string, string>(); // route#intent → the page that rendered it

export function noteForms(page: PageResult) {
  for (const f of page.forms) if (f.method === "post") seenOnPages.set(formKey(f), new URL(page.url).pathname);
}

/** types each value into its field */
export function fillAll(f: HtmlForm, values: Record<string, string>): HtmlForm {
  for (const [name, value] of Object.entries(values)) f.fill(name, value);
  return f;
}

export type Submitted = { page: PageResult; form: HtmlForm; sent: [string, string][]; res: PageResult; audits: AuditRow[] };

/**
 * Opens a page as a role, picks the form whose entries include `match`, lets `edit` change it as a
 * person would, and submits it (with the submit button whose value is `submitter`, if given).
 */
export async function submit(
  role: Role | "anonymous",
  pagePath: string,
  match: Record<string, string>,
  edit?: (f: HtmlForm) => void,
  opts: { submitter?: string; to?: string } = {},
): Promise<Submitted> {
  const { submitter } = opts;
  const b = w.as(role);
  const page = await b.get(pagePath);
  expect(page.status, `GET ${pagePath} as ${role}`).toBe(200);
  noteForms(page);
  const form = pickForm(page, match, opts.to);
  covered.add(formKey(form));
  edit?.(form);
  const sub = submitter === undefined ? undefined : form.submitters().find((s) => s.value === submitter);
  if (submitter !== undefined && !sub) throw new Error(`no submit button with value ${submitter}`);
  const sent = form.entries(sub).filter((e): e is [string, string] => typeof e[1] === "string");
  const before = lastAuditId(w.db);
  const res = await b.submit(form, sub);
  return { page, form, sent, res, audits: auditSince(w.db, before) };
}

/** `submit`, and the post is answered 200 (the page again, with its reply). */
export async function submitOk(...args: Parameters<typeof submit>): Promise<Submitted> {
  const s = await submit(...args);
  expect(s.res.status, `${s.form.describe()} sent ${JSON.stringify(s.sent)}`).toBe(200);
  return s;
}

export function expectAudit(audits: AuditRow[], want: { entityType: string; action?: string; entityId?: number | string; actor: number }) {
  const hit = audits.find(
    (a) =>
      a.entityType === want.entityType &&
      (want.action === undefined || a.action === want.action) &&
      (want.entityId === undefined || a.entityId === String(want.entityId)) &&
      a.actorUserId === want.actor,
  );
  expect(hit, `audit ${JSON.stringify(want)} among ${JSON.stringify(audits.map((a) => [a.action, a.entityType, a.entityId, a.actorUserId]))}`).toBeDefined();
  return hit!;
}

/** A refused post: 400, nothing written, the same form re-rendered with what was sent, and a message shown. */
export async function expectRefusedKeepingInput(
  role: Role,
  pagePath: string,
  match: Record<string, string>,
  edit: (f: HtmlForm) => void,
  opts: { secret?: string[]; rematch?: Record<string, string> } = {},
) {
  const probe = writeProbe(w.db);
  const s = await submit(role, pagePath, match, edit);
  expect(s.res.status, `${s.form.describe()} sent ${JSON.stringify(s.sent)}`).toBe(400);
  expect(probe.diff(), "a refused form writes nothing").toEqual({ tables: {}, changedRows: 0 });
  expect(s.audits).toEqual([]);
  const again = pickForm(s.res, opts.rematch ?? match);
  const kept = again.entries().filter((e): e is [string, string] => typeof e[1] === "string");
  const secret = new Set(opts.secret ?? []);
  // a date or month typed as ISO comes back written the page's way (DateInput: "2026-01-31" → "31/01/2026")
  const asTyped = ([n, v]: [string, string]): [string, string] => [n, /^\d{4}-\d{2}(-\d{2})?$/.test(v) ? v.split("-").reverse().join("/") : v];
  expect(kept.filter(([n]) => !secret.has(n)).map(asTyped), "the re-rendered form holds what was sent").toEqual(
    s.sent.filter(([n]) => !secret.has(n)).map(asTyped),
  );
  for (const name of secret) expect(again.valueOf(name) ?? "", `${name} is not sent back`).toBe("");
  const messages = ["field__error", "field-error", "form-error"].flatMap((c) => textsByClass(s.res.html, c)).filter(Boolean);
  expect(messages.length, "an error message is shown").toBeGreaterThan(0);
  return { ...s, messages };
}

export const one = <T>(q: ReturnType<typeof sql>) => w.db.get<T>(q);
