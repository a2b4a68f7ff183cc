/**
 * Delivery model functions on a migrated temp database: list filters/sorting/paging in SQL, URL
 * parameter parsing (drill-down links), CSV export round trip, incidents edited by a person
 * (override → explicit, clear → none, cleared stays cleared), inferred causes matching the pure
 * reference `inferCause` on a generated data set with out-of-order arrival.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { toCsv } from "~/lib/csv";
import { inferCause, type RefDeployment } from "~/lib/metrics/delivery";
import {
  createIncident,
  createService,
  listServices,
  serviceNameTaken,
  updateService,
  DEPLOYMENT_CSV_HEADERS,
  deploymentCsvRows,
  getDeployment,
  getIncident,
  importDeploymentsCsv,
  incidentCsvRows,
  ingestDeployments,
  listDeployments,
  listIncidents,
  parseDeploymentFilter,
  parseIncidentFilter,
  updateIncident,
  upsertIncidents,
  type DeploymentInput,
} from "~/models/delivery.server";
import { insertService, insertTeam, insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();
let userId: number;
const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2025, 0, 1);
const page = { limit: 25, offset: 0 };

beforeEach(() => {
  userId = insertUser(t.db, { role: "cto" }).id;
});

function dep(service: string, n: number, extra: Partial<DeploymentInput> = {}): DeploymentInput {
  return {
    externalId: `${service}-${n}`,
    service,
    environment: "production",
    status: "success",
    finishedAt: T0 + n * H,
    commits: [{ sha: `c${n}`, committedAt: T0 + n * H - 2 * H }],
    ...extra,
  };
}

const actor = () => ({ userId });

describe("lists", () => {
  beforeEach(() => {
    const core = insertTeam(t.db, { name: "Core" });
    insertService(t.db, { name: "api", teamId: core.id });
    insertService(t.db, { name: "web" });
    ingestDeployments(
      t.db,
      [
        dep("api", 1),
        dep("api", 2, { status: "failure" }),
        dep("api", 3, { hotfix: true }),
        dep("web", 4),
        dep("web", 5, { environment: "staging", rollback: true }),
        dep("api", 30),
      ],
      actor(),
    );
  });

  it("filters by service and team name, status, environment, flags and window, with a COUNT of the same filters", () => {
    const q = (s: string) => listDeployments(t.db, parseDeploymentFilter(t.db, new URLSearchParams(s)).filter, { id: "finishedAt", desc: true }, page);
    expect(q("").total).toBe(6);
    expect(q("service=api").total).toBe(4);
    expect(q("team=Core").total).toBe(4);
    expect(q("team=Core&service=web").total).toBe(0);
    expect(q("status=failure").rows.map((r) => r.externalId)).toEqual(["api-2"]);
    expect(q("environment=staging").rows.map((r) => r.externalId)).toEqual(["web-5"]);
    expect(q("hotfix=yes").rows.map((r) => r.externalId)).toEqual(["api-3"]);
    expect(q("rollback=yes").total).toBe(1);
    expect(q("hotfix=no").total).toBe(5);
    // half-open window on finished time: [T0+2h, T0+5h)
    expect(q(`from=${new Date(T0 + 2 * H).toISOString()}&to=${new Date(T0 + 5 * H).toISOString()}`).rows.map((r) => r.externalId)).toEqual([
      "web-4",
      "api-3",
      "api-2",
    ]);
    // ms, and a bare date `to` includes that whole (UTC) day
    expect(q(`from=${T0 + 2 * H}&to=${T0 + 3 * H}`).total).toBe(1);
    expect(q("from=2025-01-01&to=2025-01-01").total).toBe(5);
    // the dashboard's drill-down link
    expect(q(`service=api&from=${new Date(T0).toISOString()}&to=${new Date(T0 + DAY).toISOString()}&status=success`).total).toBe(2);
  });

  it("ignores bad parameters with a notice, never throws", () => {
    const { filter, notices } = parseDeploymentFilter(
      t.db,
      new URLSearchParams("from=yesterday&to=2025-13-45&status=maybe&hotfix=perhaps&service=nope&team=Ghosts"),
    );
    expect(notices.length).toBe(6);
    expect(filter.from).toBeUndefined();
    expect(filter.status).toBeUndefined();
    expect(listDeployments(t.db, filter, { id: "finishedAt", desc: true }, page).total).toBe(0); // unknown service: nothing
    const inc = parseIncidentFilter(t.db, new URLSearchParams("severity=SEV9&state=closed&cause=magic&from=%00"));
    expect(inc.notices.length).toBe(4);
  });

  it("sorts and pages in SQL, and adds per-row commits, oldest change and incidents", () => {
    const sorted = listDeployments(t.db, {}, { id: "service", desc: false }, { limit: 2, offset: 2 });
    expect(sorted.total).toBe(6);
    expect(sorted.rows.map((r) => r.externalId)).toEqual(["api-2", "api-1"]);
    const first = listDeployments(t.db, {}, { id: "finishedAt", desc: false }, { limit: 1, offset: 0 }).rows[0];
    expect(first).toMatchObject({ externalId: "api-1", commits: 1, oldestChangeHours: 2, team: "Core", service: "api" });
  });

  it("exports the filtered rows as CSV that imports again", () => {
    const { filter } = parseDeploymentFilter(t.db, new URLSearchParams("service=web"));
    const rows = [...deploymentCsvRows(t.db, filter, { id: "finishedAt", desc: false })].flat();
    expect(rows).toEqual([
      ["web-4", "web", "production", "success", "", new Date(T0 + 4 * H).toISOString(), new Date(T0 + 2 * H).toISOString(), "false", "false"],
      ["web-5", "web", "staging", "success", "", new Date(T0 + 5 * H).toISOString(), new Date(T0 + 3 * H).toISOString(), "false", "true"],
    ]);
    const text = toCsv(DEPLOYMENT_CSV_HEADERS, rows);
    const again = importDeploymentsCsv(t.db, text, actor());
    expect(again).toMatchObject({ ok: true, created: 0, unchanged: 2 });
  });

  it("deployment detail: commits with lead times, commits after the deploy not counted, median", () => {
    const [r] = ingestDeployments(
      t.db,
      [
        dep("api", 50, {
          commits: [
            { sha: "a", committedAt: T0 + 50 * H - 3 * H },
            { sha: "b", committedAt: T0 + 50 * H - 1 * H },
            { sha: "late", committedAt: T0 + 50 * H + H },
          ],
        }),
      ],
      actor(),
    ).deployments;
    const d = getDeployment(t.db, r.id)!;
    expect(d.commits.map((c) => [c.sha, c.counted])).toEqual([
      ["a", true],
      ["b", true],
      ["late", false],
    ]);
    expect(d.leadTime).toMatchObject({ samples: 2, medianHours: 2, counts: true });
  });
});

describe("incidents edited by a person", () => {
  /** An open incident of the "api" service, created by a person, its cause left to the rule. */
  function openApiIncident(title: string, severity: "SEV1" | "SEV3", startedAt: number) {
    const svc = t.db.get<{ id: number }>(sql`SELECT id FROM services WHERE name = 'api'`)!.id;
    const created = createIncident(t.db, userId, { serviceId: svc, title, severity, startedAt, resolvedAt: null, cause: { mode: "inferred" } });
    if (!("id" in created)) throw new Error("not created");
    return created;
  }

  it("override → explicit, clear → none (stays cleared on later ingest), back to the rule → inferred", () => {
    ingestDeployments(t.db, [dep("api", 1), dep("api", 2)], actor());
    const depId = (x: string) => t.db.get<{ id: number }>(sql`SELECT id FROM deployments WHERE external_id = ${x}`)!.id;
    const created = openApiIncident("Down", "SEV1", T0 + 3 * H);
    expect(getIncident(t.db, created.id)).toMatchObject({ causeKind: "inferred", causeDeploymentId: depId("api-2") });

    expect(updateIncident(t.db, userId, created.id, { cause: { mode: "explicit", deploymentId: depId("api-1") } })).toEqual({ ok: true });
    expect(getIncident(t.db, created.id)).toMatchObject({ causeKind: "explicit", causeDeploymentId: depId("api-1") });

    expect(updateIncident(t.db, userId, created.id, { cause: { mode: "none" } })).toEqual({ ok: true });
    ingestDeployments(t.db, [dep("api", 3, { finishedAt: T0 + 3 * H })], actor());
    expect(getIncident(t.db, created.id)).toMatchObject({ causeKind: "none", causeDeploymentId: null, ruleDeploymentId: depId("api-3") });
    expect(updateIncident(t.db, userId, created.id, { resolvedAt: T0 + 4 * H })).toEqual({ ok: true });
    expect(getIncident(t.db, created.id)).toMatchObject({ causeKind: "none", resolvedAt: T0 + 4 * H, durationHours: 1 });

    expect(updateIncident(t.db, userId, created.id, { cause: { mode: "inferred" } })).toEqual({ ok: true });
    expect(getIncident(t.db, created.id)).toMatchObject({ causeKind: "inferred", causeDeploymentId: depId("api-3") });

    // a deployment of another service is refused; resolving before the start is refused
    ingestDeployments(t.db, [dep("web", 1)], actor());
    expect(updateIncident(t.db, userId, created.id, { cause: { mode: "explicit", deploymentId: depId("web-1") } })).toMatchObject({ field: "cause" });
    expect(updateIncident(t.db, userId, created.id, { resolvedAt: T0 })).toMatchObject({ field: "resolvedAt" });
    expect(updateIncident(t.db, userId, 999_999, { resolvedAt: null })).toBeNull();

    const audit = t.db.all<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'incident' ORDER BY id`).map((r) => r.action);
    expect(audit).toEqual(["create", "update", "update", "update", "update"]);
  });

  it("moving an inferred incident's start re-runs the rule", () => {
    ingestDeployments(t.db, [dep("api", 1), dep("api", 5)], actor());
    const created = openApiIncident("x", "SEV3", T0 + 6 * H);
    updateIncident(t.db, userId, created.id, { startedAt: T0 + 2 * H });
    expect(getIncident(t.db, created.id)!.causeExternalId).toBe("api-1");
  });

  it("lists incidents with filters on severity, state and cause kind, and exports explicit causes only", () => {
    ingestDeployments(t.db, [dep("api", 1)], actor());
    upsertIncidents(
      t.db,
      [
        { externalId: "i1", service: "api", title: "a", severity: "SEV1", startedAt: T0 + 2 * H, causedByDeploymentExternalId: "api-1" },
        { externalId: "i2", service: "api", title: "b", severity: "SEV2", startedAt: T0 + 3 * H, resolvedAt: T0 + 4 * H },
        { externalId: "i3", service: "web", title: "c", severity: "SEV2", startedAt: T0 + 3 * H },
      ],
      actor(),
    );
    const q = (s: string) => listIncidents(t.db, parseIncidentFilter(t.db, new URLSearchParams(s)).filter, { id: "startedAt", desc: false }, page);
    expect(q("").total).toBe(3);
    expect(q("severity=sev2").total).toBe(2);
    expect(q("state=open").rows.map((r) => r.externalId)).toEqual(["i1", "i3"]);
    expect(q("state=resolved").rows[0]).toMatchObject({ externalId: "i2", durationHours: 1, causeKind: "inferred", causeExternalId: "api-1" });
    expect(q("cause=explicit").total).toBe(1);
    expect(q("cause=unset").rows.map((r) => r.externalId)).toEqual(["i3"]);
    const rows = [...incidentCsvRows(t.db, {}, { id: "startedAt", desc: false })].flat();
    expect(rows.map((r) => r[6])).toEqual(["api-1", "", ""]);
  });
});

describe("inferred causes match the reference rule under out-of-order arrival", () => {
  it("random batches in random order give the same causes as inferCause over all the data", () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const services = ["a", "b", "c"];
    const deployments: DeploymentInput[] = [];
    for (let i = 0; i < 300; i++) {
      const finished = T0 + Math.floor(rnd() * 60) * H; // many ties on purpose
      deployments.push({
        externalId: `d${i}`,
        service: services[Math.floor(rnd() * 3)],
        environment: rnd() < 0.1 ? "staging" : "production",
        status: rnd() < 0.15 ? "failure" : "success",
        finishedAt: finished,
      });
    }
    const incidents = Array.from({ length: 80 }, (_, i) => ({
      externalId: `i${i}`,
      service: services[Math.floor(rnd() * 3)],
      title: `i${i}`,
      severity: "SEV3" as const,
      startedAt: T0 + Math.floor(rnd() * 62) * H,
    }));
    // shuffle the deployments and interleave batches of deployments and incidents
    const order = deployments.map((d, i) => ({ d, k: rnd(), i })).sort((x, y) => x.k - y.k);
    let di = 0;
    let ii = 0;
    while (di < order.length || ii < incidents.length) {
      const n = Math.ceil(rnd() * 40);
      ingestDeployments(
        t.db,
        order.slice(di, di + n).map((o) => o.d),
        actor(),
      );
      di += n;
      const m = Math.ceil(rnd() * 10);
      if (ii < incidents.length) upsertIncidents(t.db, incidents.slice(ii, ii + m), actor());
      ii += m;
    }
    const stored = t.db.all<{ id: number; service: string; environment: string; status: "success" | "failure"; finished_at: number }>(
      sql`SELECT d.id, s.name AS service, d.environment, d.status, d.finished_at FROM deployments d JOIN services s ON s.id = d.service_id`,
    );
    const svcId = new Map(services.map((s, i) => [s, i]));
    const ref: RefDeployment[] = stored.map((r) => ({
      id: r.id,
      serviceId: svcId.get(r.service)!,
      environment: r.environment,
      status: r.status,
      finishedAt: r.finished_at,
      firstCommitAt: null,
      commits: [],
      isHotfix: false,
      isRollback: false,
    }));
    const got = t.db.all<{ service: string; started_at: number; cause_deployment_id: number | null; cause_kind: string | null }>(
      sql`SELECT s.name AS service, i.started_at, i.cause_deployment_id, i.cause_kind FROM incidents i JOIN services s ON s.id = i.service_id`,
    );
    expect(got).toHaveLength(80);
    for (const g of got) {
      const expected = inferCause({ serviceId: svcId.get(g.service)!, startedAt: g.started_at }, ref);
      expect(g.cause_deployment_id).toBe(expected);
      expect(g.cause_kind).toBe(expected === null ? null : "inferred");
    }
  });
});

describe("services", () => {
  it("creates and edits a service (name, owning team) with audit entries, and lists its counts", () => {
    const core = insertTeam(t.db, { name: "Core" });
    const id = createService(t.db, userId, { name: "billing", teamId: null });
    expect(serviceNameTaken(t.db, "billing")).toBe(true);
    expect(serviceNameTaken(t.db, "billing", id)).toBe(false);
    expect(updateService(t.db, userId, id, { name: "billing-service", teamId: core.id })).toBe(true);
    expect(updateService(t.db, userId, 999, { name: "x", teamId: null })).toBe(false);
    ingestDeployments(t.db, [dep("billing-service", 1)], actor());
    upsertIncidents(t.db, [{ service: "billing-service", title: "t", severity: "SEV4", startedAt: T0 + 2 * H }], actor());
    expect(listServices(t.db)).toEqual([
      expect.objectContaining({ name: "billing-service", teamName: "Core", deployments: 1, lastDeployedAt: T0 + H, openIncidents: 1 }),
    ]);
    const audit = t.db.all<{ action: string; before: string | null; after: string }>(
      sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'service' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(JSON.parse(audit[1].before!)).toEqual({ name: "billing", teamId: null });
  });
});
