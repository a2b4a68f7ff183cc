import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { deploymentCommits, deployments, services } from "./delivery";

/**
 * Derived data for the DORA lead time (docs/decisions/401-dora-metrics-in-sql.md): one row per
 * lead-time sample of a successful production deployment — (finished − committed) for each commit
 * with a positive value, or (finished − first commit) for a deployment given without commits.
 *
 * Never written by the application: SQLite triggers on deployments and deployment_commits
 * (migration `delivery_metrics_triggers`) keep it exact on every write path. It exists so the
 * median over a window reads one covering index instead of joining commits to deployments.
 */
/**
 * A monotonic bucket of a lead time (log scale, each ≈ 22 % wide: e^(1/5)), indexed as an expression so a median
 * first counts samples per bucket, then ranks only the rows of the bucket holding the middle.
 * The SQL text must stay identical in the queries (app/models/delivery-metrics/).
 */
export const LEAD_BUCKET_SQL = "CAST(ln(lead_ms) * 5 AS INTEGER)";

export const deliveryLeadSamples = sqliteTable(
  "delivery_lead_samples",
  {
    deploymentId: integer("deployment_id")
      .notNull()
      .references(() => deployments.id, { onDelete: "cascade" }),
    /** null for the first-commit sample of a deployment without commits */
    commitId: integer("commit_id").references(() => deploymentCommits.id, { onDelete: "cascade" }),
    serviceId: integer("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    /** the deployment's finished_at (UTC ms) */
    finishedAt: integer("finished_at").notNull(),
    /** finished − committed, in ms (> 0) */
    leadMs: integer("lead_ms").notNull(),
  },
  (t) => [
    // bucket first: a count per bucket over a window is one range per bucket (no sort), and the
    // middle bucket's rows in a window are one range, ordered by finished_at then sorted (few rows)
    index("delivery_lead_samples_bucket_idx").on(sql.raw(LEAD_BUCKET_SQL), t.finishedAt, t.leadMs),
    index("delivery_lead_samples_service_bucket_idx").on(t.serviceId, sql.raw(LEAD_BUCKET_SQL), t.finishedAt, t.leadMs),
    index("delivery_lead_samples_deployment_idx").on(t.deploymentId, t.commitId),
    // the partial days at a window's edges (the rest comes from the daily rollups): covering
    index("delivery_lead_samples_finished_idx").on(t.finishedAt, t.serviceId, t.leadMs),
  ],
);

/**
 * Daily rollups of the DORA figures (docs/decisions/402-dora-daily-rollups.md), kept exact by
 * SQLite triggers (migration `delivery_daily_rollups`) like the samples above — never written by
 * the application. A window reads its whole UTC days here and only its two partial edge days
 * from the raw tables, so a 90-day window reads ~90 rows per service instead of every deployment
 * and every commit.
 *
 * `day` is the UTC day start (ms) of the deployment's finished_at.
 */
export const deliveryDaily = sqliteTable(
  "delivery_daily",
  {
    day: integer("day").notNull(),
    serviceId: integer("service_id").notNull(),
    /** successful production deployments finished that day */
    deployments: integer("deployments").notNull(),
    /** … of which hotfixes or rollbacks */
    rework: integer("rework").notNull(),
    /** … of which have at least one incident with a stored cause (explicit or inferred) */
    failed: integer("failed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.serviceId] })],
);

/** The count of lead-time samples of a UTC day (ms) in a bucket (LEAD_BUCKET_SQL): the two lead-time rollups' columns. */
const leadSamplesPerDayAndBucket = {
  day: integer("day").notNull(),
  bucket: integer("bucket").notNull(),
  samples: integer("samples").notNull(),
};

/** Lead-time samples per day and bucket (LEAD_BUCKET_SQL), every service together. */
export const deliveryLeadDaily = sqliteTable("delivery_lead_daily", leadSamplesPerDayAndBucket, (t) => [primaryKey({ columns: [t.day, t.bucket] })]);

/** Lead-time samples per service, day and bucket: for a service or team filter and the per-service breakdown. */
export const deliveryLeadServiceDaily = sqliteTable(
  "delivery_lead_service_daily",
  {
    serviceId: integer("service_id").notNull(),
    ...leadSamplesPerDayAndBucket,
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.day, t.bucket] }),
    // the per-service breakdown: one range per (service, bucket) over the window's days, no sort
    index("delivery_lead_service_daily_bucket_idx").on(t.serviceId, t.bucket, t.day, t.samples),
  ],
);

/**
 * The bulk-ingest switch (docs/decisions/404-bulk-maintained-delivery-rollups.md): while it holds a
 * row, the INSERT triggers on deployments, deployment_commits and delivery_lead_samples do nothing,
 * and the ingest maintains the samples and rollups itself, in bulk, for the rows it inserted. The row
 * lives only inside an ingest transaction (inserted first, deleted before the commit): no other
 * connection ever sees it.
 */
export const deliveryBulkIngest = sqliteTable("delivery_bulk_ingest", {
  active: integer("active").primaryKey(),
});
