/** Finance writes: saving budget lines and snapshots (rights, audit), the CSV imports (all or nothing), bounded queries. The data: ../helpers/finance-world.ts. */
import { describe, expect, it } from "vitest";
import {
  getFinanceMetrics,
  importBudgetCsv,
  importSnapshotsCsv,
  saveBudgetLine,
  getSnapshot,
  saveSnapshot,
  FinancePermissionError,
  tokenCreatorActor,
} from "~/models/finance.server";
import { insertBudgetLine, insertRequisition, insertSnapshot } from "../../seeds/builders";
import { CEO, CTO, LEAD, cat, load, t, tokenId } from "../helpers/finance-world";

function auditCount(entityType: string): number {
  return t.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity_type = ?").get(entityType) as unknown as number extends never ? never : number;
}
function auditRows(entityType: string): { action: string; before: string | null; after: string }[] {
  return t.db.$client.prepare("SELECT action, before, after FROM audit_log WHERE entity_type = ? ORDER BY id").all(entityType) as {
    action: string;
    before: string | null;
    after: string;
  }[];
}
void auditCount;
/** The [row, field] of each error of an import that must have been refused. */
function refusedRows(r: { ok: true } | { ok: false; errors: { row: number; field?: string | null }[] }) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map((e) => [e.row, e.field]);
}
const rowCount = (table: string) => t.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get();

describe("writes", () => {
  it("saveBudgetLine: CTO on IT only; each write audited", () => {
    saveBudgetLine(t.db, { kind: "user", actor: CTO }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 100, actualCents: null });
    expect(() =>
      saveBudgetLine(t.db, { kind: "user", actor: CTO }, { categoryId: cat["Salaries"], month: "2025-01", plannedCents: 100, actualCents: 5 }),
    ).toThrow(FinancePermissionError);
    expect(() =>
      saveBudgetLine(t.db, { kind: "user", actor: LEAD }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 100, actualCents: 5 }),
    ).toThrow(FinancePermissionError);
    const r = saveBudgetLine(t.db, { kind: "user", actor: CEO }, { categoryId: cat["Security"], month: "2025-01", plannedCents: 200, actualCents: 150 });
    expect(r.created).toBe(false);
    const audit = auditRows("budget_line");
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(audit[1].after)).toMatchObject({ category: "Security", plannedCents: 200, actualCents: 150 });
  });

  it("saveSnapshot: CEO only", () => {
    const s = {
      month: "2025-01",
      cashCents: 1,
      revenueCents: 2,
      mrrCents: 3,
      customers: 4,
      newCustomers: 1,
      churnedCustomers: 0,
      financingCents: 0,
      costOfRevenueCents: 500,
    };
    expect(() => saveSnapshot(t.db, { kind: "user", actor: CTO }, s)).toThrow(FinancePermissionError);
    expect(saveSnapshot(t.db, { kind: "user", actor: CEO }, s).created).toBe(true);
    expect(getSnapshot(t.db, "2025-01")?.costOfRevenueCents).toBe(500);
    expect(saveSnapshot(t.db, { kind: "user", actor: CEO }, { ...s, cashCents: 9 }).created).toBe(false);
    expect(auditRows("finance_snapshot").map((a) => a.action)).toEqual(["create", "update"]);
  });
});

