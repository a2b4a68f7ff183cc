/** The demo's services, deployments and incidents (writes). */
import { schema } from "../../db/client";
import { insertMany, type DbWriter } from "../builders";
import { DAY, MINUTE } from "../calendar";
import { SERVICES } from "../demo-data";
import type { DeliveryData } from "../demo-delivery";
import { type Ids } from "./run";

// ====================================================================== delivery (writes)

export function insertDelivery(db: DbWriter, data: DeliveryData, ids: Ids): void {
  const serviceIds = new Map<string, number>();
  for (const s of SERVICES) {
    const row = db
      .insert(schema.services)
      .values({
        name: s.name,
        teamId: ids.teams.get(s.team) ?? null,
        createdAt: new Date(data.deployments[0].finishedAt - 30 * DAY),
        updatedAt: new Date(data.deployments[0].finishedAt - 30 * DAY),
      })
      .returning({ id: schema.services.id })
      .get();
    serviceIds.set(s.name, row.id);
  }
  const sid = (name: string): number => {
    const id = serviceIds.get(name);
    if (id === undefined) throw new Error(`unknown service ${name}`);
    return id;
  };
  insertMany(
    db,
    schema.deployments,
    data.deployments.map((d) => ({
      serviceId: sid(d.service),
      externalId: d.externalId,
      environment: d.environment,
      status: d.status,
      startedAt: new Date(d.startedAt),
      finishedAt: new Date(d.finishedAt),
      firstCommitAt: d.commits.length > 0 ? new Date(d.commits[0].committedAt) : null,
      isHotfix: d.isHotfix,
      isRollback: d.isRollback,
      createdAt: new Date(d.finishedAt),
      updatedAt: new Date(d.finishedAt),
    })),
  );
  // ids by (service, external id): multi-row RETURNING order is not guaranteed, so look them up
  const deploymentIds = new Map<string, number>();
  for (const row of db
    .select({ id: schema.deployments.id, serviceId: schema.deployments.serviceId, externalId: schema.deployments.externalId })
    .from(schema.deployments)
    .all()) {
    deploymentIds.set(`${row.serviceId}:${row.externalId}`, row.id);
  }
  const did = (index: number): number => {
    const d = data.deployments[index];
    const id = deploymentIds.get(`${sid(d.service)}:${d.externalId}`);
    if (id === undefined) throw new Error(`deployment ${d.externalId} not inserted`);
    return id;
  };
  insertMany(
    db,
    schema.deploymentCommits,
    data.deployments.flatMap((d, i) => d.commits.map((c) => ({ deploymentId: did(i), sha: c.sha, committedAt: new Date(c.committedAt) }))),
  );
  insertMany(
    db,
    schema.incidents,
    data.incidents.map((inc) => ({
      serviceId: sid(inc.service),
      externalId: inc.externalId,
      title: inc.title,
      severity: inc.severity,
      startedAt: new Date(inc.startedAt),
      resolvedAt: inc.resolvedAt === null ? null : new Date(inc.resolvedAt),
      causeDeploymentId: inc.cause === null ? null : did(inc.cause),
      causeKind: inc.causeKind,
      createdAt: new Date(inc.startedAt + 5 * MINUTE),
      updatedAt: new Date(inc.resolvedAt ?? inc.startedAt + 5 * MINUTE),
    })),
  );
}
