/**
 * The delivery ingestion API, called through the route modules' `action` / `loader` with real Requests
 * on a migrated temp database: every error status, idempotency, batch atomicity, incident upsert,
 * inferred causes (incl. out-of-order arrival), CSV import, tokens.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateToken, createApiToken, LAST_USED_PRECISION_MS, revokeApiToken, type ApiScope } from "~/models/tokens.server";
import { action as deploymentsAction, loader as deploymentsLoader } from "~/routes/api.v1.deployments";
import { action as importDeploymentsAction } from "~/routes/api.v1.import.deployments";
import { action as importIncidentsAction } from "~/routes/api.v1.import.incidents";
import { action as incidentsAction } from "~/routes/api.v1.incidents";
import { insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();
let token: string;
let tokenId: number;

const ALL: ApiScope[] = ["deployments:write", "incidents:write", "import:write", "metrics:read"];
const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 2, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(() => {
  ({ token, id: tokenId } = createApiToken(t.db, { name: "ci", scopes: ALL, createdByUserId: null }, null));
});

type Handler = (args: ActionFunctionArgs) => Promise<Response>;

function req(path: string, body: unknown, opts: { token?: string | null; type?: string; method?: string; raw?: boolean } = {}) {
  const headers: Record<string, string> = { "Content-Type": opts.type ?? "application/json" };
  const tk = opts.token === undefined ? token : opts.token;
  if (tk !== null) headers.Authorization = `Bearer ${tk}`;
  return new Request(`http://localhost${path}`, {
    method: opts.method ?? "POST",
    headers,
    body: opts.raw || typeof body === "string" ? (body as string) : JSON.stringify(body),
  });
}

async function call(handler: Handler, request: Request) {
  const res = await handler({ request, params: {}, context: {} } as ActionFunctionArgs);
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, type: res.headers.get("Content-Type") };
}

const postDeployments = (body: unknown, opts?: Parameters<typeof req>[2]) => call(deploymentsAction, req("/api/v1/deployments", body, opts));
const postIncidents = (body: unknown, opts?: Parameters<typeof req>[2]) => call(incidentsAction, req("/api/v1/incidents", body, opts));

function dep(n: number, extra: Record<string, unknown> = {}) {
  return {
    externalId: `build-${n}`,
    service: "api-gateway",
    status: "success",
    startedAt: iso(T0 + n * H - 600_000),
    finishedAt: iso(T0 + n * H),
    commits: [{ sha: `abc${n}`, committedAt: iso(T0 + n * H - 2 * H) }],
    ...extra,
  };
}

function count(table: string): number {
  return t.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))!.n;
}

function incidentRow(externalId: string) {
  return t.db.get<{ id: number; cause_kind: string | null; cause_deployment_id: number | null; resolved_at: number | null }>(
    sql`SELECT id, cause_kind, cause_deployment_id, resolved_at FROM incidents WHERE external_id = ${externalId}`,
  )!;
}

function deploymentId(externalId: string): number {
  return t.db.get<{ id: number }>(sql`SELECT id FROM deployments WHERE external_id = ${externalId}`)!.id;
}

describe("POST /api/v1/deployments", () => {
  it("creates one deployment (201), then knows it (200) without duplicating it", async () => {
    const first = await postDeployments(dep(1));
    expect(first.status).toBe(201);
    expect(first.json.created).toBe(1);
    expect(first.json.deployments[0]).toMatchObject({ index: 0, service: "api-gateway", externalId: "build-1", status: "created" });
    expect(first.json.servicesCreated).toEqual(["api-gateway"]);
    const again = await postDeployments(dep(1));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: 0, known: 1 });
    expect(again.json.deployments[0].id).toBe(first.json.deployments[0].id);
    expect(count("deployments")).toBe(1);
    expect(count("deployment_commits")).toBe(1);
    expect(count("services")).toBe(1);
  });

  it("accepts an array, defaults environment to production, stores commits and flags", async () => {
    const res = await postDeployments([dep(1), dep(2, { hotfix: true, environment: "Staging", commits: undefined, firstCommitAt: iso(T0) })]);
    expect(res.status).toBe(201);
    expect(res.json.created).toBe(2);
    const rows = t.db.all<{ environment: string; is_hotfix: number; first_commit_at: number | null }>(
      sql`SELECT environment, is_hotfix, first_commit_at FROM deployments ORDER BY id`,
    );
    expect(rows).toEqual([
      { environment: "production", is_hotfix: 0, first_commit_at: null },
      { environment: "staging", is_hotfix: 1, first_commit_at: T0 },
    ]);
  });

  it("a mixed batch of known and new answers 201 and tells which is which", async () => {
    await postDeployments(dep(1));
    const res = await postDeployments([dep(1), dep(2)]);
    expect(res.status).toBe(201);
    expect(res.json.deployments.map((d: { status: string }) => d.status)).toEqual(["known", "created"]);
  });

  it("rejects the whole batch when one element is bad, naming its index, and writes nothing", async () => {
    const batch = [dep(1), dep(2), dep(3), dep(4, { finishedAt: "yesterday" }), dep(5, { status: "ok" })];
    const res = await postDeployments(batch);
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.fieldErrors).sort()).toEqual(["3.finishedAt", "4.status"]);
    expect(count("deployments")).toBe(0);
    expect(count("services")).toBe(0);
    expect(count("audit_log")).toBe(0);
  });

  it("validates times: finishedAt before startedAt, absurd commit times, future instants", async () => {
    const res = await postDeployments([
      dep(1, { startedAt: iso(T0 + 2 * H), finishedAt: iso(T0 + H) }),
      dep(2, { commits: [{ sha: "a", committedAt: "1990-01-01T00:00:00Z" }] }),
      dep(3, { finishedAt: "2999-01-01T00:00:00Z" }),
      dep(4, { finishedAt: "2025-06-02T12:00:00" }),
    ]);
    expect(res.status).toBe(400);
    expect(res.json.fieldErrors["0.finishedAt"][0]).toMatch(/before startedAt/);
    expect(res.json.fieldErrors["1.commits.0.committedAt"]).toBeDefined();
    expect(res.json.fieldErrors["2.finishedAt"]).toBeDefined();
    expect(res.json.fieldErrors["3.finishedAt"][0]).toMatch(/time zone/);
  });

  it("allows commits after the deploy (kept as data, they give no lead time)", async () => {
    const res = await postDeployments(dep(1, { commits: [{ sha: "late", committedAt: iso(T0 + 5 * H) }] }));
    expect(res.status).toBe(201);
    expect(count("deployment_commits")).toBe(1);
  });

  it("refuses duplicate (service, externalId) inside one batch", async () => {
    const res = await postDeployments([dep(1), dep(2), dep(1)]);
    expect(res.status).toBe(400);
    expect(res.json.fieldErrors["2.externalId"][0]).toMatch(/element 0/);
    expect(count("deployments")).toBe(0);
  });

  it("the same externalId on two services is two deployments", async () => {
    const res = await postDeployments([dep(1), dep(1, { service: "web-app" })]);
    expect(res.status).toBe(201);
    expect(res.json.created).toBe(2);
  });

  it("answers 413 for more than 1000 elements and 400 for an empty array", async () => {
    const big = Array.from({ length: 1001 }, (_, i) => dep(i));
    expect((await postDeployments(big)).status).toBe(413);
    const empty = await postDeployments([]);
    expect(empty.status).toBe(400);
    expect(count("deployments")).toBe(0);
  });

  // Its speed is measured by `npm run bench` (ingest rows/s), not asserted here: a timed test fails on a busy machine.
  it("ingests 1000 deployments with 10 commits each in one request, written as one audited batch", async () => {
    const batch = Array.from({ length: 1000 }, (_, i) =>
      dep(i, { commits: Array.from({ length: 10 }, (_, c) => ({ sha: `s${i}-${c}`, committedAt: iso(T0 + i * H - (c + 1) * 60_000) })) }),
    );
    const res = await postDeployments(batch);
    expect(res.status).toBe(201);
    expect(count("deployments")).toBe(1000);
    expect(count("deployment_commits")).toBe(10_000);
    const ingests = t.db.all<{ n: number }>(sql`SELECT json_extract(after, '$.created') AS n FROM audit_log WHERE action = 'ingest'`);
    expect(ingests).toEqual([{ n: 1000 }]);
  });

  it("audits the write with the token as actor, and the service created on first sight", async () => {
    await postDeployments([dep(1), dep(2)]);
    const entries = t.db.all<{ action: string; entity_type: string; actor_token_id: number | null; actor_user_id: number | null }>(
      sql`SELECT action, entity_type, actor_token_id, actor_user_id FROM audit_log ORDER BY id`,
    );
    expect(entries).toEqual([
      { action: "create", entity_type: "service", actor_token_id: tokenId, actor_user_id: null },
      { action: "ingest", entity_type: "deployment", actor_token_id: tokenId, actor_user_id: null },
    ]);
  });
});

describe("error statuses", () => {
  it("401 without a token, with a wrong one, or with a revoked one", async () => {
    expect((await postDeployments(dep(1), { token: null })).status).toBe(401);
    expect((await postDeployments(dep(1), { token: "itk_not-a-real-token" })).status).toBe(401);
    const user = insertUser(t.db, { role: "cto" });
    expect(revokeApiToken(t.db, tokenId, user)).toBe("revoked");
    const res = await postDeployments(dep(1));
    expect(res.status).toBe(401);
    expect(res.type).toMatch(/application\/json/);
    expect(count("deployments")).toBe(0);
  });

  it("403 without the scope", async () => {
    const { token: metricsOnly } = createApiToken(t.db, { name: "m", scopes: ["metrics:read"], createdByUserId: null }, null);
    const res = await postDeployments(dep(1), { token: metricsOnly });
    expect(res.status).toBe(403);
    expect(res.json.error).toMatch(/deployments:write/);
    expect((await postIncidents({}, { token: metricsOnly })).status).toBe(403);
    expect((await call(importDeploymentsAction, req("/api/v1/import/deployments", "a", { token: metricsOnly, type: "text/csv" }))).status).toBe(403);
  });

  it("415 for another content type", async () => {
    const res = await postDeployments(JSON.stringify(dep(1)), { type: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.json.error).toBeTruthy();
    const csv = await call(importIncidentsAction, req("/api/v1/import/incidents", "{}", { type: "application/json" }));
    expect(csv.status).toBe(415);
  });

  it("413 for a body over the limit", async () => {
    const huge = JSON.stringify({ ...dep(1), padding: "x".repeat(5 * 1024 * 1024 + 10) });
    const res = await postDeployments(huge);
    expect(res.status).toBe(413);
    expect(res.json.error).toMatch(/larger/);
  });

  it("405 for GET and for other methods, as JSON", async () => {
    const get = await deploymentsLoader({ request: new Request("http://localhost/api/v1/deployments"), params: {}, context: {} } as LoaderFunctionArgs);
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
    const put = await postDeployments(dep(1), { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.json.error).toMatch(/not allowed/);
  });

  it("never answers 500 to garbage bodies", async () => {
    const garbage: unknown[] = [
      "",
      "null",
      "42",
      '"text"',
      "{",
      "[1,2,3]",
      "[null]",
      '{"service": {"$gt": 1}}',
      '{"service": "a", "status": "success", "finishedAt": 12345}',
      '{"service": "' + "x".repeat(1000) + '", "status": "success", "finishedAt": "2025-01-01T00:00:00Z"}',
      '{"service": "a", "status": "success", "finishedAt": "2025-01-01T00:00:00Z", "commits": "many"}',
      '{"service": "a", "status": "success", "finishedAt": "2025-01-01T00:00:00Z", "commits": [null, 1, {"sha": 3}]}',
      '{"service": "a", "status": "success", "finishedAt": "2025-02-30T00:00:00Z"}',
      '{"__proto__": {"x": 1}, "service": "a"}',
      "\u0000\u0001\u0002",
      "[".repeat(200_000) + "]".repeat(200_000),
      '{"service": "a", "status": "success", "finishedAt": "2025-01-01T00:00:00Z", "startedAt": ' + "[".repeat(50_000) + "]".repeat(50_000) + "}",
      "1e999999",
      '[{"service": "a", "status": "success", "finishedAt": "2025-01-01T00:00:00Z", "hotfix": "yes"}]',
    ];
    for (const body of garbage) {
      const a = await postDeployments(body as string, { raw: true });
      expect(a.status, `deployments: ${String(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(a.status, `deployments: ${String(body).slice(0, 60)}`).toBeLessThan(500);
      expect(a.json?.error, "JSON error body").toBeTruthy();
      const b = await postIncidents(body as string, { raw: true });
      expect(b.status, `incidents: ${String(body).slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(b.status).toBeLessThan(500);
    }
    for (const text of ["", "\u0000", '"unterminated', "a,b\n1", "external_id\n" + "x,".repeat(50)]) {
      const c = await call(importDeploymentsAction, req("/api/v1/import/deployments", text, { type: "text/csv" }));
      expect(c.status, `import: ${text.slice(0, 30)}`).toBe(400);
      const d = await call(importIncidentsAction, req("/api/v1/import/incidents", text, { type: "text/csv" }));
      expect(d.status).toBe(400);
    }
    expect(count("deployments") + count("incidents") + count("services")).toBe(0);
  });
});

describe("POST /api/v1/incidents", () => {
  const incident = (extra: Record<string, unknown> = {}) => ({
    externalId: "INC-1",
    service: "api-gateway",
    title: "5xx spike",
    severity: "SEV2",
    startedAt: iso(T0 + 10 * H),
    ...extra,
  });

  it("creates (201), then a second post with the same externalId resolves it (200)", async () => {
    const created = await postIncidents(incident());
    expect(created.status).toBe(201);
    expect(created.json.incidents[0].status).toBe("created");
    expect(incidentRow("INC-1").resolved_at).toBeNull();
    const resolved = await postIncidents(incident({ resolvedAt: iso(T0 + 11 * H) }));
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ created: 0, updated: 1 });
    expect(incidentRow("INC-1").resolved_at).toBe(T0 + 11 * H);
    expect(count("incidents")).toBe(1);
    // omitting resolvedAt later keeps the resolution; null reopens
    await postIncidents(incident({ title: "5xx spike on /v1" }));
    expect(incidentRow("INC-1").resolved_at).toBe(T0 + 11 * H);
    await postIncidents(incident({ resolvedAt: null }));
    expect(incidentRow("INC-1").resolved_at).toBeNull();
  });

  it("400 when resolvedAt is before startedAt, or a bad severity", async () => {
    const res = await postIncidents(incident({ resolvedAt: iso(T0), severity: "SEV5" }));
    expect(res.status).toBe(400);
    expect(res.json.fieldErrors.resolvedAt).toBeDefined();
    expect(res.json.fieldErrors.severity).toBeDefined();
    expect(count("incidents")).toBe(0);
  });

  it("400 when the cause names no known deployment of that service", async () => {
    await postDeployments(dep(1));
    await postDeployments(dep(2, { service: "web-app" }));
    const unknown = await postIncidents(incident({ causedByDeploymentExternalId: "build-99" }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.fieldErrors.causedByDeploymentExternalId[0]).toMatch(/build-99/);
    const otherService = await postIncidents(incident({ causedByDeploymentExternalId: "build-2" }));
    expect(otherService.status).toBe(400);
    const unknownService = await postIncidents(incident({ service: "new-svc", causedByDeploymentExternalId: "build-1" }));
    expect(unknownService.status).toBe(400);
    expect(count("incidents")).toBe(0);
    expect(count("services")).toBe(2);
  });

  it("an explicit cause is stored as explicit", async () => {
    await postDeployments([dep(1), dep(2)]);
    const res = await postIncidents(incident({ causedByDeploymentExternalId: "build-1" }));
    expect(res.status).toBe(201);
    expect(incidentRow("INC-1")).toMatchObject({ cause_kind: "explicit", cause_deployment_id: deploymentId("build-1") });
  });

  it("infers the cause: latest successful production deployment of the service finished at or before the start", async () => {
    await postDeployments([
      dep(1),
      dep(2),
      dep(3, { status: "failure" }),
      dep(4, { environment: "staging" }),
      dep(5, { service: "web-app" }),
      dep(9), // finished after the start (T0 + 9h > T0 + 8h)
      dep(8), // finished exactly at the start: counts
    ]);
    await postIncidents(incident({ startedAt: iso(T0 + 8 * H) }));
    expect(incidentRow("INC-1")).toMatchObject({ cause_kind: "inferred", cause_deployment_id: deploymentId("build-8") });
  });

  it("an incident with no deployment before it has no cause yet", async () => {
    await postDeployments(dep(20));
    await postIncidents(incident({ startedAt: iso(T0 + 8 * H) }));
    expect(incidentRow("INC-1")).toMatchObject({ cause_kind: null, cause_deployment_id: null });
  });

  it("keeps inferred causes right when deployments arrive after the incident (out of order)", async () => {
    await postIncidents(incident({ startedAt: iso(T0 + 8 * H) }));
    await postIncidents(incident({ externalId: "INC-2", startedAt: iso(T0 + 3 * H) }));
    await postIncidents(incident({ externalId: "INC-3", startedAt: iso(T0 + 8 * H), service: "web-app" }));
    await postDeployments(dep(2));
    expect(incidentRow("INC-1")).toMatchObject({ cause_kind: "inferred", cause_deployment_id: deploymentId("build-2") });
    expect(incidentRow("INC-2")).toMatchObject({ cause_kind: "inferred", cause_deployment_id: deploymentId("build-2") });
    await postDeployments([dep(5), dep(1)]); // a later one and an earlier one
    expect(incidentRow("INC-1").cause_deployment_id).toBe(deploymentId("build-5"));
    expect(incidentRow("INC-2").cause_deployment_id).toBe(deploymentId("build-2"));
    expect(incidentRow("INC-3").cause_kind).toBeNull(); // other service untouched
    await postDeployments(dep(7, { status: "failure" })); // failures never cause by inference
    expect(incidentRow("INC-1").cause_deployment_id).toBe(deploymentId("build-5"));
  });

  it("ties on finish time go to the higher id", async () => {
    await postDeployments([dep(1), dep(2, { finishedAt: iso(T0 + H), startedAt: iso(T0) })]);
    await postIncidents(incident({ startedAt: iso(T0 + 5 * H) }));
    expect(incidentRow("INC-1").cause_deployment_id).toBe(deploymentId("build-2"));
  });

  it("explicit and cleared causes survive re-inference and re-posts", async () => {
    await postDeployments([dep(1), dep(2)]);
    await postIncidents(incident({ causedByDeploymentExternalId: "build-1" }));
    await postIncidents(incident({ externalId: "INC-2" }));
    t.db.run(sql`UPDATE incidents SET cause_kind = 'none', cause_deployment_id = NULL WHERE external_id = 'INC-2'`);
    await postDeployments(dep(5));
    expect(incidentRow("INC-1")).toMatchObject({ cause_kind: "explicit", cause_deployment_id: deploymentId("build-1") });
    expect(incidentRow("INC-2")).toMatchObject({ cause_kind: "none", cause_deployment_id: null });
    await postIncidents(incident({ externalId: "INC-2", resolvedAt: iso(T0 + 12 * H) }));
    expect(incidentRow("INC-2")).toMatchObject({ cause_kind: "none" });
    // null sends it back to the rule
    await postIncidents(incident({ externalId: "INC-2", causedByDeploymentExternalId: null }));
    expect(incidentRow("INC-2")).toMatchObject({ cause_kind: "inferred", cause_deployment_id: deploymentId("build-5") });
  });
});

describe("CSV import API", () => {
  const DEP_HEADER = "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback";
  const INC_HEADER = "external_id,service,title,severity,started_at,resolved_at,caused_by_external_id";
  const csvReq = (path: string, text: string) => req(path, text, { type: "text/csv" });

  it("imports deployments and incidents, counting created / updated, and is idempotent", async () => {
    const deps = [
      DEP_HEADER,
      `d-1,api-gateway,production,success,,${iso(T0)},${iso(T0 - 3 * H)},false,false`,
      `d-2,api-gateway,,success,${iso(T0 + H - 60_000)},${iso(T0 + H)},,yes,0`,
      `,web-app,staging,failure,,${iso(T0 + 2 * H)},,,`,
    ].join("\n");
    const r1 = await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", deps));
    expect(r1.status).toBe(201);
    expect(r1.json).toMatchObject({ kind: "deployments", rows: 3, created: 3, updated: 0, unchanged: 0 });
    const r2 = await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", deps.split("\n").slice(0, 3).join("\n")));
    expect(r2.status).toBe(200);
    expect(r2.json).toMatchObject({ created: 0, unchanged: 2 });

    const incs = [
      INC_HEADER,
      `i-1,api-gateway,Outage,SEV1,${iso(T0 + 30 * 60_000)},,d-1`,
      `i-2,api-gateway,Slow,sev3,${iso(T0 + 2 * H)},${iso(T0 + 3 * H)},`,
    ].join("\r\n");
    const r3 = await call(importIncidentsAction, csvReq("/api/v1/import/incidents", incs));
    expect(r3.status).toBe(201);
    expect(r3.json).toMatchObject({ created: 2, updated: 0 });
    expect(incidentRow("i-1")).toMatchObject({ cause_kind: "explicit", cause_deployment_id: deploymentId("d-1") });
    expect(incidentRow("i-2")).toMatchObject({ cause_kind: "inferred", cause_deployment_id: deploymentId("d-2") });
    const r4 = await call(importIncidentsAction, csvReq("/api/v1/import/incidents", incs));
    expect(r4.status).toBe(200);
    expect(r4.json).toMatchObject({ created: 0, updated: 2 });
  });

  it("is all or nothing and names every bad row and field", async () => {
    const deps = [
      DEP_HEADER,
      `d-1,api-gateway,production,success,,${iso(T0)},,false,false`,
      `d-2,api-gateway,production,maybe,,${iso(T0)},,false,false`,
      `d-3,api-gateway,production,success,,not-a-date,,perhaps,false`,
      `d-1,api-gateway,production,success,,${iso(T0)},,false,false`,
    ].join("\n");
    const res = await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", deps));
    expect(res.status).toBe(400);
    const errs = res.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(errs).toEqual(expect.arrayContaining(["3:status", "4:finished_at", "4:hotfix"]));
    expect(res.json.fieldErrors["3.status"]).toBeDefined();
    expect(count("deployments")).toBe(0);
    expect(count("services")).toBe(0);

    // duplicates inside the file are found once the rows themselves are valid
    const dupes = [DEP_HEADER, `d-1,api-gateway,production,success,,${iso(T0)},,,`, `d-1,api-gateway,production,success,,${iso(T0)},,,`].join("\n");
    const dupRes = await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", dupes));
    expect(dupRes.status).toBe(400);
    expect(dupRes.json.errors[0]).toMatchObject({ row: 3, field: "external_id" });

    // an unknown cause rejects the incidents file, naming the row
    await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", [DEP_HEADER, `d-1,api-gateway,production,success,,${iso(T0)},,,`].join("\n")));
    const incs = [INC_HEADER, `i-1,api-gateway,Ok,SEV1,${iso(T0 + H)},,d-1`, `i-2,api-gateway,Bad,SEV1,${iso(T0 + H)},,d-404`].join("\n");
    const incRes = await call(importIncidentsAction, csvReq("/api/v1/import/incidents", incs));
    expect(incRes.status).toBe(400);
    expect(incRes.json.errors).toEqual([expect.objectContaining({ row: 3, field: "caused_by_external_id" })]);
    expect(count("incidents")).toBe(0);
  });

  it("rejects a wrong header", async () => {
    const res = await call(importDeploymentsAction, csvReq("/api/v1/import/deployments", "service,finished\napi,2025-01-01"));
    expect(res.status).toBe(400);
    expect(res.json.errors.length).toBeGreaterThan(0);
  });
});

describe("tokens", () => {
  it("stores only a hash of the secret and records last use", async () => {
    const rows = t.db.all<{ token_hash: string; prefix: string; last_used_at: number | null }>(sql`SELECT token_hash, prefix, last_used_at FROM api_tokens`);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.startsWith(rows[0].prefix)).toBe(true);
    expect(rows[0].prefix.length).toBeLessThan(token.length / 2);
    const dump = JSON.stringify(t.db.all(sql`SELECT * FROM api_tokens`)) + JSON.stringify(t.db.all(sql`SELECT * FROM audit_log`));
    expect(dump).not.toContain(token);
    await postDeployments(dep(1));
    expect(t.db.get<{ t: number | null }>(sql`SELECT last_used_at AS t FROM api_tokens`)!.t).not.toBeNull();
  });

  it("writes 'last used' at most once a minute: a request within the minute writes nothing", () => {
    const lastUsed = () => t.db.get<{ t: number | null }>(sql`SELECT last_used_at AS t FROM api_tokens`)!.t;
    const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
    expect(authenticateToken(t.db, token, t0)).not.toBeNull();
    expect(lastUsed()).toBe(t0);
    const changes = () => t.db.$client.prepare("SELECT total_changes()").pluck().get() as number;
    const before = changes();
    expect(authenticateToken(t.db, token, t0 + LAST_USED_PRECISION_MS - 1)).not.toBeNull();
    expect(changes()).toBe(before);
    expect(lastUsed()).toBe(t0);
    expect(authenticateToken(t.db, token, t0 + LAST_USED_PRECISION_MS)).not.toBeNull();
    expect(lastUsed()).toBe(t0 + LAST_USED_PRECISION_MS);
  });
});
