/**
 * The company's structure as data: budget categories (groups, archive, envelopes watched against
 * planned and actual) and compliance frameworks (add, target date, requirements CSV in and out) —
 * each editable by the right role, audited, on a real database.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listCategoriesForYear } from "~/models/finance-categories.server";
import { getBudgetGrid } from "~/models/finance.server";
import { importRequirementsCsv, listArchivedFrameworks, listFrameworkProgress, listRequirements } from "~/models/governance.server";
import { action as categoriesAction, loader as categoriesLoader } from "~/routes/budgets_.categories";
import { action as complianceAction } from "~/routes/governance.compliance";
import { loader as exportLoader } from "~/routes/governance[.]csv";
import { insertBudgetLine, insertRequirement, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { args, cookieFor, post } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest((db) => db.transaction((tx) => seedReference(tx)));

/** The session cookie of a new user with that role. */
async function cookieAs(role: "ceo" | "cto" | "lead" | "viewer") {
  return cookieFor(insertUser(t.db, { role, email: `${role}@acme.test` }).id);
}

function upload(url: string, cookie: string, csv: string) {
  const body = new FormData();
  body.set("intent", "import");
  body.set("file", new File([csv], "reqs.csv", { type: "text/csv" }));
  return new Request(`http://localhost${url}`, { method: "POST", headers: { Cookie: cookie }, body });
}

async function run(fn: () => Promise<unknown>): Promise<{ status: number; data?: Record<string, unknown> }> {
  const of = (v: unknown) => {
    if (v instanceof Response) return { status: v.status };
    if (v && typeof v === "object" && "init" in v) {
      const d = v as { init?: { status?: number }; data?: Record<string, unknown> };
      return { status: d.init?.status ?? 200, data: d.data };
    }
    return { status: 200, data: v as Record<string, unknown> };
  };
  try {
    return of(await fn());
  } catch (e) {
    return of(e);
  }
}

const catId = (name: string) => t.db.get<{ id: number }>(sql`select id from budget_categories where name = ${name}`).id;
const audits = (type: string) => t.db.all<{ action: string }>(sql`select action from audit_log where entity_type = ${type} order by id`).map((a) => a.action);

