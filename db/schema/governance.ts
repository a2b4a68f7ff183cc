import { index, integer, real, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, instant, optionalKey, parentKey } from "./_columns";
import { REQUIREMENT_STATUSES, REQUIREMENT_RESULTS, MATURITY_INDICATORS, GATE_OPERATORS } from "./enums";
import { users } from "./people";

export { REQUIREMENT_STATUSES, REQUIREMENT_RESULTS, MATURITY_INDICATORS, GATE_OPERATORS };

export const complianceFrameworks = entityTable("compliance_frameworks", {
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  /** 'YYYY-MM-DD' */
  targetDate: text("target_date"),
  /** a framework the company no longer follows: off the compliance page's progress and the CTO dashboard, kept with its requirements */
  archivedAt: instant("archived_at"),
});

export const complianceRequirements = entityTable(
  "compliance_requirements",
  {
    frameworkId: parentKey("framework_id", () => complianceFrameworks.id),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: REQUIREMENT_STATUSES }).notNull().default("todo"),
    result: text("result", { enum: REQUIREMENT_RESULTS }),
    ownerUserId: optionalKey("owner_user_id", () => users.id),
    evidenceUrl: text("evidence_url"),
  },
  (t) => [uniqueIndex("compliance_requirements_uq").on(t.frameworkId, t.ref)],
);

export const maturityScores = entityTable(
  "maturity_scores",
  {
    /** 'YYYY-MM-DD' of the assessment */
    assessedOn: text("assessed_on").notNull(),
    indicator: text("indicator", { enum: MATURITY_INDICATORS }).notNull(),
    /** 1–5 */
    score: integer("score").notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("maturity_scores_uq").on(t.assessedOn, t.indicator)],
);

export const decisionGates = entityTable(
  "decision_gates",
  {
    name: text("name").notNull(),
    description: text("description"),
    /** 'YYYY-MM-DD' */
    dueDate: text("due_date").notNull(),
  },
  (t) => [index("decision_gates_due_idx").on(t.dueDate)],
);

export const gateCriteria = entityTable(
  "gate_criteria",
  {
    gateId: parentKey("gate_id", () => decisionGates.id),
    /** a live metric key, see app/lib/metrics/governance.ts */
    metric: text("metric").notNull(),
    operator: text("operator", { enum: GATE_OPERATORS }).notNull(),
    threshold: real("threshold").notNull(),
  },
  (t) => [index("gate_criteria_gate_idx").on(t.gateId)],
);
