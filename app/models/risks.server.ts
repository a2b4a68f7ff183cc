/**
 * Risk register queries and writes, and the metric rules that raise risks.
 *
 * Scores and levels come from app/lib/metrics/risks.ts (riskScore, riskLevel, isOverdue,
 * heatMapCells); the SQL below only filters, sorts, counts and groups with the same bands
 * (low 1–4, medium 5–9, high 10–16, critical 17–25). Every write records an audit entry in
 * the same transaction. Metric rules: see docs/decisions/600-metric-raised-risks.md.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import {
  evaluateRiskRule,
  evaluateScenarioRule,
  type ScenarioRuleInput,
  foldObjectiveCauses,
  heatMapCells,
  isOverdue,
  riskLevel,
  riskScore,
  type CfrRuleInput,
  type HeatMapCell,
  type ObjectiveRuleInput,
  type RiskLevel,
  type RiskRuleKind,
  type RunwayRuleInput,
} from "~/lib/metrics/risks";
import { parseSearchParams, urlTextSchema } from "~/lib/url-params.server";
import { checkboxSchema, decimalSchema, idSchema, intSchema, isoDateSchema } from "~/lib/validation.server";
import { recordAudit, SYSTEM_ACTOR } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";

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

export const RISK_SOURCES = ["people", "rule"] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

export const RISK_SORTS = ["residualScore", "inherentScore", "title", "category", "status", "owner", "nextReviewDate", "updatedAt"] as const;
export type RiskSort = (typeof RISK_SORTS)[number];

const LEVEL_RANGES: Record<RiskLevel, [number, number]> = {
  low: [1, 4],
  medium: [5, 9],
  high: [10, 16],
  critical: [17, 25],
};

const R = schema.risks;
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
  let q = selectRisks(db).where(where).orderBy(...orderOf(opts.sort)).$dynamic();
  if (opts.limit !== undefined) q = q.limit(opts.limit).offset(opts.offset ?? 0);
  const rows = q.all().map((r) => decorate(r, today));
  const total = db.select({ n: sql<number>`count(*)` }).from(R).where(where).get()!.n;
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
  const entries = groups.flatMap((g) =>
    g.ids.split(",").map((id) => ({ id: Number(id), likelihood: g.likelihood, impact: g.impact })),
  );
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

// ---------------------------------------------------------------- writes

export type RiskInput = {
  title: string;
  description: string | null;
  category: RiskCategory;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  ownerUserId: number | null;
  treatment: RiskTreatment;
  mitigationPlan: string | null;
  nextReviewDate: string | null;
};

const AUDITED_FIELDS = [
  "title",
  "description",
  "category",
  "status",
  "inherentLikelihood",
  "inherentImpact",
  "residualLikelihood",
  "residualImpact",
  "ownerUserId",
  "treatment",
  "mitigationPlan",
  "nextReviewDate",
  "raisedValue",
] as const;
type AuditedRisk = Pick<typeof R.$inferSelect, (typeof AUDITED_FIELDS)[number]>;

function auditedOf(row: typeof R.$inferSelect): AuditedRisk {
  const out = {} as Record<string, unknown>;
  for (const f of AUDITED_FIELDS) out[f] = row[f];
  return out as AuditedRisk;
}

function validateRatings(input: Pick<RiskInput, "inherentLikelihood" | "inherentImpact" | "residualLikelihood" | "residualImpact">) {
  riskScore(input.inherentLikelihood, input.inherentImpact);
  riskScore(input.residualLikelihood, input.residualImpact);
}

/**
 * Creates a risk. A proposal (a lead's, or anyone choosing to propose) gets status
 * "proposed" whatever else is asked; CEO/CTO create it "open" (or the status given).
 */
export function createRisk(
  db: Db,
  actorId: number,
  input: RiskInput & { status?: RiskStatus },
  mode: "propose" | "create",
): number {
  validateRatings(input);
  return db.transaction((tx) => {
    const status: RiskStatus = mode === "propose" ? "proposed" : (input.status ?? "open");
    const row = tx
      .insert(R)
      .values({ ...input, status, proposedByUserId: mode === "propose" ? actorId : null })
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: mode === "propose" ? "propose" : "create",
      entityType: "risk",
      entityId: row.id,
      after: auditedOf(row),
    });
    return row.id;
  });
}

