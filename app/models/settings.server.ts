import { eq } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { preparedPerConnection } from "~/models/prepared.server";
import { schema, type Db } from "~/utils/db.server";

export type CompanySettings = typeof schema.companySettings.$inferSelect;

/** The installation's settings; the defaults row is created when missing. */
/** Every request reads it (language, formatting): prepared once per connection (decision 018). */
const settingsQuery = preparedPerConnection((db) => db.select().from(schema.companySettings).where(eq(schema.companySettings.id, 1)).prepare());

export function getCompanySettings(db: Db): CompanySettings {
  const row = settingsQuery(db).get();
  if (row) return row;
  return (
    db.insert(schema.companySettings).values({ id: 1 }).onConflictDoNothing().returning().get() ??
    db.select().from(schema.companySettings).where(eq(schema.companySettings.id, 1)).get()!
  );
}

export type SettingsPatch = Pick<
  CompanySettings,
  "companyName" | "currency" | "locale" | "timeZone" | "loadedCostFactor" | "grossMargin" | "headcountTarget" | "fiscalYearStartMonth"
>;

export function updateCompanySettings(db: Db, actorId: number, patch: SettingsPatch) {
  return db.transaction((tx) => {
    const before = getCompanySettings(tx as unknown as Db);
    tx.update(schema.companySettings).set(patch).where(eq(schema.companySettings.id, 1)).run();
    const { createdAt: _c, updatedAt: _u, id: _i, ...beforeFields } = before;
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "company_settings", entityId: 1, before: beforeFields, after: patch });
  });
}

/** What the browser needs to format numbers and dates. */
export type Formatting = { locale: string; currency: string; timeZone: string };
export function formattingOf(s: CompanySettings): Formatting {
  return { locale: s.locale, currency: s.currency, timeZone: s.timeZone };
}
