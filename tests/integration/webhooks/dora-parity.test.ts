/** The DORA figures from webhooks equal those of the same events sent through the JSON API. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { doraApiBody, getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { createApiToken } from "~/models/tokens.server";
import { action as deploymentsAction } from "~/routes/api.v1.deployments";
import { action as incidentsAction } from "~/routes/api.v1.incidents";
import type { Db } from "~/utils/db.server";
import { insertService } from "../../../seeds/builders";
import { createTestDb } from "../../helpers/db";
import { DAY, H, T0, alertmanager, amAlert, fixture, ghDeployment, ghPush, github, gitlab, iso, pagerduty, pdEvent } from "../../helpers/webhook-requests";
import { src, svc, t, webhookWorld } from "../../helpers/webhooks";

webhookWorld();

describe("the DORA figures from webhooks equal the same events sent through the JSON API", () => {
  it("deployments, commits, a failure retried, incidents from Alertmanager and PagerDuty: same five figures, overall and per service", async () => {
    const sha = (n: number) => `${n.toString(16).padStart(2, "0")}`.padEnd(40, "c");
    // --- through the webhooks
    const deliveries: Promise<{ status: number }>[] = [];
    const send = async (p: Promise<{ status: number }>) => {
      const r = await p;
      expect(r.status).toBeLessThan(300);
    };
    // day 0: two pushes, deployment 101 ships sha 2 (commits 1, 2)
    await send(
      github(
        src.gh,
        "push",
        ghPush([
          { sha: sha(1), at: T0 - 6 * H },
          { sha: sha(2), at: T0 - 3 * H },
        ]),
      ),
    );
    await send(github(src.gh, "deployment_status", ghDeployment(101, "queued", T0 - 10 * 60_000, { sha: sha(2) })));
    await send(github(src.gh, "deployment_status", ghDeployment(101, "success", T0, { sha: sha(2) })));
    // day 1: push 3, 4; deployment 102 fails, then succeeds on a retry (ships 3, 4)
    await send(github(src.gh, "push", ghPush([{ sha: sha(3), at: T0 + DAY - 5 * H }])));
    await send(github(src.gh, "push", ghPush([{ sha: sha(4), at: T0 + DAY - 2 * H }])));
    await send(github(src.gh, "deployment_status", ghDeployment(102, "failure", T0 + DAY - H, { sha: sha(4) })));
    await send(github(src.gh, "deployment_status", ghDeployment(102, "success", T0 + DAY, { sha: sha(4) })));
    // an incident after deployment 102 (inferred cause), resolved 40 min later
    await send(alertmanager(src.am, amAlert("firing", "aa01", T0 + DAY + H, null, {})));
    await send(alertmanager(src.am, amAlert("resolved", "aa01", T0 + DAY + H, T0 + DAY + H + 40 * 60_000, {})));
    // day 2: push 5; a staging deployment (ignored); deployment 103 ships 5; a failed one (104)
    await send(github(src.gh, "push", ghPush([{ sha: sha(5), at: T0 + 2 * DAY - 90 * 60_000 }])));
    await send(github(src.gh, "deployment_status", ghDeployment(110, "success", T0 + 2 * DAY - H, { env: "staging", sha: sha(5) })));
    await send(github(src.gh, "deployment_status", ghDeployment(103, "success", T0 + 2 * DAY, { sha: sha(5) })));
    await send(github(src.gh, "deployment_status", ghDeployment(104, "failure", T0 + 2 * DAY + H, { sha: sha(5) })));
    // billing: a GitLab deployment and a PagerDuty incident before it (no cause), still open
    const gl = fixture("gitlab/deployment.json");
    Object.assign(gl, {
      environment: "production",
      deployment_id: 501,
      status_changed_at: iso(T0 + 3 * DAY)
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC"),
    });
    gl.project.path_with_namespace = "mike/diaspora";
    const glPush = fixture("gitlab/push.json");
    glPush.commits = glPush.commits.map((c: any, i: number) => ({ ...c, id: sha(200 + i), timestamp: iso(T0 + 3 * DAY - (i + 1) * H) }));
    await send(gitlab(src.gl, "Push Hook", glPush));
    await send(gitlab(src.gl, "Deployment Hook", gl));
    await send(pagerduty(src.pd, pdEvent("incident.triggered", "PB1", T0 + 2 * DAY, T0 + 2 * DAY)));
    await Promise.all(deliveries);

    // --- the same events through the JSON API, on a second database
    const api = createTestDb();
    try {
      const apiDb = api.db;
      insertService(apiDb, { name: "api-gateway" });
      insertService(apiDb, { name: "billing" });
      const { token } = createApiToken(apiDb, { name: "ci", scopes: ["deployments:write", "incidents:write"], createdByUserId: null }, null);
      const apiPost = async (handler: typeof deploymentsAction, path: string, body: unknown) => {
        const res = await handler({
          request: new Request(`http://localhost${path}`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          }),
          params: {},
          context: {},
        } as ActionFunctionArgs);
        expect(res.status).toBeLessThan(300);
      };
      const commit = (n: number, at: number) => ({ sha: sha(n), committedAt: iso(at) });
      await apiPost(deploymentsAction, "/api/v1/deployments", [
        {
          externalId: "github-deployment-101",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 - 5 * 60_000),
          finishedAt: iso(T0),
          commits: [commit(1, T0 - 6 * H), commit(2, T0 - 3 * H)],
        },
        {
          externalId: "github-deployment-102",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 + DAY - 5 * 60_000),
          finishedAt: iso(T0 + DAY),
          commits: [commit(3, T0 + DAY - 5 * H), commit(4, T0 + DAY - 2 * H)],
        },
        {
          externalId: "github-deployment-103",
          service: "api-gateway",
          status: "success",
          startedAt: iso(T0 + 2 * DAY - 5 * 60_000),
          finishedAt: iso(T0 + 2 * DAY),
          commits: [commit(5, T0 + 2 * DAY - 90 * 60_000)],
        },
        {
          externalId: "github-deployment-104",
          service: "api-gateway",
          status: "failure",
          startedAt: iso(T0 + 2 * DAY + H - 5 * 60_000),
          finishedAt: iso(T0 + 2 * DAY + H),
        },
        {
          externalId: "gitlab-deployment-501",
          service: "billing",
          status: "success",
          finishedAt: iso(T0 + 3 * DAY),
          commits: [commit(200, T0 + 3 * DAY - H), commit(201, T0 + 3 * DAY - 2 * H)],
        },
      ]);
      await apiPost(incidentsAction, "/api/v1/incidents", [
        {
          externalId: `alertmanager-aa01-${T0 + DAY + H}`,
          service: "api-gateway",
          title: "HighErrorRate: 5xx ratio above 5 % for 5 minutes",
          severity: "SEV1",
          startedAt: iso(T0 + DAY + H),
          resolvedAt: iso(T0 + DAY + H + 40 * 60_000),
        },
        { externalId: "pagerduty-PB1", service: "billing", title: "A little bump in the road", severity: "SEV2", startedAt: iso(T0 + 2 * DAY) },
      ]);

      const window = { from: T0 - 7 * DAY, to: T0 + 7 * DAY };
      const viaHooks = doraApiBody(getDoraMetrics(t.db, window));
      const viaApi = doraApiBody(getDoraMetrics(apiDb, window));
      expect(viaHooks).toEqual(viaApi);
      // and the figures are the ones this scenario means (so the equality is not of two empty sets)
      expect(viaHooks.deploymentFrequency.count).toBe(4);
      expect(viaHooks.changeFailureRate).toMatchObject({ failed: 1, total: 4 });
      expect(viaHooks.timeToRestore.medianHours).toBeCloseTo(40 / 60, 6);
      // lead times: 6, 3, 5, 2, 1.5, 1, 2 h → median 2 h
      expect(viaHooks.leadTime.medianHours).toBeCloseTo(2, 6);
      for (const [name, id] of [
        ["api-gateway", svc.api],
        ["billing", svc.billing],
      ] as const) {
        const apiId = apiDb.get<{ id: number }>(sql`SELECT id FROM services WHERE name = ${name}`)!.id;
        expect(doraApiBody(getDoraMetrics(t.db, window, { serviceId: id }))).toEqual(doraApiBody(getDoraMetrics(apiDb, window, { serviceId: apiId })));
      }
      // the same rows behind them: deployments with their commits, incidents with their causes
      const rows = (d: Db) => ({
        deployments: d.all(
          sql`SELECT d.external_id, s.name, d.environment, d.status, d.finished_at, (SELECT group_concat(c.sha || '@' || c.committed_at) FROM (SELECT * FROM deployment_commits c WHERE c.deployment_id = d.id ORDER BY c.sha) c) AS commits FROM deployments d JOIN services s ON s.id = d.service_id ORDER BY d.external_id`,
        ),
        incidents: d.all(
          sql`SELECT i.external_id, s.name, i.title, i.severity, i.started_at, i.resolved_at, i.cause_kind, cd.external_id AS cause FROM incidents i JOIN services s ON s.id = i.service_id LEFT JOIN deployments cd ON cd.id = i.cause_deployment_id ORDER BY i.external_id`,
        ),
      });
      expect(rows(t.db)).toEqual(rows(apiDb));
    } finally {
      globalThis.__trackerDb = t.db;
      api.cleanup();
      globalThis.__trackerDb = t.db;
    }
  });
});
