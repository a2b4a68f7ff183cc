import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { timestamps } from "./_columns";

/** One row (id = 1): the installation's company settings. */
export const companySettings = sqliteTable("company_settings", {
  id: integer("id").primaryKey(),
  /** empty until the first-run screen (/setup) or the settings page names the company */
  companyName: text("company_name").notNull().default(""),
  currency: text("currency").notNull().default("EUR"),
  locale: text("locale").notNull().default("fr-FR"),
  timeZone: text("time_zone").notNull().default("Europe/Paris"),
  /** employer charges multiplier on salaries */
  loadedCostFactor: real("loaded_cost_factor").notNull().default(1.45),
  /** 0–1 */
  grossMargin: real("gross_margin").notNull().default(0.75),
  headcountTarget: integer("headcount_target").notNull().default(100),
  /** 1–12: the month the fiscal year starts (budget envelopes are per fiscal year) */
  fiscalYearStartMonth: integer("fiscal_year_start_month").notNull().default(1),
  ...timestamps,
});
