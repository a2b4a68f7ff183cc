import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { entityTable, flag, instant, optionalKey, parentKey, timestamps } from "./_columns";
import { ROLES, API_SCOPES, LANGUAGES } from "./enums";

export { ROLES, API_SCOPES };

export type Role = (typeof ROLES)[number];

export const teams = entityTable("teams", {
  name: text("name").notNull().unique(),
  /** Tech teams are the CTO's: hiring edits and requisition salaries follow this flag. */
  isTech: flag("is_tech"),
  /** archived teams keep their history (members, services, OKRs) but are offered in no list */
  archivedAt: instant("archived_at"),
});

export const users = entityTable(
  "users",
  {
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    teamId: optionalKey("team_id", () => teams.id),
    passwordHash: text("password_hash").notNull(),
    active: flag("active", true),
    /** the interface language the person chose ("en" | "fr"); null = the company's default (decision 023) */
    language: text("language", { enum: LANGUAGES }),
  },
  (t) => [index("users_team_idx").on(t.teamId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session's random 256-bit id; the cookie carries the id itself, signed */
    id: text("id").primaryKey(),
    userId: parentKey("user_id", () => users.id),
    expiresAt: instant("expires_at").notNull(),
    ...timestamps,
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Failed logins per key ("email:x" or "ip:y"), for throttling. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: instant("window_started_at").notNull(),
  lockedUntil: instant("locked_until"),
  ...timestamps,
});

export type ApiScope = (typeof API_SCOPES)[number];

export const apiTokens = entityTable("api_tokens", {
  name: text("name").notNull(),
  /** SHA-256 of the secret, hex; the secret itself is shown once and never stored */
  tokenHash: text("token_hash").notNull().unique(),
  /** first characters of the token, to recognise it in lists */
  prefix: text("prefix").notNull(),
  /** comma-separated ApiScope values */
  scopes: text("scopes").notNull(),
  createdByUserId: optionalKey("created_by_user_id", () => users.id),
  lastUsedAt: instant("last_used_at"),
  revokedAt: instant("revoked_at"),
});

export const employees = entityTable(
  "employees",
  {
    name: text("name").notNull(),
    teamId: optionalKey("team_id", () => teams.id),
    title: text("title").notNull(),
    /** 'YYYY-MM-DD' */
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    /** annual gross salary, cents — sensitive: see permissions */
    annualSalaryCents: integer("annual_salary_cents").notNull(),
  },
  (t) => [index("employees_team_idx").on(t.teamId), index("employees_dates_idx").on(t.startDate, t.endDate)],
);