/** Edits a risk (CEO/CTO). Returns false when it does not exist. */
export function updateRisk(db: Db, actorId: number, id: number, patch: RiskInput & { status: RiskStatus }): boolean {
  validateRatings(patch);
  return db.transaction((tx) => {
    const before = tx.select().from(R).where(eq(R.id, id)).get();
    if (!before) return false;
    const after = tx.update(R).set(patch).where(eq(R.id, id)).returning().get();
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "risk", entityId: id, before: auditedOf(before), after: auditedOf(after) });
    return true;
  });
}

/** Accepts a proposal (→ open), moves to monitoring, closes or reopens. */
export function setRiskStatus(db: Db, actorId: number, id: number, status: RiskStatus): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(R).where(eq(R.id, id)).get();
    if (!before) return false;
    if (before.status === status) return true;
    tx.update(R).set({ status }).where(eq(R.id, id)).run();
    const action = before.status === "proposed" && status === "open" ? "accept" : status === "closed" ? "close" : "update";
    recordAudit(tx, { actor: { userId: actorId }, action, entityType: "risk", entityId: id, before: { status: before.status }, after: { status } });
    return true;
  });
}

/**
 * Reopening a metric-raised risk while the same rule already has another open risk on the
 * same subject would break "one open risk per rule and subject".
 */
export function reopenWouldDuplicate(db: Db, id: number): boolean {
  const row = db.select().from(R).where(eq(R.id, id)).get();
  if (!row || row.raisedByRuleId == null || row.status !== "closed") return false;
  const other = db
    .select({ id: R.id })
    .from(R)
    .where(and(eq(R.raisedByRuleId, row.raisedByRuleId), sql`${R.raisedSubject} is ${row.raisedSubject}`, sql`${R.status} <> 'closed'`, sql`${R.id} <> ${id}`))
    .get();
  return !!other;
}

// ---------------------------------------------------------------- metric rules

export type RiskRuleRow = { id: number; kind: RiskRuleKind; threshold: number; enabled: boolean; updatedAt: number };

export function listRiskRules(db: Db): RiskRuleRow[] {
  return db
    .select({
      id: schema.riskRules.id,
      kind: schema.riskRules.kind,
      threshold: schema.riskRules.threshold,
      enabled: schema.riskRules.enabled,
      updatedAt: sql<number>`${schema.riskRules.updatedAt}`,
    })
    .from(schema.riskRules)
    .orderBy(schema.riskRules.id)
    .all();
}

export function updateRiskRule(db: Db, actorId: number, id: number, patch: { threshold: number; enabled: boolean }): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(schema.riskRules).where(eq(schema.riskRules.id, id)).get();
    if (!before) return false;
    tx.update(schema.riskRules).set(patch).where(eq(schema.riskRules.id, id)).run();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "update",
      entityType: "risk_rule",
      entityId: id,
      before: { kind: before.kind, threshold: before.threshold, enabled: before.enabled },
      after: { kind: before.kind, ...patch },
    });
    return true;
  });
}

/** What the rules are evaluated against; a null source could not be computed (no data). */
export type RiskRuleLiveInputs = {
  runway: RunwayRuleInput | null;
  cfr: CfrRuleInput | null;
  objectives: ObjectiveRuleInput | null;
  /** scenarios marked "raises a risk" (app/models/scenarios.server.ts); absent or null = not read */
  scenarios?: ScenarioRuleInput | null;
};

/** One subject of one rule, evaluated. */
export type RuleFinding = {
  ruleId: number;
  kind: RiskRuleKind;
  threshold: number;
  enabled: boolean;
  subject: string;
  /**
   * triggered: the cause is there (a risk is open for it); clear: the cause is not there, or it is
   * covered by another subject's risk (the risk of this subject is closed); no_data: the figure
   * cannot be computed (nothing is opened or closed).
   */
  state: "triggered" | "clear" | "no_data";
  /** state === "triggered" */
  triggered: boolean;
  value: number | null;
  valueText: string | null;
  message: string;
  title: string;
  /** who owns the risk raised for it: the objective's owner; the CEO (runway); the CTO (CFR) */
  ownerUserId: number | null;
};

