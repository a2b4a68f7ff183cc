/** Webhook payloads of each vendor (GitHub, GitLab, Alertmanager, PagerDuty) replayed: what each writes. */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { githubSignature } from "~/lib/webhooks/signatures.server";
import { getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { createWebhookSource } from "~/models/webhooks.server";
import {
  DAY,
  GH_SECRET,
  GL_SECRET,
  H,
  T0,
  alertmanager,
  amAlert,
  enc,
  fixture,
  ghDeployment,
  ghPush,
  github,
  gitlab,
  iso,
  pagerduty,
  pdEvent,
  post,
} from "../../helpers/webhook-requests";
import { count, lastLog, remap, src, svc, t, userId, webhookWorld } from "../../helpers/webhooks";

webhookWorld();

describe("GitHub", () => {
  it("ping (the documented payload) is answered 200 and logged as ignored", async () => {
    const r = await github(src.gh, "ping", fixture("github/ping.json"), { delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ outcome: "ignored", event: "ping" });
    expect(lastLog(src.gh)).toMatchObject({ outcome: "ignored", verified: true, httpStatus: 200, deliveryId: "72d3162e-cc78-11e3-81ab-4c9367dc0958" });
  });

  it("the documented deployment_status payload creates a deployment once (idempotent on the deployment id)", async () => {
    const body = fixture("github/deployment_status.success.json");
    remap(src.gh, "GitHub", [{ matchValue: "codertocat/hello-world", serviceId: svc.api }]);
    const r = await github(src.gh, "deployment_status", body);
    expect(r.status).toBe(201);
    expect(r.json.outcome).toBe("created");
    const dep = t.db.get<any>(sql`SELECT * FROM deployments`);
    expect(dep).toMatchObject({
      external_id: "github-deployment-145988746",
      status: "success",
      environment: "production",
      finished_at: Date.parse("2019-05-15T15:20:55Z"),
      started_at: Date.parse("2019-05-15T15:20:53Z"),
    });
    const again = await github(src.gh, "deployment_status", body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("already recorded") });
    expect(count(t.db, "deployments")).toBe(1);
  });

  it("pushes store commits by sha; the deployment that ships them gets the commits up to the deployed sha", async () => {
    // two pushes before the deployment, one commit pushed during it (after the deployed sha)
    expect(
      (
        await github(
          src.gh,
          "push",
          ghPush([
            { sha: "a1".padEnd(40, "0"), at: T0 - 5 * H },
            { sha: "a2".padEnd(40, "0"), at: T0 - 4 * H },
          ]),
        )
      ).status,
    ).toBe(201);
    expect((await github(src.gh, "push", ghPush([{ sha: "a3".padEnd(40, "0"), at: T0 - 2 * H }]))).status).toBe(201);
    expect((await github(src.gh, "push", ghPush([{ sha: "a4".padEnd(40, "0"), at: T0 - 10 * 60_000 }]))).status).toBe(201);
    // a push to a feature branch and a tag push are ignored (their commits reach production when merged)
    expect((await github(src.gh, "push", ghPush([{ sha: "f1".padEnd(40, "0"), at: T0 - 3 * H }], { branch: "feature/x" }))).json.outcome).toBe("ignored");
    expect((await github(src.gh, "push", fixture("github/push.tag-deleted.json"))).json.outcome).toBe("ignored");
    // statuses on the way are ignored; the success ships a1..a3 (a4 came after the deployed sha)
    expect((await github(src.gh, "deployment_status", ghDeployment(7, "in_progress", T0 - 5 * 60_000, { sha: "a3".padEnd(40, "0") }))).json.outcome).toBe(
      "ignored",
    );
    const r = await github(src.gh, "deployment_status", ghDeployment(7, "success", T0, { sha: "a3".padEnd(40, "0") }));
    expect(r.status).toBe(201);
    expect(r.json.summary).toMatch(/3 commits from pushes/);
    const shas = t.db.all<{ sha: string }>(sql`SELECT sha FROM deployment_commits ORDER BY committed_at`).map((c) => c.sha.slice(0, 2));
    expect(shas).toEqual(["a1", "a2", "a3"]);
    // the next deployment ships what is left (a4), not again a1..a3
    const r2 = await github(src.gh, "deployment_status", ghDeployment(8, "success", T0 + H, { sha: "a4".padEnd(40, "0") }));
    expect(r2.json.summary).toMatch(/1 commit from pushes/);
    expect(count(t.db, "deployment_commits")).toBe(4);
    expect(count(t.db, "webhook_commits", "deployment_id IS NULL")).toBe(0);
    // a replayed push changes nothing
    const replay = await github(src.gh, "push", ghPush([{ sha: "a3".padEnd(40, "0"), at: T0 - 2 * H }]));
    expect(replay.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("already known") });
  });

  it("a later status of the same deployment updates it: failure → success takes the waiting commits; success → failure releases them", async () => {
    await github(src.gh, "push", ghPush([{ sha: "b1".padEnd(40, "0"), at: T0 - 3 * H }]));
    let r = await github(src.gh, "deployment_status", ghDeployment(20, "error", T0, { sha: "b1".padEnd(40, "0") }));
    expect(r.status).toBe(201);
    expect(t.db.get<{ s: string }>(sql`SELECT status AS s FROM deployments`)!.s).toBe("failure");
    expect(count(t.db, "deployment_commits")).toBe(0);
    r = await github(src.gh, "deployment_status", ghDeployment(20, "success", T0 + 30 * 60_000, { sha: "b1".padEnd(40, "0") }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ outcome: "updated", summary: expect.stringContaining("failure → success, 1 commit") });
    expect(t.db.get<any>(sql`SELECT status, finished_at FROM deployments`)).toEqual({ status: "success", finished_at: T0 + 30 * 60_000 });
    expect(count(t.db, "deployment_commits")).toBe(1);
    r = await github(src.gh, "deployment_status", ghDeployment(20, "failure", T0 + H, { sha: "b1".padEnd(40, "0") }));
    expect(r.json).toMatchObject({ outcome: "updated", summary: expect.stringContaining("success → failure, 1 commit released") });
    expect(count(t.db, "deployment_commits")).toBe(0);
    expect(count(t.db, "webhook_commits", "deployment_id IS NULL")).toBe(1);
    expect(count(t.db, "deployments")).toBe(1);
    // the rollups follow the change (no successful deployment left)
    expect(getDoraMetrics(t.db, { from: T0 - DAY, to: T0 + DAY }).deploymentFrequency.count).toBe(0);
  });

  it("a deployment to another environment is ignored; an unmapped repository is refused (202) with the reason; the default service catches it", async () => {
    let r = await github(src.gh, "deployment_status", ghDeployment(30, "success", T0, { env: "staging" }));
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", reason: expect.stringContaining('environment "staging"') } });
    r = await github(src.gh, "deployment_status", ghDeployment(31, "success", T0, { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(202);
    expect(r.json).toMatchObject({ outcome: "refused", reason: expect.stringMatching(/^unmapped service: repository \(owner\/name\) "InnovaTech\/unknown"/) });
    r = await github(src.gh, "push", ghPush([{ sha: "c1".padEnd(40, "0"), at: T0 - H }], { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(202);
    expect(count(t.db, "deployments") + count(t.db, "webhook_commits")).toBe(0);
    remap(src.gh, "GitHub", [], svc.billing);
    r = await github(src.gh, "deployment_status", ghDeployment(31, "success", T0, { repo: "InnovaTech/unknown" }));
    expect(r.status).toBe(201);
    expect(t.db.get<{ n: string }>(sql`SELECT s.name AS n FROM deployments d JOIN services s ON s.id = d.service_id`)!.n).toBe("billing");
  });

  it("an unknown event is accepted and ignored (200) so GitHub keeps the hook; a form-encoded payload is read too", async () => {
    const r = await github(src.gh, "issues", { action: "opened" });
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", reason: expect.stringContaining("event issues is not used") } });
    const form = `payload=${encodeURIComponent(JSON.stringify(fixture("github/ping.json")))}`;
    const f = await post(src.gh, form, {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-GitHub-Event": "ping",
      "X-Hub-Signature-256": githubSignature(GH_SECRET, enc(form)),
    });
    expect(f).toMatchObject({ status: 200, json: { outcome: "ignored", event: "ping" } });
  });
});

describe("GitLab", () => {
  it("the documented Push Hook stores the listed commits; the documented Deployment Hook (staging) is ignored unless staging is the production environment", async () => {
    let r = await gitlab(src.gl, "Push Hook", fixture("gitlab/push.json"));
    expect(r.status).toBe(201);
    expect(r.json.summary).toMatch(/2 commits of billing \(master\) stored.*2 more not listed/);
    r = await gitlab(src.gl, "Deployment Hook", fixture("gitlab/deployment.json"));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining('environment "staging"') });
    const gl2 = createWebhookSource(
      t.db,
      userId,
      {
        kind: "gitlab",
        name: "GitLab staging",
        productionEnvironment: "staging",
        serviceLabel: "service",
        defaultServiceId: null,
        mappings: [{ matchValue: "root/test-deployment-webhooks", serviceId: svc.billing }],
      },
      GL_SECRET,
    ).id;
    r = await gitlab(gl2, "Deployment Hook", fixture("gitlab/deployment.json"));
    expect(r.status).toBe(201);
    expect(t.db.get<any>(sql`SELECT external_id, status, finished_at FROM deployments`)).toEqual({
      external_id: "gitlab-deployment-15",
      status: "success",
      finished_at: Date.UTC(2021, 3, 28, 19, 50),
    });
  });

  it("a deployment known only by its short sha takes the pushed commits up to that commit", async () => {
    const push = fixture("gitlab/push.json");
    const shas = ["1111111aaaa", "2222222bbbb", "3333333cccc"].map((p) => p.padEnd(40, "0"));
    push.commits = shas.map((id, i) => ({ ...push.commits[0], id, timestamp: iso(T0 - (3 - i) * H) }));
    push.total_commits_count = 3;
    expect((await gitlab(src.gl, "Push Hook", push)).status).toBe(201);
    const dep = fixture("gitlab/deployment.json");
    Object.assign(dep, {
      environment: "production",
      deployment_id: 77,
      short_sha: "2222222b",
      commit_url: null,
      status_changed_at: iso(T0)
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC"),
    });
    dep.project.path_with_namespace = "mike/diaspora";
    const r = await gitlab(src.gl, "Deployment Hook", dep);
    expect(r.json.summary).toMatch(/2 commits from pushes/);
    expect(t.db.all<{ sha: string }>(sql`SELECT sha FROM deployment_commits ORDER BY sha`).map((c) => c.sha)).toEqual(shas.slice(0, 2));
  });

  it("failed then success for the same deployment_id updates it", async () => {
    const dep = fixture("gitlab/deployment.json");
    dep.environment = "production";
    dep.project.path_with_namespace = "mike/diaspora";
    dep.status = "failed";
    dep.status_changed_at = "2025-01-10 10:00:00 +0100";
    expect((await gitlab(src.gl, "Deployment Hook", dep)).status).toBe(201);
    dep.status = "running";
    expect((await gitlab(src.gl, "Deployment Hook", dep)).json.outcome).toBe("ignored");
    dep.status = "success";
    dep.status_changed_at = "2025-01-10 10:20:00 +0100";
    const r = await gitlab(src.gl, "Deployment Hook", dep);
    expect(r.json).toMatchObject({ outcome: "updated" });
    expect(t.db.get<any>(sql`SELECT status, finished_at FROM deployments`)).toEqual({ status: "success", finished_at: Date.UTC(2025, 0, 10, 9, 20) });
  });
});

describe("Alertmanager", () => {
  it("the documented firing then resolved notifications open and resolve one incident, keyed on fingerprint + start", async () => {
    let r = await alertmanager(src.am, fixture("alertmanager/firing.json"));
    expect(r.status).toBe(201);
    const inc = () => t.db.get<any>(sql`SELECT i.*, s.name AS service FROM incidents i JOIN services s ON s.id = i.service_id`);
    expect(inc()).toMatchObject({
      service: "api-gateway",
      severity: "SEV1",
      started_at: Date.UTC(2025, 10, 20, 9, 12, 5, 123),
      resolved_at: null,
      title: "HighErrorRate: 5xx ratio above 5 % for 5 minutes",
    });
    // Alertmanager repeats a firing notification (repeat_interval): nothing changes
    r = await alertmanager(src.am, fixture("alertmanager/firing.json"));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("unchanged") });
    r = await alertmanager(src.am, fixture("alertmanager/resolved.json"));
    expect(r).toMatchObject({ status: 200, json: { outcome: "updated" } });
    expect(inc().resolved_at).toBe(Date.UTC(2025, 10, 20, 9, 38, 50, 456));
    expect(count(t.db, "incidents")).toBe(1);
    // the same alert firing again later is a new incident
    r = await alertmanager(src.am, amAlert("firing", "c4a3f5b1d2e6a798", Date.UTC(2025, 10, 20, 15, 0), null, {}));
    expect(r.status).toBe(201);
    expect(count(t.db, "incidents")).toBe(2);
  });

  it("an alert whose service label matches no rule is refused (202) with the reason; mixed notifications write the mapped alerts", async () => {
    const other = amAlert("firing", "f00", T0, null, { service: "search" });
    let r = await alertmanager(src.am, other);
    expect(r.status).toBe(202);
    expect(r.json.reason).toMatch(/^unmapped service: value of the service label "search"/);
    expect(count(t.db, "incidents")).toBe(0);
    const mixed = amAlert("firing", "f01", T0, null, {});
    mixed.alerts.push({ ...other.alerts[0] });
    r = await alertmanager(src.am, mixed);
    expect(r.status).toBe(201);
    expect(r.json.reason).toMatch(/1 alert skipped, unmapped service: search/);
    expect(count(t.db, "incidents")).toBe(1);
  });
});

describe("PagerDuty", () => {
  it("triggered, acknowledged, resolved, reopened; notes are ignored", async () => {
    let r = await pagerduty(src.pd, pdEvent("incident.triggered", "PQ1", T0, T0));
    expect(r.status).toBe(201);
    r = await pagerduty(src.pd, pdEvent("incident.acknowledged", "PQ1", T0, T0 + 60_000));
    expect(r.json).toMatchObject({ outcome: "ignored", reason: expect.stringContaining("unchanged") });
    r = await pagerduty(src.pd, fixture("pagerduty/incident.annotated.json"));
    expect(r).toMatchObject({ status: 200, json: { outcome: "ignored", event: "incident.annotated" } });
    r = await pagerduty(src.pd, pdEvent("incident.resolved", "PQ1", T0, T0 + 25 * 60_000));
    expect(r.json.outcome).toBe("updated");
    expect(t.db.get<any>(sql`SELECT severity, resolved_at, external_id FROM incidents`)).toEqual({
      severity: "SEV2",
      resolved_at: T0 + 25 * 60_000,
      external_id: "pagerduty-PQ1",
    });
    r = await pagerduty(src.pd, pdEvent("incident.reopened", "PQ1", T0, T0 + H));
    expect(r.json.outcome).toBe("updated");
    expect(t.db.get<any>(sql`SELECT resolved_at FROM incidents`).resolved_at).toBeNull();
  });

  it("the documented priority_updated example maps by the PagerDuty service name or id", async () => {
    remap(src.pd, "PagerDuty", [{ matchValue: "PF9KMXH", serviceId: svc.api }]);
    const r = await pagerduty(src.pd, fixture("pagerduty/incident.priority_updated.json"));
    expect(r.status).toBe(201);
    expect(t.db.get<any>(sql`SELECT severity, service_id FROM incidents`)).toEqual({ severity: "SEV1", service_id: svc.api });
  });
});
