import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, flag, id, instant, optionalKey, parentKey } from "./_columns";
import { DEPLOYMENT_STATUSES, SEVERITIES, CAUSE_KINDS } from "./enums";
import { teams } from "./people";

export { DEPLOYMENT_STATUSES, SEVERITIES, CAUSE_KINDS };

export const services = entityTable(
  "services",
  {
    name: text("name").notNull().unique(),
    teamId: optionalKey("team_id", () => teams.id),
  },
  (t) => [index("services_team_idx").on(t.teamId)],
);

export const deployments = entityTable(
  "deployments",
  {
    serviceId: parentKey("service_id", () => services.id),
    externalId: text("external_id"),
    environment: text("environment").notNull().default("production"),
    status: text("status", { enum: DEPLOYMENT_STATUSES }).notNull(),
    startedAt: instant("started_at"),
    finishedAt: instant("finished_at").notNull(),
    /** used for lead time when no commits are given */
    firstCommitAt: instant("first_commit_at"),
    isHotfix: flag("is_hotfix"),
    isRollback: flag("is_rollback"),
    /**
     * How many incidents name this deployment as their stored cause (cause_kind explicit or
     * inferred). Never written by the application: kept by SQLite triggers on incidents
     * (migration `delivery_daily_rollups`), it feeds the daily change-failure rollup.
     */
    causedIncidents: integer("caused_incidents").notNull().default(0),
  },
  (t) => [
    uniqueIndex("deployments_service_external_uq")
      .on(t.serviceId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    // DORA aggregates (app/models/delivery-metrics/): covering, so counts, rework and CFR read no table row;
    // its first three columns also serve every (environment, status, finished_at) lookup — a separate
    // index on just those was dropped in migration 0025 (one index less to maintain per insert)
    index("deployments_dora_covering_idx").on(t.environment, t.status, t.finishedAt, t.serviceId, t.isHotfix, t.isRollback),
    index("deployments_service_finished_idx").on(t.serviceId, t.environment, t.status, t.finishedAt),
    // the deployments table (/delivery/deployments): newest first, with or without a service filter
    index("deployments_finished_idx").on(t.finishedAt),
    index("deployments_service_only_finished_idx").on(t.serviceId, t.finishedAt),
    // small partial indexes: the hotfix / rollback filters COUNT without scanning every row
    index("deployments_hotfix_idx")
      .on(t.finishedAt)
      .where(sql`${t.isHotfix} = 1`),
    index("deployments_rollback_idx")
      .on(t.finishedAt)
      .where(sql`${t.isRollback} = 1`),
  ],
);

export const deploymentCommits = sqliteTable(
  "deployment_commits",
  {
    id: id(),
    deploymentId: parentKey("deployment_id", () => deployments.id),
    sha: text("sha").notNull(),
    committedAt: instant("committed_at").notNull(),
  },
  (t) => [index("deployment_commits_deployment_idx").on(t.deploymentId, t.committedAt)],
);

export const incidents = entityTable(
  "incidents",
  {
    serviceId: parentKey("service_id", () => services.id),
    externalId: text("external_id"),
    title: text("title").notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    startedAt: instant("started_at").notNull(),
    resolvedAt: instant("resolved_at"),
    causeDeploymentId: optionalKey("cause_deployment_id", () => deployments.id),
    causeKind: text("cause_kind", { enum: CAUSE_KINDS }),
  },
  (t) => [
    uniqueIndex("incidents_external_uq")
      .on(t.externalId)
      .where(sql`${t.externalId} is not null`),
    index("incidents_started_idx").on(t.startedAt),
    index("incidents_service_started_idx").on(t.serviceId, t.startedAt),
    index("incidents_cause_idx").on(t.causeDeploymentId),
    // incidents never classified (cause_kind null): the change-failure rule is evaluated for them at read time
    index("incidents_unclassified_idx")
      .on(t.startedAt)
      .where(sql`${t.causeKind} is null`),
    // open incidents (CTO dashboard): partial, so it holds only the few unresolved rows
    index("incidents_open_idx")
      .on(t.severity, t.startedAt)
      .where(sql`${t.resolvedAt} is null`),
    index("incidents_open_service_idx")
      .on(t.serviceId)
      .where(sql`${t.resolvedAt} is null`),
    // time to restore over a window (app/models/delivery-metrics/): covering
    index("incidents_restore_idx").on(t.startedAt, t.serviceId, t.resolvedAt),
    // … and per service (the breakdown's medians): one covering range per service
    index("incidents_service_restore_idx").on(t.serviceId, t.startedAt, t.resolvedAt),
    // the incidents table sorted by time to restore
    index("incidents_duration_idx").on(sql`(${t.resolvedAt} - ${t.startedAt})`),
  ],
);
