/**
 * POST /api/v1/kpis/<key>/measurements (scope kpis:write) through the route module on a migrated
 * temp database: one or many, idempotent on KPI + day, `at` counted in the company's time zone,
 * every error status, nothing partially written, the token's rights following its creator's, and
 * the product dashboard's tile reading what was pushed.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { runInLanguage } from "~/i18n/translate.server";
import { getKpiTiles } from "~/models/kpis.server";
import { createApiToken, type ApiScope } from "~/models/tokens.server";
import { action, loader } from "~/routes/api.v1.kpis.$key.measurements";
import { insertKpi, insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();
let token: string;
let ctoId: number;

beforeEach(() => {
  ctoId = insertUser(t.db, { role: "cto", email: "cto@x.test" }).id;
  ({ token } = createApiToken(t.db, { name: "prometheus", scopes: ["kpis:write"], createdByUserId: ctoId }, { userId: ctoId }));
  insertKpi(t.db, { key: "api_uptime", name: "API uptime", direction: "higher", unit: "%" });
  insertKpi(t.db, { key: "deploys", name: "Deploys per day", direction: "higher", source: "delivery.deployments_per_day" });
});

async function push(key: string, body: unknown, opts: { token?: string | null; raw?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const tk = opts.token === undefined ? token : opts.token;
  if (tk) headers.Authorization = `Bearer ${tk}`;
  const res = await action({
    request: new Request(`http://localhost/api/v1/kpis/${key}/measurements`, { method: "POST", headers, body: opts.raw ?? JSON.stringify(body) }),
    params: { key },
    context: { clientIp: null },
  } as ActionFunctionArgs);
  return { status: res.status, json: JSON.parse(await res.text()) };
}

const rows = () =>
  t.db.all<{ measured_on: string; value: number; note: string | null }>(sql`SELECT measured_on, value, note FROM kpi_measurements ORDER BY measured_on`);

describe("POST /api/v1/kpis/<key>/measurements", () => {
  it("one measurement: 201 created, the same again 200 unchanged, another value 200 updated (idempotent on KPI + day)", async () => {
    let r = await push("api_uptime", { measuredOn: "2025-11-20", value: 99.95 });
    expect(r).toMatchObject({ status: 201, json: { kpi: "api_uptime", created: 1, updated: 0, unchanged: 0 } });
    r = await push("api_uptime", { measuredOn: "2025-11-20", value: 99.95 });
    expect(r).toMatchObject({ status: 200, json: { created: 0, unchanged: 1 } });
    r = await push("api_uptime", { measuredOn: "2025-11-20", value: "99.9", note: "from Prometheus" });
    expect(r).toMatchObject({ status: 200, json: { updated: 1, measurements: [{ index: 0, measuredOn: "2025-11-20", value: 99.9, status: "updated" }] } });
    expect(rows()).toEqual([{ measured_on: "2025-11-20", value: 99.9, note: "from Prometheus" }]);
    // audited with the token as actor, only for the writes that changed something
    const audit = t.db.all<{ t: number | null; u: number | null; action: string }>(
      sql`SELECT actor_token_id AS t, actor_user_id AS u, action FROM audit_log WHERE entity_type = 'kpi_measurement'`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit.every((a) => a.t !== null && a.u === null)).toBe(true);
  });

  it("an array; `at` counts for its day in the company's time zone (Europe/Paris); no date means today", async () => {
    const r = await push("api_uptime", [{ at: "2025-01-01T23:30:00Z", value: 99.1 }, { at: "2025-01-01T12:00:00+01:00", value: 99.2 }, { value: 99.3 }]);
    expect(r.status).toBe(201);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    expect(rows()).toEqual([
      { measured_on: "2025-01-01", value: 99.2, note: null },
      { measured_on: "2025-01-02", value: 99.1, note: null },
      { measured_on: today, value: 99.3, note: null },
    ]);
  });

  it("the product dashboard's tile shows the pushed value", async () => {
    await push("api_uptime", [
      { measuredOn: "2025-11-19", value: 99.5 },
      { measuredOn: "2025-11-20", value: 99.97 },
    ]);
    const tile = getKpiTiles(t.db, { now: Date.UTC(2025, 10, 21) }).tiles.find((x) => x.key === "api_uptime")!;
    expect(tile.latest).toEqual({ measuredOn: "2025-11-20", value: 99.97 });
    expect(tile.previous).toEqual({ measuredOn: "2025-11-19", value: 99.5 });
  });

  it("bad input is a 400 naming each field; one bad element writes nothing", async () => {
    let r = await push("api_uptime", [
      { measuredOn: "2025-11-20", value: 1 },
      { measuredOn: "2025-02-30", value: "abc" },
    ]);
    expect(r.status).toBe(400);
    expect(Object.keys(r.json.fieldErrors).sort()).toEqual(["1.measuredOn", "1.value"]);
    r = await push("api_uptime", { measuredOn: "2025-11-20", at: "2025-11-20T10:00:00Z", value: 1 });
    expect(r.json.fieldErrors.at).toEqual(["give measuredOn or at, not both"]);
    // in the language the request asks for
    r = await runInLanguage("fr", () => push("api_uptime", { measuredOn: "2025-11-20", at: "2025-11-20T10:00:00Z", value: 1 }));
    expect(r.json.fieldErrors.at).toEqual(["donnez measuredOn ou at, pas les deux"]);
    r = await runInLanguage("fr", () => push("api_uptime", []));
    expect(r.json.fieldErrors._).toEqual(["doit contenir au moins une mesure"]);
    r = await push("api_uptime", { measuredOn: "1999-12-31", value: 1 });
    expect(r.json.fieldErrors.measuredOn).toBeDefined();
    r = await push("api_uptime", { at: "2099-01-01T00:00:00Z", value: 1 });
    expect(r.json.fieldErrors.at).toBeDefined();
    r = await push("api_uptime", [
      { measuredOn: "2025-11-20", value: 1 },
      { measuredOn: "2025-11-20", value: 2 },
    ]);
    expect(r).toMatchObject({ status: 400, json: { fieldErrors: { "1.measuredOn": ["2025-11-20 is also the day of element 0"] } } });
    // eslint-disable-next-line no-loss-of-precision -- the point: a number JSON cannot hold as a double
    r = await push("api_uptime", { value: 1e400 }, { raw: '{"value": 1e400}' });
    expect(r.status).toBe(400);
    r = await push("api_uptime", { value: "1e2" });
    expect(r.json.fieldErrors.value).toEqual(["must be a number"]);
    // api_uptime is in %: 0 to 100
    r = await push("api_uptime", { measuredOn: "2025-11-20", value: 100.5 });
    expect(r.json.fieldErrors.value).toEqual(["must be a percentage from 0 to 100"]);
    r = await push("api_uptime", [], {});
    expect(r.status).toBe(400);
    r = await push("api_uptime", null, { raw: "{nope" });
    expect(r.status).toBe(400);
    expect(rows()).toEqual([]);
  });

  it("unknown KPI 404, computed KPI 400, too many 413, GET 405", async () => {
    expect((await push("nope", { value: 1 })).status).toBe(404);
    expect((await push("Bad Key!", { value: 1 })).status).toBe(404);
    const computed = await push("deploys", { value: 1 });
    expect(computed).toMatchObject({ status: 400, json: { fieldErrors: { key: [expect.stringContaining("computed")] } } });
    const many = Array.from({ length: 1001 }, (_, i) => ({ measuredOn: "2025-01-01", value: i }));
    expect((await push("api_uptime", many)).status).toBe(413);
    const res = await loader({
      request: new Request("http://localhost/api/v1/kpis/api_uptime/measurements"),
      params: { key: "api_uptime" },
      context: {},
    } as never);
    expect(res.status).toBe(405);
    expect(rows()).toEqual([]);
  });

  it("401 without a token, 403 without the scope; kpis:write lapses when the creator may no longer edit KPIs", async () => {
    expect((await push("api_uptime", { value: 1 }, { token: null })).status).toBe(401);
    const other: ApiScope[] = ["deployments:write"];
    const { token: noScope } = createApiToken(t.db, { name: "ci", scopes: other, createdByUserId: ctoId }, null);
    expect((await push("api_uptime", { value: 1 }, { token: noScope })).status).toBe(403);
    t.db.run(sql`UPDATE users SET role = 'viewer' WHERE id = ${ctoId}`);
    expect((await push("api_uptime", { value: 1 })).status).toBe(403);
    t.db.run(sql`UPDATE users SET role = 'lead' WHERE id = ${ctoId}`);
    expect((await push("api_uptime", { measuredOn: "2025-11-20", value: 1 })).status).toBe(201);
    // a token made on the server (no creator) keeps it
    const { token: server } = createApiToken(t.db, { name: "cron", scopes: ["kpis:write"], createdByUserId: null }, null);
    expect((await push("api_uptime", { measuredOn: "2025-11-21", value: 1 }, { token: server })).status).toBe(201);
  });
});
