/** Deployment lists (filter, sort, page in SQL; COUNT with the same filters), CSV export in chunks, one deployment's page. */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { leadTimeSamplesMs, median, MS_PER_HOUR, PRODUCTION } from "~/lib/metrics/delivery";
import { type DeploymentStatus, MAX_EXPORT_ROWS } from "~/lib/schemas/delivery.server";
import { type DeploymentFilter } from "~/models/delivery/filters.server";
import { schema, type Db, countRows } from "~/utils/db.server";

// ---------------------------------------------------------------------------------------------------
// Deployments list
// ---------------------------------------------------------------------------------------------------

export const d = schema.deployments;
export const inc = schema.incidents;

/**
 * `scanByFinish`: for the page query sorted by finish time with several services (a team), the
 * service term is written `+service_id IN (…)` so SQLite walks the finished_at index newest first
 * and stops after one page, instead of collecting and sorting every row of those services.
 */
function deploymentWhere(f: DeploymentFilter, scanByFinish = false): SQL | undefined {
  const w: SQL[] = [];
  if (f.serviceIds !== undefined) {
    if (f.serviceIds.length === 0) w.push(sql`0`);
    else if (f.serviceIds.length === 1) w.push(eq(d.serviceId, f.serviceIds[0]));
    else if (scanByFinish)
      w.push(
        sql`+${d.serviceId} IN (${sql.join(
          f.serviceIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    else w.push(inArray(d.serviceId, f.serviceIds));
  }
  if (f.status) w.push(eq(d.status, f.status));
  if (f.environment) w.push(eq(d.environment, f.environment));
  if (f.from !== undefined) w.push(gte(d.finishedAt, new Date(f.from)));
  if (f.to !== undefined) w.push(lt(d.finishedAt, new Date(f.to)));
  if (f.hotfix !== undefined) w.push(eq(d.isHotfix, f.hotfix));
  if (f.rollback !== undefined) w.push(eq(d.isRollback, f.rollback));
  return w.length ? and(...w) : undefined;
}

/** Sortable columns: each has an index that serves it on millions of rows (status / environment are filters instead). */
export const DEPLOYMENT_SORTS = ["finishedAt", "service", "id"] as const;
export type DeploymentSort = { id: string; desc: boolean };

type SortDirection = typeof asc;

/**
 * The ORDER BY of a delivery list: by service name (then newest `time` first), by one of `others`
 * (its terms in the direction asked), or else by `time` then `id`.
 */
export function listOrder(
  sort: DeploymentSort,
  time: SQLiteColumn,
  id: SQLiteColumn,
  others: Readonly<Record<string, (dir: SortDirection) => SQL[]>> = {},
): SQL[] {
  const dir = sort.desc ? desc : asc;
  if (sort.id === "service") return [dir(schema.services.name), desc(time), desc(id)];
  if (Object.hasOwn(others, sort.id)) return others[sort.id](dir);
  return [dir(time), dir(id)];
}

function deploymentOrder(sort: DeploymentSort): SQL[] {
  return listOrder(sort, d.finishedAt, d.id, { id: (dir) => [dir(d.id)] });
}

const deploymentColumns = {
  id: d.id,
  externalId: d.externalId,
  service: schema.services.name,
  team: schema.teams.name,
  environment: d.environment,
  status: d.status,
  startedAt: d.startedAt,
  finishedAt: d.finishedAt,
  firstCommitAt: d.firstCommitAt,
  isHotfix: d.isHotfix,
  isRollback: d.isRollback,
};

export type DeploymentListRow = {
  id: number;
  externalId: string | null;
  service: string;
  team: string | null;
  environment: string;
  status: DeploymentStatus;
  startedAt: number | null;
  finishedAt: number;
  isHotfix: boolean;
  isRollback: boolean;
  commits: number;
  /** finished − oldest change (oldest commit, else first-commit time), hours; null when none */
  oldestChangeHours: number | null;
  incidents: number;
};

export function listDeployments(db: Db, filter: DeploymentFilter, sort: DeploymentSort, page: { limit: number; offset: number }) {
  const where = deploymentWhere(filter);
  const total = countRows(db, d, where);
  const rows = db
    .select(deploymentColumns)
    .from(d)
    .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .where(deploymentWhere(filter, sort.id === "finishedAt"))
    .orderBy(...deploymentOrder(sort))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  // per-row extras for this page only (≤ 100 rows)
  const ids = rows.map((r) => r.id);
  const extras = new Map<number, { commits: number; oldest: number | null; incidents: number }>();
  if (ids.length > 0) {
    const list = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    for (const r of db.all<{ id: number; commits: number; oldest: number | null }>(
      sql`SELECT deployment_id AS id, count(*) AS commits, min(committed_at) AS oldest FROM deployment_commits WHERE deployment_id IN (${list}) GROUP BY deployment_id`,
    )) {
      extras.set(r.id, { commits: r.commits, oldest: r.oldest, incidents: 0 });
    }
    for (const r of db.all<{ id: number; n: number }>(
      sql`SELECT cause_deployment_id AS id, count(*) AS n FROM incidents WHERE cause_deployment_id IN (${list}) AND cause_kind IN ('explicit', 'inferred') GROUP BY cause_deployment_id`,
    )) {
      const e = extras.get(r.id) ?? { commits: 0, oldest: null, incidents: 0 };
      e.incidents = r.n;
      extras.set(r.id, e);
    }
  }
  const out: DeploymentListRow[] = rows.map((r) => {
    const e = extras.get(r.id);
    const oldest = e?.oldest ?? r.firstCommitAt?.getTime() ?? null;
    const finished = r.finishedAt.getTime();
    return {
      id: r.id,
      externalId: r.externalId,
      service: r.service,
      team: r.team,
      environment: r.environment,
      status: r.status,
      startedAt: r.startedAt?.getTime() ?? null,
      finishedAt: finished,
      isHotfix: r.isHotfix,
      isRollback: r.isRollback,
      commits: e?.commits ?? 0,
      oldestChangeHours: oldest === null ? null : (finished - oldest) / MS_PER_HOUR,
      incidents: e?.incidents ?? 0,
    };
  });
  return { rows: out, total };
}

export function isoOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "" : new Date(ms).toISOString();
}

export const EXPORT_CHUNK = 5000;

/** Rows read a chunk at a time (`read(limit, offset)`), at most MAX_EXPORT_ROWS, each chunk yielded as CSV rows. */
/** An ordered select that can still be paged (a drizzle query before .limit). */
type PagedQuery<R> = { limit(limit: number): { offset(offset: number): { all(): R[] } } };

export function* csvChunks<R>(query: () => PagedQuery<R>, toCsv: (row: R) => string[]): Generator<string[][]> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += EXPORT_CHUNK) {
    const rows = query()
      .limit(Math.min(EXPORT_CHUNK, MAX_EXPORT_ROWS - offset))
      .offset(offset)
      .all();
    if (rows.length === 0) return;
    yield rows.map(toCsv);
    if (rows.length < EXPORT_CHUNK) return;
  }
}

/** The filtered deployments as CSV rows (DESIGN.md format), in chunks, at most MAX_EXPORT_ROWS. */
export function deploymentCsvRows(db: Db, filter: DeploymentFilter, sort: DeploymentSort): Generator<string[][]> {
  const where = deploymentWhere(filter);
  return csvChunks(
    () =>
      db
        .select({
          externalId: d.externalId,
          service: schema.services.name,
          environment: d.environment,
          status: d.status,
          startedAt: d.startedAt,
          finishedAt: d.finishedAt,
          firstCommitAt: sql<
            number | null
          >`coalesce(${d.firstCommitAt}, (SELECT min(c.committed_at) FROM deployment_commits c WHERE c.deployment_id = ${d.id}))`,
          isHotfix: d.isHotfix,
          isRollback: d.isRollback,
        })
        .from(d)
        .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
        .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
        .where(where)
        .orderBy(...deploymentOrder(sort)),
    (r) => [
      r.externalId ?? "",
      r.service,
      r.environment,
      r.status,
      isoOrEmpty(r.startedAt?.getTime()),
      isoOrEmpty(r.finishedAt.getTime()),
      isoOrEmpty(r.firstCommitAt),
      r.isHotfix ? "true" : "false",
      r.isRollback ? "true" : "false",
    ],
  );
}

export function countDeployments(db: Db, filter: DeploymentFilter): number {
  return countRows(db, d, deploymentWhere(filter));
}

export function getDeployment(db: Db, id: number) {
  const row = db
    .select({ ...deploymentColumns, serviceId: d.serviceId, createdAt: d.createdAt })
    .from(d)
    .innerJoin(schema.services, eq(schema.services.id, d.serviceId))
    .leftJoin(schema.teams, eq(schema.teams.id, schema.services.teamId))
    .where(eq(d.id, id))
    .get();
  if (!row) return null;
  const finished = row.finishedAt.getTime();
  const commits = db
    .select({ id: schema.deploymentCommits.id, sha: schema.deploymentCommits.sha, committedAt: schema.deploymentCommits.committedAt })
    .from(schema.deploymentCommits)
    .where(eq(schema.deploymentCommits.deploymentId, id))
    .orderBy(asc(schema.deploymentCommits.committedAt), asc(schema.deploymentCommits.id))
    .all()
    .map((c) => {
      const ms = finished - c.committedAt.getTime();
      return { id: c.id, sha: c.sha, committedAt: c.committedAt.getTime(), leadTimeHours: ms / MS_PER_HOUR, counted: ms > 0 };
    });
  // the contract's samples: every commit, else the first-commit time; values ≤ 0 dropped
  const samples = leadTimeSamplesMs({
    id: row.id,
    serviceId: row.serviceId,
    environment: row.environment,
    status: row.status,
    finishedAt: finished,
    firstCommitAt: row.firstCommitAt?.getTime() ?? null,
    commits: commits.map((c) => c.committedAt),
    isHotfix: row.isHotfix,
    isRollback: row.isRollback,
  });
  const medianMs = median(samples);
  const causedIncidents = db
    .select({ id: inc.id, title: inc.title, severity: inc.severity, startedAt: inc.startedAt, resolvedAt: inc.resolvedAt, causeKind: inc.causeKind })
    .from(inc)
    .where(and(eq(inc.causeDeploymentId, id), inArray(inc.causeKind, ["explicit", "inferred"])))
    .orderBy(desc(inc.startedAt))
    .limit(100)
    .all()
    .map((i) => ({ ...i, startedAt: i.startedAt.getTime(), resolvedAt: i.resolvedAt?.getTime() ?? null }));
  return {
    id: row.id,
    externalId: row.externalId,
    service: row.service,
    team: row.team,
    environment: row.environment,
    status: row.status,
    startedAt: row.startedAt?.getTime() ?? null,
    finishedAt: finished,
    firstCommitAt: row.firstCommitAt?.getTime() ?? null,
    isHotfix: row.isHotfix,
    isRollback: row.isRollback,
    createdAt: row.createdAt.getTime(),
    commits,
    leadTime: {
      samples: samples.length,
      medianHours: medianMs === null ? null : medianMs / MS_PER_HOUR,
      /** production + success: the deployment counts in the DORA figures */
      counts: row.environment === PRODUCTION && row.status === "success",
    },
    causedIncidents,
  };
}

/** A deployment of a service by its external id, or "#<id>" for its internal id. */
export function findServiceDeployment(db: Db, serviceId: number, ref: string): number | null {
  const v = ref.trim();
  const internal = /^#(\d{1,15})$/.exec(v);
  const row = internal
    ? db
        .select({ id: d.id })
        .from(d)
        .where(and(eq(d.serviceId, serviceId), eq(d.id, Number(internal[1]))))
        .get()
    : db
        .select({ id: d.id })
        .from(d)
        .where(and(eq(d.serviceId, serviceId), eq(d.externalId, v)))
        .get();
  return row?.id ?? null;
}
