/** GET /api/v1/metrics/dora: auth (401/403), validation (400), exact shape and values. */
import { beforeEach, describe, expect, it } from "vitest";
import { MS_PER_DAY, MS_PER_HOUR } from "~/lib/metrics/delivery";
import { doraApiBody, getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { createApiToken } from "~/models/tokens.server";
import { loader } from "~/routes/api.v1.metrics.dora";
import { insertDeployment, insertIncident, insertService, insertTeam } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();
let token: string;
let otherToken: string;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 2, 1);

beforeEach(() => {
  token = createApiToken(t.db, { name: "metrics", scopes: ["metrics:read"], createdByUserId: null }, null).token;
  otherToken = createApiToken(t.db, { name: "ci", scopes: ["deployments:write"], createdByUserId: null }, null).token;
  const platform = insertTeam(t.db, { name: "Platform" });
  const api = insertService(t.db, { name: "api", teamId: platform.id });
  const web = insertService(t.db, { name: "web" });
  for (let k = 0; k < 10; k++) {
    const at = FROM + k * 3 * MS_PER_DAY + MS_PER_HOUR;
    insertDeployment(t.db, {
      serviceId: k % 3 === 0 ? web.id : api.id,
      finishedAt: new Date(at),
      isHotfix: k === 4,
      commits: [{ committedAt: new Date(at - (k + 1) * MS_PER_HOUR) }],
    });
    if (k === 2) insertIncident(t.db, { serviceId: api.id, startedAt: new Date(at + MS_PER_HOUR), resolvedAt: new Date(at + 3 * MS_PER_HOUR) });
  }
});

async function get(query: string, bearer: string | null = token) {
  const headers: Record<string, string> = bearer ? { Authorization: `Bearer ${bearer}` } : {};
  const response = await loader({ request: new Request(`http://localhost/api/v1/metrics/dora${query}`, { headers }), params: {}, context: { clientIp: null } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/v1/metrics/dora", () => {
  it("401 without a token, or with an unknown one", async () => {
    expect((await get("", null)).status).toBe(401);
    expect((await get("", "itk_nope")).status).toBe(401);
  });

  it("403 without the metrics:read scope", async () => {
    const r = await get("", otherToken);
    expect(r.status).toBe(403);
    expect(r.body.error).toMatch(/metrics:read/);
  });

  it("400 on bad dates, from ≥ to, unknown service or team, unknown parameters", async () => {
    const bad = await get("?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toHaveProperty("from");
    const order = await get("?from=2026-03-01&to=2026-01-01");
    expect(order.status).toBe(400);
    expect(order.body.fieldErrors).toEqual({ from: ["must be before to"] });
    expect((await get("?from=2026-01-01&to=2026-01-01")).status).toBe(400);
    const service = await get("?service=nope");
    expect(service.status).toBe(400);
    expect(service.body.fieldErrors).toEqual({ service: ['unknown service "nope"'] });
    const team = await get("?team=Nobody");
    expect(team.status).toBe(400);
    expect(team.body.fieldErrors).toEqual({ team: ['unknown team "Nobody"'] });
    expect((await get("?foo=1")).status).toBe(400);
  });

  it("returns exactly the contract's fields and the SQL metrics", async () => {
    const r = await get("?from=2026-01-01T00:00:00Z&to=2026-03-01");
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(["changeFailureRate", "deploymentFrequency", "leadTime", "reworkRate", "timeToRestore", "window"].sort());
    const expected = doraApiBody(getDoraMetrics(t.db, { from: FROM, to: TO }));
    expect(r.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(r.body).toEqual({
      window: { from: "2026-01-01T00:00:00.000Z", to: "2026-03-01T00:00:00.000Z" },
      deploymentFrequency: { count: 10, perDay: 10 / 59, perWeek: (10 / 59) * 7, tier: "high" },
      leadTime: { medianHours: 5.5, tier: "elite" },
      changeFailureRate: { rate: 0.1, failed: 1, total: 10, tier: "high" },
      timeToRestore: { medianHours: 2, meanHours: 2, tier: "high" },
      reworkRate: { rate: 0.1 },
    });
  });

  it("filters by service and team name; nulls where there is no data", async () => {
    const web = await get("?service=web&from=2026-01-01&to=2026-03-01");
    expect((web.body.deploymentFrequency as { count: number }).count).toBe(4);
    expect(web.body.timeToRestore).toEqual({ medianHours: null, meanHours: null, tier: null });
    const team = await get("?team=Platform&from=2026-01-01&to=2026-03-01");
    expect((team.body.deploymentFrequency as { count: number }).count).toBe(6);
    const empty = await get("?from=2020-01-01&to=2020-02-01");
    expect(empty.body.leadTime).toEqual({ medianHours: null, tier: null });
    expect(empty.body.changeFailureRate).toEqual({ rate: null, failed: 0, total: 0, tier: null });
    expect(empty.body.reworkRate).toEqual({ rate: null });
  });

  it("defaults to the 90 days before now", async () => {
    const before = Date.now();
    const r = await get("");
    expect(r.status).toBe(200);
    const w = r.body.window as { from: string; to: string };
    const to = Date.parse(w.to);
    expect(to).toBeGreaterThanOrEqual(before - 1000);
    expect(to - Date.parse(w.from)).toBe(90 * MS_PER_DAY);
  });
});
