/** OKR health for the dashboards: per-team progress and the executive panel. */
import { sql } from "drizzle-orm";
import { expectedProgress, okrStatus, type OkrStatus } from "~/lib/metrics/okrs";
import { getCurrentCycle, getCycle, type CycleRow } from "~/models/okrs/cycles.server";
import { getObjectivesProgress, type ObjectiveProgress } from "~/models/okrs/objectives.server";
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

/**
 * The OKR health panel: company objectives of the current cycle, progress and status, counted over
 * all of them. With `limit`, a cycle of more company objectives than that shows the `limit` furthest
 * behind their expected pace (the first to look at), the others being a link away (/okrs).
 */
export function getOkrHealthPanel(db: Db, now: number, linked: LinkedValues, opts: { limit?: number } = {}): OkrHealthPanelData {
  const cycle = getCurrentCycle(db, now);
  const all = cycle ? getObjectivesProgress(db, { cycleId: cycle.id, now, linked, companyOnly: true }) : [];
  const counts: Record<OkrStatus, number> = { on_track: 0, at_risk: 0, off_track: 0 };
  for (const o of all) if (o.status) counts[o.status] += 1;
  const gap = (o: ObjectiveProgress) => (o.progress === null ? Infinity : o.progress - o.expected);
  const objectives = opts.limit !== undefined && all.length > opts.limit ? [...all].sort((a, b) => gap(a) - gap(b) || a.id - b.id).slice(0, opts.limit) : all;
  return {
    cycle: cycle ? { id: cycle.id, name: cycle.name, startDate: cycle.startDate, endDate: cycle.endDate, status: cycle.status } : null,
    objectives,
    counts,
    total: all.length,
  };
}
