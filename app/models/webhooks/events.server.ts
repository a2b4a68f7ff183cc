/**
 * What a verified delivery writes: deployments (with the pushed commits waiting in `webhook_commits`,
 * docs/decisions/303) and incidents, through the same ingestion as the JSON API (`ingestDeployments`,
 * `upsertIncidents`), as the system with the source named in the audit trail.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { PRODUCTION } from "~/lib/metrics/delivery";
import { countedLogText, joinLogParts, logText } from "~/lib/webhooks/log-texts";
import { resolveService } from "~/lib/webhooks/mapping";
import type { DeploymentEvent, IncidentsEvent, PushEvent } from "~/lib/webhooks/types";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import {
  addDeploymentCommits,
  deploymentInputSchema,
  findDeploymentByExternalId,
  findIncidentByExternalId,
  incidentInputSchema,
  ingestDeployments,
  MIN_PLAUSIBLE_INSTANT,
  removeDeploymentCommits,
  updateDeploymentOutcome,
  upsertIncidents,
  type IncidentInput,
} from "~/models/delivery.server";
import { type Applied, type SourceRow, ignored, iso, refused, rulesOf, serviceName, unmapped } from "~/models/webhooks/receive.server";
import { MAX_ATTACH, MAX_COMMIT_AGE_MS, MS_PER_DAY, wc } from "~/models/webhooks/sources.server";
import { ApiInputError } from "~/utils/api.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// Deployments and pushed commits
// ---------------------------------------------------------------------------------------------------

/**
 * The commits waiting for a deployment of the service, up to `cutoff`: the deployed commit's own time
 * when its sha was pushed here, else the deployment's finish — never after the finish, never more
 * than 5 years before it. Newest MAX_ATTACH.
 */
function pendingCommits(db: Db, serviceId: number, finishedAt: number, sha: string | null) {
  let cutoff = finishedAt;
  sha = sha?.toLowerCase() ?? null;
  if (sha && sha.length >= 7) {
    const deployed = db
      .select({ committedAt: wc.committedAt })
      .from(wc)
      // a short sha (GitLab) matches as a prefix: a range on the (service, sha) index
      .where(and(eq(wc.serviceId, serviceId), sha.length >= 40 ? eq(wc.sha, sha) : sql`${wc.sha} >= ${sha} AND ${wc.sha} < ${`${sha}~`}`))
      .get();
    if (deployed) cutoff = Math.min(cutoff, deployed.committedAt.getTime());
  }
  return db
    .select({ id: wc.id, sha: wc.sha, committedAt: wc.committedAt })
    .from(wc)
    .where(
      and(
        eq(wc.serviceId, serviceId),
        sql`${wc.deploymentId} IS NULL`,
        sql`${wc.committedAt} <= ${cutoff}`,
        sql`${wc.committedAt} >= ${finishedAt - MAX_COMMIT_AGE_MS}`,
      ),
    )
    .orderBy(desc(wc.committedAt))
    .limit(MAX_ATTACH)
    .all()
    .map((c) => ({ id: c.id, sha: c.sha, committedAt: c.committedAt.getTime() }));
}

function attach(db: Db, deploymentId: number, commits: readonly { id: number }[]) {
  if (commits.length === 0) return;
  db.update(wc)
    .set({ deploymentId })
    .where(
      inArray(
        wc.id,
        commits.map((c) => c.id),
      ),
    )
    .run();
}

function commitsText(n: number): string {
  return n === 0 ? logText("noCommitFromPushes") : countedLogText("commitFromPushes", "commitsFromPushes", n);
}

