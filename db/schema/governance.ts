import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, parentKey, timestamps } from "./_columns";
import { REQUIREMENT_STATUSES, REQUIREMENT_RESULTS, MATURITY_INDICATORS, GATE_OPERATORS } from "./enums";
import { users } from "./people";

export { REQUIREMENT_STATUSES, REQUIREMENT_RESULTS, MATURITY_INDICATORS, GATE_OPERATORS };

export const complianceFrameworks = sqliteTable("compliance_frameworks", {
  id: id(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  description: text("description"),
  /** 'YYYY-MM-DD' */
  targetDate: text("target_date"),
  ...timestamps,
});

export const complianceRequirements = sqliteTable(
  "compliance_requirements",
  {
    id: id(),
    frameworkId: parentKey("framework_id", () => complianceFrameworks.id),
    ref: text("ref").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: REQUIREMENT_STATUSES }).notNull().default("todo"),
    result: text("result", { enum: REQUIREMENT_RESULTS }),
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    evidenceUrl: text("evidence_url"),
    ...timestamps,
  },
  (t) => [uniqueIndex("compliance_requirements_uq").on(t.frameworkId, t.ref)],
);

export const maturityScores = sqliteTable(
  "maturity_scores",
  {
    id: id(),
    /** 'YYYY-MM-DD' of the assessment */
    assessedOn: text("assessed_on").notNull(),
    indicator: text("indicator", { enum: MATURITY_INDICATORS }).notNull(),
    /** 1–5 */
    score: integer("score").notNull(),
    note: text("note"),
    ...timestamps,
  },
  (t) => [uniqueIndex("maturity_scores_uq").on(t.assessedOn, t.indicator)],
);

export const decisionGates = sqliteTable(
  "decision_gates",
  {
    id: id(),
    name: text("name").notNull(),
    description: text("description"),
    /** 'YYYY-MM-DD' */
    dueDate: text("due_date").notNull(),
    ...timestamps,
  },
  (t) => [index("decision_gates_due_idx").on(t.dueDate)],
);

export const gateCriteria = sqliteTable(
  "gate_criteria",
  {
    id: id(),
    gateId: parentKey("gate_id", () => decisionGates.id),
    /** a live metric key, see app/lib/metrics/governance.ts */
    metric: text("metric").notNull(),
    operator: text("operator", { enum: GATE_OPERATORS }).notNull(),
    threshold: real("threshold").notNull(),
    ...timestamps,
  },
  (t) => [index("gate_criteria_gate_idx").on(t.gateId)],
);
