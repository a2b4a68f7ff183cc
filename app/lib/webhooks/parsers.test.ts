/** Vendor payloads (the documented fixtures) → normalized events. */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAlertmanager } from "./alertmanager";
import { parseVendorInstant, severityFromLabel } from "./common";
import { parseGithub } from "./github";
import { parseGitlab } from "./gitlab";
import { mappingText, parseMappingText, resolveService } from "./mapping";
import { pagerDutySeverity, parsePagerDuty } from "./pagerduty";

const FIXTURES = new URL("../../../tests/fixtures/webhooks/", import.meta.url);
function fixture(name: string): any {
  return JSON.parse(fs.readFileSync(new URL(name, FIXTURES), "utf8"));
}

describe("vendor instants", () => {
  it.each([
    ["2019-05-15T15:20:55Z", Date.UTC(2019, 4, 15, 15, 20, 55)],
    ["2011-12-12T14:27:31+02:00", Date.UTC(2011, 11, 12, 12, 27, 31)],
    ["2021-04-28 21:50:00 +0200", Date.UTC(2021, 3, 28, 19, 50, 0)],
    ["2025-01-15 12:20:00 UTC", Date.UTC(2025, 0, 15, 12, 20, 0)],
    ["2025-11-20T09:12:05.123Z", Date.UTC(2025, 10, 20, 9, 12, 5, 123)],
    ["2020-10-02T18:45:22.169Z", Date.UTC(2020, 9, 2, 18, 45, 22, 169)],
  ])("%s", (text, ms) => expect(parseVendorInstant(text)).toBe(ms));

  it.each(["2021-02-30T00:00:00Z", "2021-04-28 21:50:00", "yesterday", "", "2021-04-28T25:00:00Z", 12345, null])("refuses %s", (v) =>
    expect(parseVendorInstant(v)).toBeNull(),
  );
});

