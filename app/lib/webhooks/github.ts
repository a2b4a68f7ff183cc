/**
 * GitHub webhook payloads → tracker events (pure). Shapes as GitHub documents them (octokit/webhooks
 * payload schemas; fixtures in tests/fixtures/webhooks/github/):
 * - `deployment_status`: `deployment_status.state` (pending, queued, in_progress, waiting, success,
 *   failure, error; "inactive" from the REST API), `deployment_status.created_at`, `deployment.id`,
 *   `deployment.sha`, `deployment.environment`, `deployment.created_at`, `repository.full_name`.
 * - `push`: `ref`, `deleted`, `commits[].id` / `.timestamp`, `repository.full_name`, `repository.default_branch`.
 * - `ping`: sent when the hook is created.
 * Any other event is accepted and ignored.
 */
import { z } from "zod";
import { describeIssues, vendorInstant } from "./common";
import { logText } from "./log-texts";
import type { ParsedDelivery, PushedCommit } from "./types";

const instant = vendorInstant("must be an ISO 8601 date-time with a zone");

const repository = z.object({
  full_name: z.string().min(1).max(200),
  default_branch: z.string().max(255).nullish(),
});

const DeploymentStatusPayload = z.object({
  deployment_status: z.object({
    state: z.string().max(40),
    environment: z.string().max(255).nullish(),
    created_at: instant,
  }),
  deployment: z.object({
    id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]),
    sha: z.string().max(100).nullish(),
    environment: z.string().max(255).nullish(),
    created_at: instant.nullish(),
  }),
  repository,
});

const PushPayload = z.object({
  ref: z.string().max(300),
  deleted: z.boolean().nullish(),
  commits: z
    .array(z.object({ id: z.string().min(4).max(100), timestamp: instant }))
    .max(5000)
    .nullish(),
  repository,
});

const PingPayload = z.object({ zen: z.string().nullish(), hook_id: z.number().nullish() });

/** The outcome states of a GitHub deployment; the others are steps on the way or bookkeeping. */
const OUTCOME: Record<string, "success" | "failure"> = { success: "success", failure: "failure", error: "failure" };

export function parseGithub(eventHeader: string | null, body: unknown): ParsedDelivery {
  const event = (eventHeader ?? "").trim();
  if (!event) return { kind: "invalid", event: "(none)", reason: logText("eventHeaderMissing", { header: "X-GitHub-Event" }) };
  if (event === "ping") {
    const p = PingPayload.safeParse(body);
    const reason = p.success && p.data.hook_id != null ? logText("pingHook", { hook: p.data.hook_id }) : logText("ping");
    return { kind: "ignore", event, reason };
  }
  if (event === "deployment_status") {
    const p = DeploymentStatusPayload.safeParse(body);
    if (!p.success) return { kind: "invalid", event, reason: describeIssues(p.error) };
    const { deployment_status: ds, deployment, repository: repo } = p.data;
    const state = ds.state.toLowerCase();
    const status = OUTCOME[state];
    const label = `${event} (${state})`;
    if (!status) {
      return {
        kind: "ignore",
        event: label,
        reason: state === "inactive" ? logText("stateInactive") : logText("stateNotOutcome", { state }),
      };
    }
    const startedAt = deployment.created_at ?? null;
    return {
      kind: "event",
      event: label,
      data: {
        type: "deployment",
        serviceKey: repo.full_name,
        externalId: `github-deployment-${deployment.id}`,
        environment: ds.environment ?? deployment.environment ?? "",
        status,
        startedAt: startedAt !== null && startedAt <= ds.created_at ? startedAt : null,
        finishedAt: ds.created_at,
        sha: deployment.sha ?? null,
      },
    };
  }
  if (event === "push") {
    const p = PushPayload.safeParse(body);
    if (!p.success) return { kind: "invalid", event, reason: describeIssues(p.error) };
    const { ref, deleted, commits, repository: repo } = p.data;
    if (!ref.startsWith("refs/heads/")) return { kind: "ignore", event, reason: logText("pushNotBranch", { ref }) };
    const branch = ref.slice("refs/heads/".length);
    if (deleted) return { kind: "ignore", event, reason: logText("branchDeleted", { branch }) };
    if (repo.default_branch && branch !== repo.default_branch) {
      return { kind: "ignore", event, reason: logText("pushOtherBranch", { branch, defaultBranch: repo.default_branch }) };
    }
    const list: PushedCommit[] = (commits ?? []).map((c) => ({ sha: c.id, committedAt: c.timestamp }));
    if (list.length === 0) return { kind: "ignore", event, reason: logText("pushEmpty", { branch }) };
    return { kind: "event", event, data: { type: "push", serviceKey: repo.full_name, branch, commits: list, unlisted: 0 } };
  }
  return {
    kind: "ignore",
    event,
    reason: logText("githubUnused", { event }),
  };
}
