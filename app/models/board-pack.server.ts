/**
 * The monthly board pack (/reports/board/<YYYY-MM>): assembled from the metric catalogue and the
 * domains' own read functions (never a figure computed here), kept as a draft with the CEO's
 * commentary, and frozen on publication — the figures are stored with the metric ids they came
 * from, so a published pack reads the same for ever, whatever is corrected afterwards.
 * docs/decisions/730-board-pack-frozen-on-publication.md.
 */
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
import {
  BOARD_PACK_METRIC_IDS,
  fiscalYearStartOf,
  type BoardPackFigures,
  type BoardPackSectionId,
  type PackBudgetRow,
  type PackMetric,
} from "~/lib/board-pack";
import { DomainError } from "~/lib/errors";
import { addMonths } from "~/lib/months";
import { recordAudit } from "~/models/audit.server";
import { getFinanceMonthSeries, listClosedMonths } from "~/models/finance.server";
import { latestDecisions } from "~/models/gate-decisions.server";
import { getEvaluatedGates } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readFigures } from "~/models/metrics/readings.server";
import { getOkrHealthPanel } from "~/models/okrs.server";
import { listTopRisks } from "~/models/risks.server";
import { getCompanySettings } from "~/models/settings.server";
import { schema, type Db } from "~/utils/db.server";

/** A rule of the pack refused the request: a 400 whose message sits on the form that was sent (its `intent`). */
export class BoardPackRuleError extends DomainError {
  constructor(message: string) {
    super("rule", message, { intent: [message] });
  }
}

export type BoardPackRow = {
  id: number;
  month: string;
  status: "draft" | "published";
  commentary: Record<string, string>;
  figures: BoardPackFigures | null;
  publishedAt: number | null;
  publishedByName: string | null;
  updatedAt: number;
};

/** The month a pack can be prepared for now: the latest closed month (null: none is closed). */
export function packableMonth(db: Db): string | null {
  return listClosedMonths(db).at(-1) ?? null;
}

/**
 * Planned and actual per category over [fromMonth, toMonth]: planned of every month, actual of the
 * CLOSED months only (a month counts for actual spend once it has a finance snapshot). One statement.
 */
function budgetByCategory(db: Db, fromMonth: string, toMonth: string): PackBudgetRow[] {
  return db.all<PackBudgetRow>(sql`
    SELECT c.name AS category,
           COALESCE(SUM(bl.planned_cents), 0) AS plannedCents,
           SUM(CASE WHEN bl.month IN (SELECT fs.month FROM finance_snapshots fs) THEN bl.actual_cents END) AS actualCents
      FROM budget_categories c
      JOIN budget_lines bl ON bl.category_id = c.id AND bl.month >= ${fromMonth} AND bl.month <= ${toMonth}
     GROUP BY c.id
     ORDER BY c.sort_order, c.name`);
}

/**
 * Every figure of the pack of the latest closed month M, read now through the catalogue (one
 * MetricContext: each source read once). null when no month is closed.
 */
export function assembleBoardPack(db: Db, now = Date.now()): BoardPackFigures | null {
  const month = packableMonth(db);
  if (!month) return null;
  const ctx = new MetricContext(db, now);
  const metrics: Record<string, PackMetric> = {};
  for (const f of readFigures(ctx, BOARD_PACK_METRIC_IDS)) {
    metrics[f.id] = {
      id: f.id,
      label: f.label,
      unit: f.unit,
      unitText: f.unitText,
      direction: f.direction,
      formula: f.formula,
      windowText: f.windowText,
      value: f.value,
      asOf: f.asOf,
      window: f.window,
      target: f.target ? { comparison: f.target.comparison, value: f.target.value } : null,
    };
  }
  const settings = getCompanySettings(db);
  const fiscalYearStart = fiscalYearStartOf(month, settings.fiscalYearStartMonth);
  const series = getFinanceMonthSeries(db, { asOf: month, count: 12 }).months.filter((m) => m.month > addMonths(month, -12));
  const okr = getOkrHealthPanel(db, now, ctx.linkedKrValues());
  const decisions = latestDecisions(db);
  return {
    version: 1,
    month,
    computedAt: now,
    metrics,
    cashSeries: series.map((m) => ({ month: m.month, cashCents: m.cashCents, grossBurnCents: m.grossBurnCents, revenueCents: m.revenueCents })),
    budget: { month: budgetByCategory(db, month, month), yearToDate: budgetByCategory(db, fiscalYearStart, month), fiscalYearStart },
    headcountTarget: settings.headcountTarget ?? null,
    okrs: {
      cycleName: okr.cycle?.name ?? null,
      counts: okr.counts,
      objectives: okr.objectives.map((o) => ({ title: o.title, progress: o.progress, expected: o.expected, status: o.status })),
    },
    risks: listTopRisks(db, { limit: 5, now }).map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      residualScore: r.residualScore,
      residualLevel: r.residualLevel,
      ownerName: r.ownerName,
      raisedByRule: r.raisedByRuleKind !== null,
    })),
    gates: getEvaluatedGates(db, now, ctx).map((g) => ({
      id: g.id,
      name: g.name,
      dueDate: g.dueDate,
      verdict: g.verdict,
      criteria: g.criteria.map((c) => ({ metric: c.metric, label: c.label, operator: c.operator, threshold: c.threshold, value: c.value, outcome: c.outcome })),
      manual: g.manual.map((m) => ({ label: m.label, checked: m.checked, checkedByName: m.checkedByName })),
      lastDecision: decisions.get(g.id) ?? null,
    })),
  };
}

