import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, parentKey, timestamps } from "./_columns";
import { GATE_DECISIONS } from "./enums";
import { decisionGates } from "./governance";
import { users } from "./people";

/**
 * Beside the metric criteria of a decision gate (governance.ts): criteria a person checks
 * ("MVP ready"), and the decisions taken, each with the criteria's values frozen at that moment.
 * docs/decisions/903-gate-decisions.md
 */
export const gateManualCriteria = sqliteTable(
  "gate_manual_criteria",
  {
    id: id(),
    gateId: parentKey("gate_id", () => decisionGates.id),
    label: text("label").notNull(),
    checked: integer("checked", { mode: "boolean" }).notNull().default(false),
    checkedByUserId: integer("checked_by_user_id").references(() => users.id, { onDelete: "set null" }),
    checkedAt: integer("checked_at", { mode: "timestamp_ms" }),
    note: text("note"),
    ...timestamps,
  },
  (t) => [index("gate_manual_criteria_gate_idx").on(t.gateId)],
);

export const gateDecisions = sqliteTable(
  "gate_decisions",
  {
    id: id(),
    gateId: parentKey("gate_id", () => decisionGates.id),
    decision: text("decision", { enum: GATE_DECISIONS }).notNull(),
    /** what was chosen instead, for an "alternative" */
    alternative: text("alternative"),
    rationale: text("rationale").notNull(),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    /** JSON: the verdict and every criterion (metric and manual) with its value as it was */
    snapshot: text("snapshot").notNull(),
    ...timestamps,
  },
  (t) => [index("gate_decisions_gate_idx").on(t.gateId, t.decidedAt)],
);
