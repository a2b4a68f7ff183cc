/**
 * The monthly board pack through the real pages (no JavaScript): the CEO writes commentary and
 * publishes; publishing freezes the figures (a later data correction does not alter the pack);
 * the next month's pack shows the change since; drafts are the CEO's alone; bad input is a 400
 * with the field named and nothing written.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "~/lib/months";
import { assembleBoardPack, getBoardPack, packableMonth } from "~/models/board-pack.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import { appRequest, ORIGIN, pickForm } from "../helpers/app";
import { demoWorld, type World } from "../helpers/demo-world";

let w: World;
let M: string;
beforeAll(async () => {
  w = await demoWorld();
  M = packableMonth(w.db)!;
}, 120_000);
afterAll(() => w?.cleanup());

const audits = () => w.db.all<{ action: string; entity_id: string }>(sql`select action, entity_id from audit_log where entity_type = 'board_pack' order by id`);
const cashOf = (month: string) => w.db.get<{ cash: number }>(sql`select cash_cents as cash from finance_snapshots where month = ${month}`).cash;
/** the value a page shows for a figure: data-value of the element marked with `attr`=id */
function markedValue(html: string, attr: "data-metric" | "data-frozen-metric", id: string): string | null {
  const m = new RegExp(`<[a-z0-9]+\\b[^>]*\\b${attr}="${id.replace(".", "\\.")}"[^>]*\\bdata-value="([^"]*)"`).exec(html);
  return m?.[1] ?? null;
}

