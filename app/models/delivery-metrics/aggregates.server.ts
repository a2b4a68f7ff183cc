/**
 * DORA metrics in SQL (the metric contract in DESIGN.md; the plain-JS reference is
 * `referenceDoraMetrics` in app/lib/metrics/delivery.ts, and tests/integration/dora*.test.ts
 * compares the two).
 *
 * Every figure is an aggregate computed by SQLite over a half-open window [from, to):
 * counts, sums and exact medians (ROW_NUMBER() / COUNT() window functions, picking the middle
 * row(s)). The same query text (./queries.server.ts) serves the whole window, per ISO week (trends)
 * and per service (breakdown): only the grouping expression changes. Statements are prepared once
 * per connection (./statements.server.ts).
 *
 * Lead-time samples come from `delivery_lead_samples` (db/schema/delivery_metrics.ts), a derived
 * table kept exact by SQLite triggers on deployments and deployment_commits, so every write path
 * (API, CSV import, forms, seeds, tests) keeps it right without calling anything; see
 * docs/decisions/401-dora-metrics-in-sql.md. Whole UTC days of a window are read from daily
 * rollups kept by triggers too (docs/decisions/402-dora-daily-rollups.md); only the partial days at
 * its edges touch the raw rows.
 */
import {
  changeFailureRateTier,
  deploymentFrequency,
  leadTimeTier,
  MS_PER_DAY,
  MS_PER_HOUR,
  rate,
  timeToRestoreTier,
  type DoraMetrics,
  type Window,
} from "~/lib/metrics/delivery";
import {
  MS_PER_WEEK,
  rawSpanSql,
  rollupSql,
  WEEK_ANCHOR,
  windowSql,
  windowsRollupCountsSql,
  windowsUnclassifiedFailedSql,
  type Group,
  type Grouping,
} from "~/models/delivery-metrics/queries.server";
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

export type GroupAggregates = {
  total: number;
  rework: number;
  failed: number;
  leadMedianMs: number | null;
  restoreMedianMs: number | null;
  restoreMeanMs: number | null;
  restoredCount: number;
};

/**
 * The independent parts of the five figures: the counts (deployment frequency, change failure rate,
 * rework rate), the lead-time median, the time to restore (median and mean). A read that needs one
 * figure computes only its part; every part is the same SQL whichever others are asked for.
 */
export type DoraPart = "counts" | "lead" | "restore";
export const ALL_DORA_PARTS: readonly DoraPart[] = ["counts", "lead", "restore"];

export function emptyAggregates(): GroupAggregates {
  return { total: 0, rework: 0, failed: 0, leadMedianMs: null, restoreMedianMs: null, restoreMeanMs: null, restoredCount: 0 };
}

type BucketCount = { g: number; b: number; n: number };

/**
 * From sample counts per (group, bucket), sorted by group then bucket (buckets are monotonic in the
 * value), the (group, bucket, rank within the bucket) of each group's middle value(s): ranks
 * ⌊(n+1)/2⌋ and ⌊(n+2)/2⌋ (the same rank when n is odd; the median is the mean of the picked values).
 */