export function applyDeployment(db: Db, source: SourceRow, ev: DeploymentEvent): Applied {
  if (ev.environment.trim().toLowerCase() !== source.productionEnvironment.toLowerCase()) {
    return ignored(logText("otherEnvironment", { environment: ev.environment, production: source.productionEnvironment }));
  }
  const mapped = resolveService(rulesOf(db, source.id), source.defaultServiceId, [ev.serviceKey]);
  if (!mapped) return unmapped(source.kind, [ev.serviceKey]);
  const service = serviceName(db, mapped.serviceId);
  // the JSON API's own schema: the same checks (plausible times, start before finish)
  const parsed = deploymentInputSchema.safeParse({
    externalId: ev.externalId,
    service,
    environment: PRODUCTION,
    status: ev.status,
    startedAt: ev.startedAt === null ? undefined : iso(ev.startedAt),
    finishedAt: iso(ev.finishedAt),
  });
  if (!parsed.success) {
    return refused(400, logText("invalidPayload", { detail: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") }));
  }
  const input = parsed.data;
  const note = { via: "webhook", source: source.name };
  const known = findDeploymentByExternalId(db, mapped.serviceId, ev.externalId);
  if (!known) {
    const commits = input.status === "success" ? pendingCommits(db, mapped.serviceId, input.finishedAt, ev.sha) : [];
    const r = ingestDeployments(db, [{ ...input, commits: commits.map(({ sha, committedAt }) => ({ sha, committedAt })) }], SYSTEM_ACTOR, {
      via: "webhook",
      source: source.name,
    });
    const id = r.deployments[0].id;
    attach(db, id, commits);
    return {
      outcome: "created",
      status: 201,
      summary:
        input.status === "success"
          ? logText("deploymentWithCommits", { id, service, status: input.status, commits: commitsText(commits.length) })
          : logText("deployment", { id, service, status: input.status }),
    };
  }
  if (known.status === input.status && known.finishedAt === input.finishedAt) {
    return ignored(logText("deploymentKnown", { id: known.id, service, status: known.status }));
  }
  updateDeploymentOutcome(
    db,
    known.id,
    { status: input.status, finishedAt: input.finishedAt, startedAt: input.startedAt ?? known.startedAt },
    SYSTEM_ACTOR,
    note,
  );
  let change = "";
  if (known.status === "success" && input.status !== "success") {
    // the commits go back to waiting for the deployment that really ships them
    const held = db.select({ id: wc.id, sha: wc.sha }).from(wc).where(eq(wc.deploymentId, known.id)).all();
    removeDeploymentCommits(
      db,
      known.id,
      held.map((c) => c.sha),
    );
    if (held.length)
      db.update(wc)
        .set({ deploymentId: null })
        .where(
          inArray(
            wc.id,
            held.map((c) => c.id),
          ),
        )
        .run();
    change = held.length ? countedLogText("commitReleased", "commitsReleased", held.length) : "";
  } else if (input.status === "success") {
    const commits = pendingCommits(db, mapped.serviceId, input.finishedAt, ev.sha);
    addDeploymentCommits(db, known.id, commits);
    attach(db, known.id, commits);
    change = commitsText(commits.length);
  }
  const moved = { id: known.id, service, from: known.status, to: input.status };
  return { outcome: "updated", status: 200, summary: change ? logText("deploymentChangedWith", { ...moved, change }) : logText("deploymentChanged", moved) };
}

export function applyPush(db: Db, source: SourceRow, ev: PushEvent): Applied {
  const mapped = resolveService(rulesOf(db, source.id), source.defaultServiceId, [ev.serviceKey]);
  if (!mapped) return unmapped(source.kind, [ev.serviceKey]);
  const service = serviceName(db, mapped.serviceId);
  const latest = Date.now() + MS_PER_DAY;
  const plausible = ev.commits.filter((c) => c.committedAt >= MIN_PLAUSIBLE_INSTANT && c.committedAt <= latest && c.sha.length <= 100);
  const skipped = ev.commits.length - plausible.length;
  let stored = 0;
  const now = new Date();
  for (const c of plausible) {
    stored += db
      .insert(wc)
      .values({
        sourceId: source.id,
        serviceId: mapped.serviceId,
        sha: c.sha.toLowerCase(),
        committedAt: new Date(c.committedAt),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [wc.serviceId, wc.sha] })
      .run().changes;
  }
  const notes = [skipped ? logText("implausibleSkipped", { count: skipped }) : "", ev.unlisted ? logText("notListed", { count: ev.unlisted }) : ""];
  if (stored === 0) return ignored(joinLogParts([countedLogText("commitKnown", "commitsKnown", plausible.length, { branch: ev.branch }), ...notes]));
  return {
    outcome: "created",
    status: 201,
    summary: joinLogParts([countedLogText("commitStored", "commitsStored", stored, { service, branch: ev.branch }), ...notes]),
  };
}

// ---------------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------------

export function applyIncidents(db: Db, source: SourceRow, ev: IncidentsEvent): Applied {
  const rules = rulesOf(db, source.id);
  const items: IncidentInput[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  let unchanged = 0;
  for (const inc of ev.incidents) {
    const mapped = resolveService(rules, source.defaultServiceId, inc.serviceKeys);
    if (!mapped) {
      skipped.push(inc.serviceKeys.length ? inc.serviceKeys[0] : `(no ${source.kind === "alertmanager" ? `"${source.serviceLabel}" label` : "service"})`);
      continue;
    }
    const service = serviceName(db, mapped.serviceId);
    const existing = findIncidentByExternalId(db, inc.externalId);
    const resolvedAt = inc.resolvedAt === undefined ? (existing?.resolvedAt ?? null) : inc.resolvedAt;
    if (
      existing &&
      existing.serviceId === mapped.serviceId &&
      existing.title === inc.title &&
      existing.severity === inc.severity &&
      existing.startedAt === inc.startedAt &&
      existing.resolvedAt === resolvedAt
    ) {
      unchanged += 1;
      continue;
    }
    const parsed = incidentInputSchema.safeParse({
      externalId: inc.externalId,
      service,
      title: inc.title,
      severity: inc.severity,
      startedAt: iso(inc.startedAt),
      ...(inc.resolvedAt === undefined ? {} : { resolvedAt: inc.resolvedAt === null ? null : iso(inc.resolvedAt) }),
    });
    if (!parsed.success) {
      // the API's own checks (plausible times, resolved after started): nothing of this delivery is written
      throw new ApiInputError({ [`incident ${inc.externalId}`]: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`) });
    }
    if (inc.severityNote) notes.push(inc.severityNote);
    items.push(parsed.data);
  }
  const skippedNote = skipped.length
    ? countedLogText("alertSkipped", "alertsSkipped", skipped.length, { services: [...new Set(skipped)].slice(0, 5).join(", ") })
    : "";
  if (items.length === 0) {
    if (unchanged > 0) return ignored(joinLogParts([countedLogText("incidentKnown", "incidentsKnown", unchanged), skippedNote]));
    return unmapped(source.kind, [...new Set(skipped)]);
  }
  const r = upsertIncidents(db, items, SYSTEM_ACTOR, { via: "webhook", source: source.name });
  const parts: string[] = [];
  const resolvedNow = r.incidents.filter((x, i) => items[i].resolvedAt != null).length;
  if (r.created) parts.push(countedLogText("incidentOpened", "incidentsOpened", r.created));
  if (r.updated) parts.push(logText("updated", { count: r.updated }));
  if (resolvedNow) parts.push(logText("resolved", { count: resolvedNow }));
  if (unchanged) parts.push(logText("unchanged", { count: unchanged }));
  if (ev.truncated) parts.push(logText("truncated", { count: ev.truncated }));
  const ids = r.incidents.map((x) => `#${x.id}`).join(", ");
  const extra = joinLogParts([skippedNote, ...new Set(notes)]);
  return {
    outcome: r.created > 0 ? "created" : "updated",
    status: r.created > 0 ? 201 : 200,
    summary: logText("incidentsWritten", { parts: parts.join(", "), ids }),
    ...(extra ? { reason: extra } : {}),
  };
}
