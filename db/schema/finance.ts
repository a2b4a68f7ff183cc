import { index, integer, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { entityTable, flag, instant, parentKey } from "./_columns";
import { BUDGET_GROUPS } from "./enums";

export { BUDGET_GROUPS };

export const budgetCategories = entityTable("budget_categories", {
  name: text("name").notNull().unique(),
  /** it | payroll | other — set on the categories page; `is_it` follows it (group = it) */
  group: text("group", { enum: BUDGET_GROUPS }).notNull().default("other"),
  /** the CTO's categories (IT budget, finance:edit for the CTO); always group = "it" */
  isIt: flag("is_it"),
  isSalesMarketing: flag("is_sales_marketing"),
  sortOrder: integer("sort_order").notNull().default(0),
  /** archived categories keep their lines (burn counts them) but take no new ones */
  archivedAt: instant("archived_at"),
});

/** The annual envelope (cap) of a category for a fiscal year (the year it starts in). */
export const budgetEnvelopes = entityTable(
  "budget_envelopes",
  {
    categoryId: parentKey("category_id", () => budgetCategories.id),
    /** fiscal year, named by the calendar year it starts in */
    fiscalYear: integer("fiscal_year").notNull(),
    amountCents: integer("amount_cents").notNull(),
  },
  (t) => [uniqueIndex("budget_envelopes_uq").on(t.categoryId, t.fiscalYear)],
);

export const budgetLines = entityTable(
  "budget_lines",
  {
    categoryId: parentKey("category_id", () => budgetCategories.id, "restrict"),
    /** 'YYYY-MM' */
    month: text("month").notNull(),
    plannedCents: integer("planned_cents").notNull().default(0),
    /** null: no actual recorded yet (counts as 0 in burn) */
    actualCents: integer("actual_cents"),
  },
  (t) => [uniqueIndex("budget_lines_month_category_uq").on(t.month, t.categoryId), index("budget_lines_category_idx").on(t.categoryId, t.month)],
);

/** A month with a snapshot is a closed month. */
export const financeSnapshots = entityTable("finance_snapshots", {
  /** 'YYYY-MM' */
  month: text("month").notNull().unique(),
  cashCents: integer("cash_cents").notNull(),
  revenueCents: integer("revenue_cents").notNull(),
  mrrCents: integer("mrr_cents").notNull(),
  customers: integer("customers").notNull(),
  newCustomers: integer("new_customers").notNull(),
  churnedCustomers: integer("churned_customers").notNull(),
  /** equity and debt raised in the month (a round, a bridge, a loan drawn) */
  financingCents: integer("financing_cents").notNull().default(0),
  /** the month's cost of revenue (hosting, third-party fees, support serving customers); null = not recorded (gross margin has no data) */
  costOfRevenueCents: integer("cost_of_revenue_cents"),
});
