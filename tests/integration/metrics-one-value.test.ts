/**
 * One number, one truth: every page that marks a figure with data-metric shows, for the demo data,
 * ONE value per metric id and window (as-of or window) across all pages — and that value is the
 * catalogue's own (app/models/metrics/). Pages are rendered through the real app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import { demoWorld, type World } from "../helpers/demo-world";

let w: World;
beforeAll(async () => {
  w = await demoWorld();
}, 120_000);
afterAll(() => w?.cleanup());

const PAGES = [
  "/",
  "/dashboards/executive",
  "/dashboards/cto",
  "/dashboards/product",
  "/governance/gates",
  "/kpis",
  "/okrs",
  "/okrs/mine",
  "/hiring",
  "/hiring/headcount",
];

/** Every KR page of a live linked KR, every objective page holding one, every KPI page and every gate page. */
function detailPages(): string[] {
  const ids = (q: string) => (w.db.$client.prepare(q).all() as { id: number }[]).map((r) => r.id);
  return [
    ...ids("select id from key_results where metric_id is not null and final_progress is null").map((id) => `/okrs/kr/${id}`),
    ...ids("select distinct objective_id as id from key_results where metric_id is not null and final_progress is null").map((id) => `/okrs/${id}`),
    ...ids("select id from kpis").map((id) => `/kpis/${id}`),
    ...ids("select id from decision_gates").map((id) => `/governance/gates/${id}`),
  ];
}

type Mark = { page: string; id: string; value: string; asOf: string | null; window: string | null };

function marksOf(page: string, html: string): Mark[] {
  const out: Mark[] = [];
  for (const m of html.matchAll(/<[a-z0-9]+\b([^>]*\bdata-metric="([^"]+)"[^>]*)>/g)) {
    const attrs = m[1];
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
    out.push({ page, id: m[2], value: attr("data-value") ?? "", asOf: attr("data-as-of"), window: attr("data-window") });
  }
  return out;
}

describe("every data-metric id shows one value across the pages (demo data)", () => {
  it("collects the marked figures of home, the dashboards, the gates and the KPI pages, and they agree", async () => {
    const marks: Mark[] = [];
    const pages = [...PAGES, ...detailPages()];
    expect(pages.length).toBeGreaterThan(PAGES.length + 20);
    for (const path of pages) {
      const page = await w.as("ceo").get(path);
      expect(page.status, path).toBe(200);
      marks.push(...marksOf(path, page.html));
    }
    // the pages mark at least: home's two figures, the gates' criteria, the CTO tiles, the KPI tiles
    const ids = new Set(marks.map((m) => m.id));
    for (const id of [
      "delivery.deployments",
      "people.headcount",
      "finance.customers",
      "finance.runway_months_with_hiring_plan",
      "delivery.deploys_per_day",
      "kpi.nps",
    ]) {
      expect(ids, id).toContain(id);
    }
    // linked KRs (KR, objective, "my key results" and OKR pages), the executive tiles, the hiring pages
    for (const id of [
      "finance.mrr",
      "finance.cash",
      "people.headcount_planned",
      "delivery.mttr_hours",
      "delivery.change_failure_rate",
      "kpi.sales_pipeline",
      "kpi.test_coverage",
    ]) {
      expect(ids, id).toContain(id);
    }
    for (const path of ["/okrs/kr/", "/okrs/", "/kpis/", "/governance/gates/", "/hiring"]) {
      expect(
        marks.some((m) => m.page.startsWith(path) && m.page !== "/okrs/mine"),
        `marks on ${path}…`,
      ).toBe(true);
    }
    // one value per id for the same window: figures without a window attribute are the catalogue's own window
    const byKey = new Map<string, Set<string>>();
    for (const m of marks) {
      const key = `${m.id}|${m.window ?? "catalogue"}`;
      (byKey.get(key) ?? byKey.set(key, new Set()).get(key)!).add(m.value);
    }
    const disagreements = [...byKey].filter(([, values]) => values.size > 1).map(([key, values]) => `${key}: ${[...values].join(" ≠ ")}`);
    expect(disagreements).toEqual([]);
    // and the value is the catalogue's (same instant within the test: the demo data does not move)
    const ctx = new MetricContext(w.db);
    for (const m of marks.filter((x) => x.window === null)) {
      const v = readMetric(ctx, m.id).value;
      const shown = m.value === "" ? null : m.value;
      if (typeof v === "number" && shown !== null) expect(Number(shown), `${m.id} on ${m.page}`).toBeCloseTo(v, 9);
      else expect(shown, `${m.id} on ${m.page}`).toBe(v === null ? null : String(v));
    }
  }, 120_000);

  it("the hiring gate judges the runway with the hiring plan, and it is shorter than the plain runway", () => {
    const criteria = w.db.$client
      .prepare("select c.metric from gate_criteria c join decision_gates g on g.id = c.gate_id where g.name like 'Hiring acceleration%'")
      .all() as { metric: string }[];
    expect(criteria.map((c) => c.metric)).toContain("finance.runway_months_with_hiring_plan");
    expect(criteria.map((c) => c.metric)).not.toContain("finance.runway_months");
    const ctx = new MetricContext(w.db);
    const withPlan = readMetric(ctx, "finance.runway_months_with_hiring_plan").value as number;
    const plain = readMetric(ctx, "finance.runway_months").value as number;
    expect(withPlan).toBeLessThan(plain);
  });
});