describe("board pack", () => {
  it("the CEO prepares the pack of the latest closed month; its draft figures are the catalogue's", async () => {
    expect(M).toMatch(/^\d{4}-\d{2}$/);
    const list = await w.as("ceo").get("/reports/board");
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="/reports/board/${M}"`);
    const draft = await w.as("ceo").get(`/reports/board/${M}`);
    expect(draft.status).toBe(200);
    const live = readMetric(new MetricContext(w.db), "finance.cash").value;
    expect(markedValue(draft.html, "data-metric", "finance.cash")).toBe(String(live));
    // every section's figures have a value source (a failing source would show as "no data")
    expect(markedValue(draft.html, "data-metric", "delivery.deploys_per_day")).toBe(
      String(readMetric(new MetricContext(w.db), "delivery.deploys_per_day").value),
    );
    for (const section of ["cash", "revenue", "customers", "people", "budget", "okrs", "risks", "gates", "delivery"]) {
      expect(draft.html, section).toContain(`data-section="${section}"`);
    }
  });

  it("nobody but the CEO sees a draft or may write to a pack", async () => {
    for (const role of ["cto", "lead", "viewer"] as const) {
      expect((await w.as(role).get(`/reports/board/${M}`)).status, role).toBe(404);
      const list = await w.as(role).get("/reports/board");
      expect(list.status).toBe(200);
      expect(list.html).not.toContain(`href="/reports/board/${M}"`);
    }
    const ceoPage = await w.as("ceo").get(`/reports/board/${M}`);
    const form = pickForm(ceoPage, { intent: "comment", section: "cash" }).fill("text", "Should not land");
    for (const role of ["cto", "viewer"] as const) {
      expect((await w.as(role).submit(form)).status, role).toBe(403);
    }
    expect(getBoardPack(w.db, M)).toBeNull();
  });

  it("refuses a bad section, an over-long text and an unconfirmed publication with a 400, writing nothing", async () => {
    const page = await w.as("ceo").get(`/reports/board/${M}`);
    const tooLong = await w.as("ceo").submit(pickForm(page, { intent: "comment", section: "cash" }).fill("text", "x".repeat(4001)));
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain("must be at most 4000 characters");
    expect(tooLong.html).toContain("x".repeat(4001)); // the input is kept on the form
    // a tampered section (hidden field): posted raw
    const badSection = await appRequest(
      new Request(`${ORIGIN}/reports/board/${M}`, {
        method: "POST",
        headers: { Cookie: w.cookies.ceo, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "comment", section: "salaries", text: "x" }),
      }),
    );
    expect(badSection.status).toBe(400);
    const unconfirmed = await w.as("ceo").submit(pickForm(page, { intent: "publish" }));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.html).toContain("tick to confirm");
    expect(getBoardPack(w.db, M)).toBeNull();
    expect(audits()).toEqual([]);
  });

  it("publishing freezes the figures: a later correction changes the dashboards, not the pack", async () => {
    let page = await w.as("ceo").get(`/reports/board/${M}`);
    page = await w.as("ceo").submit(pickForm(page, { intent: "comment", section: "cash" }).fill("text", "Runway is comfortable.\n\nWe raise in Q3."));
    expect(page.status).toBe(200);
    page = await w.as("ceo").get(`/reports/board/${M}`);
    const published = await w.as("ceo").submit(pickForm(page, { intent: "publish" }).check("confirm", "yes"));
    expect(published.status).toBe(200);
    expect(audits().map((a) => a.action)).toEqual(["update", "publish"]);

    const before = cashOf(M);
    w.db.run(sql`update finance_snapshots set cash_cents = cash_cents + 12345600 where month = ${M}`);
    const liveAfter = readMetric(new MetricContext(w.db), "finance.cash").value;
    expect(liveAfter).toBe(before + 12345600);

    for (const role of ["ceo", "viewer"] as const) {
      const view = await w.as(role).get(`/reports/board/${M}`);
      expect(view.status, role).toBe(200);
      expect(markedValue(view.html, "data-frozen-metric", "finance.cash"), role).toBe(String(before));
      expect(markedValue(view.html, "data-frozen-metric", "delivery.deploys_per_day"), role).not.toBe("");
      expect(view.html).toContain("We raise in Q3.");
      expect(view.html).not.toMatch(/name="intent" value="(comment|publish)"/);
    }
    // a published pack takes no more commentary
    const again = await w.as("ceo").submit(pickForm(page, { intent: "comment", section: "cash" }).fill("text", "Changed my mind"));
    expect(again.status).toBe(400);
    expect(again.html).toContain("is published");
    expect(getBoardPack(w.db, M)?.commentary.cash).toBe("Runway is comfortable.\n\nWe raise in Q3.");
    w.db.run(sql`update finance_snapshots set cash_cents = ${before} where month = ${M}`);
  });

  it("the next month's pack shows the change since the previous one", async () => {
    const next = addMonths(M, 1);
    const prev = w.db.get<Record<string, number>>(sql`select * from finance_snapshots where month = ${M}`);
    w.db
      .run(sql`insert into finance_snapshots (month, cash_cents, revenue_cents, mrr_cents, customers, new_customers, churned_customers, financing_cents, created_at, updated_at)
      values (${next}, ${prev.cash_cents - 5000000}, ${prev.revenue_cents}, ${prev.mrr_cents + 100000}, ${prev.customers + 2}, 2, 0, 0, 0, 0)`);
    expect(packableMonth(w.db)).toBe(next);
    const figures = assembleBoardPack(w.db)!;
    expect(figures.month).toBe(next);
    const page = await w.as("ceo").get(`/reports/board/${next}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Change since the pack of");
    expect(page.html).toMatch(/pack-change--better[^>]*>\+2</); // customers: 2 more, higher is better
    // the previous month can no longer be prepared (it is published) nor can an older one
    expect((await w.as("ceo").get(`/reports/board/${addMonths(M, -1)}`)).status).toBe(404);
  });

  it("answers 400 to a month that is not one, never a 500", async () => {
    for (const bad of ["2026-13", "1999-01", "latest", "2026-1", "%00"]) {
      expect((await w.as("ceo").get(`/reports/board/${bad}`)).status, bad).toBe(400);
    }
  });
});