type RawRow = typeof schema.boardPacks.$inferSelect & { publishedByName: string | null };

function toRow(r: RawRow): BoardPackRow {
  return {
    id: r.id,
    month: r.month,
    status: r.status,
    commentary: r.commentary ?? {},
    figures: (r.figures as BoardPackFigures | null) ?? null,
    publishedAt: r.publishedAt,
    publishedByName: r.publishedByName,
    updatedAt: r.updatedAt.getTime(),
  };
}

function selectPacks(db: Db) {
  const P = schema.boardPacks;
  return db
    .select({
      id: P.id,
      month: P.month,
      status: P.status,
      commentary: P.commentary,
      figures: P.figures,
      publishedAt: P.publishedAt,
      publishedByUserId: P.publishedByUserId,
      createdAt: P.createdAt,
      updatedAt: P.updatedAt,
      publishedByName: schema.users.name,
    })
    .from(P)
    .leftJoin(schema.users, eq(schema.users.id, P.publishedByUserId));
}

export function getBoardPack(db: Db, month: string): BoardPackRow | null {
  const row = selectPacks(db).where(eq(schema.boardPacks.month, month)).get();
  return row ? toRow(row) : null;
}

/** The published pack before `month` (the one a pack's "change since" compares with). */
export function previousPublishedPack(db: Db, month: string): BoardPackRow | null {
  const P = schema.boardPacks;
  const row = selectPacks(db)
    .where(and(eq(P.status, "published"), lt(P.month, month)))
    .orderBy(desc(P.month))
    .limit(1)
    .get();
  return row ? toRow(row) : null;
}

export type BoardPackListItem = { month: string; status: "draft" | "published"; publishedAt: number | null; publishedByName: string | null };

/** Every pack, newest month first (without their figures). */
export function listBoardPacks(db: Db): BoardPackListItem[] {
  const P = schema.boardPacks;
  return db
    .select({ month: P.month, status: P.status, publishedAt: P.publishedAt, publishedByName: schema.users.name })
    .from(P)
    .leftJoin(schema.users, eq(schema.users.id, P.publishedByUserId))
    .orderBy(desc(P.month))
    .all();
}

function assertDraftable(db: Db, month: string): BoardPackRow | null {
  const existing = getBoardPack(db, month);
  if (existing?.status === "published") throw new BoardPackRuleError(serverT("The pack of {{month}} is published: it can no longer change.", { month }));
  if (packableMonth(db) !== month) {
    throw new BoardPackRuleError(
      serverT("Only the pack of the latest closed month can be prepared ({{month}}).", { month: packableMonth(db) ?? serverT("no month is closed yet") }),
    );
  }
  return existing;
}

/** Saves the commentary of one section on the draft of `month` (created on first save). */
export function saveCommentary(db: Db, actorUserId: number, month: string, section: BoardPackSectionId, text: string): void {
  // reads go through `db`: the same connection as the transaction (better-sqlite3), so they see its writes
  db.transaction((tx) => {
    const existing = assertDraftable(db, month);
    const before = existing?.commentary ?? {};
    const commentary = { ...before };
    if (text === "") delete commentary[section];
    else commentary[section] = text;
    if (existing) {
      tx.update(schema.boardPacks).set({ commentary }).where(eq(schema.boardPacks.id, existing.id)).run();
    } else {
      tx.insert(schema.boardPacks).values({ month, status: "draft", commentary }).run();
    }
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "update",
      entityType: "board_pack",
      entityId: month,
      before: { section, text: before[section] ?? null },
      after: { section, text: text || null },
    });
  });
}

/**
 * Publishes the pack of `month`: reads every figure now and stores it with the commentary; the row
 * never changes afterwards. `now` is the instant the figures are read at.
 */
export function publishBoardPack(db: Db, actorUserId: number, month: string, now = Date.now()): BoardPackFigures {
  return db.transaction((tx) => {
    // the figures are read through `db` (the catalogue needs the raw client; same connection as tx)
    const existing = assertDraftable(db, month);
    const figures = assembleBoardPack(db, now);
    if (!figures || figures.month !== month) throw new BoardPackRuleError(serverT("The figures of {{month}} cannot be read.", { month }));
    const values = { status: "published" as const, figures, publishedAt: now, publishedByUserId: actorUserId };
    if (existing) tx.update(schema.boardPacks).set(values).where(eq(schema.boardPacks.id, existing.id)).run();
    else
      tx.insert(schema.boardPacks)
        .values({ month, commentary: {}, ...values })
        .run();
    recordAudit(tx, {
      actor: { userId: actorUserId },
      action: "publish",
      entityType: "board_pack",
      entityId: month,
      after: { month, metrics: Object.fromEntries(Object.values(figures.metrics).map((m) => [m.id, m.value])) },
    });
    return figures;
  });
}