describe("budget categories and envelopes", () => {
  it("the CEO adds an ML/AI IT category and a third-party services category, renames, archives; all audited", async () => {
    const c = await cookieAs("ceo");
    expect((await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "create", name: "ML/AI", group: "it" }))))).status).toBe(200);
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "create", name: "Third-party services", group: "other", isSalesMarketing: "on" }))),
        )
      ).status,
    ).toBe(200);
    const dup = await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "create", name: "ml/ai", group: "it" }))));
    expect(dup.status).toBe(400);
    expect((dup.data as { fieldErrors: Record<string, string[]> }).fieldErrors.name).toEqual(["is already the name of a category"]);
    const row = t.db.get<{ group: string; is_it: number; is_sales_marketing: number; sort_order: number }>(
      sql`select "group", is_it, is_sales_marketing, sort_order from budget_categories where name = 'ML/AI'`,
    );
    expect(row).toEqual({ group: "it", is_it: 1, is_sales_marketing: 0, sort_order: 10 });
    const third = catId("Third-party services");
    // regroup to IT: is_it follows (the CTO gets it)
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "update", categoryId: String(third), name: "Third-party SaaS", group: "it" }))),
        )
      ).status,
    ).toBe(200);
    expect(t.db.get<{ is_it: number; is_sales_marketing: number }>(sql`select is_it, is_sales_marketing from budget_categories where id = ${third}`)).toEqual({
      is_it: 1,
      is_sales_marketing: 0,
    });
    expect((await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "archive", categoryId: String(third) }))))).status).toBe(200);
    expect(audits("budget_category")).toEqual(["create", "create", "update", "archive"]);
    // an archived category without lines leaves the grid; with a line in view it stays
    expect(getBudgetGrid(t.db, { fromMonth: "2026-01", toMonth: "2026-03" }).categories.map((x) => x.name)).not.toContain("Third-party SaaS");
    insertBudgetLine(t.db, { categoryId: third, month: "2026-02", plannedCents: 100 });
    expect(getBudgetGrid(t.db, { fromMonth: "2026-01", toMonth: "2026-03" }).categories.map((x) => x.name)).toContain("Third-party SaaS");
  });

  it("a CTO manages IT categories and their envelopes only; a viewer nothing", async () => {
    const c = await cookieAs("cto");
    const gpu = await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "create", name: "GPU", group: "it" }))));
    expect(JSON.stringify(gpu.data)).toContain('"status":"ok"');
    const refused = await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "create", name: "Events", group: "other" }))));
    expect((refused.data as { fieldErrors: Record<string, string[]> }).fieldErrors.group).toEqual(["a CTO adds IT categories only"]);
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "envelope", categoryId: String(catId("Salaries")), year: "2026", amount: "1000" }))),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "update", categoryId: String(catId("GPU")), name: "GPU", group: "other" }))),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "envelope", categoryId: String(catId("GPU")), year: "2026", amount: "12000" }))),
        )
      ).status,
    ).toBe(200);
    const v = await cookieAs("viewer");
    expect((await run(() => categoriesAction(args(post("/budgets/categories", v, { intent: "create", name: "X", group: "it" }))))).status).toBe(403);
  });

  it("shows envelope, planned and actual summed over the fiscal year (start month from the settings)", async () => {
    const c = await cookieAs("ceo");
    t.db.run(sql`update company_settings set fiscal_year_start_month = 4`);
    const cloud = catId("Cloud infrastructure");
    insertBudgetLine(t.db, { categoryId: cloud, month: "2026-03", plannedCents: 999_00, actualCents: 999_00 }); // FY 2025
    insertBudgetLine(t.db, { categoryId: cloud, month: "2026-04", plannedCents: 5000_00, actualCents: 6000_00 });
    insertBudgetLine(t.db, { categoryId: cloud, month: "2027-03", plannedCents: 5000_00, actualCents: null });
    expect(
      (
        await run(() =>
          categoriesAction(args(post("/budgets/categories", c, { intent: "envelope", categoryId: String(cloud), year: "2026", amount: "60 000" }))),
        )
      ).status,
    ).toBe(200);
    const bad = await run(() =>
      categoriesAction(args(post("/budgets/categories", c, { intent: "envelope", categoryId: String(cloud), year: "1999", amount: "-5" }))),
    );
    expect(Object.keys((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors).sort()).toEqual(["amount", "year"]);
    const rows = listCategoriesForYear(t.db, 2026, { from: "2026-04", to: "2027-03" });
    expect(rows.find((r) => r.name === "Cloud infrastructure")).toMatchObject({
      envelopeCents: 60_000_00,
      plannedCents: 10_000_00,
      actualCents: 6000_00,
      actualMonths: 1,
    });
    expect(rows.find((r) => r.name === "Salaries")).toMatchObject({ envelopeCents: null, plannedCents: 0, actualCents: 0 });
    const page = (await categoriesLoader(args(new Request("http://localhost/budgets/categories?year=2026", { headers: { Cookie: c } })))) as Awaited<
      ReturnType<typeof categoriesLoader>
    >;
    expect(page.label).toBe("2026–27");
    expect(page.totals.it).toEqual({ envelopeCents: 60_000_00, plannedCents: 10_000_00, actualCents: 6000_00 });
    // all categories: the per-category rows summed (envelopes: null only when no category has one)
    const withEnvelope = rows.filter((r) => r.envelopeCents !== null);
    expect(page.totals.all).toEqual({
      envelopeCents: withEnvelope.length ? withEnvelope.reduce((s, r) => s + r.envelopeCents!, 0) : null,
      plannedCents: rows.reduce((s, r) => s + r.plannedCents, 0),
      actualCents: rows.reduce((s, r) => s + r.actualCents, 0),
    });
    expect(page.totals.all.plannedCents).toBeGreaterThan(0);
    // an empty amount removes the envelope
    expect(
      (await run(() => categoriesAction(args(post("/budgets/categories", c, { intent: "envelope", categoryId: String(cloud), year: "2026" }))))).status,
    ).toBe(200);
    expect(listCategoriesForYear(t.db, 2026, { from: "2026-04", to: "2027-03" }).find((r) => r.id === cloud)?.envelopeCents).toBeNull();
    expect(audits("budget_envelope")).toEqual(["create", "delete"]);
  });
});

