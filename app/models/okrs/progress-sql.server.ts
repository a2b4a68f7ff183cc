/**
 * The OKR progress SQL every OKR query shares: the linked metric values as the `metric_now` table,
 * the per-KR clamp of the metric contract (KR_PROGRESS_SQL, the same rule as krProgress() in
 * app/lib/metrics/okrs.ts, tested against it), the weighted objective mean and the key-result view.
 * See docs/decisions/500-okr-progress-in-sql.md and 801-key-results-linked-to-metrics.md.
 */
import { sql } from "drizzle-orm";
import { okrStatus, type OkrStatus } from "~/lib/metrics/okrs";
import type { Db, schema } from "~/utils/db.server";

// ---------------------------------------------------------------- linked key results

/**
 * The current value of every metric a key result is linked to, in the KRs' scale
 * (krValueFromMetric: fractions × 100), null = the metric has no data. Built per request from the
 * catalogue by linkedKrValues() (app/models/metrics/context.server.ts) for the few linked metrics, and fed
 * into the progress SQL as the `metric_now` table (metricNowCte), so a linked KR's value is the
 * metric's — on its page, in its objective's progress and in every aggregate — and nothing is copied
 * into the database on a page view. See docs/decisions/801-key-results-linked-to-metrics.md.
 */
export type LinkedValues = ReadonlyMap<string, number | null>;

/** For callers that know no KR of theirs is linked (tests, the seed). */
export const NO_LINKED_VALUES: LinkedValues = new Map();

/** The distinct metric ids linked by key results whose progress is not frozen yet (bounded by the catalogue). */
export function listLinkedMetricIds(db: Db): string[] {
  return db
    .all<{ id: string }>(sql`select distinct metric_id as id from key_results where metric_id is not null and final_progress is null order by metric_id`)
    .map((r) => r.id);
}

/** `with metric_now(metric_id, value) as (…)`: the linked values as a table every OKR progress query reads. */
export function metricNowCte(linked: LinkedValues) {
  const rows = [...linked].map(([id, v]) => sql`select ${id}, ${v}`);
  return sql`with metric_now(metric_id, value) as (${rows.length ? sql.join(rows, sql` union all `) : sql`select null, null where 0`}) `;
}

// ---------------------------------------------------------------- SQL building blocks

/**
 * The current value of the key_results row aliased `kr`: a manual KR's latest check-in
 * (current_value); a linked KR's metric (metric_now, null when it has no data) — except once its
 * progress is frozen (closed cycle), when current_value holds the metric's value at closing.
 * Every query using it starts with metricNowCte().
 */
export const KR_CURRENT_SQL = `(case when kr.metric_id is null or kr.final_progress is not null then kr.current_value
  else (select mn.value from metric_now mn where mn.metric_id = kr.metric_id) end)`;

/**
 * KR progress 0–1 for the key_results row aliased `kr` (contract: clamp((current − start) ÷ (target − start), 0, 1);
 * boolean: 1 when done; target = start: 1 when current ≥ target). A frozen final_progress wins (closed cycles).
 * null for a linked KR whose metric has no data (left out of the means, never a made-up 0).
 */
export const KR_PROGRESS_SQL = `coalesce(kr.final_progress, case
  when ${KR_CURRENT_SQL} is null then null
  when kr.kind = 'boolean' then (case when ${KR_CURRENT_SQL} >= 1 then 1.0 else 0.0 end)
  when kr.target_value = kr.start_value then (case when ${KR_CURRENT_SQL} >= kr.target_value then 1.0 else 0.0 end)
  else max(0.0, min(1.0, (${KR_CURRENT_SQL} - kr.start_value) * 1.0 / (kr.target_value - kr.start_value)))
end)`;

/** weight default 1, negative weights count as 0 (same as objectiveProgress()). */
export const KR_WEIGHT_SQL = `max(0.0, coalesce(kr.weight, 1.0))`;

/** Weighted mean over the non-archived KRs of objective `o` that have a progress; null when none or total weight 0. */
export const OBJECTIVE_PROGRESS_SQL = `(
  select sum(krp.p * krp.w) / nullif(sum(case when krp.p is not null then krp.w end), 0)
  from (select ${KR_PROGRESS_SQL} as p, ${KR_WEIGHT_SQL} as w from key_results kr
        where kr.objective_id = o.id and kr.archived_at is null) krp
)`;

// ---------------------------------------------------------------- the key-result view (read)

/** A key_results row as the schema types it (timestamps are Dates there; the raw SQL reads them as ms). */
export type KeyResultRecord = typeof schema.keyResults.$inferSelect;

/** The columns of a key result every OKR read returns as they are stored (metricId null: manual check-ins). */
export type KeyResultColumns = Pick<
  KeyResultRecord,
  "id" | "objectiveId" | "title" | "kind" | "startValue" | "targetValue" | "unit" | "metricId" | "weight" | "ownerUserId" | "carriedFromId" | "finalProgress"
>;

export type KeyResultView = KeyResultColumns & {
  /** the KR's value now; a linked KR's is its metric's (null: the metric has no data) */
  currentValue: number | null;
  ownerName: string | null;
  archivedAt: number | null;
  /** null: a linked KR whose metric has no data */
  progress: number | null;
  status: OkrStatus | null;
  lastCheckInAt: number | null;
  lastConfidence: number | null;
  checkIns: number;
};

export const KR_VIEW_SELECT = `
  kr.id, kr.objective_id as objectiveId, kr.title, kr.kind, kr.start_value as startValue, kr.target_value as targetValue,
  ${KR_CURRENT_SQL} as currentValue, kr.unit, kr.metric_id as metricId, kr.weight, kr.owner_user_id as ownerUserId, u.name as ownerName,
  kr.carried_from_id as carriedFromId, kr.archived_at as archivedAt, kr.final_progress as finalProgress,
  ${KR_PROGRESS_SQL} as progress,
  (select max(ci.created_at) from check_ins ci where ci.key_result_id = kr.id) as lastCheckInAt,
  (select ci.confidence from check_ins ci where ci.key_result_id = kr.id order by ci.created_at desc, ci.id desc limit 1) as lastConfidence,
  (select count(*) from check_ins ci where ci.key_result_id = kr.id) as checkIns`;

export type KrViewRow = Omit<KeyResultView, "status">;

export function withKrStatus(rows: KrViewRow[], expected: number): KeyResultView[] {
  return rows.map((r) => ({ ...r, status: r.progress === null ? null : okrStatus(r.progress, expected) }));
}
