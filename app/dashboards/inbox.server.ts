/**
 * The weekly inbox's read model (docs/decisions/022-weekly-inbox.md): what waits for one person now,
 * across OKRs, risks, hiring, governance, the multi-year plan and webhooks. Every rule is a SQL
 * condition here, counted with one COUNT per kind (the navigation badge, on every page view) and
 * listed with the same condition (the /inbox page), so the count and the list cannot disagree.
 *
 * Whose item it is: the owner column where the table has one (key results, risks); otherwise the
 * person whose right it is to do the thing (can(): `hiring:edit` on the requisition's team,
 * `gates:decide`, `plans:edit`, `tokens:manage`). Salaries are never read here.
 */
import { sql, type SQL } from "drizzle-orm";
import { can } from "~/auth/permissions";
import {
  CHECK_IN_EVERY_DAYS,
  DUE_SOON_DAYS,
  INBOX_SECTION_LIMIT,
  STALE_REQUISITION_DAYS,
  totalOf,
  WEBHOOK_FAILURE_DAYS,
  type InboxCounts,
  type InboxKind,
} from "~/lib/inbox";
import type { KrKind } from "~/lib/metrics/okrs";
import { DAY_MS } from "~/lib/time";
import type { SessionUser } from "~/models/users.server";
import { schema, type Db } from "~/utils/db.server";

/** 'YYYY-MM-DD' of an instant, UTC (the risks' review dates use the same day). */
function isoDayUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The instant, the days the rules compare with, and what the person may do. */
type Scope = {
  user: SessionUser;
  now: number;
  today: string;
  dueBy: string;
  /** which kinds this person can have at all (a kind they can never act on is not queried) */
  kinds: Record<InboxKind, boolean>;
  /** requisitions: the teams whose hiring this person may move on, and whether team-less ones too */
  hiringTeamIds: number[];
  hiringNoTeam: boolean;
};

function scopeOf(db: Db, user: SessionUser, now: number): Scope {
  // the teams table is small (a few dozen rows): the team-by-team right stays in can()
  const teams = db.select({ id: schema.teams.id, isTech: schema.teams.isTech }).from(schema.teams).all();
  const hiringTeamIds = teams.filter((t) => can(user, "hiring:edit", { teamId: t.id, teamIsTech: t.isTech })).map((t) => t.id);
  const hiringNoTeam = can(user, "hiring:edit", { teamId: null, teamIsTech: false });
  return {
    user,
    now,
    today: isoDayUtc(now),
    dueBy: isoDayUtc(now + DUE_SOON_DAYS * DAY_MS),
    kinds: {
      // the owner checks in on what they own (a viewer who owns a key result cannot check in: not theirs to do)
      keyResults: can(user, "okrs:checkin", { teamId: null, ownerUserId: user.id }),
      risks: true,
      requisitions: hiringTeamIds.length > 0 || hiringNoTeam,
      gates: can(user, "gates:decide"),
      milestones: can(user, "plans:edit"),
      webhooks: can(user, "tokens:manage"),
    },
    hiringTeamIds,
    hiringNoTeam,
  };
}

// ------------------------------------------------------------------------------------------------
// The rules, one FROM … WHERE per kind (aliases: k key result, r risk, q requisition, g gate,
// m milestone, s webhook source)

function keyResultsFrom(s: Scope): SQL {
  return sql`
    FROM key_results k
    JOIN objectives o ON o.id = k.objective_id
    JOIN cycles c ON c.id = o.cycle_id
    WHERE k.owner_user_id = ${s.user.id}
      AND k.archived_at IS NULL AND o.archived_at IS NULL
      AND c.status = 'open' AND c.start_date <= ${s.today}
      AND NOT EXISTS (SELECT 1 FROM check_ins ci WHERE ci.key_result_id = k.id AND ci.created_at >= ${s.now - CHECK_IN_EVERY_DAYS * DAY_MS})`;
}

function risksFrom(s: Scope): SQL {
  return sql`
    FROM risks r
    WHERE r.owner_user_id = ${s.user.id} AND r.status <> 'closed'
      AND r.next_review_date IS NOT NULL AND r.next_review_date <= ${s.today}`;
}

