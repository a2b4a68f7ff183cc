/**
 * The demo's webhook source: the company's GitHub organisation hook, its mapping rules and the
 * last deliveries of its log (a ping, pushes, deployment statuses, one preview deployment and one
 * feature-branch push ignored), written with the log's own texts (app/lib/webhooks/log-texts.ts)
 * over the demo's latest production deployments. The deliveries are the log's record only: the
 * deployments were written by the delivery seed, so the DORA figures do not change.
 */
import { desc, eq, sql } from "drizzle-orm";
import { countedLogText, logText } from "../../app/lib/webhooks/log-texts";
import { seal } from "../../app/utils/secret-box.server";
import { schema } from "../../db/client";
import type { DbWriter } from "../builders";
import { DAY, MINUTE } from "../calendar";
import { SERVICES } from "../demo-data";
import type { Rng } from "../prng";

/** The demo hook's secret: as public as the demo password (README), replaced on a real install. */
const DEMO_SECRET = "demo-github-hook-secret-0000";
const ORG = "innovatech";

function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function insertWebhooks(db: DbWriter, rng: Rng, anchor: number, creatorId: number): void {
  const created = anchor - 45 * DAY;
  const at = (ms: number) => ({ createdAt: new Date(ms), updatedAt: new Date(ms) });
  const services = db.select({ id: schema.services.id, name: schema.services.name }).from(schema.services).all();
  const source = db
    .insert(schema.webhookSources)
    .values({
      kind: "github",
      name: `GitHub · ${ORG}`,
      secretBox: seal(DEMO_SECRET),
      secretHint: DEMO_SECRET.slice(-4),
      secretSetAt: new Date(created),
      productionEnvironment: "production",
      createdByUserId: creatorId,
      ...at(created),
    })
    .returning({ id: schema.webhookSources.id })
    .get();
  const known = new Set(SERVICES.map((s) => s.name));
  for (const s of services.filter((x) => known.has(x.name)))
    db.insert(schema.webhookServiceMappings)
      .values({ sourceId: source.id, matchValue: `${ORG}/${s.name}`, serviceId: s.id, ...at(created) })
      .run();

  // the latest production deployments, newest first
  const latest = db
    .select({
      id: schema.deployments.id,
      status: schema.deployments.status,
      finishedAt: schema.deployments.finishedAt,
      service: schema.services.name,
      commits: sql<number>`(SELECT count(*) FROM ${schema.deploymentCommits} WHERE ${schema.deploymentCommits.deploymentId} = ${schema.deployments.id})`,
    })
    .from(schema.deployments)
    .innerJoin(schema.services, eq(schema.services.id, schema.deployments.serviceId))
    .where(eq(schema.deployments.environment, "production"))
    .orderBy(desc(schema.deployments.finishedAt))
    .limit(6)
    .all()
    .reverse();

  type Row = { receivedAt: number; event: string; outcome: "created" | "updated" | "ignored"; httpStatus: number; summary?: string; reason?: string };
  // what the endpoint answers: 201 for a stored event, 200 for one it ignores (with its reason)
  const stored = (receivedAt: number, event: string, summary: string): Row => ({ receivedAt, event, outcome: "created", httpStatus: 201, summary });
  const ignored = (receivedAt: number, event: string, reason: string): Row => ({ receivedAt, event, outcome: "ignored", httpStatus: 200, reason });
  const rows: Row[] = [ignored(created + 5 * MINUTE, "ping", logText("pingHook", { hook: 481_516_234 }))];
  for (const [i, d] of latest.entries()) {
    const finished = d.finishedAt.getTime();
    const commits = Math.max(1, d.commits);
    rows.push(stored(finished - 40 * MINUTE, "push", countedLogText("commitStored", "commitsStored", commits, { service: d.service, branch: "main" })));
    if (i === 2) {
      rows.push(ignored(finished - 30 * MINUTE, "push", logText("pushOtherBranch", { branch: "feature/export-csv", defaultBranch: "main" })));
      rows.push(
        ignored(finished - 20 * MINUTE, "deployment_status (success)", logText("otherEnvironment", { environment: "preview", production: "production" })),
      );
    }
    rows.push(ignored(finished - 10 * MINUTE, "deployment_status (in_progress)", logText("stateNotOutcome", { state: "in_progress" })));
    rows.push(
      stored(
        finished,
        `deployment_status (${d.status === "success" ? "success" : "failure"})`,
        d.status === "success"
          ? logText("deploymentWithCommits", {
              id: d.id,
              service: d.service,
              status: d.status,
              commits: countedLogText("commitFromPushes", "commitsFromPushes", commits),
            })
          : logText("deployment", { id: d.id, service: d.service, status: d.status }),
      ),
    );
  }
  for (const r of rows.sort((a, b) => a.receivedAt - b.receivedAt))
    db.insert(schema.webhookDeliveries)
      .values({
        sourceId: source.id,
        receivedAt: new Date(r.receivedAt),
        deliveryId: uuid(rng),
        event: r.event,
        outcome: r.outcome,
        verified: true,
        httpStatus: r.httpStatus,
        reason: r.reason ?? null,
        summary: r.summary ?? null,
        ...at(r.receivedAt),
      })
      .run();
  db.update(schema.webhookSources)
    .set({ lastDeliveryAt: new Date(Math.max(...rows.map((r) => r.receivedAt))) })
    .where(eq(schema.webhookSources.id, source.id))
    .run();
}
