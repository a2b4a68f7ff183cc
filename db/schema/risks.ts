import { sql } from "drizzle-orm";
import { index, integer, real, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, flag, instant, optionalKey } from "./_columns";
import { RISK_CATEGORIES, RISK_TREATMENTS, RISK_STATUSES, RISK_RULE_KINDS } from "./enums";
import { users } from "./people";

export { RISK_CATEGORIES, RISK_TREATMENTS, RISK_STATUSES, RISK_RULE_KINDS };

export const riskRules = entityTable("risk_rules", {
  kind: text("kind", { enum: RISK_RULE_KINDS }).notNull().unique(),
  threshold: real("threshold").notNull(),
  enabled: flag("enabled", true),
});

export const risks = entityTable(
  "risks",
  {
    title: text("title").notNull(),
    description: text("description"),
    category: text("category", { enum: RISK_CATEGORIES }).notNull(),
    inherentLikelihood: integer("inherent_likelihood").notNull(),
    inherentImpact: integer("inherent_impact").notNull(),
    residualLikelihood: integer("residual_likelihood").notNull(),
    residualImpact: integer("residual_impact").notNull(),
    ownerUserId: optionalKey("owner_user_id", () => users.id),
    treatment: text("treatment", { enum: RISK_TREATMENTS }).notNull().default("mitigate"),
    mitigationPlan: text("mitigation_plan"),
    status: text("status", { enum: RISK_STATUSES }).notNull().default("open"),
    /** 'YYYY-MM-DD' */
    nextReviewDate: text("next_review_date"),
    proposedByUserId: optionalKey("proposed_by_user_id", () => users.id),
    /** the metric rule that raised it, if any, and the value that crossed the threshold */
    raisedByRuleId: optionalKey("raised_by_rule_id", () => riskRules.id),
    raisedValue: text("raised_value"),
    /** for rules over many subjects (e.g. one objective): which subject */
    raisedSubject: text("raised_subject"),
    /**
     * A rule-raised risk: when its rule last saw the cause cleared (the rule then closed it, or a
     * person had closed it already). null while the cause lasts. A closed risk with a cleared
     * cause is reopened when the cause comes back; one a person closed while the cause lasted
     * stays closed until then (decision 600).
     */
    ruleClearedAt: instant("rule_cleared_at"),
  },
  (t) => [
    index("risks_status_idx").on(t.status, t.category),
    index("risks_rule_idx").on(t.raisedByRuleId, t.raisedSubject),
    /** a metric rule never has two open (not closed) risks for the same subject */
    uniqueIndex("risks_rule_open_uq")
      .on(t.raisedByRuleId, t.raisedSubject)
      .where(sql`${t.raisedByRuleId} is not null and ${t.status} <> 'closed'`),
    index("risks_review_idx").on(t.nextReviewDate),
    index("risks_owner_idx").on(t.ownerUserId),
  ],
);
