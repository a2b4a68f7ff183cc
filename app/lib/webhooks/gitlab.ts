/**
 * GitLab webhook payloads → tracker events (pure). Shapes as GitLab documents them
 * (doc/user/project/integrations/webhook_events.md; fixtures in tests/fixtures/webhooks/gitlab/):
 * - `Deployment Hook` (object_kind "deployment"): `status` (running, success, failed, canceled…),
 *   `status_changed_at` ("2021-04-28 21:50:00 +0200"), `deployment_id`, `environment`,
 *   `project.path_with_namespace`, `short_sha`, `commit_url` (ends with the full sha).
 * - `Push Hook` (object_kind "push"): `ref`, `commits[].id` / `.timestamp` (the newest 20 only),
 *   `total_commits_count`, `project.path_with_namespace`, `project.default_branch`.
 * Any other event is accepted and ignored.
 */
import { z } from "zod";
import { describeIssues, vendorInstant } from "./common";
import { logText } from "./log-texts";
import type { ParsedDelivery } from "./types";

const instant = vendorInstant("must be a date-time with a zone");

const project = z.object({
  path_with_namespace: z.string().min(1).max(300),
  default_branch: z.string().max(255).nullish(),
});

const DeploymentPayload = z.object({
  object_kind: z.literal("deployment"),
  status: z.string().max(40),
  status_changed_at: instant,
  deployment_id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]),
  environment: z.string().max(255),
  project,
  short_sha: z.string().max(100).nullish(),
  commit_url: z.string().max(2000).nullish(),
});

const PushPayload = z.object({
  object_kind: z.literal("push"),
  ref: z.string().max(300),
  after: z.string().max(100).nullish(),
  commits: z
    .array(z.object({ id: z.string().min(4).max(100), timestamp: instant }))
    .max(5000)
    .nullish(),
  total_commits_count: z.number().int().nonnegative().nullish(),
  project,
});

const OUTCOME: Record<string, "success" | "failure"> = { success: "success", failed: "failure" };

const ZERO_SHA = /^0{40}$/;

export function parseGitlab(eventHeader: string | null, body: unknown): ParsedDelivery {
  const event = (eventHeader ?? "").trim();
  if (!event) return { kind: "invalid", event: "(none)", reason: logText("eventHeaderMissing", { header: "X-Gitlab-Event" }) };
  if (event === "Deployment Hook") {
    const p = DeploymentPayload.safeParse(body);
    if (!p.success) return { kind: "invalid", event, reason: describeIssues(p.error) };
    const d = p.data;
    const state = d.status.toLowerCase();
    const status = OUTCOME[state];
    const label = `${event} (${state})`;
    if (!status) return { kind: "ignore", event: label, reason: logText("gitlabStatusNotOutcome", { state }) };
    const fromUrl = /\/commit\/([0-9a-f]{40})\/?$/i.exec(d.commit_url ?? "")?.[1];
    return {
      kind: "event",
      event: label,
      data: {
        type: "deployment",
        serviceKey: d.project.path_with_namespace,
        externalId: `gitlab-deployment-${d.deployment_id}`,
        environment: d.environment,
        status,
        startedAt: null,
        finishedAt: d.status_changed_at,
        sha: fromUrl?.toLowerCase() ?? d.short_sha ?? null,
      },
    };
  }
  if (event === "Push Hook") {
    const p = PushPayload.safeParse(body);
    if (!p.success) return { kind: "invalid", event, reason: describeIssues(p.error) };
    const d = p.data;
    if (!d.ref.startsWith("refs/heads/")) return { kind: "ignore", event, reason: logText("pushNotBranch", { ref: d.ref }) };
    const branch = d.ref.slice("refs/heads/".length);
    if (d.after && ZERO_SHA.test(d.after)) return { kind: "ignore", event, reason: logText("branchDeleted", { branch }) };
    const defaultBranch = d.project.default_branch;
    if (defaultBranch && branch !== defaultBranch) {
      return { kind: "ignore", event, reason: logText("pushOtherBranch", { branch, defaultBranch }) };
    }
    const commits = (d.commits ?? []).map((c) => ({ sha: c.id, committedAt: c.timestamp }));
    if (commits.length === 0) return { kind: "ignore", event, reason: logText("pushEmpty", { branch }) };
    const unlisted = Math.max(0, (d.total_commits_count ?? commits.length) - commits.length);
    return { kind: "event", event, data: { type: "push", serviceKey: d.project.path_with_namespace, branch, commits, unlisted } };
  }
  return { kind: "ignore", event, reason: logText("gitlabUnused", { event }) };
}