export function middleBuckets(counts: readonly BucketCount[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let i = 0;
  while (i < counts.length) {
    const g = counts[i].g;
    let j = i;
    let total = 0;
    while (j < counts.length && counts[j].g === g) total += counts[j++].n;
    const ranks = [...new Set([Math.floor((total + 1) / 2), Math.floor((total + 2) / 2)])];
    for (const rank of ranks) {
      let before = 0;
      for (let k = i; k < j; k++) {
        if (rank <= before + counts[k].n) {
          out.push([g, counts[k].b, rank - before]);
          break;
        }
        before += counts[k].n;
      }
    }
    i = j;
  }
  return out;
}

/**
 * A window split for the rollups: its whole UTC days [fromDay, toDay) (null when it holds none)
 * and the partial days at its edges, read from the raw rows.
 *
 * `holdsNoRow(span)`, when given, says that no deployment finished in `span`. A window that ends
 * during a day — every window that ends now — then reads that last day from the rollups too, when
 * nothing finished between its end and the day's end (nothing finishes in the future): the whole
 * day's rollup row is then exactly the part of the day inside the window. Every figure the rollups
 * hold (counts, rework, failures, lead-time samples) is keyed by the deployment's finish, so one
 * probe of the deployments covers them all. Today is the day the writes go to: without this, every
 * read of a window ending now would count today's deployments and samples row by row.
 */
export function splitByDays(window: Window, holdsNoRow?: (span: Window) => boolean): { days: Window | null; edges: Window[] } {
  const floorDay = (ms: number) => ms - (((ms % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
  const fromDay = floorDay(window.from) === window.from ? window.from : floorDay(window.from) + MS_PER_DAY;
  let toDay = floorDay(window.to);
  if (!(toDay > fromDay)) return { days: null, edges: window.to > window.from ? [window] : [] };
  const edges: Window[] = [];
  if (window.from < fromDay) edges.push({ from: window.from, to: fromDay });
  if (toDay < window.to) {
    if (holdsNoRow?.({ from: window.to, to: toDay + MS_PER_DAY })) toDay += MS_PER_DAY;
    else edges.push({ from: toDay, to: window.to });
  }
  return { days: { from: fromDay, to: toDay }, edges };
}

/** splitByDays's probe on a connection: no deployment at all (any environment, any status) finished in the span. */
export function noDeploymentFinishedIn(db: Db): (span: Window) => boolean {
  return (span) => prepare(db, "SELECT EXISTS (SELECT 1 FROM deployments WHERE finished_at >= @from AND finished_at < @to)").pluck().get(span) === 0;
}

/** The groups of a grouping over a span: the span, each week's part of it, or each selected service. */
function groupsOver(span: Window, grouping: Grouping, serviceIds: number[] | null, allServiceIds: () => number[]): Group[] {
  if (grouping === "all") return [[0, span.from, span.to]];
  if (grouping === "week") {
    const groups: Group[] = [];
    for (let w = span.from - ((span.from - WEEK_ANCHOR) % MS_PER_WEEK); w < span.to; w += MS_PER_WEEK) {
      groups.push([w, Math.max(w, span.from), Math.min(w + MS_PER_WEEK, span.to)]);
    }
    return groups;
  }
  return (serviceIds ?? allServiceIds()).map((id): Group => [id, span.from, span.to]);
}

/** The deployments counted, reworked and failed per group, from the `json_array(total, rework, failed)` of a counts query. */
function addCountsTo(at: (g: number) => GroupAggregates, rows: { g: number; c: string | null }[]) {
  for (const r of rows) {
    if (r.c === null) continue;
    const [total, rework, failed] = JSON.parse(r.c) as [number, number, number];
    const row = at(r.g);
    row.total += total;
    row.rework += rework;
    row.failed += failed;
  }
}

export function groupedAggregates(
  db: Db,
  window: Window,
  serviceIds: number[] | null,
  grouping: Grouping,
  parts: readonly DoraPart[] = ALL_DORA_PARTS,
): Map<number, GroupAggregates> {
  const out = new Map<number, GroupAggregates>();
  const at = (g: number) => {
    let row = out.get(g);
    if (!row) {
      row = emptyAggregates();
      out.set(g, row);
    }
    return row;
  };
  // no service selected (a team that owns none): nothing to read — and SQLite refuses the INDEXED BY
  // reads under a constant-false filter ("no query solution")
  if (!(window.to > window.from) || serviceIds?.length === 0) return out;
  const allServiceIds = () => prepare(db, "SELECT id FROM services ORDER BY id").pluck().all() as number[];
  const params = { from: window.from, to: window.to };
  const wantCounts = parts.includes("counts");
  const wantLead = parts.includes("lead");

  // 1. Counts and lead-time samples per bucket: whole days from the rollups, edge days from raw rows.
  const buckets = new Map<string, BucketCount>();
  const addCounts = (rows: { g: number; c: string | null }[]) => addCountsTo(at, rows);
  const addBuckets = (rows: BucketCount[]) => {
    for (const r of rows) {
      const key = `${r.g}:${r.b}`;
      const b = buckets.get(key);
      if (b) b.n += r.n;
      else buckets.set(key, { ...r });
    }
  };
  const { days, edges } = splitByDays(window, noDeploymentFinishedIn(db));
  if (days) {
    const sql = rollupSql(grouping, serviceIds, allServiceIds);
    const span = { from: days.from, to: days.to };
    if (wantCounts) addCounts(prepare(db, sql.counts).all(span) as { g: number; c: string | null }[]);
    if (!wantLead) {
      // the counts only
    } else if (grouping === "service") {
      const range = prepare(
        db,
        "SELECT MIN(bucket) AS bmin, MAX(bucket) AS bmax FROM delivery_lead_daily WHERE day >= @from AND day < @to AND samples > 0",
      ).get(span) as { bmin: number | null; bmax: number | null };
      if (range.bmin !== null && range.bmax !== null) addBuckets(prepare(db, sql.buckets).all({ ...span, ...range }) as BucketCount[]);
    } else addBuckets(prepare(db, sql.buckets).all(span) as BucketCount[]);
  }
  if (edges.length > 0) {
    const sql = rawSpanSql(grouping, serviceIds);
    for (const edge of edges) {
      const span = { from: edge.from, to: edge.to };
      if (wantCounts) {
        const countParams = grouping === "service" ? span : { groups: JSON.stringify(groupsOver(edge, grouping, serviceIds, allServiceIds)) };
        addCounts(prepare(db, sql.counts).all(countParams) as { g: number; c: string | null }[]);
      }
      if (wantLead) addBuckets(prepare(db, sql.buckets).all(span) as BucketCount[]);
    }
  }

  // 2. Deployments failed only through an incident never classified.
  const sql = windowSql(grouping, serviceIds);
  if (wantCounts) for (const r of prepare(db, sql.unclassifiedFailed).all(params) as { g: number; failed: number }[]) at(r.g).failed += r.failed;

  // 3. Exact lead-time medians: the bucket and rank of each group's middle value(s), then rank only that bucket's rows.
  const counts = [...buckets.values()].filter((b) => b.n > 0).sort((a, b) => a.g - b.g || a.b - b.b);
  const bounds = new Map(groupsOver(window, grouping, serviceIds, allServiceIds).map(([g, f, t]) => [g, [f, t]] as const));
  // Both middle ranks in one bucket (the usual case): one read of 2 values.
  const need: { g: number; b: number; k: number; c: number }[] = [];
  for (const [g, b, k] of middleBuckets(counts)) {
    const last = need[need.length - 1];
    if (last && last.g === g && last.b === b && last.k + last.c === k) last.c += 1;
    else need.push({ g, b, k, c: 1 });
  }
  const picked = new Map<number, { sum: number; count: number }>();
  const leadPick = need.length > 0 ? prepare(db, sql.leadPick).pluck() : null;
  const leadPickDesc = need.length > 0 ? prepare(db, sql.leadPickDesc).pluck() : null;
  for (const n of need) {
    const [f, t] = bounds.get(n.g)!;
    // ranks k … k+c−1 of the bucket's n rows; from the top when they lie in its upper half
    const inBucket = buckets.get(`${n.g}:${n.b}`)!.n;
    const fromTop = n.k - 1 > inBucket - (n.k + n.c - 1);
    const sum = fromTop
      ? (leadPickDesc!.get({ g: n.g, b: n.b, c: n.c, k: inBucket - (n.k + n.c - 1) + 1, f, t }) as number)
      : (leadPick!.get({ ...n, f, t }) as number);
    const p = picked.get(n.g) ?? { sum: 0, count: 0 };
    picked.set(n.g, { sum: p.sum + sum, count: p.count + n.c });
  }
  for (const [g, p] of picked) at(g).leadMedianMs = p.sum / p.count;

  // 4. Time to restore: count and mean, then the middle value(s) of each group.
  if (!parts.includes("restore")) return out;
  const restored = prepare(db, sql.restore).all(params) as { g: number; mean: number; n: number }[];
  const restorePick = restored.length > 0 ? prepare(db, sql.restorePick).pluck() : null;
  for (const r of restored) {
    const row = at(r.g);
    row.restoreMeanMs = r.mean;
    row.restoredCount = r.n;
    const [f, t] = grouping === "week" ? [Math.max(r.g, window.from), Math.min(r.g + MS_PER_WEEK, window.to)] : [window.from, window.to];
    row.restoreMedianMs = restorePick!.get({ g: r.g, f, t, k: Math.floor((r.n + 1) / 2), c: 2 - (r.n % 2) }) as number;
  }
  return out;
}

/**
 * The counts part (total, rework, failed) of several windows at once, each [from, to) on its own —
 * they may overlap (a metric's history: the 90-day window ending at each week). One statement sums
 * the windows' whole UTC days from the daily rollup (the span's days read once), one counts the
 * partial edge days from the raw rows, one the deployments failed only through an unclassified
 * incident. Each window's counts equal `groupedAggregates(db, window, serviceIds, "all", ["counts"])`.
 */
export function countsOverWindows(db: Db, windows: readonly Window[], serviceIds: number[] | null): GroupAggregates[] {
  const out = windows.map(() => emptyAggregates());
  if (serviceIds?.length === 0) return out;
  const at = (g: number) => out[g];
  const holdsNoRow = noDeploymentFinishedIn(db);
  const whole: Group[] = [];
  const edges: Group[] = [];
  const nonEmpty: Group[] = [];
  windows.forEach((w, i) => {
    if (!(w.to > w.from)) return;
    nonEmpty.push([i, w.from, w.to]);
    const { days, edges: e } = splitByDays(w, holdsNoRow);
    if (days) whole.push([i, days.from, days.to]);
    for (const x of e) edges.push([i, x.from, x.to]);
  });
  if (nonEmpty.length === 0) return out;
  const span = (groups: Group[]) => ({ from: Math.min(...groups.map((g) => g[1])), to: Math.max(...groups.map((g) => g[2])) });
  if (whole.length > 0) {
    const rows = prepare(db, windowsRollupCountsSql(serviceIds)).all({ groups: JSON.stringify(whole), ...span(whole) });
    addCountsTo(at, rows as { g: number; c: string | null }[]);
  }
  if (edges.length > 0) {
    const rows = prepare(db, rawSpanSql("all", serviceIds).counts).all({ groups: JSON.stringify(edges) });
    addCountsTo(at, rows as { g: number; c: string | null }[]);
  }
  const failed = prepare(db, windowsUnclassifiedFailedSql(serviceIds)).all({ groups: JSON.stringify(nonEmpty), ...span(nonEmpty) });
  for (const r of failed as { g: number; failed: number }[]) out[r.g].failed += r.failed;
  return out;
}

function toHours(ms: number | null): number | null {
  return ms === null ? null : ms / MS_PER_HOUR;
}

export function toDoraMetrics(window: Window, a: GroupAggregates): DoraMetrics {
  const leadHours = toHours(a.leadMedianMs);
  const restoreMedian = toHours(a.restoreMedianMs);
  const cfr = rate(a.failed, a.total);
  return {
    window: { from: window.from, to: window.to },
    deploymentFrequency: deploymentFrequency(a.total, window.from, window.to),
    leadTime: { medianHours: leadHours, tier: leadTimeTier(leadHours) },
    changeFailureRate: { rate: cfr, failed: a.failed, total: a.total, tier: changeFailureRateTier(cfr) },
    timeToRestore: { medianHours: restoreMedian, meanHours: toHours(a.restoreMeanMs), tier: timeToRestoreTier(restoreMedian) },
    reworkRate: { rate: rate(a.rework, a.total) },
  };
}
