/**
 * GET /api/v1/metrics?ids= (scopes, unknown ids, bounds, the same numbers as the catalogue) and the
 * Targets page (forms posted as a browser does, permissions, audit).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { targetFor } from "~/models/metric-targets.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readMetric } from "~/models/metrics/readings.server";
import { createApiToken } from "~/models/tokens.server";
import { loader as metricsLoader } from "~/routes/api.v1.metrics._index";
import { action as targetsAction, loader as targetsLoader } from "~/routes/targets";
import { insertBudgetLine, insertBudgetCategory, insertDeployment, insertService, insertSnapshot, insertUser } from "../../seeds/builders";
import { args, cookieFor, get as getAs, post, run } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();
let ceoId: number;

beforeEach(() => {
  ceoId = insertUser(t.db, { role: "ceo" }).id;
  const cat = insertBudgetCategory(t.db, { name: "Ops" });
  for (const month of ["2026-01", "2026-02", "2026-03"]) {
    insertSnapshot(t.db, { month, cashCents: 1_200_000_00, mrrCents: 10_000_00, customers: 7 });
    insertBudgetLine(t.db, { categoryId: cat.id, month, actualCents: 100_000_00 });
  }
  const svc = insertService(t.db, { name: "api" });
  for (let i = 1; i <= 9; i++) insertDeployment(t.db, { serviceId: svc.id, finishedAt: new Date(Date.now() - i * 86_400_000) });
});

const token = (scopes: Parameters<typeof createApiToken>[1]["scopes"]) =>
  createApiToken(t.db, { name: `t${Math.random()}`, scopes, createdByUserId: ceoId }, null).token;
const get = (path: string, tok?: string) => new Request(`http://x${path}`, { headers: tok ? { Authorization: `Bearer ${tok}` } : {} });
const call = async (path: string, tok?: string) => {
  const res = await metricsLoader({ request: get(path, tok), params: {}, context: { clientIp: "127.0.0.1" } } as never);
  return { status: res.status, body: await res.json() };
};

describe("GET /api/v1/metrics", () => {
  it("returns each metric asked for with the catalogue's value, target and as-of or window", async () => {
    const tok = token(["metrics:read", "finance:read"]);
    const { status, body } = await call("/api/v1/metrics?ids=finance.runway_months,delivery.deployments,finance.cash", tok);
    expect(status).toBe(200);
    const ctx = new MetricContext(t.db);
    expect(body.metrics.map((m: { id: string }) => m.id)).toEqual(["finance.runway_months", "delivery.deployments", "finance.cash"]);
    expect(body.metrics[0]).toEqual({
      id: "finance.runway_months",
      label: "Runway",
      unit: "months",
      value: readMetric(ctx, "finance.runway_months").value,
      target: null,
      asOf: "2026-03",
    });
    expect(body.metrics[0].value).toBeCloseTo(12);
    expect(body.metrics[1]).toMatchObject({ id: "delivery.deployments", unit: "count", value: 9 });
    expect(Date.parse(body.metrics[1].window.to) - Date.parse(body.metrics[1].window.from)).toBe(90 * 86_400_000);
    expect(body.metrics[2]).toMatchObject({ value: 1_200_000_00, unit: "cents" });
  });

  it("finance ids need finance:read; delivery ids do not", async () => {
    const tok = token(["metrics:read"]);
    expect((await call("/api/v1/metrics?ids=delivery.deploys_per_day", tok)).status).toBe(200);
    const denied = await call("/api/v1/metrics?ids=delivery.deploys_per_day,finance.mrr", tok);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatch(/finance:read.*finance\.mrr/);
    expect((await call("/api/v1/metrics?ids=delivery.deploys_per_day", token(["finance:read"]))).status).toBe(403);
    expect((await call("/api/v1/metrics?ids=delivery.deploys_per_day")).status).toBe(401);
  });

  it.each([
    ["/api/v1/metrics?ids=finance.nope,delivery.deployments", /unknown metric \\"finance\.nope\\"/],
    ["/api/v1/metrics?ids=kpi.missing", /unknown metric \\"kpi\.missing\\"/],
    ["/api/v1/metrics?ids=,,", /at least one/],
    ["/api/v1/metrics", /required/],
    ["/api/v1/metrics?ids=delivery.deployments&extra=1", /./],
    [`/api/v1/metrics?ids=${Array.from({ length: 51 }, (_, i) => `kpi.k${i}`).join(",")}`, /at most 50/],
    [`/api/v1/metrics?ids=${"x".repeat(5000)}`, /at most 50/],
  ])("bad query %# → 400 naming the problem", async (path, message) => {
    const { status, body } = await call(path, token(["metrics:read", "finance:read"]));
    expect(status).toBe(400);
    expect(JSON.stringify(body.fieldErrors)).toMatch(message);
  });
});

describe("the Targets page", () => {
  it("the CTO sets a delivery target (human units, audited) that targetFor() then returns; not a finance one", async () => {
    const cto = insertUser(t.db, { role: "cto" });
    const cookie = await cookieFor(cto.id);
    const ok = await run(() =>
      targetsAction(
        args(post("/targets", cookie, { intent: "set", metricId: "delivery.change_failure_rate", cycleId: "", comparison: "<", value: "5", note: "" })),
      ),
    );
    expect(ok.status).toBe(200);
    expect(targetFor(t.db, "delivery.change_failure_rate")).toMatchObject({ comparison: "<", value: 0.05, cycleId: null });
    const denied = await run(() =>
      targetsAction(args(post("/targets", cookie, { intent: "set", metricId: "finance.burn_multiple", comparison: "<=", value: "2" }))),
    );
    expect(denied.status).toBe(400);
    expect(targetFor(t.db, "finance.burn_multiple")).toBeNull();
    const bad = await run(() =>
      targetsAction(args(post("/targets", cookie, { intent: "set", metricId: "delivery.nope", comparison: "≈", value: "1e3", cycleId: "999999" }))),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { fieldErrors: object }).fieldErrors).sort()).toEqual(["comparison", "cycleId", "metricId", "value"]);
    const loaded = await run(() => targetsLoader(args(getAs("/targets", cookie))));
    expect((loaded.body as { metrics: { id: string }[] }).metrics.every((m) => m.id.startsWith("delivery."))).toBe(true);
  });

  it("a lead or viewer may not open or post it", async () => {
    const lead = insertUser(t.db, { role: "lead" });
    const cookie = await cookieFor(lead.id);
    expect((await run(() => targetsLoader(args(getAs("/targets", cookie))))).status).toBe(403);
    expect(
      (await run(() => targetsAction(args(post("/targets", cookie, { intent: "set", metricId: "delivery.deploys_per_day", comparison: ">=", value: "50" })))))
        .status,
    ).toBe(403);
  });
});