/** Per status, "changed before this instant": one index range (status, status_changed_at) per status. */
function staleSql(now: number): SQL {
  const ranges = Object.entries(STALE_REQUISITION_DAYS).map(([status, days]) => sql`(q.status = ${status} AND q.status_changed_at < ${now - days * DAY_MS})`);
  return sql`(${sql.join(ranges, sql` OR `)})`;
}

function requisitionsFrom(s: Scope): SQL {
  const teamIn = s.hiringTeamIds.length > 0 ? sql`q.team_id IN (${sql.join(s.hiringTeamIds, sql`, `)})` : sql`0`;
  const noTeam = s.hiringNoTeam ? sql`q.team_id IS NULL` : sql`0`;
  return sql`
    FROM requisitions q
    LEFT JOIN teams t ON t.id = q.team_id
    WHERE (${teamIn} OR ${noTeam})
      AND ${staleSql(s.now)}`;
}

function gatesFrom(s: Scope): SQL {
  return sql`
    FROM decision_gates g
    WHERE g.due_date <= ${s.dueBy}
      AND NOT EXISTS (SELECT 1 FROM gate_decisions d WHERE d.gate_id = g.id)`;
}

function milestonesFrom(s: Scope): SQL {
  return sql`
    FROM milestones m
    WHERE m.due_date <= ${s.dueBy} AND m.metric_id IS NULL AND m.status = 'pending'`;
}

/** A source with a refused delivery (in the window) and no accepted delivery after it. */
function webhooksFrom(s: Scope): SQL {
  const since = s.now - WEBHOOK_FAILURE_DAYS * DAY_MS;
  return sql`
    FROM webhook_sources s
    WHERE s.id IN (
      SELECT f.source_id FROM webhook_deliveries f
      WHERE f.outcome = 'refused' AND f.received_at >= ${since}
        -- an accepted delivery is always verified: (source_id, verified, id) reads only the newer ones
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries ok WHERE ok.source_id = f.source_id AND ok.verified = 1 AND ok.id > f.id AND ok.outcome <> 'refused'))`;
}

const FROM: Record<InboxKind, (s: Scope) => SQL> = {
  keyResults: keyResultsFrom,
  risks: risksFrom,
  requisitions: requisitionsFrom,
  gates: gatesFrom,
  milestones: milestonesFrom,
  webhooks: webhooksFrom,
};

/** The SQL of one kind's COUNT (exported for the query-plan test). */
export function inboxCountQuery(db: Db, user: SessionUser, kind: InboxKind, now = Date.now()): SQL {
  return sql`SELECT COUNT(*) AS n ${FROM[kind](scopeOf(db, user, now))}`;
}

function countsOf(db: Db, s: Scope): InboxCounts {
  const counts = {} as Record<InboxKind, number>;
  for (const kind of Object.keys(FROM) as InboxKind[]) {
    counts[kind] = s.kinds[kind] ? db.get<{ n: number }>(sql`SELECT COUNT(*) AS n ${FROM[kind](s)}`).n : 0;
  }
  return { ...counts, total: totalOf(counts) };
}

/** One COUNT per kind: the navigation badge and the home card. */
export function getInboxCounts(db: Db, user: SessionUser, now = Date.now()): InboxCounts {
  return countsOf(db, scopeOf(db, user, now));
}

// ------------------------------------------------------------------------------------------------
// The lists (the same rules, at most INBOX_SECTION_LIMIT rows each)

export type InboxKeyResult = {
  id: number;
  title: string;
  kind: KrKind;
  startValue: number;
  targetValue: number;
  currentValue: number;
  unit: string | null;
  metricId: string | null;
  objectiveId: number;
  objectiveTitle: string;
  cycleName: string;
  lastCheckInAt: number | null;
  lastConfidence: number | null;
};
export type InboxRisk = { id: number; title: string; status: string; nextReviewDate: string; residualScore: number };
export type InboxRequisition = { id: number; title: string; teamName: string | null; status: keyof typeof STALE_REQUISITION_DAYS; since: number; days: number };
export type InboxGate = { id: number; name: string; dueDate: string };
export type InboxMilestone = { id: number; title: string; dueDate: string };
export type InboxWebhookSource = { id: number; name: string; kind: string; failures: number; lastAt: number; lastReason: string | null };

