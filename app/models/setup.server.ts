import { eq, sql } from "drizzle-orm";
import { serverT } from "~/i18n/translate.server";
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

export type ChecklistItem = { key: string; done: boolean; title: string; how: string; links: { to: string; label: string; download?: boolean }[] };

/**
 * The CEO's "Getting started" list: what an install needs before its dashboards show real figures.
 * Shown on the home page while an essential item is still empty (one statement of counts).
 */
export function getSetupChecklist(db: Db): { items: ChecklistItem[]; complete: boolean } {
  const c = db.get<{
    teams: number;
    users: number;
    snapshots: number;
    budgetLines: number;
    services: number;
    cycles: number;
    objectives: number;
    employees: number;
    companyName: string;
  }>(sql`
    SELECT (SELECT count(*) FROM teams WHERE archived_at IS NULL) AS teams,
           (SELECT count(*) FROM users WHERE active = 1) AS users,
           (SELECT count(*) FROM finance_snapshots) AS snapshots,
           (SELECT count(*) FROM budget_lines) AS budgetLines,
           (SELECT count(*) FROM services) AS services,
           (SELECT count(*) FROM cycles) AS cycles,
           (SELECT count(*) FROM objectives) AS objectives,
           (SELECT count(*) FROM employees) AS employees,
           (SELECT company_name FROM company_settings WHERE id = 1) AS companyName`);
  // translated here, in the reader's language: the home page shows these texts as they come
  const items: (ChecklistItem & { essential: boolean })[] = [
    {
      key: "company",
      essential: true,
      done: (c.companyName ?? "") !== "",
      title: serverT("Name the company", { ns: "auth" }),
      how: serverT("Company name, currency, locale, time zone and fiscal year.", { ns: "auth" }),
      links: [{ to: "/settings", label: serverT("Settings", { ns: "auth" }) }],
    },
    {
      key: "teams",
      essential: true,
      done: c.teams > 0,
      title: serverT("Create your teams", { ns: "auth" }),
      how: serverT("Requisitions, services, leads and team objectives all belong to a team.", { ns: "auth" }),
      links: [{ to: "/teams", label: serverT("Teams", { ns: "auth" }) }],
    },
    {
      key: "people",
      essential: false,
      done: c.users > 1,
      title: serverT("Invite your people", { ns: "auth" }),
      how: serverT("Add users (a team lead needs a team) on Settings, or with npm run user:create.", { ns: "auth" }),
      links: [{ to: "/settings", label: serverT("Settings → Add a user", { ns: "auth" }) }],
    },
    {
      key: "snapshots",
      essential: true,
      done: c.snapshots > 0,
      title: serverT("Close your first finance month", { ns: "auth" }),
      how: serverT("Cash, revenue and customers per month: cash, burn and runway are computed from them.", { ns: "auth" }),
      links: [
        { to: "/finance/snapshots", label: serverT("Finance snapshots", { ns: "auth" }) },
        { to: "/import/template/finance-snapshots", label: serverT("template", { ns: "auth" }), download: true },
      ],
    },
    {
      key: "budget",
      essential: false,
      done: c.budgetLines > 0,
      title: serverT("Load your budget", { ns: "auth" }),
      how: serverT("Planned and actual spend per category and month (gross burn is Σ actuals).", { ns: "auth" }),
      links: [
        { to: "/budgets", label: serverT("Budgets", { ns: "auth" }) },
        { to: "/import/template/budget-lines", label: serverT("template", { ns: "auth" }), download: true },
      ],
    },
    {
      key: "employees",
      essential: false,
      done: c.employees > 0,
      title: serverT("Add your employees", { ns: "auth" }),
      how: serverT("Headcount against plan, and salaries for the forecast (seen by the CEO only).", { ns: "auth" }),
      links: [
        { to: "/import#import-employees", label: serverT("Import employees", { ns: "auth" }) },
        { to: "/import/template/employees", label: serverT("template", { ns: "auth" }), download: true },
      ],
    },
    {
      key: "services",
      essential: true,
      done: c.services > 0,
      title: serverT("Register your services", { ns: "auth" }),
      how: serverT("Deployments and incidents belong to a service: add one, or send deployments from CI with an API token.", { ns: "auth" }),
      links: [
        { to: "/delivery/services", label: serverT("Services", { ns: "auth" }) },
        { to: "/settings/tokens", label: serverT("API tokens", { ns: "auth" }) },
      ],
    },
    {
      key: "okrs",
      essential: true,
      done: c.cycles > 0,
      title: serverT("Start an OKR cycle", { ns: "auth" }),
      how: serverT("Create a cycle (a quarter), then objectives and key results — or import them.", { ns: "auth" }),
      links: [
        { to: "/okrs", label: serverT("OKRs", { ns: "auth" }) },
        { to: "/import/template/okrs", label: serverT("template", { ns: "auth" }), download: true },
      ],
    },
  ];
  return { items: items.map(({ essential: _e, ...i }) => i), complete: items.every((i) => !i.essential || i.done) };
}
