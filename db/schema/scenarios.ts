import { index, integer, real, text } from "drizzle-orm/sqlite-core";
import { entityTable, flag, parentKey } from "./_columns";
import { TRIGGER_COMPARISONS } from "./enums";

/**
 * A planning scenario: assumptions over the base plan (today's cash forecast) and a trigger on a
 * catalogue metric. Fractions are stored as fractions (0.05 = 5 %), money in cents, months 'YYYY-MM'.
 * docs/decisions/900-scenarios-over-the-base-plan.md
 */
export const scenarios = entityTable("scenarios", {
  name: text("name").notNull().unique(),
  description: text("description"),
  /** 0–1 */
  probability: real("probability").notNull(),
  /** monthly revenue growth replacing today's g; null = keep g */
  revenueGrowth: real("revenue_growth"),
  /** extra monthly churn taken off the growth (0.01 = one more point a month); null = none */
  extraChurn: real("extra_churn"),
  /** hiring plan speed: 1 = as planned, 2 = twice as fast, 0.5 = half as fast */
  hiringSpeed: real("hiring_speed").notNull().default(1),
  /** no requisition starts in or after this month ('YYYY-MM'); null = no freeze */
  hiringFreezeFrom: text("hiring_freeze_from"),
  /** cost change of each budget group's planned spend, fractions (−0.3 = −30 %) */
  costChangePayroll: real("cost_change_payroll").notNull().default(0),
  costChangeIt: real("cost_change_it").notNull().default(0),
  costChangeOther: real("cost_change_other").notNull().default(0),
  /** the trigger: a catalogue metric id, a comparison, a value (value2 for 'between'), by a date */
  triggerMetric: text("trigger_metric"),
  triggerComparison: text("trigger_comparison", { enum: TRIGGER_COMPARISONS }),
  triggerValue: real("trigger_value"),
  triggerValue2: real("trigger_value2"),
  /** 'YYYY-MM-DD' */
  triggerBy: text("trigger_by"),
  /** one action per line */
  actions: text("actions").notNull().default(""),
  /** while its trigger holds, a risk is kept open for it (the risk rules' way) */
  raisesRisk: flag("raises_risk"),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** A financing inflow a scenario assumes (a round, a bridge), added to the cash of its month. */
export const scenarioFundingEvents = entityTable(
  "scenario_funding_events",
  {
    scenarioId: parentKey("scenario_id", () => scenarios.id),
    /** 'YYYY-MM' */
    month: text("month").notNull(),
    amountCents: integer("amount_cents").notNull(),
    label: text("label"),
  },
  (t) => [index("scenario_funding_scenario_idx").on(t.scenarioId)],
);