export type Inbox = {
  counts: InboxCounts;
  /** which sections apply to this person at all (the others are not shown) */
  kinds: Record<InboxKind, boolean>;
  today: string;
  keyResults: InboxKeyResult[];
  risks: InboxRisk[];
  requisitions: InboxRequisition[];
  gates: InboxGate[];
  milestones: InboxMilestone[];
  webhooks: InboxWebhookSource[];
};

const LIMIT = sql`LIMIT ${INBOX_SECTION_LIMIT}`;

export function getInbox(db: Db, user: SessionUser, now = Date.now()): Inbox {
  const s = scopeOf(db, user, now);
  const counts = countsOf(db, s);
  const keyResults =
    counts.keyResults === 0
      ? []
      : db.all<InboxKeyResult>(
          sql`SELECT k.id, k.title, k.kind, k.start_value AS startValue, k.target_value AS targetValue, k.current_value AS currentValue,
              k.unit, k.metric_id AS metricId, o.id AS objectiveId, o.title AS objectiveTitle, c.name AS cycleName,
              (SELECT MAX(ci.created_at) FROM check_ins ci WHERE ci.key_result_id = k.id) AS lastCheckInAt,
              (SELECT ci.confidence FROM check_ins ci WHERE ci.key_result_id = k.id ORDER BY ci.created_at DESC, ci.id DESC LIMIT 1) AS lastConfidence
            ${keyResultsFrom(s)}
            ORDER BY lastCheckInAt IS NOT NULL, lastCheckInAt, k.id ${LIMIT}`,
        );
  const risks =
    counts.risks === 0
      ? []
      : db.all<InboxRisk>(
          sql`SELECT r.id, r.title, r.status, r.next_review_date AS nextReviewDate, r.residual_likelihood * r.residual_impact AS residualScore
            ${risksFrom(s)} ORDER BY r.next_review_date, r.id ${LIMIT}`,
        );
  const requisitions =
    counts.requisitions === 0
      ? []
      : db
          .all<Omit<InboxRequisition, "days">>(
            sql`SELECT q.id, q.title, t.name AS teamName, q.status, q.status_changed_at AS since
              ${requisitionsFrom(s)} ORDER BY since, q.id ${LIMIT}`,
          )
          .map((r) => ({ ...r, days: Math.floor((now - r.since) / DAY_MS) }));
  const gates = counts.gates === 0 ? [] : db.all<InboxGate>(sql`SELECT g.id, g.name, g.due_date AS dueDate ${gatesFrom(s)} ORDER BY g.due_date, g.id ${LIMIT}`);
  const milestones =
    counts.milestones === 0
      ? []
      : db.all<InboxMilestone>(sql`SELECT m.id, m.title, m.due_date AS dueDate ${milestonesFrom(s)} ORDER BY m.due_date, m.id ${LIMIT}`);
  const webhookSince = now - WEBHOOK_FAILURE_DAYS * DAY_MS;
  const webhooks =
    counts.webhooks === 0
      ? []
      : db.all<InboxWebhookSource>(
          sql`SELECT s.id, s.name, s.kind,
              (SELECT COUNT(*) FROM webhook_deliveries f WHERE f.source_id = s.id AND f.outcome = 'refused' AND f.received_at >= ${webhookSince}
                 AND f.id > COALESCE((SELECT MAX(ok.id) FROM webhook_deliveries ok WHERE ok.source_id = s.id AND ok.outcome <> 'refused'), 0)) AS failures,
              (SELECT MAX(f.received_at) FROM webhook_deliveries f WHERE f.source_id = s.id AND f.outcome = 'refused') AS lastAt,
              (SELECT f.reason FROM webhook_deliveries f WHERE f.source_id = s.id AND f.outcome = 'refused' ORDER BY f.id DESC LIMIT 1) AS lastReason
            ${webhooksFrom(s)} ORDER BY s.name ${LIMIT}`,
        );
  return { counts, kinds: s.kinds, today: s.today, keyResults, risks, requisitions, gates, milestones, webhooks };
}