const RULE_RISK_DEFAULTS: Record<RiskRuleKind, { category: RiskCategory; likelihood: number; impact: number }> = {
  runway_below_months: { category: "financial", likelihood: 4, impact: 5 },
  cfr_above_percent_30d: { category: "technical", likelihood: 4, impact: 3 },
  objective_off_track_mid_cycle: { category: "operational", likelihood: 3, impact: 3 },
  scenario_trigger_holds: { category: "market", likelihood: 3, impact: 4 },
};

function round1(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}

/** Owners of the company-wide rules' risks: the first active CEO (runway) and CTO (CFR), by id. */
export type RuleOwners = { ceo: number | null; cto: number | null };

/**
 * Evaluates every rule (enabled or not) against the inputs. Pure. Off-track objectives are grouped
 * by cause (`foldObjectiveCauses`): an objective aligned under another off-track objective is
 * covered by that objective's risk and named in it.
 */
export function evaluateRules(rules: readonly RiskRuleRow[], inputs: RiskRuleLiveInputs, owners: RuleOwners = { ceo: null, cto: null }): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rule of rules) {
    const base = { ruleId: rule.id, kind: rule.kind, threshold: rule.threshold, enabled: rule.enabled };
    if (rule.kind === "runway_below_months") {
      const title = `Runway below ${round1(rule.threshold)} months`;
      if (!inputs.runway) {
        out.push({ ...base, subject: "company", state: "no_data", triggered: false, value: null, valueText: null, message: "No finance data: runway cannot be computed.", title, ownerUserId: owners.ceo });
        continue;
      }
      const r = evaluateRiskRule({ kind: rule.kind, threshold: rule.threshold }, inputs.runway);
      out.push({
        ...base,
        subject: "company",
        ...r,
        // not burning (no runway figure) is a cleared cause, not missing data
        state: r.triggered ? "triggered" : "clear",
        valueText: r.value === null ? null : `${round1(r.value)} months`,
        title,
        ownerUserId: owners.ceo,
      });
    } else if (rule.kind === "cfr_above_percent_30d") {
      const title = `Change failure rate above ${round1(rule.threshold)} % over 30 days`;
      if (!inputs.cfr) {
        out.push({ ...base, subject: "company", state: "no_data", triggered: false, value: null, valueText: null, message: "No delivery data: change failure rate cannot be computed.", title, ownerUserId: owners.cto });
        continue;
      }
      const r = evaluateRiskRule({ kind: rule.kind, threshold: rule.threshold }, inputs.cfr);
      out.push({
        ...base,
        subject: "company",
        ...r,
        state: r.triggered ? "triggered" : r.value === null ? "no_data" : "clear",
        valueText: r.value === null ? null : `${round1(r.value)} %`,
        title,
        ownerUserId: owners.cto,
      });
    } else if (rule.kind === "scenario_trigger_holds") {
      if (!inputs.scenarios) continue;
      const byId = new Map(inputs.scenarios.scenarios.map((s) => [s.id, s]));
      for (const r of evaluateScenarioRule(rule.threshold, inputs.scenarios)) {
        const s = byId.get(r.scenarioId)!;
        out.push({
          ...base,
          subject: r.subject,
          state: r.noData ? "no_data" : r.triggered ? "triggered" : "clear",
          triggered: r.triggered,
          value: r.value,
          valueText: r.noData ? null : s.description,
          message: r.message,
          title: `Scenario under way: ${s.name}`,
          ownerUserId: owners.ceo,
        });
      }
    } else {
      const objectives = inputs.objectives?.objectives ?? [];
      const results = evaluateRiskRule({ kind: rule.kind, threshold: rule.threshold }, { objectives });
      const byId = new Map(objectives.map((o) => [o.id, o]));
      const fold = foldObjectiveCauses(objectives, new Set(results.filter((r) => r.triggered).map((r) => r.objectiveId)));
      const pctOf = (x: number) => `${Math.round(x * 100)} %`;
      for (const r of results) {
        const o = byId.get(r.objectiveId);
        const title = `Objective off track: ${o?.title ?? r.subject}`;
        const valueText = r.value === null ? null : `${pctOf(r.value)} progress, ${pctOf(r.expected)} expected`;
        const root = fold.get(r.objectiveId);
        if (root !== undefined && root !== r.objectiveId) {
          const cover = byId.get(root);
          out.push({
            ...base,
            subject: r.subject,
            state: "clear",
            triggered: false,
            value: r.value,
            valueText,
            message: `${r.message} Covered by the risk raised for "${cover?.title ?? root}", the objective it is aligned under.`,
            title,
            ownerUserId: o?.ownerUserId ?? null,
          });
          continue;
        }
        const covered = [...fold.entries()].filter(([id, to]) => to === r.objectiveId && id !== r.objectiveId).map(([id]) => byId.get(id));
        const also = covered.length
          ? ` Also off track under it: ${covered.map((c) => `"${c?.title}" (${c?.progress == null ? "no data" : pctOf(c.progress)})`).join(", ")}.`
          : "";
        out.push({
          ...base,
          subject: r.subject,
          state: r.triggered ? "triggered" : r.value === null ? "no_data" : "clear",
          triggered: r.triggered,
          value: r.value,
          message: r.message + also,
          valueText,
          title,
          ownerUserId: o?.ownerUserId ?? null,
        });
      }
    }
  }
  return out;
}

