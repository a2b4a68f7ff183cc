/**
 * Every form action, posted exactly as a browser without JavaScript posts it.
 *
 * Each case reads the real page (the app in-process: loaders, components, the Remix request handler,
 * tests/helpers/app.ts), picks the rendered <form>, edits it the way a person does (type, tick or
 * untick, choose an option that exists, attach a file) and submits the form's entry list
 * (tests/helpers/html-forms.ts): unticked checkboxes are absent, empty fields are "", selects send
 * their value, hidden intents and checkbox groups as rendered. It then checks the outcome: the
 * status or redirect, the row written or changed, and the audit entry.
 *
 * Refused submissions (the `invalid` cases) must come back as a 400 page whose form still holds
 * exactly what was sent (password and file inputs aside) and shows a message.
 *
 * Coverage: the last tests fail when a route with an action, an intent the action handles, or a
 * form rendered on a visited page has no case in this table.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBoardPack, packableMonth } from "~/models/board-pack.server";
import {
  insertGate,
  insertIncident,
  insertKeyResult,
  insertKpi,
  insertKpiMeasurement,
  insertObjective,
  insertRequisition,
  insertRisk,
  insertUser,
} from "../../seeds/builders";
import { pickForm, type PageResult } from "../helpers/app";
import { demoWorld, type Role, type World } from "../helpers/demo-world";
import { allFormKeys, formKey } from "../helpers/form-inventory";
import { auditSince, lastAuditId, writeProbe, type AuditRow } from "../helpers/forms";
import { textsByClass, type HtmlForm } from "../helpers/html-forms";

let w: World;
beforeAll(async () => {
  w = await demoWorld();
}, 60_000);
afterAll(() => w?.cleanup());

const covered = new Set<string>();
const seenOnPages = new Map<string, string>(); // route#intent → the page that rendered it

function noteForms(page: PageResult) {
  for (const f of page.forms) if (f.method === "post") seenOnPages.set(formKey(f), new URL(page.url).pathname);
}

/** types each value into its field */
function fillAll(f: HtmlForm, values: Record<string, string>): HtmlForm {
  for (const [name, value] of Object.entries(values)) f.fill(name, value);
  return f;
}

type Submitted = { page: PageResult; form: HtmlForm; sent: [string, string][]; res: PageResult; audits: AuditRow[] };

/**
 * Opens a page as a role, picks the form whose entries include `match`, lets `edit` change it as a
 * person would, and submits it (with the submit button whose value is `submitter`, if given).
 */
async function submit(
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

function expectAudit(audits: AuditRow[], want: { entityType: string; action?: string; entityId?: number | string; actor: number }) {
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
async function expectRefusedKeepingInput(
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

const one = <T>(q: ReturnType<typeof sql>) => w.db.get<T>(q);

// ------------------------------------------------------------------------------------------------
describe("settings (CEO)", () => {
  it("settings#settings: company settings saved", async () => {
    const s = await submit("ceo", "/settings", { intent: "settings" }, (f) => f.fill("companyName", "InnovaTech SAS").fill("headcountTarget", "120"));
    expect(s.res.status).toBe(200);
    expect(one<{ n: string; h: number }>(sql`select company_name as n, headcount_target as h from company_settings`)).toEqual({ n: "InnovaTech SAS", h: 120 });
    expectAudit(s.audits, { entityType: "company_settings", actor: w.ids.ceo });
  });

  it("settings#create-user: a lead of Core created, password stored hashed", async () => {
    const s = await submit("ceo", "/settings", { intent: "create-user" }, (f) =>
      f
        .fill("email", "New.Lead@Innovatech.test")
        .fill("name", "New Lead")
        .fill("password", "a-long-enough-password")
        .select("role", "lead")
        .select("teamId", String(w.core)),
    );
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; role: string; teamId: number; active: number; hash: string }>(
      sql`select id, role, team_id as teamId, active, password_hash as hash from users where email = 'new.lead@innovatech.test'`,
    );
    expect(row).toMatchObject({ role: "lead", teamId: w.core, active: 1 });
    expect(row.hash).not.toContain("a-long-enough-password");
    expectAudit(s.audits, { entityType: "user", action: "create", entityId: row.id, actor: w.ids.ceo });
  });

  it("settings#update-user: 'active' unticked (absent from the body) deactivates the user", async () => {
    const u = insertUser(w.db, { email: "to.deactivate@innovatech.test", name: "To Deactivate", role: "viewer" });
    const s = await submit("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) => f.uncheck("active"));
    expect(s.sent.map(([n]) => n)).not.toContain("active");
    expect(s.res.status).toBe(200);
    expect(one<{ active: number }>(sql`select active from users where id = ${u.id}`).active).toBe(0);
    expectAudit(s.audits, { entityType: "user", entityId: u.id, actor: w.ids.ceo });
  });

  it("settings#update-user: ticking 'active' again and changing the role", async () => {
    const u = insertUser(w.db, { email: "to.reactivate@innovatech.test", role: "viewer", active: false });
    const s = await submit("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) =>
      f.check("active").select("role", "lead").select("teamId", String(w.core)),
    );
    expect(s.sent).toContainEqual(["active", "on"]);
    expect(s.res.status).toBe(200);
    expect(one(sql`select active, role, team_id as teamId from users where id = ${u.id}`)).toEqual({ active: 1, role: "lead", teamId: w.core });
    expectAudit(s.audits, { entityType: "user", entityId: u.id, actor: w.ids.ceo });
  });

  it("settings#create-user refused (bad email): 400, input kept except the password", async () => {
    await expectRefusedKeepingInput(
      "ceo",
      "/settings",
      { intent: "create-user" },
      (f) => f.fill("email", "not an email").fill("name", "Kept Name").fill("password", "a-long-enough-password").select("role", "cto"),
      { secret: ["password"] },
    );
  });

  it("settings#update-user refused (empty name): 400, the row keeps what was typed, unticked box included", async () => {
    const u = insertUser(w.db, { email: "keep.row@innovatech.test", name: "Keep Row", role: "viewer" });
    await expectRefusedKeepingInput("ceo", "/settings", { intent: "update-user", userId: String(u.id) }, (f) =>
      f.fill("name", "").uncheck("active").select("role", "cto"),
    );
  });
});

describe("API tokens (CEO, CTO)", () => {
  it("settings.tokens#create: one scope ticked (checkbox group)", async () => {
    const s = await submit("cto", "/settings/tokens", { intent: "create" }, (f) =>
      f.fill("name", "CI metrics").uncheck("scopes", "deployments:write").uncheck("scopes", "incidents:write").check("scopes", "metrics:read"),
    );
    expect(s.sent.filter(([n]) => n === "scopes")).toEqual([["scopes", "metrics:read"]]);
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; scopes: string; by: number }>(sql`select id, scopes, created_by_user_id as by from api_tokens where name = 'CI metrics'`);
    expect(row).toMatchObject({ scopes: "metrics:read", by: w.ids.cto });
    expect(s.res.html).toContain("Copy the token now");
    expectAudit(s.audits, { entityType: "api_token", entityId: row.id, actor: w.ids.cto });
  });

  it("settings.tokens#create: several scopes, finance:read granted by the CEO", async () => {
    const s = await submit("ceo", "/settings/tokens", { intent: "create" }, (f) =>
      f.fill("name", "Board pack").check("scopes", "finance:read").check("scopes", "import:write"),
    );
    expect(s.sent.filter(([n]) => n === "scopes").map(([, v]) => v)).toEqual(["deployments:write", "incidents:write", "finance:read", "import:write"]);
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; scopes: string }>(sql`select id, scopes from api_tokens where name = 'Board pack'`);
    expect(row.scopes.split(",").sort()).toEqual(["deployments:write", "finance:read", "import:write", "incidents:write"]);
    expectAudit(s.audits, { entityType: "api_token", entityId: row.id, actor: w.ids.ceo });
  });

  it("settings.tokens#create refused (no scope ticked): 400, name kept", async () => {
    await expectRefusedKeepingInput("cto", "/settings/tokens", { intent: "create" }, (f) =>
      f.fill("name", "Nothing ticked").uncheck("scopes", "deployments:write").uncheck("scopes", "incidents:write"),
    );
  });

  it("settings.tokens#create refused (no name): 400, the ticked scopes (several) come back ticked", async () => {
    const r = await expectRefusedKeepingInput("cto", "/settings/tokens", { intent: "create" }, (f) =>
      f.fill("name", "").uncheck("scopes", "deployments:write").check("scopes", "metrics:read").check("scopes", "import:write"),
    );
    expect(r.sent.filter(([n]) => n === "scopes").map(([, v]) => v)).toEqual(["incidents:write", "metrics:read", "import:write"]);
  });

  it("settings.tokens#revoke", async () => {
    const id = one<{ id: number }>(sql`select id from api_tokens where name = 'CI metrics'`).id;
    const s = await submit("cto", "/settings/tokens", { intent: "revoke", tokenId: String(id) });
    expect(s.res.status).toBe(200);
    expect(one<{ r: number | null }>(sql`select revoked_at as r from api_tokens where id = ${id}`).r).not.toBeNull();
    expectAudit(s.audits, { entityType: "api_token", entityId: id, actor: w.ids.cto });
  });
});

// ------------------------------------------------------------------------------------------------
describe("webhook sources (CEO, CTO)", () => {
  const sourceId = () => one<{ id: number }>(sql`select id from webhook_sources where name = 'GitHub — api-gateway'`).id;

  it("settings.webhooks._index#*: a GitHub source with a rule; its secret shown once, stored sealed", async () => {
    const s = await submit("cto", "/settings/webhooks", { intent: "create" }, (f) =>
      f.select("kind", "github").fill("name", "GitHub — api-gateway").fill("mappings", "innovatech/api-gateway = api-gateway"),
    );
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; kind: string; box: string; env: string }>(
      sql`select id, kind, secret_box as box, production_environment as env from webhook_sources where name = 'GitHub — api-gateway'`,
    );
    expect(row).toMatchObject({ kind: "github", env: "production" });
    const shown = /data-testid="new-source-secret">(whsec_[\w-]+)</.exec(s.res.html)?.[1];
    expect(shown).toBeDefined();
    expect(row.box).not.toContain(shown!);
    expect(
      one<{ n: number }>(sql`select count(*) as n from webhook_service_mappings where source_id = ${row.id} and match_value = 'innovatech/api-gateway'`).n,
    ).toBe(1);
    const audit = expectAudit(s.audits, { entityType: "webhook_source", action: "create", entityId: row.id, actor: w.ids.cto });
    expect(audit.after ?? "").not.toContain(shown!);
  });

  it("settings.webhooks._index#* refused (a rule names no service): 400, input kept, the typed secret not sent back", async () => {
    await expectRefusedKeepingInput(
      "cto",
      "/settings/webhooks",
      { intent: "create" },
      (f) =>
        f
          .select("kind", "alertmanager")
          .fill("name", "Alertmanager")
          .fill("mappings", "api = no-such-service")
          .fill("serviceLabel", "job")
          .fill("secret", "my-own-secret-0123456789"),
      { secret: ["secret"] },
    );
  });

  it("settings.webhooks.$sourceId#update: rules, default service and production environment", async () => {
    const id = sourceId();
    const service = one<{ id: number }>(sql`select id from services where name = 'web-app'`).id;
    const s = await submit("cto", `/settings/webhooks/${id}`, { intent: "update" }, (f) =>
      f
        .fill("mappings", "innovatech/api-gateway = api-gateway\ninnovatech/web = web-app")
        .select("defaultServiceId", String(service))
        .fill("productionEnvironment", "prod"),
    );
    expect(s.res.status).toBe(200);
    expect(one(sql`select production_environment as env, default_service_id as d from webhook_sources where id = ${id}`)).toEqual({ env: "prod", d: service });
    expect(one<{ n: number }>(sql`select count(*) as n from webhook_service_mappings where source_id = ${id}`).n).toBe(2);
    expectAudit(s.audits, { entityType: "webhook_source", action: "update", entityId: id, actor: w.ids.cto });
  });

  it("settings.webhooks.$sourceId#update refused (no name): 400, input kept", async () => {
    await expectRefusedKeepingInput("cto", `/settings/webhooks/${sourceId()}`, { intent: "update" }, (f) =>
      f.fill("name", "").fill("mappings", "x/y = api-gateway"),
    );
  });

  it("settings.webhooks.$sourceId#rotate: a new secret shown once", async () => {
    const id = sourceId();
    const before = one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h;
    const s = await submit("cto", `/settings/webhooks/${id}`, { intent: "rotate" });
    expect(s.res.status).toBe(200);
    expect(s.res.html).toContain("Copy the new secret now");
    expect(one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h).not.toBe(before);
    expectAudit(s.audits, { entityType: "webhook_source", action: "rotate_secret", entityId: id, actor: w.ids.cto });
  });

  it("settings.webhooks.$sourceId#set-secret: the sender's own secret", async () => {
    const id = sourceId();
    const s = await submit("cto", `/settings/webhooks/${id}`, { intent: "set-secret" }, (f) => f.fill("secret", "pagerduty-signing-secret-abcdef"));
    expect(s.res.status).toBe(200);
    expect(one<{ h: string }>(sql`select secret_hint as h from webhook_sources where id = ${id}`).h).toBe("cdef");
    expectAudit(s.audits, { entityType: "webhook_source", action: "set_secret", entityId: id, actor: w.ids.cto });
  });

  it("settings.webhooks.$sourceId#set-secret refused (too short): 400, the secret not sent back", async () => {
    await expectRefusedKeepingInput("cto", `/settings/webhooks/${sourceId()}`, { intent: "set-secret" }, (f) => f.fill("secret", "short"), {
      secret: ["secret"],
    });
  });

  it("settings.webhooks.$sourceId#delete: back to the list, the source gone", async () => {
    const id = sourceId();
    const s = await submit("ceo", `/settings/webhooks/${id}`, { intent: "delete" });
    expect(s.res.status).toBe(302);
    expect(s.res.location).toBe("/settings/webhooks");
    expect(one<{ n: number }>(sql`select count(*) as n from webhook_sources where id = ${id}`).n).toBe(0);
    expectAudit(s.audits, { entityType: "webhook_source", action: "delete", entityId: id, actor: w.ids.ceo });
  });
});