describe("CSV imports (all or nothing)", () => {
  it("imports budget lines, counting created and updated, auditing each change before → after and the import", () => {
    insertBudgetLine(t.db, { categoryId: cat["Salaries"], month: "2025-01", plannedCents: 1, actualCents: null });
    const csv = "month,category,planned,actual\n2025-01,Salaries,50000,48000.50\n2025-01,Marketing,10000,\n2025-02,cloud infrastructure,5000.5,6000\n";
    const r = importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload");
    expect(r).toEqual({ ok: true, created: 2, updated: 1, rows: 3 });
    const lines = t.db.$client
      .prepare("SELECT month, category_id AS c, planned_cents AS p, actual_cents AS a FROM budget_lines ORDER BY month, category_id")
      .all();
    expect(lines).toEqual([
      { month: "2025-01", c: cat["Salaries"], p: 50_000_00, a: 48_000_50 },
      { month: "2025-01", c: cat["Marketing"], p: 10_000_00, a: null },
      { month: "2025-02", c: cat["Cloud infrastructure"], p: 5_000_50, a: 6_000_00 },
    ]);
    const audit = auditRows("budget_line");
    expect(audit).toHaveLength(4); // 3 lines changed + the import
    const salaries = audit.find((a) => a.action === "update")!;
    expect(JSON.parse(salaries.before!)).toEqual({ category: "Salaries", month: "2025-01", plannedCents: 1, actualCents: null });
    expect(JSON.parse(salaries.after)).toMatchObject({ category: "Salaries", month: "2025-01", plannedCents: 50_000_00, actualCents: 48_000_50 });
    expect(audit.filter((a) => a.action === "create")).toHaveLength(2);
    expect(JSON.parse(audit.find((a) => a.action === "import")!.after)).toMatchObject({ rows: 3, created: 2, updated: 1 });
    // the same file again changes nothing: only the import itself is recorded
    importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload");
    expect(auditRows("budget_line")).toHaveLength(5);
    // a file with a header only imports nothing, without error, in both importers
    expect(importBudgetCsv(t.db, { kind: "user", actor: CEO }, "month,category,planned,actual\n", "upload")).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      rows: 0,
    });
    expect(
      importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n", "upload"),
    ).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      rows: 0,
    });
  });

  it("names every bad row and field and writes nothing", () => {
    const csv = [
      "month,category,planned,actual",
      "2025-01,Salaries,50000,48000",
      "2025-13,Salaries,1,1", // bad month
      "2025-02,Unicorns,1,1", // unknown category
      "2025-03,Marketing,12.345,abc", // bad planned and actual
      "2025-01,Salaries,1,1", // duplicate
      "2025-04,Marketing,,1", // missing planned
    ].join("\n");
    expect(refusedRows(importBudgetCsv(t.db, { kind: "user", actor: CEO }, csv, "upload"))).toEqual([
      [3, "month"],
      [4, "category"],
      [5, "planned"],
      [5, "actual"],
      [6, "category"],
      [7, "planned"],
    ]);
    expect(rowCount("budget_lines")).toEqual({ n: 0 });
    expect(auditRows("budget_line")).toHaveLength(0);
  });

  it("refuses the CTO's rows on non-IT categories (and only those), writing nothing", () => {
    const csv = "month,category,planned,actual\n2025-01,Security,100,100\n2025-01,Salaries,100,100\n2025-01,Marketing,1,1\n";
    expect(refusedRows(importBudgetCsv(t.db, { kind: "user", actor: CTO }, csv, "upload"))).toEqual([
      [3, "category"],
      [4, "category"],
    ]);
    expect(rowCount("budget_lines")).toEqual({ n: 0 });
    expect(importBudgetCsv(t.db, { kind: "user", actor: CTO }, "month,category,planned,actual\n2025-01,Security,100,100\n", "upload")).toEqual({
      ok: true,
      created: 1,
      updated: 0,
      rows: 1,
    });
  });

  it("a token acts with its creator's rights", () => {
    const csv = "month,category,planned,actual\n2025-01,Salaries,100,100\n";
    expect(importBudgetCsv(t.db, { kind: "token", tokenId, creator: tokenCreatorActor(t.db, tokenId) }, csv, "api").ok).toBe(false);
    expect(importBudgetCsv(t.db, { kind: "token", tokenId, creator: null }, csv, "api").ok).toBe(true);
  });

  it("imports snapshots; a bad file writes nothing", () => {
    const header = "month,cash,revenue,mrr,customers,new_customers,churned_customers,financing";
    const good = `${header}\n2025-01,500000,10000,10000,10,2,0,\n2025-02,-1200.5,12000,12000,12,3,1,5000000\n`;
    expect(importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, good, "upload")).toEqual({ ok: true, created: 2, updated: 0, rows: 2 });
    expect(getFinanceMetrics(t.db)!.cashCents).toBe(-1200_50);
    const bad = `${header}\n2025-03,1,1,1,1,1,0,0\n2025-04,x,1,1,-1,1,0,0\n2025-03,1,1,1,1,1,0,0\n`;
    expect(refusedRows(importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, bad, "upload"))).toEqual([
      [3, "cash"],
      [3, "customers"],
      [4, "month"],
    ]);
    expect(rowCount("finance_snapshots")).toEqual({ n: 2 });
    const cto = importSnapshotsCsv(t.db, { kind: "user", actor: CTO }, good, "upload");
    expect(cto.ok).toBe(false);
    // a re-import that changes January: that snapshot's before → after is in the audit trail
    const revised = `${header}\n2025-01,450000,10000,10000,10,2,0,\n2025-02,-1200.5,12000,12000,12,3,1,5000000\n`;
    expect(importSnapshotsCsv(t.db, { kind: "user", actor: CEO }, revised, "upload")).toEqual({ ok: true, created: 0, updated: 2, rows: 2 });
    const audit = auditRows("finance_snapshot");
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "import", "update", "import"]);
    const jan = audit[3];
    expect(JSON.parse(jan.before!)).toMatchObject({ month: "2025-01", cashCents: 500_000_00 });
    expect(JSON.parse(jan.after)).toMatchObject({ month: "2025-01", cashCents: 450_000_00 });
  });
});

describe("bounded queries", () => {
  function countStatements(fn: () => void): number {
    const client = t.db.$client;
    const original = client.prepare.bind(client);
    let n = 0;
    (client as unknown as { prepare: typeof client.prepare }).prepare = ((src: string) => {
      n += 1;
      return original(src);
    }) as typeof client.prepare;
    try {
      fn();
    } finally {
      (client as unknown as { prepare: typeof client.prepare }).prepare = original;
    }
    return n;
  }

  it("the executive dashboard's finance read runs the same number of statements for 5 or 60 closed months", async () => {
    const { getExecutiveFinance } = await import("~/models/finance.server");
    load();
    // once before counting: the reads prepared once per connection (the company settings) are prepared then
    getExecutiveFinance(t.db);
    const small = countStatements(() => getExecutiveFinance(t.db));
    // 55 more closed months, each with lines in every category, and 40 requisitions
    for (let i = 0; i < 55; i++) {
      const month = `${2025 + Math.floor((5 + i) / 12)}-${String(((5 + i) % 12) + 1).padStart(2, "0")}`;
      if (month <= "2025-07") {
        t.db.$client.prepare("DELETE FROM budget_lines WHERE month = ?").run(month);
      }
      insertSnapshot(t.db, {
        month,
        cashCents: 900_000_00 - i * 1000_00,
        revenueCents: 20_000_00 + i * 100_00,
        mrrCents: 20_000_00 + i * 100_00,
        customers: 20 + i,
        newCustomers: 2,
        churnedCustomers: 1,
      });
      for (const id of Object.values(cat)) insertBudgetLine(t.db, { categoryId: id, month, plannedCents: 5_000_00, actualCents: 4_000_00 });
    }
    for (let i = 0; i < 40; i++) insertRequisition(t.db, { title: `R${i}`, targetStartMonth: "2030-01", annualSalaryCents: 50_000_00, status: "open" });
    const large = countStatements(() => getExecutiveFinance(t.db));
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(15);
  });
});