export type ApplyRulesResult = {
  findings: RuleFinding[];
  /** risks opened, reopened (their cause came back), updated (value or owner) and closed (cause cleared) */
  raised: number[];
  reopened: number[];
  updated: number[];
  closed: number[];
};

function ruleOwners(db: Db): RuleOwners {
  const first = (role: "ceo" | "cto") =>
    db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(and(eq(schema.users.role, role), eq(schema.users.active, true)))
      .orderBy(schema.users.id)
      .get()?.id ?? null;
  return { ceo: first("ceo"), cto: first("cto") };
}

/**
 * Keeps one risk per cause in step with the rules (ENABLED rules only; decision 600):
 * - cause present: opens a risk (owner: the objective's owner, the CEO or the CTO), or updates the
 *   value and description of its open risk, or reopens its closed risk when the rule had seen the
 *   cause clear since; a risk a person closed while the cause lasted stays closed until it clears;
 * - cause cleared (or covered by another subject's risk, or the objective left the current cycle):
 *   closes its open risk and notes that the cause cleared;
 * - no data: touches nothing.
 * Idempotent: evaluating twice with the same inputs writes nothing the second time. One
 * transaction; each write has an audit entry with the system actor. People's edits (ratings,
 * owner, treatment) are never overwritten; only a missing owner is filled in.
 */
