/** OKR health for the dashboards: per-team progress and the executive panel. */
import { sql } from "drizzle-orm";
import { expectedProgress, okrStatus, okrStatusFloors, type OkrStatus } from "~/lib/metrics/okrs";
import { getCurrentCycle, getCycle, type CycleRow } from "~/models/okrs/cycles.server";
import type { ObjectiveProgress } from "~/models/okrs/objectives.server";
import { OBJECTIVE_PROGRESS_SQL, metricNowCte, type LinkedValues } from "~/models/okrs/progress-sql.server";
import type { Db } from "~/utils/db.server";

export type TeamOkrHealth = {
  teamId: number;
  teamName: string;
  objectives: number;
  /** mean of its objectives' progress (objectives without KRs left out); null when none has KRs */
  progress: number | null;
  expected: number;
  status: OkrStatus | null;
};

/**
 * Per team, the mean progress of its non-archived objectives of a cycle (in SQL: objective progress
 * as a weighted mean of KR progress, then avg per team), with the pace status.
 */
export function getTeamOkrHealth(db: Db, cycleId: number, now: number, linked: LinkedValues): TeamOkrHealth[] {
  const cycle = getCycle(db, cycleId);
  if (!cycle) return [];
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const rows = db.all<{ teamId: number; teamName: string; objectives: number; progress: number | null }>(sql`${metricNowCte(linked)}
    select t.id as teamId, t.name as teamName, count(*) as objectives, avg(op.progress) as progress
    from (
      select o.id, o.team_id, coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
      from objectives o where o.cycle_id = ${cycleId} and o.archived_at is null and o.team_id is not null
    ) op join teams t on t.id = op.team_id
    group by t.id, t.name
    order by t.name`);
  return rows.map((r) => ({ ...r, expected, status: r.progress == null ? null : okrStatus(r.progress, expected) }));
}

export type OkrHealthPanelData = {
  cycle: Pick<CycleRow, "id" | "name" | "startDate" | "endDate" | "status"> | null;
  objectives: ObjectiveProgress[];
  counts: Record<OkrStatus, number>;
  /** company objectives in the cycle (more than `objectives` when the panel shows the furthest behind only) */
  total: number;
};

type PanelRow = Omit<ObjectiveProgress, "expected" | "elapsedShare" | "status"> & { total: number; onTrack: number; atRisk: number; offTrack: number };

/**
 * The OKR health panel: company objectives of the current cycle, progress and status, counted over
 * all of them. With `limit`, a cycle of more company objectives than that shows the `limit` furthest
 * behind their expected pace (the first to look at), the others being a link away (/okrs).
 * One query: each objective's progress, the counts per status over all of them (window sums, the
 * floors of okrStatus), and the rows shown — every company objective by id, or the `limit` lowest
 * progress when there are more (one cycle, one expected pace: lowest progress = furthest behind).
 */
export function getOkrHealthPanel(db: Db, now: number, linked: LinkedValues, opts: { limit?: number } = {}): OkrHealthPanelData {
  const cycle = getCurrentCycle(db, now);
  if (!cycle) return { cycle: null, objectives: [], counts: { on_track: 0, at_risk: 0, off_track: 0 }, total: 0 };
  const expected = expectedProgress(cycle.startDate, cycle.endDate, now);
  const floor = okrStatusFloors(expected);
  const limit = opts.limit ?? -1;
  const rows = db.all<PanelRow>(sql`${metricNowCte(linked)}
    select id, title, teamId, teamName, parentId, ownerUserId, progress, total, onTrack, atRisk, offTrack from (
      select p.*, count(*) over () as total,
        coalesce(sum(p.progress >= ${floor.onTrack}) over (), 0) as onTrack,
        coalesce(sum(p.progress < ${floor.onTrack} and p.progress >= ${floor.atRisk}) over (), 0) as atRisk,
        coalesce(sum(p.progress < ${floor.atRisk}) over (), 0) as offTrack
      from (
        select o.id, o.title, o.team_id as teamId, null as teamName, o.parent_id as parentId, o.owner_user_id as ownerUserId,
          coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)}) as progress
        from objectives o
        where o.cycle_id = ${cycle.id} and o.archived_at is null and o.team_id is null
      ) p
    )
    order by case when ${limit} >= 0 and total > ${limit} then (progress is null) end,
             case when ${limit} >= 0 and total > ${limit} then progress end, id
    limit ${limit}`);
  const first = rows[0];
  return {
    cycle: { id: cycle.id, name: cycle.name, startDate: cycle.startDate, endDate: cycle.endDate, status: cycle.status },
    objectives: rows.map(({ total: _t, onTrack: _o, atRisk: _a, offTrack: _f, ...r }) => ({
      ...r,
      expected,
      elapsedShare: expected,
      status: r.progress == null ? null : okrStatus(r.progress, expected),
    })),
    counts: { on_track: first?.onTrack ?? 0, at_risk: first?.atRisk ?? 0, off_track: first?.offTrack ?? 0 },
    total: first?.total ?? 0,
  };
}

/**
 * Company OKR progress (`okrs.company_progress`): the mean progress of the current cycle's company
 * objectives that have one (AVG skips those without key results), or null — in SQL.
 */
export function getCompanyOkrProgress(db: Db, now: number, linked: LinkedValues): number | null {
  const cycle = getCurrentCycle(db, now);
  if (!cycle) return null;
  const row = db.get<{ progress: number | null }>(sql`${metricNowCte(linked)}
    select avg(coalesce(o.closing_score, ${sql.raw(OBJECTIVE_PROGRESS_SQL)})) as progress
    from objectives o
    where o.cycle_id = ${cycle.id} and o.archived_at is null and o.team_id is null`);
  return row?.progress ?? null;
}
