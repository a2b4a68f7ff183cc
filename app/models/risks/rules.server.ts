/** The metric rules that raise risks (docs/decisions/600-metric-raised-risks.md). */
import { and, eq, sql } from "drizzle-orm";
import { ruleText } from "~/lib/metrics/risk-rule-texts";
import {
  evaluateRiskRule,
  evaluateScenarioRule,
  foldObjectiveCauses,
  type CfrRuleInput,
  type ObjectiveRuleInput,
  type RiskRuleKind,
  type RiskRuleResult,
  type RunwayRuleInput,
  type ScenarioRuleInput,
} from "~/lib/metrics/risks";
import { DAY_MS } from "~/lib/time";
import { recordAudit, SYSTEM_ACTOR } from "~/models/audit.server";
import { R, type RiskCategory, todayUtc } from "~/models/risks/list.server";
import { auditedOf } from "~/models/risks/writes.server";
import { schema, type Db } from "~/utils/db.server";

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
 * A company-wide rule's finding (runway, CFR): no data without its input, else the rule's result
 * with its state and the value's text.
 */
function companyFinding(
  base: Pick<RuleFinding, "ruleId" | "kind" | "threshold" | "enabled">,
  texts: { title: string; noData: string },
  ownerUserId: number | null,
  result: RiskRuleResult | null,
  state: (r: RiskRuleResult) => RuleFinding["state"],
  valueText: (value: number) => string,
): RuleFinding {
  if (!result) {
    return {
      ...base,
      subject: "company",
      state: "no_data",
      triggered: false,
      value: null,
      valueText: null,
      message: texts.noData,
      title: texts.title,
      ownerUserId,
    };
  }
  return {
    ...base,
    subject: "company",
    ...result,
    state: state(result),
    valueText: result.value === null ? null : valueText(result.value),
    title: texts.title,
    ownerUserId,
  };
}

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
      out.push(
        companyFinding(
          base,
          { title: ruleText("runwayTitle", { threshold: round1(rule.threshold) }), noData: ruleText("runwayNoData") },
          owners.ceo,
          inputs.runway && evaluateRiskRule({ kind: rule.kind, threshold: rule.threshold }, inputs.runway),
          // not burning (no runway figure) is a cleared cause, not missing data
          (r) => (r.triggered ? "triggered" : "clear"),
          (months) => ruleText("runwayValue", { months: round1(months) }),
        ),
      );
    } else if (rule.kind === "cfr_above_percent_30d") {
      out.push(
        companyFinding(
          base,
          { title: ruleText("cfrTitle", { threshold: round1(rule.threshold) }), noData: ruleText("cfrNoData") },
          owners.cto,
          inputs.cfr && evaluateRiskRule({ kind: rule.kind, threshold: rule.threshold }, inputs.cfr),
          (r) => (r.triggered ? "triggered" : r.value === null ? "no_data" : "clear"),
          (percent) => `${round1(percent)} %`,
        ),
      );
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
          title: ruleText("scenarioTitle", { name: s.name }),
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
        const title = ruleText("objectiveTitle", { title: o?.title ?? r.subject });
        const valueText = r.value === null ? null : ruleText("objectiveValue", { progress: pctOf(r.value), expected: pctOf(r.expected) });
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
            message: ruleText("objectiveCovered", { message: r.message, cover: cover?.title ?? root }),
            title,
            ownerUserId: o?.ownerUserId ?? null,
          });
          continue;
        }
        const covered = [...fold.entries()].filter(([id, to]) => to === r.objectiveId && id !== r.objectiveId).map(([id]) => byId.get(id));
        const list = covered.map((c) => `"${c?.title}" (${c?.progress == null ? "no data" : pctOf(c.progress)})`).join(", ");
        out.push({
          ...base,
          subject: r.subject,
          state: r.triggered ? "triggered" : r.value === null ? "no_data" : "clear",
          triggered: r.triggered,
          value: r.value,
          message: covered.length ? ruleText("objectiveAlso", { message: r.message, list }) : r.message,
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

export function ruleOwners(db: Db): RuleOwners {
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
  const reviewDate = todayUtc(now + 7 * DAY_MS);
  const describe = (f: RuleFinding) => ruleText("raised", { rule: f.kind, threshold: f.threshold, message: f.message });
  db.transaction((tx) => {
    const latestOf = (ruleId: number, subject: string) =>
      tx
        .select()
        .from(R)
        .where(and(eq(R.raisedByRuleId, ruleId), eq(R.raisedSubject, subject)))
        .orderBy(sql`${R.id} desc`)
        .get();
    const close = (risk: typeof R.$inferSelect, f: RuleFinding | null, message: string) => {
      const description = f ? ruleText("closedCleared", { rule: f.kind, message }) : ruleText("closedByRule", { message });
      const clearedAt = new Date(now);
      if (risk.status === "closed") {
        // closed by a person while the cause lasted: remember that the cause has cleared since
        tx.update(R).set({ ruleClearedAt: clearedAt }).where(eq(R.id, risk.id)).run();
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "rule:clear",
          entityType: "risk",
          entityId: risk.id,
          before: { ruleClearedAt: null },
          after: { ruleClearedAt: now, message },
        });
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
        recordAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "rule:raise",
          entityType: "risk",
          entityId: row.id,
          after: { ...auditedOf(row), rule: f.kind, value: f.valueText },
        });
        result.raised.push(row.id);
      } else if (latest.status === "closed") {
        // a person closed it while the cause lasted: that decision stands until the cause clears
        if (latest.ruleClearedAt === null) continue;
        const patch = {
          status: "open" as const,
          ruleClearedAt: null,
          raisedValue: f.valueText,
          description,
          nextReviewDate: reviewDate,
          ownerUserId: latest.ownerUserId ?? f.ownerUserId,
        };
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
        if (latest.raisedValue === f.valueText && latest.description === description && latest.ownerUserId === ownerUserId && latest.title === f.title)
          continue;
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

    // the open risks of a per-subject rule whose subject was not evaluated this time: their cause is gone
    const closeVanishedSubjects = (kind: RiskRuleRow["kind"], message: string) => {
      const rule = rules.find((r) => r.kind === kind);
      if (!rule?.enabled) return;
      const evaluated = new Set(findings.filter((f) => f.ruleId === rule.id).map((f) => f.subject));
      const open = tx
        .select()
        .from(R)
        .where(and(eq(R.raisedByRuleId, rule.id), sql`${R.status} <> 'closed'`))
        .all();
      for (const risk of open) {
        if (risk.raisedSubject !== null && !evaluated.has(risk.raisedSubject)) close(risk, null, message);
      }
    };
    // scenarios deleted, no longer marked "raises a risk" or below the probability threshold
    if (inputs.scenarios) closeVanishedSubjects("scenario_trigger_holds", ruleText("scenarioLeft"));
    // objectives that left the current cycle (closed, archived, deleted)
    if (inputs.objectives) closeVanishedSubjects("objective_off_track_mid_cycle", ruleText("objectiveLeft"));
  });
  return result;
}
