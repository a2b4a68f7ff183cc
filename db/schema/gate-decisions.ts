import { index, text } from "drizzle-orm/sqlite-core";
import { entityTable, flag, instant, optionalKey, parentKey } from "./_columns";
import { GATE_DECISIONS } from "./enums";
import { decisionGates } from "./governance";
import { users } from "./people";

/**
 * Beside the metric criteria of a decision gate (governance.ts): criteria a person checks
 * ("MVP ready"), and the decisions taken, each with the criteria's values frozen at that moment.
 * docs/decisions/903-gate-decisions.md
 */
export const gateManualCriteria = entityTable(
  "gate_manual_criteria",
  {
    gateId: parentKey("gate_id", () => decisionGates.id),
    label: text("label").notNull(),
    checked: flag("checked"),
    checkedByUserId: optionalKey("checked_by_user_id", () => users.id),
    checkedAt: instant("checked_at"),
    note: text("note"),
  },
  (t) => [index("gate_manual_criteria_gate_idx").on(t.gateId)],
);

export const gateDecisions = entityTable(
  "gate_decisions",
  {
    gateId: parentKey("gate_id", () => decisionGates.id),
    decision: text("decision", { enum: GATE_DECISIONS }).notNull(),
    /** what was chosen instead, for an "alternative" */
    alternative: text("alternative"),
    rationale: text("rationale").notNull(),
    decidedByUserId: optionalKey("decided_by_user_id", () => users.id),
    decidedAt: instant("decided_at").notNull(),
    /** JSON: the verdict and every criterion (metric and manual) with its value as it was */
    snapshot: text("snapshot").notNull(),
  },
  (t) => [index("gate_decisions_gate_idx").on(t.gateId, t.decidedAt)],
);
