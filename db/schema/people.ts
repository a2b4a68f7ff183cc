import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, parentKey, timestamps } from "./_columns";
import { ROLES, API_SCOPES, LANGUAGES } from "./enums";

export { ROLES, API_SCOPES };

export type Role = (typeof ROLES)[number];

export const teams = sqliteTable("teams", {
  id: id(),
  name: text("name").notNull().unique(),
  /** Tech teams are the CTO's: hiring edits and requisition salaries follow this flag. */
  isTech: integer("is_tech", { mode: "boolean" }).notNull().default(false),
  /** archived teams keep their history (members, services, OKRs) but are offered in no list */
  archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
  ...timestamps,
});

export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** the interface language the person chose ("en" | "fr"); null = the company's default (decision 023) */
    language: text("language", { enum: LANGUAGES }),
    ...timestamps,
  },
  (t) => [index("users_team_idx").on(t.teamId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session's random 256-bit id; the cookie carries the id itself, signed */
    id: text("id").primaryKey(),
    userId: parentKey("user_id", () => users.id),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    ...timestamps,
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Failed logins per key ("email:x" or "ip:y"), for throttling. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  ...timestamps,
});

export type ApiScope = (typeof API_SCOPES)[number];

export const apiTokens = sqliteTable("api_tokens", {
  id: id(),
  name: text("name").notNull(),
  /** SHA-256 of the secret, hex; the secret itself is shown once and never stored */
  tokenHash: text("token_hash").notNull().unique(),
  /** first characters of the token, to recognise it in lists */
  prefix: text("prefix").notNull(),
  /** comma-separated ApiScope values */
  scopes: text("scopes").notNull(),
  createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  ...timestamps,
});

export const employees = sqliteTable(
  "employees",
  {
    id: id(),
    name: text("name").notNull(),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    /** 'YYYY-MM-DD' */
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    /** annual gross salary, cents — sensitive: see permissions */
    annualSalaryCents: integer("annual_salary_cents").notNull(),
    ...timestamps,
  },
  (t) => [index("employees_team_idx").on(t.teamId), index("employees_dates_idx").on(t.startDate, t.endDate)],
);
