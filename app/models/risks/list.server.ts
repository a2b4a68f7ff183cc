/** The risk register: list, filters, sort, heat map and one risk (SQL bands = app/lib/metrics/risks.ts). */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { heatMapCells, isOverdue, riskLevel, riskScore, type HeatMapCell, type RiskLevel, type RiskRuleKind } from "~/lib/metrics/risks";
import { RISK_SOURCES } from "~/lib/schemas/risks.server";
import { schema, type Db, countRows } from "~/utils/db.server";

export const RISK_CATEGORIES = schema.RISK_CATEGORIES;
export const RISK_TREATMENTS = schema.RISK_TREATMENTS;
export const RISK_STATUSES = schema.RISK_STATUSES;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export type RiskTreatment = (typeof RISK_TREATMENTS)[number];
export type RiskStatus = (typeof RISK_STATUSES)[number];
export type HeatMapKind = "inherent" | "residual";

/** 'YYYY-MM-DD' of an instant in UTC (the day isOverdue compares against). */
export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- list, filters, heat map

export type RiskFilter = {
  category?: RiskCategory;
  /** residual level */
  level?: RiskLevel;
  ownerUserId?: number;
  /** "active" (default: everything but closed), "all", or one status */
  status?: RiskStatus | "active" | "all";
  overdue?: boolean;
  /** one heat-map cell */
  cell?: { kind: HeatMapKind; likelihood: number; impact: number };
  /** text in the title or description */
  q?: string;
  /** who put it in the register: a metric rule, or a person (entered or proposed) */
  source?: RiskSource;
};

export { RISK_SOURCES };
export type RiskSource = (typeof RISK_SOURCES)[number];

export const RISK_SORTS = ["residualScore", "inherentScore", "title", "category", "status", "owner", "nextReviewDate", "updatedAt"] as const;
export type RiskSort = (typeof RISK_SORTS)[number];

const LEVEL_RANGES: Record<RiskLevel, [number, number]> = {
  low: [1, 4],
  medium: [5, 9],
  high: [10, 16],
  critical: [17, 25],
};

export const R = schema.risks;
const residualScoreSql = sql`(${R.residualLikelihood} * ${R.residualImpact})`;
const inherentScoreSql = sql`(${R.inherentLikelihood} * ${R.inherentImpact})`;

function overdueSql(today: string): SQL {
  return sql`(${R.nextReviewDate} is not null and ${R.nextReviewDate} < ${today} and ${R.status} <> 'closed')`;
}