describe("GitHub", () => {
  it("deployment_status success → a successful deployment keyed on the deployment id", () => {
    const r = parseGithub("deployment_status", fixture("github/deployment_status.success.json"));
    expect(r).toEqual({
      kind: "event",
      event: "deployment_status (success)",
      data: {
        type: "deployment",
        serviceKey: "Codertocat/Hello-World",
        externalId: "github-deployment-145988746",
        environment: "production",
        status: "success",
        startedAt: Date.UTC(2019, 4, 15, 15, 20, 53),
        finishedAt: Date.UTC(2019, 4, 15, 15, 20, 55),
        sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      },
    });
  });

  it.each([
    ["failure", "failure"],
    ["error", "failure"],
  ])("state %s → %s", (state, status) => {
    const body = fixture("github/deployment_status.success.json");
    body.deployment_status.state = state;
    const r = parseGithub("deployment_status", body);
    expect(r.kind === "event" && r.data.type === "deployment" && r.data.status).toBe(status);
  });

  it.each(["pending", "queued", "in_progress", "waiting", "inactive"])("state %s is ignored with its reason", (state) => {
    const body = fixture("github/deployment_status.success.json");
    body.deployment_status.state = state;
    const r = parseGithub("deployment_status", body);
    expect(r.kind).toBe("ignore");
    expect(r.kind === "ignore" && r.reason).toContain(state);
  });

  it("push to the default branch → its commits with their times", () => {
    const r = parseGithub("push", fixture("github/push.json"));
    expect(r).toEqual({
      kind: "event",
      event: "push",
      data: {
        type: "push",
        serviceKey: "Codertocat/Hello-World",
        branch: "master",
        commits: [{ sha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", committedAt: Date.UTC(2019, 4, 15, 15, 19, 25) }],
        unlisted: 0,
      },
    });
  });

  it("push of a tag, to another branch, or without commits is ignored", () => {
    expect(parseGithub("push", fixture("github/push.tag-deleted.json"))).toMatchObject({
      kind: "ignore",
      reason: expect.stringContaining("refs/tags/simple-tag"),
    });
    const other = fixture("github/push.json");
    other.ref = "refs/heads/feature/x";
    expect(parseGithub("push", other)).toMatchObject({ kind: "ignore", reason: expect.stringContaining("not the default branch master") });
    const empty = fixture("github/push.json");
    empty.commits = [];
    expect(parseGithub("push", empty).kind).toBe("ignore");
  });

  it("ping is answered and ignored; other events are ignored; a missing header or a broken shape is invalid", () => {
    expect(parseGithub("ping", fixture("github/ping.json"))).toMatchObject({ kind: "ignore", reason: expect.stringContaining("hook 109948940") });
    expect(parseGithub("issues", {})).toMatchObject({ kind: "ignore", event: "issues" });
    expect(parseGithub(null, {}).kind).toBe("invalid");
    const broken = fixture("github/deployment_status.success.json");
    delete broken.deployment.id;
    expect(parseGithub("deployment_status", broken)).toMatchObject({ kind: "invalid", reason: expect.stringContaining("deployment.id") });
    const badTime = fixture("github/deployment_status.success.json");
    badTime.deployment_status.created_at = "soon";
    expect(parseGithub("deployment_status", badTime)).toMatchObject({ kind: "invalid", reason: expect.stringContaining("deployment_status.created_at") });
    expect(parseGithub("push", "not an object").kind).toBe("invalid");
  });
});

describe("GitLab", () => {
  it("Deployment Hook → a deployment with GitLab's time format and the full sha from commit_url", () => {
    const r = parseGitlab("Deployment Hook", fixture("gitlab/deployment.json"));
    expect(r).toEqual({
      kind: "event",
      event: "Deployment Hook (success)",
      data: {
        type: "deployment",
        serviceKey: "root/test-deployment-webhooks",
        externalId: "gitlab-deployment-15",
        environment: "staging",
        status: "success",
        startedAt: null,
        finishedAt: Date.UTC(2021, 3, 28, 19, 50, 0),
        sha: "279484c09fbe69ededfced8c1bb6e6d24616b468",
      },
    });
  });

  it("failed → failure; running and canceled are ignored", () => {
    const body = fixture("gitlab/deployment.json");
    body.status = "failed";
    expect(parseGitlab("Deployment Hook", body)).toMatchObject({ kind: "event", data: { status: "failure" } });
    for (const status of ["running", "canceled", "created", "blocked"]) {
      body.status = status;
      expect(parseGitlab("Deployment Hook", body).kind).toBe("ignore");
    }
  });

  it("Push Hook → the listed commits, and how many GitLab left out", () => {
    const r = parseGitlab("Push Hook", fixture("gitlab/push.json"));
    expect(r).toEqual({
      kind: "event",
      event: "Push Hook",
      data: {
        type: "push",
        serviceKey: "mike/diaspora",
        branch: "master",
        commits: [
          { sha: "b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327", committedAt: Date.UTC(2011, 11, 12, 12, 27, 31) },
          { sha: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", committedAt: Date.UTC(2012, 0, 3, 21, 36, 29) },
        ],
        unlisted: 2,
      },
    });
  });

  it("other events are ignored; a broken shape is invalid", () => {
    expect(parseGitlab("Issue Hook", {}).kind).toBe("ignore");
    expect(parseGitlab("Push Hook", { object_kind: "push" }).kind).toBe("invalid");
    expect(parseGitlab(null, {}).kind).toBe("invalid");
  });
});

describe("Alertmanager", () => {
  it("firing → an open incident keyed on fingerprint and start, severity and service from labels", () => {
    const r = parseAlertmanager(fixture("alertmanager/firing.json"), { serviceLabel: "service" });
    const startedAt = Date.UTC(2025, 10, 20, 9, 12, 5, 123);
    expect(r).toEqual({
      kind: "event",
      event: "alerts (firing)",
      data: {
        type: "incidents",
        truncated: 0,
        incidents: [
          {
            serviceKeys: ["api-gateway"],
            externalId: `alertmanager-c4a3f5b1d2e6a798-${startedAt}`,
            title: "HighErrorRate: 5xx ratio above 5 % for 5 minutes",
            severity: "SEV1",
            startedAt,
          },
        ],
      },
    });
  });

  it("resolved → the same key, resolved at endsAt; the label the source names is the service", () => {
    const r = parseAlertmanager(fixture("alertmanager/resolved.json"), { serviceLabel: "job" });
    expect(r).toMatchObject({
      kind: "event",
      data: { incidents: [{ serviceKeys: ["api-gateway"], resolvedAt: Date.UTC(2025, 10, 20, 9, 38, 50, 456), severity: "SEV1" }] },
    });
    const fired = parseAlertmanager(fixture("alertmanager/firing.json"), { serviceLabel: "service" });
    if (r.kind !== "event" || fired.kind !== "event" || r.data.type !== "incidents" || fired.data.type !== "incidents") throw new Error("parse");
    expect(r.data.incidents[0].externalId).toBe(fired.data.incidents[0].externalId);
  });

  it("an unknown severity becomes SEV3 with a note; a missing label gives no service key", () => {
    const body = fixture("alertmanager/firing.json");
    body.alerts[0].labels.severity = "spicy";
    delete body.alerts[0].labels.service;
    const r = parseAlertmanager(body, { serviceLabel: "service" });
    expect(r).toMatchObject({ data: { incidents: [{ severity: "SEV3", severityNote: expect.stringContaining("spicy"), serviceKeys: [] }] } });
  });

  it("bad times or shapes are invalid; an empty notification is ignored", () => {
    const body = fixture("alertmanager/resolved.json");
    body.alerts[0].endsAt = "2025-11-20T09:00:00Z";
    expect(parseAlertmanager(body, { serviceLabel: "service" })).toMatchObject({ kind: "invalid", reason: expect.stringContaining("before startsAt") });
    expect(parseAlertmanager({ alerts: "x" }, { serviceLabel: "service" }).kind).toBe("invalid");
    expect(parseAlertmanager({ version: "4", status: "firing", alerts: [] }, { serviceLabel: "service" }).kind).toBe("ignore");
  });
});

describe("PagerDuty v3", () => {
  it("incident.triggered → an open incident, severity from the priority", () => {
    const r = parsePagerDuty(fixture("pagerduty/incident.triggered.json"));
    expect(r).toEqual({
      kind: "event",
      event: "incident.triggered",
      data: {
        type: "incidents",
        truncated: 0,
        incidents: [
          {
            serviceKeys: ["API Service", "PF9KMXH"],
            externalId: "pagerduty-PGR0VU2",
            title: "A little bump in the road",
            severity: "SEV1",
            startedAt: Date.UTC(2020, 3, 9, 15, 16, 27),
          },
        ],
      },
    });
  });

  it("incident.resolved → resolved at occurred_at; reopened → open again; priority_updated keeps it open", () => {
    expect(parsePagerDuty(fixture("pagerduty/incident.resolved.json"))).toMatchObject({
      data: { incidents: [{ resolvedAt: Date.UTC(2020, 3, 9, 15, 41, 2) }] },
    });
    const reopened = fixture("pagerduty/incident.priority_updated.json");
    reopened.event.event_type = "incident.reopened";
    expect(parsePagerDuty(reopened)).toMatchObject({ data: { incidents: [{ resolvedAt: null }] } });
    const updated = parsePagerDuty(fixture("pagerduty/incident.priority_updated.json"));
    expect(updated.kind === "event" && updated.data.type === "incidents" && "resolvedAt" in updated.data.incidents[0]).toBe(false);
  });

  it("notes and unknown events are ignored; a broken envelope is invalid", () => {
    expect(parsePagerDuty(fixture("pagerduty/incident.annotated.json"))).toMatchObject({ kind: "ignore", event: "incident.annotated" });
    expect(parsePagerDuty({ event: { event_type: "pagey.ping", data: {} } }).kind).toBe("ignore");
    expect(parsePagerDuty({ nope: 1 }).kind).toBe("invalid");
    const broken = fixture("pagerduty/incident.triggered.json");
    broken.event.data.created_at = "later";
    expect(parsePagerDuty(broken)).toMatchObject({ kind: "invalid", reason: expect.stringContaining("event.data.created_at") });
  });

  it.each([
    ["P1", "high", "SEV1"],
    ["P2", "low", "SEV2"],
    ["P3", null, "SEV3"],
    ["P5", null, "SEV4"],
    [null, "high", "SEV2"],
    [null, "low", "SEV3"],
    [null, null, "SEV3"],
  ])("severity of priority %s / urgency %s = %s", (p, u, sev) => expect(pagerDutySeverity(p, u)).toBe(sev));
});

describe("severity labels", () => {
  it.each([
    ["critical", "SEV1"],
    ["Page", "SEV1"],
    ["sev2", "SEV2"],
    ["SEV-3", "SEV3"],
    ["p1", "SEV1"],
    ["p5", "SEV4"],
    ["high", "SEV2"],
    ["warning", "SEV3"],
    ["info", "SEV4"],
    ["banana", null],
    ["", null],
    [null, null],
  ])("%s → %s", (label, sev) => expect(severityFromLabel(label)).toBe(sev));
});

describe("service mapping", () => {
  const rules = [
    { matchValue: "InnovaTech/API-Gateway", serviceId: 1 },
    { matchValue: "innovatech/billing", serviceId: 2 },
  ];
  it("matches case-insensitively, tries keys in order, falls back to the default, else null", () => {
    expect(resolveService(rules, null, ["innovatech/api-gateway"])).toEqual({ serviceId: 1, matched: "innovatech/api-gateway" });
    expect(resolveService(rules, null, ["nope", "INNOVATECH/BILLING"])).toEqual({ serviceId: 2, matched: "INNOVATECH/BILLING" });
    expect(resolveService(rules, 9, ["other/repo"])).toEqual({ serviceId: 9, matched: "default" });
    expect(resolveService(rules, null, ["other/repo"])).toBeNull();
    expect(resolveService(rules, null, [])).toBeNull();
  });

  it("parses the rule lines, naming every bad line", () => {
    const r = parseMappingText(
      "# comment\n\ninnovatech/api = api-gateway\nmike/diaspora -> web-app\nPF9KMXH → payments\nno separator\nINNOVATECH/API = other\n",
    );
    expect(r.lines).toEqual([
      { line: 3, matchValue: "innovatech/api", serviceName: "api-gateway" },
      { line: 4, matchValue: "mike/diaspora", serviceName: "web-app" },
      { line: 5, matchValue: "PF9KMXH", serviceName: "payments" },
    ]);
    expect(r.errors).toEqual(['line 6: write "<value> = <service>"', 'line 7: "INNOVATECH/API" is already mapped on line 3']);
    expect(mappingText([{ matchValue: "a/b", serviceName: "svc" }])).toBe("a/b = svc");
  });
});