// ------------------------------------------------------------------------------------------------
describe("finance (CEO, CTO on IT categories)", () => {
  // the latest closed month: inside the grid's default range
  const latestClosedMonth = () => one<{ m: string }>(sql`select max(month) as m from finance_snapshots`).m;
  const category = (it: boolean) => one<{ id: number }>(sql`select id from budget_categories where is_it = ${it ? 1 : 0} order by id limit 1`).id;

  it("budgets#save-line: planned typed, actual left empty (not recorded)", async () => {
    const cat = category(false);
    const month = latestClosedMonth();
    const s = await submit("ceo", `/budgets?edit=${cat}:${month}`, { intent: "save-line" }, (f) => f.fill("planned", "1 234,50").fill("actual", ""));
    expect(s.sent).toContainEqual(["actual", ""]);
    expect(s.res.status).toBe(302);
    expect(s.res.location).toContain(`saved=${cat}`);
    expect(one(sql`select planned_cents as p, actual_cents as a from budget_lines where category_id = ${cat} and month = ${month}`)).toEqual({
      p: 123450,
      a: null,
    });
    expectAudit(s.audits, { entityType: "budget_line", actor: w.ids.ceo });
  });

  it("budgets#save-line: the CTO on an IT category", async () => {
    const cat = category(true);
    const month = latestClosedMonth();
    const s = await submit("cto", `/budgets?edit=${cat}:${month}`, { intent: "save-line" }, (f) => f.fill("planned", "800").fill("actual", "750.25"));
    expect(s.res.status).toBe(302);
    expect(one(sql`select planned_cents as p, actual_cents as a from budget_lines where category_id = ${cat} and month = ${month}`)).toEqual({
      p: 80000,
      a: 75025,
    });
    expectAudit(s.audits, { entityType: "budget_line", actor: w.ids.cto });
  });

  it("budgets#save-line refused (negative planned): 400, input kept", async () => {
    const cat = category(false);
    await expectRefusedKeepingInput("ceo", `/budgets?edit=${cat}:${latestClosedMonth()}`, { intent: "save-line" }, (f) =>
      f.fill("planned", "-5").fill("actual", "12"),
    );
  });

  it("budgets#import: a CSV file (multipart)", async () => {
    const name = one<{ name: string }>(sql`select name from budget_categories where is_it = 0 order by id limit 1`).name;
    const csv = `month,category,planned,actual\n2030-01,${name},1000,\n2030-02,${name},1000.50,900\n`;
    const s = await submit("ceo", "/budgets", { intent: "import" }, (f) => f.attach("file", new File([csv], "budget.csv", { type: "text/csv" })));
    expect(s.form.enctype).toBe("multipart/form-data");
    expect(s.res.status).toBe(200);
    expect(s.res.html).toContain("Imported 2 rows");
    expect(one<{ n: number }>(sql`select count(*) as n from budget_lines where month in ('2030-01', '2030-02')`).n).toBe(2);
    expectAudit(s.audits, { entityType: "budget_line", action: "import", actor: w.ids.ceo });
  });

  // the figures of a 2031 snapshot the two saves below share
  const SNAPSHOT_2031 = { revenue: "20000", customers: "30", newCustomers: "2", churnedCustomers: "0" };

  it("finance.snapshots#save-snapshot: a cost of revenue typed is stored; left empty it is not recorded", async () => {
    const s = await submit("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
      fillAll(f, { ...SNAPSHOT_2031, month: "2031-02", cash: "1000000", mrr: "21000", costOfRevenue: "5000,50" }),
    );
    expect(s.res.status).toBe(302);
    expect(one(sql`select cost_of_revenue_cents as c from finance_snapshots where month = '2031-02'`)).toEqual({ c: 500050 });
    expectAudit(s.audits, { entityType: "finance_snapshot", actor: w.ids.ceo });
  });

  it("finance.snapshots#save-snapshot: financing left empty means 0", async () => {
    const s = await submit("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
      fillAll(f, { ...SNAPSHOT_2031, month: "2031-01", cash: "1 000 000", mrr: "21000,50" }),
    );
    expect(s.sent).toContainEqual(["financing", ""]);
    expect(s.res.status).toBe(302);
    expect(one(sql`select cash_cents as c, mrr_cents as m, customers as n, financing_cents as f from finance_snapshots where month = '2031-01'`)).toEqual({
      c: 100000000,
      m: 2100050,
      n: 30,
      f: 0,
    });
    expectAudit(s.audits, { entityType: "finance_snapshot", actor: w.ids.ceo });
  });

  it("finance.snapshots#save-snapshot refused (new customers above customers): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/finance/snapshots", { intent: "save-snapshot" }, (f) =>
      fillAll(f, { month: "2031-02", cash: "5", revenue: "1", mrr: "1", customers: "1", newCustomers: "2", churnedCustomers: "0" }),
    );
  });

  it("finance.snapshots#import: a CSV file", async () => {
    const csv = "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2031-03,900000,21000,21500,31,1,0,\n";
    const s = await submit("ceo", "/finance/snapshots", { intent: "import" }, (f) => f.attach("file", new File([csv], "snapshots.csv", { type: "text/csv" })));
    expect(s.res.status).toBe(200);
    expect(one<{ n: number }>(sql`select count(*) as n from finance_snapshots where month = '2031-03'`).n).toBe(1);
    expectAudit(s.audits, { entityType: "finance_snapshot", action: "import", actor: w.ids.ceo });
  });
});

