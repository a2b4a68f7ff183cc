import { beforeEach, describe, expect, it } from "vitest";
import { getFinanceMetrics } from "~/models/finance.server";
import { createApiToken } from "~/models/tokens.server";
import { action as budgetImport } from "~/routes/api.v1.import.budget-lines";
import { action as snapshotImport } from "~/routes/api.v1.import.finance-snapshots";
import { loader as metricsLoader } from "~/routes/api.v1.metrics.finance";
import { insertBudgetLine, insertSnapshot, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest(seedReference);
let ceoId: number;
let ctoId: number;
const args = (request: Request) => ({ request, params: {}, context: { clientIp: "127.0.0.1" } });

beforeEach(() => {
  ceoId = insertUser(t.db, { role: "ceo" }).id;
  ctoId = insertUser(t.db, { role: "cto" }).id;
});

function token(scopes: Parameters<typeof createApiToken>[1]["scopes"], createdByUserId: number | null = ceoId): string {
  return createApiToken(t.db, { name: `t${Math.random()}`, scopes, createdByUserId }, null).token;
}
const get = (path: string, tok?: string) => new Request(`http://x${path}`, { headers: tok ? { Authorization: `Bearer ${tok}` } : {} });
const postCsv = (path: string, body: string, tok?: string, type = "text/csv") =>
  new Request(`http://x${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": type, ...(tok ? { Authorization: `Bearer ${tok}` } : {}) },
  });

function seedFinance() {
  const cats = Object.fromEntries(
    t.db.$client
      .prepare("SELECT name, id FROM budget_categories")
      .all()
      .map((r) => {
        const row = r as { name: string; id: number };
        return [row.name, row.id];
      }),
  );
  const months = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"];
  months.forEach((m, i) => {
    insertSnapshot(t.db, {
      month: m,
      cashCents: 1_000_000_00 - i * 80_000_00,
      revenueCents: 10_000_00 + i * 2_000_00,
      mrrCents: 10_000_00 + i * 2_500_00,
      customers: 10 + 2 * i,
      newCustomers: 3,
      churnedCustomers: 1,
    });
    insertBudgetLine(t.db, { categoryId: cats["Salaries"], month: m, plannedCents: 70_000_00, actualCents: 72_000_00 + i * 1_000_00 });
    insertBudgetLine(t.db, { categoryId: cats["Marketing"], month: m, plannedCents: 10_000_00, actualCents: i === 2 ? null : 9_000_00 });
  });
}

describe("GET /api/v1/metrics/finance", () => {
  it("401 without a token, 403 without the scope, 400 on a bad asOf", async () => {
    expect((await metricsLoader(args(get("/api/v1/metrics/finance")))).status).toBe(401);
    expect((await metricsLoader(args(get("/api/v1/metrics/finance", token(["metrics:read"]))))).status).toBe(403);
    const bad = await metricsLoader(args(get("/api/v1/metrics/finance?asOf=2025-13", token(["finance:read"]))));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fieldErrors: { asOf: expect.any(Array) } });
    const unknown = await metricsLoader(args(get("/api/v1/metrics/finance?foo=1", token(["finance:read"]))));
    expect(unknown.status).toBe(400);
    // an unknown parameter is named, never an empty list of errors
    const unknownBody = (await unknown.json()) as { fieldErrors: Record<string, string[]> };
    expect(unknownBody.fieldErrors["_"]?.join(" ")).toMatch(/foo/);
  });

  it("404 when no month is closed", async () => {
    expect((await metricsLoader(args(get("/api/v1/metrics/finance", token(["finance:read"]))))).status).toBe(404);
  });

  it("returns exactly the contract's keys and getFinanceMetrics' numbers", async () => {
    seedFinance();
    const tok = token(["finance:read"]);
    for (const asOf of [undefined, "2025-03", "2025-05"]) {
      const res = await metricsLoader(args(get(`/api/v1/metrics/finance${asOf ? `?asOf=${asOf}` : ""}`, tok)));
      expect(res.status).toBe(200);
      const body = await res.json();
      const m = getFinanceMetrics(t.db, asOf)!;
      expect(Object.keys(body).sort()).toEqual(
        [
          "asOfMonth",
          "currency",
          "cashCents",
          "grossBurnCents",
          "netBurnCents",
          "avgNetBurnCents",
          "runwayMonths",
          "zeroCashDate",
          "monthlyGrowth",
          "defaultAlive",
          "growthNeeded",
          "burnMultiple",
          "mrrCents",
          "arrCents",
          "customers",
          "churnRate",
          "cacCents",
          "ltvCents",
          "ltvToCac",
        ].sort(),
      );
      const { windowMonths: _w, revenueCents: _r, notBurning: _n, arpaCents: _a, ...rest } = m;
      expect(body).toEqual({ ...rest, currency: "EUR" });
    }
  });
});

describe("POST /api/v1/import/budget-lines", () => {
  const CSV = "month,category,planned,actual\n2025-01,Salaries,70000,72000.5\n2025-01,Security,1000,\n";

  it("401 / 403 / 415 / 413 / 405", async () => {
    expect((await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV)))).status).toBe(401);
    expect((await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV, token(["finance:read"]))))).status).toBe(403);
    const tok = token(["import:write"]);
    expect((await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV, tok, "application/json")))).status).toBe(415);
    const big = "month,category,planned,actual\n" + "2025-01,Salaries,1,1\n".repeat(300_000);
    expect((await budgetImport(args(postCsv("/api/v1/import/budget-lines", big, tok)))).status).toBe(413);
    const get405 = new Request("http://x/api/v1/import/budget-lines", {
      method: "PUT",
      body: CSV,
      headers: { Authorization: `Bearer ${tok}`, "Content-Type": "text/csv" },
    });
    expect((await budgetImport(args(get405))).status).toBe(405);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM budget_lines").get()).toEqual({ n: 0 });
  });

  it("imports and counts created / updated; audits the import", async () => {
    const tok = token(["import:write"]);
    const r1 = await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV, tok)));
    expect(r1.status).toBe(201); // created;
    expect(await r1.json()).toEqual({ created: 2, updated: 0, rows: 2 });
    const r2 = await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV, tok)));
    expect(await r2.json()).toEqual({ created: 0, updated: 2, rows: 2 });
    const audit = t.db.$client.prepare("SELECT actor_token_id AS tokenId, action FROM audit_log WHERE entity_type = 'budget_line'").all();
    // first import: 2 lines created + the import; the same file again changes no line: the import only
    expect(audit.map((a) => (a as { action: string }).action)).toEqual(["create", "create", "import", "import"]);
    expect(audit.every((a) => typeof (a as { tokenId: unknown }).tokenId === "number")).toBe(true);
  });

  it("400 naming every bad row and field; nothing written", async () => {
    const tok = token(["import:write"]);
    const bad = "month,category,planned,actual\n2025-01,Salaries,70000,72000\n2025-1,Nope,x,\n2025-02,Marketing,10,-5\n";
    const res = await budgetImport(args(postCsv("/api/v1/import/budget-lines", bad, tok)));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { row: number; field: string }) => `${e.row}.${e.field}`)).toEqual(["3.month", "3.planned", "4.actual"]);
    expect(Object.keys(body.fieldErrors)).toEqual(["3.month", "3.planned", "4.actual"]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM budget_lines").get()).toEqual({ n: 0 });
  });

  it("a CTO's token is refused non-IT rows, and nothing is written", async () => {
    const tok = token(["import:write"], ctoId);
    const res = await budgetImport(args(postCsv("/api/v1/import/budget-lines", CSV, tok)));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([{ row: 2, field: "category", message: expect.stringContaining("Salaries") }]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM budget_lines").get()).toEqual({ n: 0 });
  });
});

describe("POST /api/v1/import/finance-snapshots", () => {
  const H = "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing";
  it("imports, then a bad file is refused whole", async () => {
    const tok = token(["import:write"]);
    const ok = await snapshotImport(args(postCsv("/api/v1/import/finance-snapshots", `${H}\n2025-01,100000,1000,1000,5,5,0,100000\n`, tok)));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ created: 1, updated: 0, rows: 1 });
    const bad = await snapshotImport(args(postCsv("/api/v1/import/finance-snapshots", `${H}\n2025-02,1,1,1,1,1,0,0\n2025-03,1,1,1,two,1,0,0\n`, tok)));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ row: 3, field: "customers", message: expect.any(String) }]);
    expect(t.db.$client.prepare("SELECT count(*) AS n FROM finance_snapshots").get()).toEqual({ n: 1 });
    expect((await snapshotImport(args(postCsv("/api/v1/import/finance-snapshots", `${H}\n`, token(["import:write"], ctoId))))).status).toBe(200);
    const cto = await snapshotImport(args(postCsv("/api/v1/import/finance-snapshots", `${H}\n2025-02,1,1,1,1,1,0,0\n`, token(["import:write"], ctoId))));
    expect(cto.status).toBe(400);
  });
});