function whereOf(filter: RiskFilter, today: string, opts: { withCell: boolean }): SQL | undefined {
  const where: SQL[] = [];
  const status = filter.status ?? "active";
  if (status === "active") where.push(sql`${R.status} <> 'closed'`);
  else if (status !== "all") where.push(eq(R.status, status));
  if (filter.category) where.push(eq(R.category, filter.category));
  if (filter.ownerUserId) where.push(eq(R.ownerUserId, filter.ownerUserId));
  if (filter.level) {
    const [lo, hi] = LEVEL_RANGES[filter.level];
    where.push(sql`${residualScoreSql} between ${lo} and ${hi}`);
  }
  if (filter.overdue) where.push(overdueSql(today));
  if (filter.source === "rule") where.push(sql`${R.raisedByRuleId} is not null`);
  else if (filter.source === "people") where.push(sql`${R.raisedByRuleId} is null`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(${R.title} like ${like} escape '\\' or coalesce(${R.description}, '') like ${like} escape '\\')`);
  }
  if (opts.withCell && filter.cell) {
    const { kind, likelihood, impact } = filter.cell;
    if (kind === "inherent") where.push(and(eq(R.inherentLikelihood, likelihood), eq(R.inherentImpact, impact))!);
    else where.push(and(eq(R.residualLikelihood, likelihood), eq(R.residualImpact, impact))!);
  }
  return where.length ? and(...where) : undefined;
}

export type RiskRow = {
  id: number;
  title: string;
  description: string | null;
  category: RiskCategory;
  status: RiskStatus;
  treatment: RiskTreatment;
  mitigationPlan: string | null;
  ownerUserId: number | null;
  ownerName: string | null;
  nextReviewDate: string | null;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  inherentScore: number;
  inherentLevel: RiskLevel;
  residualScore: number;
  residualLevel: RiskLevel;
  overdue: boolean;
  raisedByRuleKind: RiskRuleKind | null;
  raisedValue: string | null;
  raisedSubject: string | null;
  proposedByName: string | null;
  updatedAt: number;
};

type RawRiskRow = Omit<RiskRow, "inherentScore" | "inherentLevel" | "residualScore" | "residualLevel" | "overdue">;

const owner = sql.raw("owner");
const proposer = sql.raw("proposer");

function selectRisks(db: Db) {
  return db
    .select({
      id: R.id,
      title: R.title,
      description: R.description,
      category: R.category,
      status: R.status,
      treatment: R.treatment,
      mitigationPlan: R.mitigationPlan,
      ownerUserId: R.ownerUserId,
      ownerName: sql<string | null>`${owner}.name`,
      nextReviewDate: R.nextReviewDate,
      inherentLikelihood: R.inherentLikelihood,
      inherentImpact: R.inherentImpact,
      residualLikelihood: R.residualLikelihood,
      residualImpact: R.residualImpact,
      raisedByRuleKind: schema.riskRules.kind,
      raisedValue: R.raisedValue,
      raisedSubject: R.raisedSubject,
      proposedByName: sql<string | null>`${proposer}.name`,
      updatedAt: sql<number>`${R.updatedAt}`,
    })
    .from(R)
    .leftJoin(sql`users as ${owner}`, sql`${owner}.id = ${R.ownerUserId}`)
    .leftJoin(sql`users as ${proposer}`, sql`${proposer}.id = ${R.proposedByUserId}`)
    .leftJoin(schema.riskRules, eq(schema.riskRules.id, R.raisedByRuleId));
}

function decorate(r: RawRiskRow, today: string): RiskRow {
  const inherentScore = riskScore(r.inherentLikelihood, r.inherentImpact);
  const residualScore = riskScore(r.residualLikelihood, r.residualImpact);
  return {
    ...r,
    inherentScore,
    inherentLevel: riskLevel(inherentScore),
    residualScore,
    residualLevel: riskLevel(residualScore),
    overdue: r.status !== "closed" && isOverdue(r.nextReviewDate, today),
  };
}

function orderOf(sort: { id: string; desc: boolean }): SQL[] {
  const dir = sort.desc ? sql.raw("desc") : sql.raw("asc");
  const col: Record<RiskSort, SQL> = {
    residualScore: residualScoreSql,
    inherentScore: inherentScoreSql,
    title: sql`${R.title} collate nocase`,
    category: sql`${R.category}`,
    status: sql`${R.status}`,
    owner: sql`${owner}.name collate nocase`,
    nextReviewDate: sql`coalesce(${R.nextReviewDate}, '9999-12-31')`,
    updatedAt: sql`${R.updatedAt}`,
  };
  const key = (RISK_SORTS as readonly string[]).includes(sort.id) ? (sort.id as RiskSort) : "residualScore";
  return [sql`${col[key]} ${dir}`, sql`${residualScoreSql} desc`, sql`${R.id} asc`];
}

/** One page of the register, filtered and sorted in SQL; `total` counts the matching rows. */
export function listRisks(
  db: Db,
  filter: RiskFilter,
  opts: { sort: { id: string; desc: boolean }; limit?: number; offset?: number; now?: number },
): { rows: RiskRow[]; total: number } {
  const today = todayUtc(opts.now);
  const where = whereOf(filter, today, { withCell: true });
  let q = selectRisks(db)
    .where(where)
    .orderBy(...orderOf(opts.sort))
    .$dynamic();
  if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  const rows = q.all().map((r) => decorate(r, today));
  const total = countRows(db, R, where);
  return { rows, total };
}

/** How many risks match the filters (the source aside), entered by people and raised by rules. */
export function countRisksBySource(db: Db, filter: RiskFilter, now?: number): Record<RiskSource, number> {
  const where = whereOf({ ...filter, source: undefined }, todayUtc(now), { withCell: true });
  const row = db
    .select({
      people: sql<number>`coalesce(sum(${R.raisedByRuleId} is null), 0)`,
      rule: sql<number>`coalesce(sum(${R.raisedByRuleId} is not null), 0)`,
    })
    .from(R)
    .where(where)
    .get();
  return { people: row?.people ?? 0, rule: row?.rule ?? 0 };
}

export type RiskHeatMap = { kind: HeatMapKind; cells: HeatMapCell[][]; total: number };

/**
 * The 5×5 grid of one rating (inherent or residual), counted in SQL (GROUP BY likelihood,
 * impact) over the risks matching the filters (the cell filter aside).
 */
export function getRiskHeatMap(db: Db, filter: RiskFilter, kind: HeatMapKind, now?: number): RiskHeatMap {
  const where = whereOf(filter, todayUtc(now), { withCell: false });
  const l = kind === "inherent" ? R.inherentLikelihood : R.residualLikelihood;
  const i = kind === "inherent" ? R.inherentImpact : R.residualImpact;
  const groups = db
    .select({ likelihood: l, impact: i, ids: sql<string>`group_concat(${R.id})` })
    .from(R)
    .where(where)
    .groupBy(l, i)
    .all();
  const entries = groups.flatMap((g) => g.ids.split(",").map((id) => ({ id: Number(id), likelihood: g.likelihood, impact: g.impact })));
  return { kind, cells: heatMapCells(entries), total: entries.length };
}

export function getRisk(db: Db, id: number, now?: number): RiskRow | null {
  const row = selectRisks(db).where(eq(R.id, id)).get();
  return row ? decorate(row, todayUtc(now)) : null;
}

/** Top N open/monitored risks by residual score (then inherent score), for the dashboards. */
export function listTopRisks(db: Db, opts: { limit?: number; categories?: readonly RiskCategory[]; now?: number } = {}): RiskRow[] {
  const today = todayUtc(opts.now);
  const where: SQL[] = [sql`${R.status} in ('open', 'monitoring')`];
  if (opts.categories?.length) where.push(sql`${R.category} in ${opts.categories}`);
  return selectRisks(db)
    .where(and(...where))
    .orderBy(sql`${residualScoreSql} desc`, sql`${inherentScoreSql} desc`, R.id)
    .limit(opts.limit ?? 5)
    .all()
    .map((r) => decorate(r, today));
}

export type RiskOwnerOption = { id: number; name: string };
export function listRiskOwnerOptions(db: Db): RiskOwnerOption[] {
  return db
    .select({ id: schema.users.id, name: schema.users.name })
    .from(schema.users)
    .where(eq(schema.users.active, true))
    .orderBy(sql`${schema.users.name} collate nocase`)
    .all();
}

/** Open / monitored technical and security risks by residual score, and how many there are. */
export function listTechRisks(db: Db, limit = 6, now?: number): { risks: RiskRow[]; total: number } {
  const categories = ["technical", "security"] as const;
  const total = countRows(db, R, and(sql`${R.status} in ('open', 'monitoring')`, sql`${R.category} in ${categories}`));
  return { risks: listTopRisks(db, { limit, categories, now }), total };
}