// ------------------------------------------------------------------------------------------------
describe("delivery (CTO)", () => {
  const service = (name = "api-gateway") => one<{ id: number }>(sql`select id from services where name = ${name}`).id;
  const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().replace(/\.\d+Z$/, "Z");

  it("delivery.import#*: deployments pasted into the text area (radio left on its default)", async () => {
    const csv = `external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nform-dep-1,api-gateway,production,success,${iso(3_600_000)},${iso(3_000_000)},${iso(7_200_000)},,\n`;
    const s = await submit("cto", "/delivery/import", { kind: "deployments" }, (f) => f.fill("csv", csv));
    expect(s.form.enctype).toBe("multipart/form-data");
    expect(s.res.status).toBe(200);
    expect(one<{ n: number }>(sql`select count(*) as n from deployments where external_id = 'form-dep-1'`).n).toBe(1);
    expectAudit(s.audits, { entityType: "deployment", action: "import", actor: w.ids.cto });
  });

  it("delivery.import#*: incidents as a file, the 'incidents' radio picked", async () => {
    const csv = `external_id,service,title,severity,started_at,resolved_at,caused_by_external_id\nform-inc-1,api-gateway,Imported from a form,SEV2,${iso(2_000_000)},,\n`;
    const s = await submit("cto", "/delivery/import", { kind: "deployments" }, (f) =>
      f.check("kind", "incidents").attach("file", new File([csv], "incidents.csv", { type: "text/csv" })),
    );
    expect(s.sent).toContainEqual(["kind", "incidents"]);
    expect(s.res.status).toBe(200);
    expect(one<{ n: number }>(sql`select count(*) as n from incidents where external_id = 'form-inc-1'`).n).toBe(1);
    expectAudit(s.audits, { entityType: "incident", action: "import", actor: w.ids.cto });
  });

  it("delivery.incidents.new#*: 'No deployment caused it' NOT ticked → created, cause inferred", async () => {
    const s = await submit("cto", "/delivery/incidents/new", {}, (f) =>
      f.select("serviceId", String(service())).fill("title", "Checkout errors (form, no box)").select("severity", "SEV2"),
    );
    expect(s.sent.map(([n]) => n)).not.toContain("noCause");
    expect(s.sent).toContainEqual(["resolvedAt", ""]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; kind: string | null; resolved: number | null }>(
      sql`select id, cause_kind as kind, resolved_at as resolved from incidents where title = 'Checkout errors (form, no box)'`,
    );
    expect(s.res.location).toBe(`/delivery/incidents/${row.id}`);
    expect(row.kind).not.toBe("none");
    expect(row.resolved).toBeNull();
    expectAudit(s.audits, { entityType: "incident", action: "create", entityId: row.id, actor: w.ids.cto });
  });

  it("delivery.incidents.new#*: 'No deployment caused it' ticked → cause cleared", async () => {
    const s = await submit("cto", "/delivery/incidents/new", {}, (f) =>
      f.select("serviceId", String(service())).fill("title", "Cloud provider outage (form)").check("noCause"),
    );
    expect(s.sent).toContainEqual(["noCause", "on"]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; kind: string | null; dep: number | null }>(
      sql`select id, cause_kind as kind, cause_deployment_id as dep from incidents where title = 'Cloud provider outage (form)'`,
    );
    expect(row).toMatchObject({ kind: "none", dep: null });
    expectAudit(s.audits, { entityType: "incident", entityId: row.id, actor: w.ids.cto });
  });

  it("delivery.incidents.new#* refused (no title): 400, the service, times and ticked box kept", async () => {
    await expectRefusedKeepingInput("cto", "/delivery/incidents/new", {}, (f) =>
      f.select("serviceId", String(service())).fill("title", "").check("noCause").fill("externalId", "INC-kept"),
    );
  });

  it("delivery.incidents.$incidentId#details: title and severity changed, 'resolved' left empty (open)", async () => {
    const inc = insertIncident(w.db, { serviceId: service(), title: "Details to change", severity: "SEV3", startedAt: new Date(Date.now() - 3_600_000) });
    const s = await submit("cto", `/delivery/incidents/${inc.id}`, { intent: "details" }, (f) => f.fill("title", "Details changed").select("severity", "SEV1"));
    expect(s.sent).toContainEqual(["resolvedAt", ""]);
    expect(s.res.status).toBe(200);
    expect(one(sql`select title, severity, resolved_at as r from incidents where id = ${inc.id}`)).toEqual({
      title: "Details changed",
      severity: "SEV1",
      r: null,
    });
    expectAudit(s.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
  });

  it("delivery.incidents.$incidentId#resolve and #reopen", async () => {
    const inc = insertIncident(w.db, { serviceId: service(), title: "To resolve", startedAt: new Date(Date.now() - 7_200_000) });
    const r = await submit("cto", `/delivery/incidents/${inc.id}`, { intent: "resolve" });
    expect(r.res.status).toBe(200);
    expect(one<{ r: number | null }>(sql`select resolved_at as r from incidents where id = ${inc.id}`).r).not.toBeNull();
    expectAudit(r.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
    const o = await submit("cto", `/delivery/incidents/${inc.id}`, { intent: "reopen" });
    expect(o.res.status).toBe(200);
    expect(one<{ r: number | null }>(sql`select resolved_at as r from incidents where id = ${inc.id}`).r).toBeNull();
    expectAudit(o.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
  });

  it("delivery.incidents.$incidentId#cause: 'no deployment caused it' chosen", async () => {
    const inc = insertIncident(w.db, { serviceId: service(), title: "Cause to clear", startedAt: new Date(Date.now() - 3_600_000) });
    const s = await submit("cto", `/delivery/incidents/${inc.id}`, { intent: "cause" }, (f) => f.select("cause", "none"));
    expect(s.res.status).toBe(200);
    expect(one(sql`select cause_kind as k, cause_deployment_id as d from incidents where id = ${inc.id}`)).toEqual({ k: "none", d: null });
    expectAudit(s.audits, { entityType: "incident", entityId: inc.id, actor: w.ids.cto });
  });

  it("delivery.incidents.$incidentId#details refused (resolved before started): 400, input kept", async () => {
    const inc = insertIncident(w.db, { serviceId: service(), title: "Keep my times", startedAt: new Date(Date.now() - 3_600_000) });
    await expectRefusedKeepingInput("cto", `/delivery/incidents/${inc.id}`, { intent: "details" }, (f) =>
      f.fill("title", "Typed title").fill("startedAt", "2026-01-02T10:00").fill("resolvedAt", "2026-01-01T10:00"),
    );
  });

  it("delivery.services#create: a service with its team", async () => {
    const s = await submit("ceo", "/delivery/services", { intent: "create" }, (f) => f.fill("name", "search-api").select("teamId", String(w.core)));
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; teamId: number }>(sql`select id, team_id as teamId from services where name = 'search-api'`);
    expect(row.teamId).toBe(w.core);
    expectAudit(s.audits, { entityType: "service", action: "create", entityId: row.id, actor: w.ids.ceo });
  });

  it("delivery.services#update: renamed, team set to none (empty option)", async () => {
    const id = service("search-api");
    const s = await submit("cto", "/delivery/services", { intent: "update", serviceId: String(id) }, (f) =>
      f.fill("name", "search-service").select("teamId", ""),
    );
    expect(s.sent).toContainEqual(["teamId", ""]);
    expect(s.res.status).toBe(200);
    expect(one(sql`select name, team_id as teamId from services where id = ${id}`)).toEqual({ name: "search-service", teamId: null });
    expectAudit(s.audits, { entityType: "service", entityId: id, actor: w.ids.cto });
  });

  it("delivery.services#update refused (bad name): 400, the row keeps the typed name", async () => {
    const id = service("search-service");
    await expectRefusedKeepingInput("cto", "/delivery/services", { intent: "update", serviceId: String(id) }, (f) =>
      f.fill("name", "-bad name!").select("teamId", String(w.payments)),
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("governance", () => {
  it("governance.compliance#update: status and result changed, evidence left empty", async () => {
    const req = one<{ id: number }>(sql`select id from compliance_requirements order by id limit 1`).id;
    const s = await submit("cto", "/governance/compliance", { intent: "update", requirementId: String(req) }, (f) =>
      f.select("status", "in_progress").select("result", "").fill("evidenceUrl", ""),
    );
    expect(s.res.status).toBe(200);
    expect(one(sql`select status, result, evidence_url as e from compliance_requirements where id = ${req}`)).toEqual({
      status: "in_progress",
      result: null,
      e: null,
    });
    expectAudit(s.audits, { entityType: "compliance_requirement", entityId: req, actor: w.ids.cto });
  });

  it("governance.compliance#create", async () => {
    const s = await submit("ceo", "/governance/compliance", { intent: "create" }, (f) =>
      f.fill("ref", "A.5.99").fill("title", "Form-made requirement").fill("evidenceUrl", "https://wiki.example.test/a599"),
    );
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; status: string }>(sql`select id, status from compliance_requirements where ref = 'A.5.99'`);
    expect(row.status).toBe("todo");
    expectAudit(s.audits, { entityType: "compliance_requirement", action: "create", entityId: row.id, actor: w.ids.ceo });
  });

  it("governance.compliance#create refused (javascript: link): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/governance/compliance", { intent: "create" }, (f) =>
      f.fill("ref", "A.5.100").fill("title", "Kept title").fill("evidenceUrl", "javascript:alert(1)"),
    );
  });

  it("governance.gates._index#*: a gate with one criterion, the other rows left empty", async () => {
    const s = await submit("ceo", "/governance/gates", { intent: "create" }, (f) =>
      f.fill("name", "Form gate").fill("dueDate", "2027-06-30").select("metric_0", "finance.customers").fill("threshold_0", "15"),
    );
    expect(s.sent).toContainEqual(["metric_1", ""]);
    expect(s.res.status).toBe(200);
    const gate = one<{ id: number }>(sql`select id from decision_gates where name = 'Form gate'`);
    expect(w.db.all(sql`select metric, operator, threshold from gate_criteria where gate_id = ${gate.id}`)).toEqual([
      { metric: "finance.customers", operator: ">=", threshold: 15 },
    ]);
    expectAudit(s.audits, { entityType: "decision_gate", action: "create", entityId: gate.id, actor: w.ids.ceo });
  });

  it("governance.gates._index#* refused (name too short, bad threshold): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/governance/gates", { intent: "create" }, (f) =>
      f.fill("name", "ab").select("metric_0", "finance.customers").fill("threshold_0", "many"),
    );
  });

  it("governance.gates.$gateId#*: edited (the update form)", async () => {
    const gate = insertGate(w.db, { name: "Gate to edit", dueDate: "2027-01-31", criteria: [{ metric: "finance.customers", operator: ">=", threshold: 10 }] });
    const s = await submit("ceo", `/governance/gates/${gate.id}`, { intent: "update" }, (f) =>
      f.fill("name", "Gate edited").select("metric_0", "").fill("threshold_0", ""),
    );
    expect(s.res.status).toBe(302);
    expect(one(sql`select name from decision_gates where id = ${gate.id}`)).toEqual({ name: "Gate edited" });
    expect(one<{ n: number }>(sql`select count(*) as n from gate_criteria where gate_id = ${gate.id}`).n).toBe(0);
    expectAudit(s.audits, { entityType: "decision_gate", action: "update", entityId: gate.id, actor: w.ids.ceo });
  });

  it("governance.gates.$gateId#delete", async () => {
    const gate = insertGate(w.db, { name: "Gate to delete" });
    const s = await submit("ceo", `/governance/gates/${gate.id}`, { intent: "delete" });
    expect(s.res.status).toBe(302);
    expect(one(sql`select count(*) as n from decision_gates where id = ${gate.id}`)).toEqual({ n: 0 });
    expectAudit(s.audits, { entityType: "decision_gate", action: "delete", entityId: gate.id, actor: w.ids.ceo });
  });

  it("governance.maturity#assess: scores chosen, notes left empty", async () => {
    const s = await submit("cto", "/governance/maturity", { intent: "assess" }, (f) =>
      f.fill("assessedOn", "2025-06-30").select("score_process", "4").select("score_audit", "3"),
    );
    expect(s.sent).toContainEqual(["note_process", ""]);
    expect(s.res.status).toBe(200);
    const rows = w.db.all<{ indicator: string; score: number; note: string | null }>(
      sql`select indicator, score, note from maturity_scores where assessed_on = '2025-06-30' order by indicator`,
    );
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.indicator === "process")).toEqual({ indicator: "process", score: 4, note: null });
    expectAudit(s.audits, { entityType: "maturity_assessment", actor: w.ids.cto });
  });
});