describe("compliance frameworks", () => {
  it("adds HDS and the AI Act with target dates, edits one, and no framework shows '0 of 0' as progress", async () => {
    const c = await cookieAs("cto");
    expect(
      (
        await run(() =>
          complianceAction(
            args(
              post("/governance/compliance", c, {
                intent: "create-framework",
                name: "HDS",
                description: "Hébergeur de données de santé",
                targetDate: "2027-06-30",
              }),
            ),
          ),
        )
      ).status,
    ).toBe(200);
    expect((await run(() => complianceAction(args(post("/governance/compliance", c, { intent: "create-framework", name: "AI Act" }))))).status).toBe(200);
    const bad = await run(() =>
      complianceAction(args(post("/governance/compliance", c, { intent: "create-framework", name: "gdpr", targetDate: "2027-02-30" }))),
    );
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toMatchObject({ targetDate: ["is not a real date"] });
    const fw = listFrameworkProgress(t.db);
    const ai = fw.find((f) => f.name === "AI Act")!;
    expect(ai.key).toBe("ai-act");
    expect(fw.find((f) => f.name === "HDS")).toMatchObject({ key: "hds", targetDate: "2027-06-30", total: 0, doneShare: null });
    expect(
      (
        await run(() =>
          complianceAction(
            args(post("/governance/compliance", c, { intent: "update-framework", frameworkId: String(ai.id), name: "EU AI Act", targetDate: "2026-08-02" })),
          ),
        )
      ).status,
    ).toBe(200);
    expect(listFrameworkProgress(t.db).find((f) => f.id === ai.id)).toMatchObject({ name: "EU AI Act", targetDate: "2026-08-02" });
    expect(audits("compliance_framework")).toEqual(["create", "create", "update"]);
    const lead = await cookieAs("lead");
    expect((await run(() => complianceAction(args(post("/governance/compliance", lead, { intent: "create-framework", name: "X" }))))).status).toBe(403);
  });

  it("imports requirements from CSV all or nothing, and the export re-imports as is", async () => {
    const c = await cookieAs("ceo");
    t.db.run(sql`update users set name = 'Ada' where email = 'ceo@acme.test'`);
    const bad = await run(() =>
      complianceAction(
        args(
          upload(
            "/governance/compliance",
            c,
            "framework,ref,title,status,result,owner,evidence_url\nGDPR,Art. 30,Records of processing,done,compliant,ada,\nNope,X1,Something,todo,,,\nGDPR,Art. 32,Security,finished,,nobody@x.test,ftp://x\n",
          ),
        ),
      ),
    );
    expect(bad.status).toBe(400);
    const errors = (bad.data as { errors: { row: number; field: string }[] }).errors.map((e) => `${e.row}:${e.field}`);
    expect(errors).toEqual(["3:framework", "4:status", "4:evidence_url"]);
    expect(t.db.get<{ n: number }>(sql`select count(*) as n from compliance_requirements`).n).toBe(0);

    const csv =
      "framework,ref,title,status,result,owner,evidence_url\ngdpr,Art. 30,Records of processing,done,compliant,ceo@acme.test,https://wiki/x\nISO/IEC 27001,A.5.1,Policies,,,,\n";
    const ok = await run(() => complianceAction(args(upload("/governance/compliance", c, csv))));
    expect(ok.status).toBe(200);
    expect((ok.data as { message: string }).message).toBe("Imported 2 rows: 2 created, 0 updated.");
    const gdpr = listFrameworkProgress(t.db).find((f) => f.key === "gdpr")!;
    expect(gdpr).toMatchObject({ total: 1, applicable: 1, done: 1, compliant: 1 });

    const exported = (await exportLoader(args(new Request("http://localhost/governance.csv", { headers: { Cookie: c } })))) as Response;
    const text = await exported.text();
    expect(text).toContain("GDPR,Art. 30,Records of processing,done,compliant,Ada,https://wiki/x");
    // the export imports back: nothing changes
    const again = importRequirementsCsv(t.db, 1, text, "round-trip");
    expect(again).toEqual({ ok: true, rows: 2, created: 0, updated: 0 });
    const template = (await exportLoader(args(new Request("http://localhost/governance.csv?template=1", { headers: { Cookie: c } })))) as Response;
    expect((await template.text()).replace(/^\ufeff/, "").trim()).toBe("framework,ref,title,status,result,owner,evidence_url");
  });

  it("archives a framework the company no longer follows (off the progress, the requirements and the import; requirements kept), then restores it", async () => {
    const c = await cookieAs("cto");
    const gdpr = listFrameworkProgress(t.db).find((f) => f.key === "gdpr")!;
    const req = insertRequirement(t.db, { frameworkId: gdpr.id, ref: "Art. 30", title: "Records of processing" });
    const compliance = (fields: Record<string, string>, cookie = c) => run(() => complianceAction(args(post("/governance/compliance", cookie, fields))));
    const fieldErrors = (r: { data?: Record<string, unknown> }) => Object.keys((r.data as { fieldErrors: Record<string, string[]> }).fieldErrors);

    expect((await compliance({ intent: "archive-framework", frameworkId: String(gdpr.id) })).status).toBe(200);
    expect(listFrameworkProgress(t.db).map((f) => f.key)).not.toContain("gdpr");
    expect(listArchivedFrameworks(t.db)).toEqual([{ id: gdpr.id, name: gdpr.name, archivedAt: expect.any(Number), requirements: 1 }]);
    expect(listRequirements(t.db).map((r) => r.id)).not.toContain(req.id);
    expect(t.db.get<{ n: number }>(sql`select count(*) as n from compliance_requirements where framework_id = ${gdpr.id}`).n).toBe(1);

    // an archived framework takes no requirement, no edit, no import
    const edit = await compliance({ intent: "update", requirementId: String(req.id), status: "done" });
    expect(edit.status).toBe(400);
    expect(fieldErrors(edit)).toEqual(["requirementId"]);
    const create = await compliance({ intent: "create", frameworkId: String(gdpr.id), ref: "Art. 32", title: "Security of processing", status: "todo" });
    expect(create.status).toBe(400);
    expect(fieldErrors(create)).toEqual(["frameworkId"]);
    const imported = await run(() =>
      complianceAction(args(upload("/governance/compliance", c, "framework,ref,title,status,result,owner,evidence_url\nGDPR,Art. 33,Breach notice,todo,,,\n"))),
    );
    expect(imported.status).toBe(400);
    expect(t.db.get<{ status: string }>(sql`select status from compliance_requirements where id = ${req.id}`).status).toBe("todo");

    expect((await compliance({ intent: "restore-framework", frameworkId: String(gdpr.id) })).status).toBe(200);
    expect(listFrameworkProgress(t.db).find((f) => f.key === "gdpr")).toMatchObject({ total: 1 });
    expect(listArchivedFrameworks(t.db)).toEqual([]);
    expect(audits("compliance_framework")).toEqual(["archive", "restore"]);

    const unknown = await compliance({ intent: "archive-framework", frameworkId: "999999" });
    expect(unknown.status).toBe(400);
    expect(fieldErrors(unknown)).toEqual(["frameworkId"]);
    expect((await compliance({ intent: "archive-framework", frameworkId: String(gdpr.id) }, await cookieAs("lead"))).status).toBe(403);
    expect(listFrameworkProgress(t.db).map((f) => f.key)).toContain("gdpr");
  });
});
