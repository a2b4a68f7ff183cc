/**
 * Key results and KPIs linked to catalogue metrics (docs/decisions/801), on the demo data, through
 * the real pages and forms: a linked KR's value and progress are its metric's (page, objective
 * progress in SQL, company OKR progress), its check-ins record only confidence and a note, the
 * forms validate the metric against the catalogue, and a pinned KPI shows on the executive dashboard.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { krValueFromMetric } from "~/lib/metrics/links";
import { krProgress } from "~/lib/metrics/okrs";
import { MetricContext } from "~/models/metrics/context.server";
import { metricHistory } from "~/models/metrics/history.server";
import { definitionOf, readMetric } from "~/models/metrics/readings.server";
import { closeCycle, getObjectivesProgress, listLinkedMetricIds, listObjectiveKeyResults } from "~/models/okrs.server";
import { pickForm } from "../helpers/app";
import { demoWorld, type World } from "../helpers/demo-world";

let w: World;
beforeAll(async () => {
  w = await demoWorld();
}, 120_000);
afterAll(() => w?.cleanup());

type Kr = {
  id: number;
  objectiveId: number;
  title: string;
  metricId: string;
  kind: "number" | "percent" | "currency" | "boolean";
  startValue: number;
  targetValue: number;
};

function liveLinkedKrs(): Kr[] {
  return w.db.all<Kr>(sql`
    select kr.id, kr.objective_id as objectiveId, kr.title, kr.metric_id as metricId, kr.kind, kr.start_value as startValue, kr.target_value as targetValue
    from key_results kr join objectives o on o.id = kr.objective_id
    where kr.metric_id is not null and kr.final_progress is null and o.cycle_id = ${w.openCycleId}
    order by kr.id`);
}

function markOf(html: string, id: string): string | null {
  const m = new RegExp(`data-metric="${id.replace(/\./g, "\\.")}"[^>]*?data-value="([^"]*)"`).exec(html);
  return m ? m[1] : null;
}

describe("linked key results read their metric", () => {
  it("the demo links the KRs that measure what the app computes", () => {
    const ids = new Set(liveLinkedKrs().map((k) => k.metricId));
    for (const id of [
      "finance.mrr",
      "finance.customers",
      "people.headcount",
      "delivery.deploys_per_day",
      "delivery.mttr_hours",
      "kpi.test_coverage",
      "kpi.p95_response_time",
      "kpi.nps",
    ]) {
      expect(ids, id).toContain(id);
    }
  });

  it("each linked KR's page shows its metric's unrounded value, and its progress is computed from it", async () => {
    const ctx = new MetricContext(w.db);
    const linked = ctx.linkedKrValues();
    for (const kr of liveLinkedKrs()) {
      const value = readMetric(ctx, kr.metricId).value as number;
      expect(typeof value, kr.metricId).toBe("number");
      const page = await w.as("ceo").get(`/okrs/kr/${kr.id}`);
      expect(page.status).toBe(200);
      expect(Number(markOf(page.html, kr.metricId)), `${kr.title} page`).toBeCloseTo(value, 9);
      // the objective page and the progress SQL use the same value
      const def = definitionOf(ctx, kr.metricId)!;
      const current = krValueFromMetric(def, value)!;
      expect(linked.get(kr.metricId)).toBeCloseTo(current, 9);
      const row = listObjectiveKeyResults(w.db, kr.objectiveId, Date.now(), linked).find((r) => r.id === kr.id)!;
      expect(row.currentValue).toBeCloseTo(current, 9);
      expect(row.progress).toBeCloseTo(krProgress({ ...kr, currentValue: current }), 9);
    }
  }, 60_000);

  it("the KR's history is the metric's own series, ending at its value now", () => {
    const ctx = new MetricContext(w.db);
    const cycle = w.db.get<{ startDate: string; endDate: string }>(
      sql`select start_date as startDate, end_date as endDate from cycles where id = ${w.openCycleId}`,
    );
    for (const id of ["finance.mrr", "delivery.mttr_hours", "people.headcount", "kpi.nps"]) {
      const h = metricHistory(ctx, id, { from: cycle.startDate, to: cycle.endDate });
      expect(h.points.length, id).toBeGreaterThan(0);
      expect(h.points[h.points.length - 1].value, id).toBeCloseTo(readMetric(ctx, id).value as number, 9);
    }
  });

  it("a check-in on a linked KR records confidence and a note, no value; a value is refused; nothing else moves", async () => {
    const kr = liveLinkedKrs().find((k) => k.metricId === "finance.mrr")!;
    const before = w.db.get<{ n: number }>(sql`select count(*) as n from check_ins where key_result_id = ${kr.id}`).n;
    const page = await w.as("ceo").get(`/okrs/kr/${kr.id}`);
    const form = pickForm(page, { intent: "checkin", keyResultId: String(kr.id) });
    expect(form.has("value")).toBe(false);
    const res = await w.as("ceo").submit(form.fill("confidence", "8").fill("note", "Pipeline looks good"));
    expect(res.status).toBe(303);
    const last = w.db.get<{ value: number | null; confidence: number; note: string }>(
      sql`select value, confidence, note from check_ins where key_result_id = ${kr.id} order by id desc limit 1`,
    );
    expect(last).toEqual({ value: null, confidence: 8, note: "Pipeline looks good" });
    const audit = w.db.get<{ after: string }>(
      sql`select after from audit_log where entity_type = 'key_result' and entity_id = ${String(kr.id)} and action = 'check_in' order by id desc limit 1`,
    );
    expect(JSON.parse(audit.after)).toMatchObject({ metricId: "finance.mrr", confidence: 8 });
    // a value posted anyway (a crafted request) is a 400 on the field, nothing written
    const page2 = await w.as("ceo").get(`/okrs/kr/${kr.id}`);
    const crafted = pickForm(page2, { intent: "checkin", keyResultId: String(kr.id) });
    const body = new URLSearchParams({ intent: "checkin", keyResultId: String(kr.id), value: "999", confidence: "5", note: "" });
    const { appRequest, ORIGIN } = await import("../helpers/app");
    const r = await appRequest(
      new Request(crafted.action, {
        method: "POST",
        headers: { Cookie: w.cookies.ceo, "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: new URL(ORIGIN).host },
        body,
      }),
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("linked metric");
    expect(w.db.get<{ n: number }>(sql`select count(*) as n from check_ins where key_result_id = ${kr.id}`).n).toBe(before + 1);
  });

  it("the KR form offers the catalogue, takes the kind from the metric and refuses an unknown id", async () => {
    const objectiveId = liveLinkedKrs()[0].objectiveId;
    const page = await w.as("ceo").get(`/okrs/${objectiveId}`);
    expect(page.html).toContain('value="delivery.lead_time_hours"');
    const bad = await w
      .as("ceo")
      .submit(
        pickForm(page, { intent: "create-kr" }).fill("title", "Bogus").select("metricId", "finance.mrr").fill("startValue", "1").fill("targetValue", "2"),
      );
    expect(bad.status).toBe(200);
    const created = w.db.get<{ kind: string; unit: string; startValue: number; metricId: string }>(
      sql`select kind, unit, start_value as startValue, metric_id as metricId from key_results where title = 'Bogus'`,
    );
    // linked to MRR: a currency KR, start typed in euros → cents
    expect(created).toEqual({ kind: "currency", unit: "EUR", startValue: 100, metricId: "finance.mrr" });
    const { appRequest, ORIGIN } = await import("../helpers/app");
    const body = new URLSearchParams({ intent: "create-kr", title: "Unknown", kind: "number", startValue: "1", targetValue: "2", metricId: "finance.nope" });
    const r = await appRequest(
      new Request(`${ORIGIN}/okrs/${objectiveId}`, {
        method: "POST",
        headers: { Cookie: w.cookies.ceo, "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: new URL(ORIGIN).host },
        body,
      }),
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("is not a metric of the catalogue a key result can follow");
    expect(w.db.get<{ n: number }>(sql`select count(*) as n from key_results where title = 'Unknown'`).n).toBe(0);
  });

  it("company OKR progress aggregates the linked KRs at their metric's value", () => {
    const ctx = new MetricContext(w.db);
    const withLinks = getObjectivesProgress(w.db, { linked: ctx.linkedKrValues() });
    // the same objectives with linked KRs read at their stored (stale) value would differ
    const stale = new Map(listLinkedMetricIds(w.db).map((id) => [id, -1e12] as const));
    const wrong = getObjectivesProgress(w.db, { linked: stale });
    const c1 = withLinks.find((o) => o.title.startsWith("Explosive growth"))!;
    expect(c1.progress).not.toBe(wrong.find((o) => o.id === c1.id)!.progress);
    expect(readMetric(ctx, "okrs.company_progress").value).toBeCloseTo(
      withLinks.filter((o) => o.teamId === null && o.progress !== null).reduce((s, o) => s + o.progress!, 0) /
        withLinks.filter((o) => o.teamId === null && o.progress !== null).length,
      9,
    );
  });
});

describe("KPIs linked and pinned", () => {
  it("Active customers IS finance.customers: no measurements, the same value as the catalogue", async () => {
    const kpi = w.db.get<{ id: number; source: string }>(sql`select id, source from kpis where key = 'active_customers'`);
    expect(kpi.source).toBe("finance.customers");
    expect(w.db.get<{ n: number }>(sql`select count(*) as n from kpi_measurements where kpi_id = ${kpi.id}`).n).toBe(0);
    const page = await w.as("ceo").get(`/kpis/${kpi.id}`);
    expect(Number(markOf(page.html, "kpi.active_customers"))).toBe(readMetric(new MetricContext(w.db), "finance.customers").value);
  });

  it("the executive dashboard shows the pinned KPIs (sales pipeline, close rate, support SLA, NPS) with target and trend", async () => {
    const page = await w.as("ceo").get("/dashboards/executive");
    const section = page.html.slice(page.html.indexOf('data-testid="pinned-kpis"'));
    for (const key of ["sales_pipeline", "close_rate", "support_sla", "nps"]) expect(section, key).toContain(`data-metric="kpi.${key}"`);
    expect(section).not.toContain('data-metric="kpi.sprint_velocity"');
  });

  it("pinning is a checkbox of the KPI form (absent = unpinned), audited", async () => {
    const kpi = w.db.get<{ id: number }>(sql`select id from kpis where key = 'sprint_velocity'`);
    const page = await w.as("lead").get(`/kpis/${kpi.id}`);
    const res = await w.as("lead").submit(pickForm(page, { intent: "update-kpi" }).check("pinned"));
    expect(res.status).toBe(200);
    expect(w.db.get<{ p: number }>(sql`select pinned as p from kpis where id = ${kpi.id}`).p).toBe(1);
    const exec = await w.as("ceo").get("/dashboards/executive");
    expect(exec.html).toContain('data-metric="kpi.sprint_velocity"');
    const again = await w.as("lead").get(`/kpis/${kpi.id}`);
    await w.as("lead").submit(pickForm(again, { intent: "update-kpi" }).uncheck("pinned"));
    expect(w.db.get<{ p: number }>(sql`select pinned as p from kpis where id = ${kpi.id}`).p).toBe(0);
    const audits = w.db.all<{ before: string; after: string }>(
      sql`select before, after from audit_log where entity_type = 'kpi' and entity_id = ${String(kpi.id)} order by id`,
    );
    expect(audits.map((a) => JSON.parse(a.after).pinned)).toEqual([true, false]);
    // the viewer may not
    const viewerPage = await w.as("viewer").get(`/kpis/${kpi.id}`);
    expect(viewerPage.forms.some((f) => f.entries().some(([n, v]) => n === "intent" && v === "update-kpi"))).toBe(false);
  });

  it("a KPI's source must be a catalogue metric a KPI can be", async () => {
    const { appRequest, ORIGIN } = await import("../helpers/app");
    const post = (source: string) =>
      appRequest(
        new Request(`${ORIGIN}/kpis`, {
          method: "POST",
          headers: { Cookie: w.cookies.ceo, "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Host: new URL(ORIGIN).host },
          body: new URLSearchParams({
            intent: "create-kpi",
            key: `k_${source.replace(/\W/g, "_")}`,
            name: "K",
            direction: "higher",
            category: "business",
            source,
          }),
        }),
      );
    for (const bad of ["finance.nope", "okrs.company_progress", "finance.zero_cash_date", "kpi.nps"]) {
      const r = await post(bad);
      expect(r.status, bad).toBe(400);
      expect(await r.text()).toContain("is not a metric of the catalogue a KPI can be");
    }
    expect((await post("finance.mrr")).status).toBe(302);
  });
});

describe("closing a cycle freezes linked KRs at their metric's value", () => {
  it("current_value and final progress frozen from the metric", () => {
    const ctx = new MetricContext(w.db);
    const linked = ctx.linkedKrValues();
    const krs = liveLinkedKrs();
    closeCycle(w.db, w.ids.ceo, w.openCycleId, Date.now(), linked);
    for (const kr of krs) {
      const row = w.db.get<{ cur: number; fp: number }>(sql`select current_value as cur, final_progress as fp from key_results where id = ${kr.id}`);
      const v = linked.get(kr.metricId)!;
      expect(row.cur, kr.title).toBeCloseTo(v, 9);
      expect(row.fp, kr.title).toBeCloseTo(krProgress({ ...kr, currentValue: v }), 9);
    }
  });
});