// ------------------------------------------------------------------------------------------------
describe("hiring", () => {
  it("hiring._index#status: 'next' on a tech team's requisition", async () => {
    const r = insertRequisition(w.db, { title: "Next me", teamId: w.core, status: "planned", targetStartMonth: "2027-03" });
    const s = await submit("cto", "/hiring?q=Next%20me", { intent: "status", requisitionId: String(r.id), change: "next" });
    expect(s.res.status).toBe(200);
    expect(one(sql`select status from requisitions where id = ${r.id}`)).toEqual({ status: "open" });
    expectAudit(s.audits, { entityType: "requisition", action: "status", entityId: r.id, actor: w.ids.cto });
  });

  it("hiring._index#status: cancel, then reopen", async () => {
    const r = insertRequisition(w.db, { title: "Cancel me", teamId: w.core, status: "open", targetStartMonth: "2027-03" });
    const c = await submit("ceo", "/hiring?q=Cancel%20me", { intent: "status", requisitionId: String(r.id), change: "cancel" });
    expect(c.res.status).toBe(200);
    expect(one(sql`select status from requisitions where id = ${r.id}`)).toEqual({ status: "cancelled" });
    const o = await submit("ceo", "/hiring?q=Cancel%20me", { intent: "status", requisitionId: String(r.id), change: "reopen" });
    expect(o.res.status).toBe(200);
    expect(one<{ status: string }>(sql`select status from requisitions where id = ${r.id}`).status).not.toBe("cancelled");
    expectAudit(o.audits, { entityType: "requisition", entityId: r.id, actor: w.ids.ceo });
  });

  it("hiring.new#*: the CTO creates a requisition (objective and source left empty)", async () => {
    const s = await submit("cto", "/hiring/new", {}, (f) =>
      f
        .fill("title", "Form SRE")
        .select("teamId", String(w.teamId("Platform")))
        .fill("annualSalary", "70 000")
        .fill("targetStartMonth", "2027-05"),
    );
    expect(s.sent).toContainEqual(["objectiveId", ""]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; salary: number; status: string; source: string | null; objectiveId: number | null }>(
      sql`select id, annual_salary_cents as salary, status, source, objective_id as objectiveId from requisitions where title = 'Form SRE'`,
    );
    expect(row).toMatchObject({ salary: 7000000, source: null, objectiveId: null });
    expect(s.res.location).toBe(`/hiring?created=${row.id}`);
    expectAudit(s.audits, { entityType: "requisition", action: "create", entityId: row.id, actor: w.ids.cto });
  });

  it("hiring.new#*: a lead proposes a hire for their team (saved as planned)", async () => {
    const s = await submit("lead", "/hiring/new", {}, (f) => f.fill("title", "Form proposal").fill("annualSalary", "52000"));
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; status: string; teamId: number }>(sql`select id, status, team_id as teamId from requisitions where title = 'Form proposal'`);
    expect(row).toMatchObject({ status: "planned", teamId: w.core });
    expectAudit(s.audits, { entityType: "requisition", entityId: row.id, actor: w.ids.lead });
  });

  it("hiring.new#* refused (salary not an amount): 400, input kept", async () => {
    await expectRefusedKeepingInput("cto", "/hiring/new", {}, (f) => f.fill("title", "Kept role").fill("annualSalary", "lots").fill("source", "Referral"));
  });

  it("hiring.$requisitionId#*: edited, the salary left as shown", async () => {
    const r = insertRequisition(w.db, { title: "Edit me", teamId: w.core, targetStartMonth: "2027-04", annualSalaryCents: 60_000_00 });
    const s = await submit("ceo", `/hiring/${r.id}`, {}, (f) => f.select("priority", "P0").fill("title", "Edited role"));
    expect(s.res.status).toBe(302);
    expect(one(sql`select title, priority, annual_salary_cents as s from requisitions where id = ${r.id}`)).toEqual({
      title: "Edited role",
      priority: "P0",
      s: 6000000,
    });
    expectAudit(s.audits, { entityType: "requisition", action: "update", entityId: r.id, actor: w.ids.ceo });
  });

  it("hiring.employees_.new#*: an employee without an end date", async () => {
    const s = await submit("ceo", "/hiring/employees/new", {}, (f) =>
      f.fill("name", "Form Employee").select("teamId", String(w.core)).fill("title", "Engineer").fill("startDate", "2026-01-05").fill("annualSalary", "58000"),
    );
    expect(s.sent).toContainEqual(["endDate", ""]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; end: string | null; salary: number }>(
      sql`select id, end_date as end, annual_salary_cents as salary from employees where name = 'Form Employee'`,
    );
    expect(row).toMatchObject({ end: null, salary: 5800000 });
    expectAudit(s.audits, { entityType: "employee", action: "create", entityId: row.id, actor: w.ids.ceo });
  });

  it("hiring.employees_.new#* refused (end before start): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/hiring/employees/new", {}, (f) =>
      f.fill("name", "Kept Person").fill("title", "Engineer").fill("startDate", "2026-02-01").fill("endDate", "2026-01-01").fill("annualSalary", "50000"),
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("KPIs", () => {
  it("kpis._index#create-kpi: a lead creates a KPI, unit and description left empty", async () => {
    const s = await submit("lead", "/kpis", { intent: "create-kpi" }, (f) => f.fill("key", "form_kpi").fill("name", "Form KPI").select("direction", "lower"));
    expect(s.sent).toContainEqual(["unit", ""]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; unit: string | null; direction: string }>(sql`select id, unit, direction from kpis where key = 'form_kpi'`);
    expect(row).toMatchObject({ unit: null, direction: "lower" });
    expect(s.res.location).toBe(`/kpis/${row.id}`);
    expectAudit(s.audits, { entityType: "kpi", action: "create", entityId: row.id, actor: w.ids.lead });
  });

  it("kpis._index#import: measurements pasted as CSV", async () => {
    const s = await submit("cto", "/kpis", { intent: "import" }, (f) => f.fill("csv", "kpi_key,measured_on,value,note\nform_kpi,2025-03-01,12.5,\n"));
    expect(s.res.status, s.res.html.slice(0, 0)).toBe(200);
    expect(one(sql`select value from kpi_measurements m join kpis k on k.id = m.kpi_id where k.key = 'form_kpi' and measured_on = '2025-03-01'`)).toEqual({
      value: 12.5,
    });
    expect(s.audits.some((a) => a.entityType === "kpi_measurement" && a.actorUserId === w.ids.cto)).toBe(true);
  });

  it("kpis._index#create-kpi refused (bad key): 400, input kept", async () => {
    await expectRefusedKeepingInput("lead", "/kpis", { intent: "create-kpi" }, (f) =>
      f.fill("key", "Bad Key!").fill("name", "Kept name").fill("description", "line one\nline two"),
    );
  });

  it("kpis.$kpiId#update-kpi", async () => {
    const kpi = insertKpi(w.db, { key: "edit_me", name: "Edit me" });
    const s = await submit("cto", `/kpis/${kpi.id}`, { intent: "update-kpi" }, (f) => f.fill("name", "Edited KPI").fill("unit", "ms"));
    expect(s.res.status).toBe(200);
    expect(one(sql`select name, unit from kpis where id = ${kpi.id}`)).toEqual({ name: "Edited KPI", unit: "ms" });
    expectAudit(s.audits, { entityType: "kpi", action: "update", entityId: kpi.id, actor: w.ids.cto });
  });

  it("kpis.$kpiId#target: set, then cleared (empty field)", async () => {
    const kpi = insertKpi(w.db, { key: "target_me", name: "Target me" });
    const set = await submit("ceo", `/kpis/${kpi.id}`, { intent: "target", cycleId: String(w.openCycleId) }, (f) => f.fill("target", "42"));
    expect(set.res.status).toBe(200);
    expect(one(sql`select target from kpi_targets where kpi_id = ${kpi.id} and cycle_id = ${w.openCycleId}`)).toEqual({ target: 42 });
    expectAudit(set.audits, { entityType: "kpi_target", actor: w.ids.ceo });
    const cleared = await submit("ceo", `/kpis/${kpi.id}`, { intent: "target", cycleId: String(w.openCycleId) }, (f) => f.fill("target", ""));
    expect(cleared.res.status).toBe(200);
    expect(one(sql`select count(*) as n from kpi_targets where kpi_id = ${kpi.id} and cycle_id = ${w.openCycleId}`)).toEqual({ n: 0 });
    expectAudit(cleared.audits, { entityType: "kpi_target", actor: w.ids.ceo });
  });

  it("kpis.$kpiId#measure: a lead records a value, note left empty", async () => {
    const kpi = insertKpi(w.db, { key: "measure_me", name: "Measure me" });
    const s = await submit("lead", `/kpis/${kpi.id}`, { intent: "measure" }, (f) => f.fill("measuredOn", "2025-05-02").fill("value", "7,5"));
    expect(s.res.status).toBe(200);
    expect(one(sql`select value, note from kpi_measurements where kpi_id = ${kpi.id} and measured_on = '2025-05-02'`)).toEqual({ value: 7.5, note: null });
    expectAudit(s.audits, { entityType: "kpi_measurement", actor: w.ids.lead });
  });

  it("kpis.$kpiId#measure refused (value not a number): 400, input kept", async () => {
    const kpi = insertKpi(w.db, { key: "measure_bad", name: "Measure bad" });
    await expectRefusedKeepingInput("lead", `/kpis/${kpi.id}`, { intent: "measure" }, (f) =>
      f.fill("measuredOn", "2025-05-03").fill("value", "seven").fill("note", "kept note"),
    );
  });

  it("kpis.$kpiId#delete-measurement", async () => {
    const kpi = insertKpi(w.db, { key: "delete_me", name: "Delete me" });
    const m = insertKpiMeasurement(w.db, { kpiId: kpi.id, measuredOn: "2025-01-10", value: 3 });
    const s = await submit("ceo", `/kpis/${kpi.id}`, { intent: "delete-measurement", measurementId: String(m.id) });
    expect(s.res.status).toBe(200);
    expect(one(sql`select count(*) as n from kpi_measurements where id = ${m.id}`)).toEqual({ n: 0 });
    expectAudit(s.audits, { entityType: "kpi_measurement", actor: w.ids.ceo });
  });
});

// ------------------------------------------------------------------------------------------------
describe("OKRs", () => {
  const coreObjective = (title: string) => insertObjective(w.db, { cycleId: w.openCycleId, teamId: w.core, title });

  it("okrs._index#create-cycle and #close-cycle", async () => {
    const s = await submit("ceo", "/okrs", { intent: "create-cycle" }, (f) =>
      f.fill("name", "2031-Q1").fill("startDate", "2031-01-01").fill("endDate", "2031-03-31"),
    );
    expect(s.res.status).toBe(302);
    const cycle = one<{ id: number; status: string }>(sql`select id, status from cycles where name = '2031-Q1'`);
    expect(cycle.status).toBe("open");
    expect(s.res.location).toBe(`/okrs?cycle=${cycle.id}`);
    expectAudit(s.audits, { entityType: "cycle", action: "create", entityId: cycle.id, actor: w.ids.ceo });
    const c = await submit("ceo", `/okrs?cycle=${cycle.id}`, { intent: "close-cycle", cycleId: String(cycle.id) });
    expect(c.res.status).toBe(200);
    expect(one(sql`select status from cycles where id = ${cycle.id}`)).toEqual({ status: "closed" });
    expectAudit(c.audits, { entityType: "cycle", action: "close", entityId: cycle.id, actor: w.ids.ceo });
  });

  it("okrs._index#create-objective: a lead, for the Core squad, no parent", async () => {
    const s = await submit("lead", `/okrs?cycle=${w.openCycleId}`, { intent: "create-objective" }, (f) =>
      f.fill("title", "Form objective").select("teamId", String(w.core)).select("parentId", ""),
    );
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; teamId: number; parentId: number | null }>(
      sql`select id, team_id as teamId, parent_id as parentId from objectives where title = 'Form objective'`,
    );
    expect(row).toMatchObject({ teamId: w.core, parentId: null });
    expectAudit(s.audits, { entityType: "objective", action: "create", entityId: row.id, actor: w.ids.lead });
  });

  it("okrs._index#create-cycle refused (end before start): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/okrs", { intent: "create-cycle" }, (f) =>
      f.fill("name", "Kept cycle").fill("startDate", "2032-03-31").fill("endDate", "2032-01-01"),
    );
  });

  it("okrs.$objectiveId#update-objective: a lead edits a Core objective, owner cleared", async () => {
    const o = coreObjective("Objective to edit");
    const s = await submit("lead", `/okrs/${o.id}`, { intent: "update-objective" }, (f) => f.fill("title", "Objective edited").select("ownerUserId", ""));
    expect(s.res.status).toBe(200);
    expect(one(sql`select title, owner_user_id as owner from objectives where id = ${o.id}`)).toEqual({ title: "Objective edited", owner: null });
    expectAudit(s.audits, { entityType: "objective", entityId: o.id, actor: w.ids.lead });
  });

  it("okrs.$objectiveId#archive-objective and #restore-objective", async () => {
    const o = coreObjective("Objective to archive");
    const a = await submit("ceo", `/okrs/${o.id}`, { intent: "archive-objective" });
    expect(a.res.status).toBe(200);
    expect(one<{ a: number | null }>(sql`select archived_at as a from objectives where id = ${o.id}`).a).not.toBeNull();
    expectAudit(a.audits, { entityType: "objective", entityId: o.id, actor: w.ids.ceo });
    const r = await submit("ceo", `/okrs/${o.id}`, { intent: "restore-objective" });
    expect(r.res.status).toBe(200);
    expect(one<{ a: number | null }>(sql`select archived_at as a from objectives where id = ${o.id}`).a).toBeNull();
    expectAudit(r.audits, { entityType: "objective", entityId: o.id, actor: w.ids.ceo });
  });

  it("okrs.$objectiveId#create-kr: a percent KR, unit and owner left empty", async () => {
    const o = coreObjective("Objective for a KR");
    const s = await submit("lead", `/okrs/${o.id}`, { intent: "create-kr" }, (f) =>
      f.fill("title", "Form KR").select("kind", "percent").fill("startValue", "10").fill("targetValue", "80"),
    );
    expect(s.sent).toContainEqual(["ownerUserId", ""]);
    expect(s.res.status).toBe(200);
    const kr = one<{ id: number }>(sql`select id from key_results where objective_id = ${o.id}`);
    expect(one(sql`select kind, start_value as s, target_value as t, unit, owner_user_id as owner, weight from key_results where id = ${kr.id}`)).toEqual({
      kind: "percent",
      s: 10,
      t: 80,
      unit: "%",
      owner: null,
      weight: 1,
    });
    expectAudit(s.audits, { entityType: "key_result", action: "create", entityId: kr.id, actor: w.ids.lead });
  });

  it("okrs.$objectiveId#create-kr refused (percent above 100): 400, input kept", async () => {
    const o = coreObjective("Objective for a bad KR");
    await expectRefusedKeepingInput("lead", `/okrs/${o.id}`, { intent: "create-kr" }, (f) =>
      f.fill("title", "Kept KR").select("kind", "percent").fill("startValue", "0").fill("targetValue", "150"),
    );
  });

  it("okrs.$objectiveId#update-kr, #archive-kr, #restore-kr", async () => {
    const o = coreObjective("Objective with KRs");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to edit", startValue: 0, targetValue: 10 });
    const u = await submit("lead", `/okrs/${o.id}`, { intent: "update-kr", keyResultId: String(kr.id) }, (f) =>
      f.fill("targetValue", "20").fill("weight", "2"),
    );
    expect(u.res.status).toBe(200);
    expect(one(sql`select target_value as t, weight from key_results where id = ${kr.id}`)).toEqual({ t: 20, weight: 2 });
    expectAudit(u.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
    const a = await submit("lead", `/okrs/${o.id}`, { intent: "archive-kr", keyResultId: String(kr.id) });
    expect(a.res.status).toBe(200);
    expect(one<{ a: number | null }>(sql`select archived_at as a from key_results where id = ${kr.id}`).a).not.toBeNull();
    expectAudit(a.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
    const r = await submit("lead", `/okrs/${o.id}`, { intent: "restore-kr", keyResultId: String(kr.id) });
    expect(r.res.status).toBe(200);
    expect(one<{ a: number | null }>(sql`select archived_at as a from key_results where id = ${kr.id}`).a).toBeNull();
    expectAudit(r.audits, { entityType: "key_result", entityId: kr.id, actor: w.ids.lead });
  });

  it("okrs.$objectiveId#update-kr refused (weight not a number): 400, the KR's row keeps the input", async () => {
    const o = coreObjective("Objective with a KR to break");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR kept", startValue: 0, targetValue: 10 });
    await expectRefusedKeepingInput("lead", `/okrs/${o.id}`, { intent: "update-kr", keyResultId: String(kr.id) }, (f) =>
      f.fill("title", "Typed KR title").fill("weight", "heavy"),
    );
  });

  it("okrs.$objectiveId#carry-over: into the next cycle", async () => {
    const o = coreObjective("Objective to carry");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to carry", startValue: 0, targetValue: 10, currentValue: 4 });
    const s = await submit("ceo", `/okrs/${o.id}`, { intent: "carry-over", keyResultId: String(kr.id) });
    expect(s.res.status).toBe(302);
    const copy = one<{ id: number; s: number }>(sql`select id, start_value as s from key_results where carried_from_id = ${kr.id}`);
    expect(copy.s).toBe(4);
    expectAudit(s.audits, { entityType: "key_result", action: "carry_over", actor: w.ids.ceo });
  });

  it("okrs.kr.$keyResultId#checkin: redirected back to the history (303), check-in and KR value written", async () => {
    const o = coreObjective("Objective to check in");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR to check in", startValue: 0, targetValue: 10 });
    const s = await submit("lead", `/okrs/kr/${kr.id}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
      f.fill("value", "6").fill("confidence", "8").fill("note", "Good week"),
    );
    expect(s.res.status).toBe(303);
    expect(s.res.location).toBe(`/okrs/kr/${kr.id}#kr-${kr.id}`);
    expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 6, confidence: 8, note: "Good week" });
    expect(one(sql`select current_value as v from key_results where id = ${kr.id}`)).toEqual({ v: 6 });
    expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
  });

  it("okrs.mine#checkin: from 'My key results', note left empty", async () => {
    const o = coreObjective("Objective on my page");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR on my page", startValue: 0, targetValue: 100 });
    const s = await submit("lead", `/okrs/mine?cycle=${w.openCycleId}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
      f.fill("value", "25").fill("confidence", "6"),
    );
    expect(s.sent).toContainEqual(["note", ""]);
    expect(s.res.status).toBe(303);
    expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 25, confidence: 6, note: null });
    expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
  });

  it("inbox#checkin: the inline check-in of the inbox, redirected back (303), the key result leaves the inbox", async () => {
    const o = coreObjective("Objective in the inbox");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR in the inbox", startValue: 0, targetValue: 10, ownerUserId: w.ids.lead });
    const s = await submit("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) => f.fill("value", "4").fill("confidence", "5"));
    expect(s.page.html).toContain("KR in the inbox");
    expect(s.sent).toContainEqual(["note", ""]);
    expect(s.res.status).toBe(303);
    expect(s.res.location).toBe(`/inbox#kr-${kr.id}`);
    expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: 4, confidence: 5, note: null });
    expectAudit(s.audits, { entityType: "key_result", action: "check_in", entityId: kr.id, actor: w.ids.lead });
    const after = await w.as("lead").get("/inbox");
    expect(after.html).not.toContain("KR in the inbox");
  });

  it("inbox#checkin: a linked key result's form has no value field; confidence and a note are recorded", async () => {
    const o = coreObjective("Objective with a linked KR in the inbox");
    const kr = insertKeyResult(w.db, {
      objectiveId: o.id,
      title: "Linked KR in the inbox",
      startValue: 0,
      targetValue: 50,
      ownerUserId: w.ids.lead,
      metricId: "finance.customers",
    });
    const s = await submit("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) => f.fill("confidence", "8").fill("note", "On the way"));
    expect(s.sent.map(([n]) => n)).not.toContain("value");
    expect(s.res.status).toBe(303);
    expect(one(sql`select value, confidence, note from check_ins where key_result_id = ${kr.id}`)).toEqual({ value: null, confidence: 8, note: "On the way" });
  });

  it("inbox#checkin refused (value not a number): 400, input kept, the item still in the inbox", async () => {
    const o = coreObjective("Objective for a bad inbox check-in");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR bad inbox check-in", startValue: 0, targetValue: 10, ownerUserId: w.ids.lead });
    const r = await expectRefusedKeepingInput("lead", "/inbox", { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
      f.fill("value", "four").fill("confidence", "6").fill("note", "kept"),
    );
    expect(r.messages.join(" ")).toMatch(/must be a number/);
    expect(r.res.html).toContain("KR bad inbox check-in");
  });

  it("okrs.kr.$keyResultId#checkin refused (confidence out of range): 400, input kept", async () => {
    const o = coreObjective("Objective for a bad check-in");
    const kr = insertKeyResult(w.db, { objectiveId: o.id, title: "KR bad check-in", startValue: 0, targetValue: 10 });
    await expectRefusedKeepingInput("lead", `/okrs/kr/${kr.id}`, { intent: "checkin", keyResultId: String(kr.id) }, (f) =>
      f.fill("value", "3").fill("confidence", "11").fill("note", "kept"),
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("risks", () => {
  it("risks.new#*: the CTO adds a risk, review date and plan left empty", async () => {
    const s = await submit("cto", "/risks/new", { intent: "risk" }, (f) =>
      f.fill("title", "Form risk").select("category", "security").select("inherentImpact", "5"),
    );
    expect(s.sent).toContainEqual(["nextReviewDate", ""]);
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; status: string; impact: number; review: string | null }>(
      sql`select id, status, inherent_impact as impact, next_review_date as review from risks where title = 'Form risk'`,
    );
    expect(row).toMatchObject({ status: "open", impact: 5, review: null });
    expect(s.res.location).toBe(`/risks/${row.id}?created=1`);
    expectAudit(s.audits, { entityType: "risk", action: "create", entityId: row.id, actor: w.ids.cto });
  });

  it("risks.new#*: a lead proposes a risk (status 'proposed')", async () => {
    const s = await submit("lead", "/risks/new", { intent: "risk" }, (f) => f.fill("title", "Form proposal risk"));
    expect(s.res.status).toBe(302);
    const row = one<{ id: number; status: string; by: number }>(
      sql`select id, status, proposed_by_user_id as by from risks where title = 'Form proposal risk'`,
    );
    expect(row).toMatchObject({ status: "proposed", by: w.ids.lead });
    expectAudit(s.audits, { entityType: "risk", entityId: row.id, actor: w.ids.lead });
  });

  it("risks.new#* refused (title too short): 400, input kept", async () => {
    await expectRefusedKeepingInput("cto", "/risks/new", { intent: "risk" }, (f) =>
      f.fill("title", "ab").fill("mitigationPlan", "Plan kept\nover two lines").select("treatment", "accept"),
    );
  });

  it("risks.$riskId#status: closed with its button", async () => {
    const r = insertRisk(w.db, { title: "Risk to close", status: "open" });
    const s = await submit("cto", `/risks/${r.id}`, { intent: "status", status: "closed" });
    expect(s.res.status).toBe(200);
    expect(one(sql`select status from risks where id = ${r.id}`)).toEqual({ status: "closed" });
    expectAudit(s.audits, { entityType: "risk", entityId: r.id, actor: w.ids.cto });
  });

  it("risks.$riskId#update: edited, owner cleared", async () => {
    const r = insertRisk(w.db, { title: "Risk to edit", ownerUserId: w.ids.cto });
    const s = await submit("ceo", `/risks/${r.id}`, { intent: "update" }, (f) =>
      f.fill("title", "Risk edited").select("ownerUserId", "").select("residualLikelihood", "1"),
    );
    expect(s.res.status).toBe(200);
    expect(one(sql`select title, owner_user_id as owner, residual_likelihood as rl from risks where id = ${r.id}`)).toEqual({
      title: "Risk edited",
      owner: null,
      rl: 1,
    });
    expectAudit(s.audits, { entityType: "risk", action: "update", entityId: r.id, actor: w.ids.ceo });
  });

  it("targets#set: the CTO sets a delivery target for one cycle, typed in % (comma decimal)", async () => {
    const cycle = one<{ id: number }>(sql`select id from cycles order by start_date desc limit 1`);
    const s = await submit("cto", "/targets", { intent: "set" }, (f) =>
      f
        .select("metricId", "delivery.change_failure_rate")
        .select("cycleId", String(cycle.id))
        .select("comparison", "<")
        .fill("value", "4,5")
        .fill("note", "Stricter next cycle"),
    );
    expect(s.res.status).toBe(200);
    const row = one<{ id: number; value: number; comparison: string }>(
      sql`select id, value, comparison from metric_targets where metric_id = 'delivery.change_failure_rate' and cycle_id = ${cycle.id}`,
    );
    expect(row).toMatchObject({ value: 0.045, comparison: "<" });
    expectAudit(s.audits, { entityType: "metric_target", action: "create", entityId: row.id, actor: w.ids.cto });
  });

  it("targets#set refused (not a number): 400, input kept", async () => {
    await expectRefusedKeepingInput("cto", "/targets", { intent: "set" }, (f) =>
      f.select("metricId", "delivery.lead_time_hours").fill("value", "two hours").fill("note", "kept note"),
    );
  });

  it("targets#delete: the CTO removes a delivery target", async () => {
    const row = one<{ id: number }>(sql`select id from metric_targets where metric_id = 'delivery.lead_time_hours' and cycle_id is null`);
    const s = await submit("cto", "/targets", { intent: "delete", id: String(row.id) });
    expect(s.res.status).toBe(200);
    expect(one(sql`select id from metric_targets where id = ${row.id}`)).toBeUndefined();
    expectAudit(s.audits, { entityType: "metric_target", action: "delete", entityId: row.id, actor: w.ids.cto });
  });

  it("reports.board.$month#comment: the CEO writes a section's commentary on the draft pack", async () => {
    const month = packableMonth(w.db)!;
    const s = await submit("ceo", `/reports/board/${month}`, { intent: "comment", section: "revenue" }, (f) =>
      f.fill("text", "MRR grows on plan.\r\nChurn is flat."),
    );
    expect(s.res.status).toBe(200);
    expect(getBoardPack(w.db, month)?.commentary).toEqual({ revenue: "MRR grows on plan.\nChurn is flat." });
    expectAudit(s.audits, { entityType: "board_pack", action: "update", entityId: month, actor: w.ids.ceo });
  });

  it("reports.board.$month#comment refused (over 4000 characters): 400, input kept", async () => {
    const month = packableMonth(w.db)!;
    await expectRefusedKeepingInput("ceo", `/reports/board/${month}`, { intent: "comment", section: "cash" }, (f) => f.fill("text", "y".repeat(4001)));
  });

  it("reports.board.$month#publish refused (confirmation unticked, i.e. absent): 400, nothing published", async () => {
    const month = packableMonth(w.db)!;
    await expectRefusedKeepingInput("ceo", `/reports/board/${month}`, { intent: "publish" }, (f) => f.uncheck("confirm", "yes"));
    expect(getBoardPack(w.db, month)?.status).toBe("draft");
  });

  it("reports.board.$month#publish: ticked, the pack is published with its figures", async () => {
    const month = packableMonth(w.db)!;
    const s = await submit("ceo", `/reports/board/${month}`, { intent: "publish" }, (f) => f.check("confirm", "yes"));
    expect(s.res.status).toBe(200);
    const pack = getBoardPack(w.db, month)!;
    expect(pack.status).toBe("published");
    expect(Object.keys(pack.figures!.metrics)).toContain("finance.runway_months_with_hiring_plan");
    expectAudit(s.audits, { entityType: "board_pack", action: "publish", entityId: month, actor: w.ids.ceo });
  });

  it("risks.rules#rule: 'enabled' unticked (absent) → the rule is disabled", async () => {
    const rule = one<{ id: number; threshold: number }>(sql`select id, threshold from risk_rules where kind = 'runway_below_months'`);
    const s = await submit("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.uncheck("enabled"));
    expect(s.sent.map(([n]) => n)).not.toContain("enabled");
    expect(s.res.status).toBe(200);
    expect(one(sql`select enabled, threshold from risk_rules where id = ${rule.id}`)).toEqual({ enabled: 0, threshold: rule.threshold });
    expectAudit(s.audits, { entityType: "risk_rule", entityId: rule.id, actor: w.ids.cto });
  });

  it("risks.rules#rule: ticked again, threshold changed", async () => {
    const rule = one<{ id: number }>(sql`select id from risk_rules where kind = 'runway_below_months'`);
    const s = await submit("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.check("enabled").fill("threshold", "9"));
    expect(s.res.status).toBe(200);
    expect(one(sql`select enabled, threshold from risk_rules where id = ${rule.id}`)).toEqual({ enabled: 1, threshold: 9 });
    expectAudit(s.audits, { entityType: "risk_rule", entityId: rule.id, actor: w.ids.cto });
  });

  it("risks.rules#rule refused (threshold out of range, box unticked): 400, input kept", async () => {
    const rule = one<{ id: number }>(sql`select id from risk_rules where kind = 'cfr_above_percent_30d'`);
    await expectRefusedKeepingInput("cto", "/risks/rules", { intent: "rule", ruleId: String(rule.id) }, (f) => f.fill("threshold", "150").uncheck("enabled"));
  });
});

// ------------------------------------------------------------------------------------------------
describe("session and theme", () => {
  it("login#*: the login form signs in (cookie set, audit entry)", async () => {
    const s = await submit("anonymous", "/login?redirectTo=/okrs", {}, (f) => f.fill("email", "viewer@innovatech.test").fill("password", "innovatech-demo"));
    expect(s.res.status).toBe(302);
    expect(s.res.location).toBe("/okrs");
    expectAudit(s.audits, { entityType: "session", action: "login", actor: w.ids.viewer });
  });

  it("login#* refused (wrong password): 400, email kept, password not sent back", async () => {
    const s = await submit("anonymous", "/login", {}, (f) => f.fill("email", "viewer@innovatech.test").fill("password", "wrong-password"));
    expect(s.res.status).toBe(400);
    const again = pickForm(s.res, {});
    expect(again.valueOf("email")).toBe("viewer@innovatech.test");
    expect(again.valueOf("password")).toBe("");
  });

  it("resources.theme#*: the 'Dark' button sends theme=dark (the submitter's name and value)", async () => {
    const s = await submit("viewer", "/okrs", { redirectTo: "/okrs" }, undefined, { submitter: "dark", to: "/resources/theme" });
    expect(s.sent).toEqual([
      ["redirectTo", "/okrs"],
      ["theme", "dark"],
    ]);
    expect(s.res.status).toBe(302);
    expect(s.res.location).toBe("/okrs");
  });

  it("logout#*: the session is deleted, and the sign-out is in the audit log", async () => {
    const u = insertUser(w.db, { email: "logout.me@innovatech.test", role: "viewer" });
    const { cookieFor } = await import("../helpers/app");
    const { browser } = await import("../helpers/app");
    const b = browser(await cookieFor(u.id));
    const page = await b.get("/okrs");
    noteForms(page);
    const form = page.forms.find((f) => new URL(f.action).pathname === "/logout")!;
    covered.add(formKey(form));
    expect(one(sql`select count(*) as n from sessions where user_id = ${u.id}`)).toEqual({ n: 1 });
    const res = await b.submit(form);
    expect(res.status).toBe(302);
    expect(res.location).toBe("/login");
    expect(one(sql`select count(*) as n from sessions where user_id = ${u.id}`)).toEqual({ n: 0 });
    expect(
      one(sql`select action, entity_type as entityType, entity_id as entityId from audit_log where actor_user_id = ${u.id} order by id desc limit 1`),
    ).toEqual({
      action: "logout",
      entityType: "session",
      entityId: String(u.id),
    });
  });
});

// ------------------------------------------------------------------------------------------------
describe("company structure: teams, budget categories, frameworks, imports, first run", () => {
  const teamIdOf = (name: string) => one<{ id: number }>(sql`select id from teams where name = ${name}`).id;
  const categoryIdOf = (name: string) => one<{ id: number }>(sql`select id from budget_categories where name = ${name}`).id;

  it("teams#create, #update, #archive, #restore: a tech team created, renamed, archived and restored (CTO)", async () => {
    const c = await submit("cto", "/teams", { intent: "create" }, (f) => f.fill("name", "Data Platform").select("kind", "tech"));
    expect(c.res.status).toBe(200);
    const id = teamIdOf("Data Platform");
    expectAudit(c.audits, { entityType: "team", action: "create", entityId: id, actor: w.ids.cto });
    const u = await submit("cto", "/teams", { intent: "update", teamId: String(id) }, (f) => f.fill("name", "Data"));
    expect(u.res.status).toBe(200);
    expectAudit(u.audits, { entityType: "team", action: "update", entityId: id, actor: w.ids.cto });
    const a = await submit("cto", "/teams", { intent: "archive", teamId: String(id) });
    expect(a.res.status).toBe(200);
    expect(one(sql`select archived_at is not null as archived from teams where id = ${id}`)).toEqual({ archived: 1 });
    const r = await submit("cto", "/teams", { intent: "restore", teamId: String(id) });
    expect(r.res.status).toBe(200);
    expectAudit(r.audits, { entityType: "team", action: "restore", entityId: id, actor: w.ids.cto });
  });

  it("teams#create refused (name taken): 400, the input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/teams", { intent: "create" }, (f) => f.fill("name", "core").select("kind", "non-tech"));
  });

  it("teams#set-lead, #unset-lead: the CEO makes a viewer lead of Core, then takes it back", async () => {
    const v = insertUser(w.db, { email: "future.lead@innovatech.test", name: "Future Lead", role: "viewer" });
    const s = await submit("ceo", `/teams?team=${w.core}`, { intent: "set-lead" }, (f) => f.select("userId", String(v.id)));
    expect(s.res.status).toBe(200);
    expect(one(sql`select role, team_id as teamId from users where id = ${v.id}`)).toEqual({ role: "lead", teamId: w.core });
    expectAudit(s.audits, { entityType: "user", action: "set-lead", entityId: v.id, actor: w.ids.ceo });
    const u = await submit("ceo", `/teams?team=${w.core}`, { intent: "unset-lead", userId: String(v.id) });
    expect(u.res.status).toBe(200);
    expect(one(sql`select role from users where id = ${v.id}`)).toEqual({ role: "viewer" });
  });

  it("budgets_.categories#create, #update, #envelope, #archive, #restore (CEO); an unticked box is absent", async () => {
    const c = await submit("ceo", "/budgets/categories", { intent: "create" }, (f) => f.fill("name", "ML/AI").select("group", "it"));
    expect(c.sent.map(([n]) => n)).not.toContain("isSalesMarketing");
    expect(c.res.status).toBe(200);
    const id = categoryIdOf("ML/AI");
    expectAudit(c.audits, { entityType: "budget_category", action: "create", entityId: id, actor: w.ids.ceo });
    const u = await submit("ceo", "/budgets/categories", { intent: "update", categoryId: String(id) }, (f) =>
      f.fill("name", "ML and AI").check("isSalesMarketing"),
    );
    expect(u.res.status).toBe(200);
    expect(one(sql`select name, is_sales_marketing as sm, is_it as it from budget_categories where id = ${id}`)).toEqual({ name: "ML and AI", sm: 1, it: 1 });
    const e = await submit("ceo", "/budgets/categories?year=2026", { intent: "envelope", categoryId: String(id) }, (f) => f.fill("amount", "12 000"));
    expect(e.res.status).toBe(200);
    expect(one(sql`select amount_cents as a from budget_envelopes where category_id = ${id} and fiscal_year = 2026`)).toEqual({ a: 1_200_000 });
    const a = await submit("ceo", "/budgets/categories", { intent: "archive", categoryId: String(id) });
    expect(a.res.status).toBe(200);
    const r = await submit("ceo", "/budgets/categories", { intent: "restore", categoryId: String(id) });
    expect(r.res.status).toBe(200);
    expectAudit(r.audits, { entityType: "budget_category", action: "restore", entityId: id, actor: w.ids.ceo });
  });

  it("budgets_.categories#envelope refused (negative amount): 400, the input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/budgets/categories?year=2026", { intent: "envelope", categoryId: String(categoryIdOf("Salaries")) }, (f) =>
      f.fill("amount", "-5"),
    );
  });

  it("governance.compliance#create-framework, #update-framework: HDS added, then given a target date (CTO)", async () => {
    const c = await submit("cto", "/governance/compliance", { intent: "create-framework" }, (f) => f.fill("name", "HDS").fill("targetDate", "2027-06-30"));
    expect(c.res.status).toBe(200);
    const id = one<{ id: number }>(sql`select id from compliance_frameworks where key = 'hds'`).id;
    expectAudit(c.audits, { entityType: "compliance_framework", action: "create", entityId: id, actor: w.ids.cto });
    const u = await submit("cto", "/governance/compliance", { intent: "update-framework", frameworkId: String(id) }, (f) => f.fill("targetDate", "2027-09-30"));
    expect(u.res.status).toBe(200);
    expect(one(sql`select target_date as d from compliance_frameworks where id = ${id}`)).toEqual({ d: "2027-09-30" });
  });

  it("governance.compliance#import: requirements from a CSV file (multipart)", async () => {
    const csv = "framework,ref,title,status,result,owner,evidence_url\nHDS,HDS-1,Hosting certified,todo,,,\n";
    const s = await submit("ceo", "/governance/compliance", { intent: "import" }, (f) => f.attach("file", new File([csv], "hds.csv", { type: "text/csv" })));
    expect(s.res.status).toBe(200);
    expect(one(sql`select count(*) as n from compliance_requirements where ref = 'HDS-1'`)).toEqual({ n: 1 });
  });

  it("import#*: employees from the template's columns (CEO)", async () => {
    const csv = "id,name,team,title,start_date,end_date,annual_salary\n,Imported Person,Core,Engineer,2024-01-15,,60000\n";
    const s = await submit("ceo", "/import", { kind: "employees" }, (f) => f.attach("file", new File([csv], "employees.csv", { type: "text/csv" })));
    expect(s.res.status).toBe(200);
    expect(one(sql`select count(*) as n from employees where name = 'Imported Person'`)).toEqual({ n: 1 });
    expectAudit(s.audits, { entityType: "employee", action: "import", actor: w.ids.ceo });
  });

  it("setup#*: the first-run form is a 404 once a user exists (its journey on an empty install: tests/e2e/fresh-install.spec.ts, tests/integration/setup.test.ts)", async () => {
    const res = await w.as("anonymous").get("/setup");
    expect(res.status).toBe(404);
    covered.add("setup#*");
  });
});

// ------------------------------------------------------------------------------------------------
describe("plans: scenarios, roadmap, multi-year plan, gate decisions", () => {
  const idOf = (q: ReturnType<typeof sql>) => one<{ id: number }>(q).id;

  it("scenarios#create, #update (unticked 'raise a risk' absent), #delete (CEO)", async () => {
    const c = await submit("ceo", "/scenarios", { intent: "create" }, (f) =>
      f.fill("name", "D — Browser").fill("probability", "5").fill("funding_month_0", "2027-06").fill("funding_amount_0", "250000"),
    );
    expect(c.res.status).toBe(200);
    const id = idOf(sql`select id from scenarios where name = 'D — Browser'`);
    expect(one(sql`select month, amount_cents as a from scenario_funding_events where scenario_id = ${id}`)).toEqual({ month: "2027-06", a: 25_000_000 });
    expectAudit(c.audits, { entityType: "scenario", action: "create", entityId: id, actor: w.ids.ceo });
    const slow = idOf(sql`select id from scenarios where name like 'C%'`);
    const u = await submit("ceo", `/scenarios?edit=${slow}`, { intent: "update", scenarioId: String(slow) }, (f) =>
      f.uncheck("raisesRisk").fill("probability", "25"),
    );
    expect(u.sent.map(([n]) => n)).not.toContain("raisesRisk");
    expect(u.res.status).toBe(200);
    expect(one(sql`select raises_risk as r, probability as p from scenarios where id = ${slow}`)).toEqual({ r: 0, p: 0.25 });
    const d = await submit("ceo", "/scenarios", { intent: "delete", scenarioId: String(id) });
    expect(d.res.status).toBe(200);
    expectAudit(d.audits, { entityType: "scenario", action: "delete", entityId: id, actor: w.ids.ceo });
  });

  it("scenarios#create refused (a funding amount without its month): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/scenarios", { intent: "create" }, (f) =>
      f.fill("name", "E").fill("probability", "5").fill("funding_amount_1", "1000"),
    );
  });

  it("roadmap#create, #update, #status, #delete; import#* roadmap items from a file (a lead, their squad)", async () => {
    const c = await submit("lead", "/roadmap", { intent: "create" }, (f) => f.fill("key", "core-90").fill("title", "Browser item").fill("quarter", "2027-Q1"));
    expect(c.res.status).toBe(200);
    const id = idOf(sql`select id from roadmap_items where key = 'CORE-90'`);
    expect(one(sql`select team_id as t, status from roadmap_items where id = ${id}`)).toEqual({ t: w.core, status: "planned" });
    expectAudit(c.audits, { entityType: "roadmap_item", action: "create", entityId: id, actor: w.ids.lead });
    const u = await submit("lead", `/roadmap?edit=${id}`, { intent: "update", itemId: String(id) }, (f) => f.fill("sprint", "Sprint 9"));
    expect(u.res.status).toBe(200);
    const st = await submit("lead", "/roadmap", { intent: "status", itemId: String(id) }, (f) => f.select("status", "done"));
    expect(st.res.status).toBe(200);
    expect(one(sql`select status, sprint from roadmap_items where id = ${id}`)).toEqual({ status: "done", sprint: "Sprint 9" });
    const csv = "key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-91,Imported item,Core,2027-Q1,,planned,lead@innovatech.test,\n";
    const im = await submit("lead", "/import", { kind: "roadmap" }, (f) => f.attach("file", new File([csv], "roadmap.csv", { type: "text/csv" })));
    expect(im.res.status).toBe(200);
    const imported = idOf(sql`select id from roadmap_items where key = 'CORE-91'`);
    expectAudit(im.audits, { entityType: "roadmap_item", action: "import", entityId: imported, actor: w.ids.lead });
    // and the import itself, with its counts
    expect(im.audits.filter((a) => a.entityType === "roadmap_item" && a.action === "import" && a.entityId === null)).toHaveLength(1);
    const d = await submit("lead", `/roadmap?edit=${id}`, { intent: "delete", itemId: String(id) });
    expect(d.res.status).toBe(200);
    expectAudit(d.audits, { entityType: "roadmap_item", action: "delete", entityId: id, actor: w.ids.lead });
  });

  it("roadmap#create refused (bad key): 400, input kept", async () => {
    await expectRefusedKeepingInput("lead", "/roadmap", { intent: "create" }, (f) => f.fill("key", "not a key").fill("title", "x").fill("quarter", "2027-Q1"));
  });

  it("strategy#target, #delete-target, #milestone, #delete-milestone (CEO)", async () => {
    const t = await submit("ceo", "/strategy", { intent: "target" }, (f) => f.select("metricId", "finance.mrr").fill("value", "150"));
    expect(t.res.status).toBe(200);
    const tid = idOf(sql`select id from plan_targets where metric_id = 'finance.mrr'`);
    expect(one(sql`select value from plan_targets where id = ${tid}`)).toEqual({ value: 15_000_000 });
    expectAudit(t.audits, { entityType: "plan_target", entityId: tid, actor: w.ids.ceo });
    const dt = await submit("ceo", "/strategy", { intent: "delete-target", targetId: String(tid) });
    expect(dt.res.status).toBe(200);
    const m = await submit("ceo", "/strategy", { intent: "milestone" }, (f) =>
      f.fill("title", "Browser milestone").fill("dueDate", "2027-03-31").fill("evidence", "Signed"),
    );
    expect(m.res.status).toBe(200);
    const mid = idOf(sql`select id from milestones where title = 'Browser milestone'`);
    expectAudit(m.audits, { entityType: "milestone", action: "create", entityId: mid, actor: w.ids.ceo });
    const dm = await submit("ceo", "/strategy", { intent: "delete-milestone", milestoneId: String(mid) });
    expect(dm.res.status).toBe(200);
  });

  it("strategy#milestone refused (a comparison without a metric): 400, input kept", async () => {
    await expectRefusedKeepingInput("ceo", "/strategy", { intent: "milestone" }, (f) =>
      f.fill("title", "X").fill("dueDate", "2027-03-31").select("comparison", ">="),
    );
  });

  it("governance.decisions.$gateId#add-criterion, #check (CTO, unticked = absent), #decide, #delete-criterion", async () => {
    const gate = idOf(sql`select id from decision_gates where name = 'European expansion'`);
    const a = await submit("ceo", `/governance/decisions/${gate}`, { intent: "add-criterion" }, (f) => f.fill("label", "Board approval"));
    expect(a.res.status).toBe(200);
    const crit = idOf(sql`select id from gate_manual_criteria where gate_id = ${gate} and label = 'Board approval'`);
    const ch = await submit("cto", `/governance/decisions/${gate}`, { intent: "check", criterionId: String(crit) }, (f) =>
      f.check("checked").fill("note", "Minutes of the board"),
    );
    expect(ch.res.status).toBe(200);
    expect(one(sql`select checked, note from gate_manual_criteria where id = ${crit}`)).toEqual({ checked: 1, note: "Minutes of the board" });
    const un = await submit("cto", `/governance/decisions/${gate}`, { intent: "check", criterionId: String(crit) }, (f) => f.uncheck("checked"));
    expect(un.sent.map(([n]) => n)).not.toContain("checked");
    expect(one(sql`select checked from gate_manual_criteria where id = ${crit}`)).toEqual({ checked: 0 });
    expectAudit(un.audits, { entityType: "gate_manual_criterion", action: "uncheck", entityId: crit, actor: w.ids.cto });
    const d = await submit("ceo", `/governance/decisions/${gate}`, { intent: "decide" }, (f) =>
      f.select("decision", "alternative").fill("alternative", "Focus on France").fill("rationale", "Not profitable yet."),
    );
    expect(d.res.status).toBe(200);
    expect(one(sql`select decision, alternative from gate_decisions where gate_id = ${gate}`)).toEqual({
      decision: "alternative",
      alternative: "Focus on France",
    });
    const rm = await submit("ceo", `/governance/decisions/${gate}`, { intent: "delete-criterion", criterionId: String(crit) });
    expect(rm.res.status).toBe(200);
  });

  it("governance.decisions.$gateId#decide refused (no rationale): 400, input kept", async () => {
    const gate = idOf(sql`select id from decision_gates where name = 'European expansion'`);
    await expectRefusedKeepingInput("ceo", `/governance/decisions/${gate}`, { intent: "decide" }, (f) => f.select("decision", "go"));
  });
});

// ------------------------------------------------------------------------------------------------
describe("a person's own profile", () => {
  it("profile#*: a lead reads French, then the company's default again; each change audited", async () => {
    const fr = await submit("lead", "/profile", {}, (f) => f.select("language", "fr"));
    expect(fr.res.status).toBe(200);
    expect(one<{ l: string | null }>(sql`select language as l from users where id = ${w.ids.lead}`)).toEqual({ l: "fr" });
    expectAudit(fr.audits, { entityType: "user", action: "update", entityId: w.ids.lead, actor: w.ids.lead });
    const back = await submit("lead", "/profile", {}, (f) => f.select("language", ""));
    expect(back.res.status).toBe(200);
    expect(one<{ l: string | null }>(sql`select language as l from users where id = ${w.ids.lead}`)).toEqual({ l: null });
  });
});

describe("coverage of this table", () => {
  it("every route action and every intent it handles has a case", () => {
    const missing = allFormKeys().filter((k) => !covered.has(k));
    expect(missing, "actions/intents without a browser-post case").toEqual([]);
  });

  it("every form rendered on the visited pages has a case", () => {
    const missing = [...seenOnPages].filter(([k]) => !covered.has(k)).map(([k, page]) => `${k} (on ${page})`);
    expect(missing).toEqual([]);
  });
});