export function applyRiskRules(db: Db, inputs: RiskRuleLiveInputs, now = Date.now()): ApplyRulesResult {
  const rules = listRiskRules(db);
  const findings = evaluateRules(rules, inputs, ruleOwners(db));
  const result: ApplyRulesResult = { findings, raised: [], reopened: [], updated: [], closed: [] };
  const reviewDate = todayUtc(now + 7 * 86_400_000);
  const describe = (f: RuleFinding) => `Raised by the metric rule "${f.kind}" (threshold ${f.threshold}): ${f.message}`;
  db.transaction((tx) => {
    const latestOf = (ruleId: number, subject: string) =>
      tx.select().from(R).where(and(eq(R.raisedByRuleId, ruleId), eq(R.raisedSubject, subject))).orderBy(sql`${R.id} desc`).get();
    const close = (risk: typeof R.$inferSelect, f: RuleFinding | null, message: string) => {
      const description = f ? `Closed by the metric rule "${f.kind}": the cause cleared. ${message}` : `Closed by its metric rule: ${message}`;
      const clearedAt = new Date(now);
      if (risk.status === "closed") {
        // closed by a person while the cause lasted: remember that the cause has cleared since
        tx.update(R).set({ ruleClearedAt: clearedAt }).where(eq(R.id, risk.id)).run();
        recordAudit(tx, { actor: SYSTEM_ACTOR, action: "rule:clear", entityType: "risk", entityId: risk.id, before: { ruleClearedAt: null }, after: { ruleClearedAt: now, message } });
        return;
      }
      tx.update(R).set({ status: "closed", ruleClearedAt: clearedAt, description }).where(eq(R.id, risk.id)).run();
      recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "rule:close",
        entityType: "risk",
        entityId: risk.id,
        before: { status: risk.status, description: risk.description },
        after: { status: "closed", description },
      });
      result.closed.push(risk.id);
    };

    for (const f of findings) {
      if (!f.enabled || f.state === "no_data") continue;
      const latest = latestOf(f.ruleId, f.subject);
      if (f.state === "clear") {
        if (latest && latest.ruleClearedAt === null) close(latest, f, f.message);
        continue;
      }
      const description = describe(f);
      if (!latest) {
        const d = RULE_RISK_DEFAULTS[f.kind];
        const row = tx
          .insert(R)
          .values({
            title: f.title,
            description,
            category: d.category,
            inherentLikelihood: d.likelihood,
            inherentImpact: d.impact,
            residualLikelihood: d.likelihood,
            residualImpact: d.impact,
            ownerUserId: f.ownerUserId,
            treatment: "mitigate",
            status: "open",
            nextReviewDate: reviewDate,
            raisedByRuleId: f.ruleId,
            raisedSubject: f.subject,
            raisedValue: f.valueText,
          })
          .returning()
          .get();
        recordAudit(tx, { actor: SYSTEM_ACTOR, action: "rule:raise", entityType: "risk", entityId: row.id, after: { ...auditedOf(row), rule: f.kind, value: f.valueText } });
        result.raised.push(row.id);
      } else if (latest.status === "closed") {
        // a person closed it while the cause lasted: that decision stands until the cause clears
        if (latest.ruleClearedAt === null) continue;
        const patch = { status: "open" as const, ruleClearedAt: null, raisedValue: f.valueText, description, nextReviewDate: reviewDate, ownerUserId: latest.ownerUserId ?? f.ownerUserId };
        tx.update(R).set(patch).where(eq(R.id, latest.id)).run();
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "rule:reopen",
          entityType: "risk",
          entityId: latest.id,
          before: { status: latest.status, raisedValue: latest.raisedValue, description: latest.description },
          after: { status: "open", raisedValue: f.valueText, description, rule: f.kind },
        });
        result.reopened.push(latest.id);
      } else {
        const ownerUserId = latest.ownerUserId ?? f.ownerUserId;
        if (latest.raisedValue === f.valueText && latest.description === description && latest.ownerUserId === ownerUserId && latest.title === f.title) continue;
        tx.update(R).set({ raisedValue: f.valueText, description, ownerUserId, title: f.title }).where(eq(R.id, latest.id)).run();
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "rule:update",
          entityType: "risk",
          entityId: latest.id,
          before: { raisedValue: latest.raisedValue, description: latest.description, ownerUserId: latest.ownerUserId, title: latest.title },
          after: { raisedValue: f.valueText, description, ownerUserId, title: f.title, rule: f.kind },
        });
        result.updated.push(latest.id);
      }
    }

    // scenarios deleted, no longer marked "raises a risk" or below the probability threshold: their cause is gone
    if (inputs.scenarios) {
      const scenarioRule = rules.find((r) => r.kind === "scenario_trigger_holds");
      if (scenarioRule?.enabled) {
        const evaluated = new Set(findings.filter((f) => f.ruleId === scenarioRule.id).map((f) => f.subject));
        const open = tx.select().from(R).where(and(eq(R.raisedByRuleId, scenarioRule.id), sql`${R.status} <> 'closed'`)).all();
        for (const risk of open) {
          if (risk.raisedSubject !== null && !evaluated.has(risk.raisedSubject)) close(risk, null, "the scenario no longer raises a risk.");
        }
      }
    }

    // objectives that left the current cycle (closed, archived, deleted): their cause is gone
    if (inputs.objectives) {
      const objectiveRule = rules.find((r) => r.kind === "objective_off_track_mid_cycle");
      if (objectiveRule?.enabled) {
        const evaluated = new Set(findings.filter((f) => f.ruleId === objectiveRule.id).map((f) => f.subject));
        const open = tx.select().from(R).where(and(eq(R.raisedByRuleId, objectiveRule.id), sql`${R.status} <> 'closed'`)).all();
        for (const risk of open) {
          if (risk.raisedSubject !== null && !evaluated.has(risk.raisedSubject)) close(risk, null, "the objective is no longer in the current cycle.");
        }
      }
    }
  });
  return result;
}

