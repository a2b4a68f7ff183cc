/**
 * The metric rules run after writes, never on a page view (docs/decisions/600): through the
 * production HTTP stack, viewing home, the dashboards and the risk pages writes nothing (not even the
 * idempotent evaluation's no-op transaction), and a write that changes runway raises — then closes —
 * the runway risk before its answer, with no page viewed in between.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addMonths, monthOf } from "~/lib/months";
import { insertBudgetCategory, insertBudgetLine, insertSnapshot, insertUser } from "../../seeds/builders";
import { seedReference } from "../../seeds/reference";
import { appPerFile, rowCounts, sessionCookie } from "../helpers/http-app";

const t = appPerFile({}, seedReference);
let cookie: string;
const month = (delta: number) => addMonths(monthOf(Date.now()), delta);

beforeAll(async () => {
  const ceo = insertUser(t.db, { role: "ceo", email: "ceo@example.test" });
  insertUser(t.db, { role: "cto", email: "cto@example.test" });
  cookie = await sessionCookie(ceo.id);
  // two closed months burning 200 k€ a month on 5 M€ of cash: runway 25 months, no risk
  const cat = insertBudgetCategory(t.db, { name: "Payroll X" });
  for (const m of [month(-3), month(-2), month(-1)]) insertBudgetLine(t.db, { categoryId: cat.id, month: m, actualCents: 200_000_00 });
  insertSnapshot(t.db, { month: month(-3), cashCents: 5_200_000_00, revenueCents: 0 });
  insertSnapshot(t.db, { month: month(-2), cashCents: 5_000_000_00, revenueCents: 0 });
});

const client = () => t.db.$client;
const totalChanges = () => (client().prepare("SELECT total_changes() AS n").get() as { n: number }).n;
const runwayRisk = () =>
  t.db.get<{ id: number; status: string; raised_value: string | null } | undefined>(
    sql`SELECT r.id, r.status, r.raised_value FROM risks r JOIN risk_rules k ON k.id = r.raised_by_rule_id WHERE k.kind = 'runway_below_months'`,
  );
const view = (path: string) => fetch(`${t.server.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
const saveSnapshot = (m: string, cash: string) =>
  fetch(`${t.server.url}/finance/snapshots`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: t.server.origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      intent: "save-snapshot",
      month: m,
      cash,
      revenue: "0",
      mrr: "0",
      customers: "10",
      newCustomers: "0",
      churnedCustomers: "0",
      financing: "",
    }).toString(),
  });
const PAGES = ["/", "/dashboards/executive", "/dashboards/cto", "/risks", "/risks?source=rule", "/risks/rules"];

describe("metric rules off the page view", () => {
  it("GETs of home, the executive and CTO dashboards and the risk pages write nothing", async () => {
    // a cause is present but was never evaluated: before, the first view raised its risk
    insertSnapshot(t.db, { month: month(-1), cashCents: 400_000_00, revenueCents: 0 });
    const counts = rowCounts();
    const changes = totalChanges();
    for (const path of PAGES) {
      const res = await view(path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect(totalChanges()).toBe(changes);
    expect(rowCounts()).toEqual(counts);
    expect(runwayRisk()).toBeUndefined();
    // the rules page still shows what the rules find, without acting on it
    expect(await (await view("/risks/rules")).text()).toContain("2.0 months");
    t.db.run(sql`DELETE FROM finance_snapshots WHERE month = ${month(-1)}`);
  });

  it("a write that brings runway under the threshold raises the risk before its answer, and one that lifts it closes the risk", async () => {
    let res = await saveSnapshot(month(-1), "600000"); // 600 k€ / 200 k€ a month = 3 months < 12
    expect(res.status).toBe(302);
    expect(runwayRisk()).toMatchObject({ status: "open", raised_value: "3.0 months" });
    const audits = () => t.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE action LIKE 'rule:%'`)!.n;
    const before = audits();

    // viewing everything changes nothing
    const changes = totalChanges();
    for (const path of PAGES) await (await view(path)).arrayBuffer();
    expect(totalChanges()).toBe(changes);

    res = await saveSnapshot(month(-1), "4800000"); // 24 months
    expect(res.status).toBe(302);
    expect(runwayRisk()).toMatchObject({ status: "closed" });
    expect(audits()).toBe(before + 1);
  });

  it("a refused write (400) evaluates nothing", async () => {
    const changes = totalChanges();
    const res = await saveSnapshot("not-a-month", "1");
    expect(res.status).toBe(400);
    expect(totalChanges()).toBe(changes);
  });
});
