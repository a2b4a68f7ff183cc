import { eq, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { getCompanySettings } from "~/models/settings.server";
import { schema, type Db } from "~/utils/db.server";

/** What the first-run screen (/setup) stores: the company profile and the first CEO. */
export type SetupInput = {
  companyName: string;
  currency: string;
  locale: string;
  timeZone: string;
  fiscalYearStartMonth: number;
  name: string;
  email: string;
  /** argon2 hash, computed before the transaction (hashing is asynchronous) */
  passwordHash: string;
};

/**
 * Completes the first run: saves the company profile and creates the first CEO — only while the
 * database holds no user. The "no user" check is made again inside a BEGIN IMMEDIATE transaction
 * (the write lock is taken before the check), so two submissions racing each other, from this
 * process or another one on the same file, create exactly one CEO; the loser gets null.
 * Audited as the new CEO's own actions.
 */
export function completeSetup(db: Db, input: SetupInput): { userId: number } | null {
  return db.transaction(
    (tx) => {
      const anyUser = tx.get<{ n: number } | undefined>(sql`SELECT 1 AS n FROM users LIMIT 1`);
      if (anyUser) return null;
      const user = tx
        .insert(schema.users)
        .values({ email: input.email.toLowerCase(), name: input.name, role: "ceo", teamId: null, passwordHash: input.passwordHash, active: true })
        .returning({ id: schema.users.id })
        .get();
      const before = getCompanySettings(tx as unknown as Db);
      const profile = {
        companyName: input.companyName,
        currency: input.currency,
        locale: input.locale,
        timeZone: input.timeZone,
        fiscalYearStartMonth: input.fiscalYearStartMonth,
      };
      tx.update(schema.companySettings).set(profile).where(eq(schema.companySettings.id, 1)).run();
      const actor = { userId: user.id };
      recordAudit(tx, {
        actor,
        action: "setup",
        entityType: "company_settings",
        entityId: 1,
        before: {
          companyName: before.companyName,
          currency: before.currency,
          locale: before.locale,
          timeZone: before.timeZone,
          fiscalYearStartMonth: before.fiscalYearStartMonth,
        },
        after: profile,
      });
      recordAudit(tx, {
        actor,
        action: "setup",
        entityType: "user",
        entityId: user.id,
        after: { email: input.email.toLowerCase(), name: input.name, role: "ceo", teamId: null },
      });
      return { userId: user.id };
    },
    { behavior: "immediate" },
  );
}