// ---------------------------------------------------------------- URL filters

const LEVELS = ["low", "medium", "high", "critical"] as const satisfies readonly RiskLevel[];

const ratingSchema = intSchema({ min: 1, max: 5, message: "must be 1 to 5" });

/** The register's URL filters; a parameter its field refuses is ignored (no notice on the page). */
export const RiskFilterParamsSchema = z.object({
  category: z.enum(RISK_CATEGORIES).optional(),
  level: z.enum(LEVELS).optional(),
  owner: idSchema.optional(),
  status: z.enum([...RISK_STATUSES, "active", "all"]).optional(),
  overdue: z.literal("1", { error: "must be 1" }).optional(),
  q: urlTextSchema(200).optional(),
  source: z.enum(RISK_SOURCES).optional(),
  kind: z.enum(["inherent", "residual"]).optional(),
  l: ratingSchema.optional(),
  i: ratingSchema.optional(),
});

/**
 * The register's filters from the URL (never throws; anything malformed is ignored):
 * ?category=&level=&owner=&status=&overdue=1&q=&source=people|rule and a heat-map cell ?kind=inherent|residual&l=1-5&i=1-5
 * (the cell only when all three are valid).
 */
export function riskFilterFromUrl(url: URL): RiskFilter {
  const { data: p } = parseSearchParams(url, RiskFilterParamsSchema);
  const filter: RiskFilter = {};
  if (p.category) filter.category = p.category;
  if (p.level) filter.level = p.level;
  if (p.owner !== undefined) filter.ownerUserId = p.owner;
  if (p.status) filter.status = p.status;
  if (p.overdue) filter.overdue = true;
  if (p.q) filter.q = p.q;
  if (p.source) filter.source = p.source;
  if (p.kind && p.l !== undefined && p.i !== undefined) filter.cell = { kind: p.kind, likelihood: p.l, impact: p.i };
  return filter;
}

// ---------------------------------------------------------------- form schema (server only)

const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(max, `must be at most ${max} characters`).nullable());

/** One schema for the create / propose / edit forms; status is only read for CEO/CTO. */
export const RiskFormSchema = z.object({
  title: z.string({ error: "is required" }).min(3, "must be at least 3 characters").max(200, "must be at most 200 characters"),
  description: optionalText(4000),
  category: z.enum(RISK_CATEGORIES, { error: "pick a category" }),
  inherentLikelihood: ratingSchema,
  inherentImpact: ratingSchema,
  residualLikelihood: ratingSchema,
  residualImpact: ratingSchema,
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  treatment: z.enum(RISK_TREATMENTS, { error: "pick a treatment" }),
  mitigationPlan: optionalText(4000),
  nextReviewDate: z.preprocess((v) => (v === undefined || v === "" ? null : v), isoDateSchema.nullable()),
  status: z.enum(RISK_STATUSES, { error: "pick a status" }).optional(),
});

/** Open / monitored technical and security risks by residual score, and how many there are. */
export function listTechRisks(db: Db, limit = 6, now?: number): { risks: RiskRow[]; total: number } {
  const categories = ["technical", "security"] as const;
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(R)
    .where(and(sql`${R.status} in ('open', 'monitoring')`, sql`${R.category} in ${categories}`))
    .get()!.n;
  return { risks: listTopRisks(db, { limit, categories, now }), total };
}

export const RiskStatusFormSchema = z.object({ intent: z.literal("status"), status: z.enum(RISK_STATUSES) });
export const RiskUpdateFormSchema = RiskFormSchema.extend({ status: z.enum(RISK_STATUSES, { error: "pick a status" }) });
export const RiskRuleFormSchema = z.object({
  intent: z.literal("rule"),
  ruleId: idSchema,
  threshold: decimalSchema(),
  enabled: checkboxSchema,
});
