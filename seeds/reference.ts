/**
 * Reference rows every installation has, demo or not: budget categories, company settings,
 * risk-rule defaults and the compliance frameworks. `seedReference` is idempotent.
 */
import { schema } from "../db/client";
import type { DbWriter } from "./builders";

export type BudgetCategorySeed = {
  readonly name: string;
  readonly group: "it" | "payroll" | "other";
  readonly isIt: boolean;
  readonly isSalesMarketing: boolean;
};

/** A fresh database has exactly these categories, in this order (DESIGN.md, finance). */
export const BUDGET_CATEGORIES = [
  { name: "Salaries", group: "payroll", isIt: false, isSalesMarketing: false },
  { name: "Marketing", group: "other", isIt: false, isSalesMarketing: true },
  { name: "Cloud infrastructure", group: "it", isIt: true, isSalesMarketing: false },
  { name: "Dev tools", group: "it", isIt: true, isSalesMarketing: false },
  { name: "Security", group: "it", isIt: true, isSalesMarketing: false },
  { name: "Training", group: "it", isIt: true, isSalesMarketing: false },
  { name: "R&D", group: "it", isIt: true, isSalesMarketing: false },
  { name: "Legal/Admin", group: "other", isIt: false, isSalesMarketing: false },
  { name: "Other", group: "other", isIt: false, isSalesMarketing: false },
] as const satisfies readonly BudgetCategorySeed[];

export type BudgetCategoryName = (typeof BUDGET_CATEGORIES)[number]["name"];

/** A fresh install's settings: no company name until the first-run screen (/setup) sets one. */
export const COMPANY_SETTINGS_DEFAULTS = {
  id: 1,
  companyName: "",
  currency: "EUR",
  locale: "fr-FR",
  timeZone: "Europe/Paris",
  loadedCostFactor: 1.45,
  grossMargin: 0.75,
  headcountTarget: 100,
  fiscalYearStartMonth: 1,
} as const;

export const RISK_RULE_DEFAULTS = [
  { kind: "runway_below_months", threshold: 12 },
  { kind: "cfr_above_percent_30d", threshold: 15 },
  { kind: "objective_off_track_mid_cycle", threshold: 0.5 },
  { kind: "scenario_trigger_holds", threshold: 0.1 },
] as const satisfies readonly { kind: (typeof schema.RISK_RULE_KINDS)[number]; threshold: number }[];

export const COMPLIANCE_FRAMEWORKS = [
  {
    key: "gdpr",
    name: "GDPR",
    description: "EU General Data Protection Regulation (Regulation (EU) 2016/679).",
  },
  {
    key: "iso27001",
    name: "ISO/IEC 27001",
    description: "ISO/IEC 27001:2022 information security management system, Annex A controls.",
  },
  {
    key: "soc2",
    name: "SOC 2",
    description: "AICPA SOC 2 Trust Services Criteria (security, availability, confidentiality).",
  },
] as const;

export type ComplianceFrameworkKey = (typeof COMPLIANCE_FRAMEWORKS)[number]["key"];

/** Inserts whatever reference rows are missing; never changes existing ones. Returns rows inserted. */
export function seedReference(db: DbWriter): { inserted: number } {
  let inserted = 0;
  BUDGET_CATEGORIES.forEach((c, i) => {
    const r = db
      .insert(schema.budgetCategories)
      .values({ name: c.name, group: c.group, isIt: c.isIt, isSalesMarketing: c.isSalesMarketing, sortOrder: i + 1 })
      .onConflictDoNothing()
      .run();
    inserted += r.changes;
  });
  inserted += db.insert(schema.companySettings).values(COMPANY_SETTINGS_DEFAULTS).onConflictDoNothing().run().changes;
  for (const rule of RISK_RULE_DEFAULTS) {
    inserted += db.insert(schema.riskRules).values(rule).onConflictDoNothing().run().changes;
  }
  for (const f of COMPLIANCE_FRAMEWORKS) {
    inserted += db.insert(schema.complianceFrameworks).values(f).onConflictDoNothing().run().changes;
  }
  return { inserted };
}
