/** What the hiring forms and lists need: team and objective options, settings, the company's today (the URL filters: app/lib/schemas/hiring.server.ts). */
import { sql } from "drizzle-orm";
import { dateFormat } from "~/lib/format";
import { type TeamRef } from "~/models/hiring/requisition-writes.server";
import { getCompanySettings } from "~/models/settings.server";
import { listTeamOptions } from "~/models/teams.server";
import type { Db } from "~/utils/db.server";

// ---------------------------------------------------------------- form helpers

export type Option = { id: number; label: string };

/**
 * Teams for hiring pages. For filters: every team (history included). For a form's choice
 * (`choice`): the Teams page's list — active teams, plus an archived one the row already names.
 */
export function listTeamsForHiring(db: Db, choice?: { keepId?: number | null }): TeamRef[] {
  if (choice) return listTeamOptions(db, [choice.keepId]).map((t) => ({ id: t.id, name: t.name, isTech: t.isTech }));
  return db
    .all<{ id: number; name: string; isTech: number }>(sql`SELECT id, name, is_tech AS isTech FROM teams ORDER BY name COLLATE NOCASE`)
    .map((t) => ({ id: t.id, name: t.name, isTech: t.isTech === 1 }));
}

/** Objectives a requisition can serve: those of open cycles (plus the one already linked). */
export function listObjectiveOptions(db: Db, includeId?: number | null): Option[] {
  return db.all<Option>(sql`
    SELECT o.id, c.name || ' · ' || o.title AS label
      FROM objectives o JOIN cycles c ON c.id = o.cycle_id
     WHERE (c.status = 'open' AND o.archived_at IS NULL) OR o.id = ${includeId ?? -1}
     ORDER BY c.start_date DESC, o.title COLLATE NOCASE
     LIMIT 500`);
}

export function hiringSettings(db: Db): { loadedCostFactor: number; grossMargin: number; headcountTarget: number } {
  const s = getCompanySettings(db);
  return { loadedCostFactor: s.loadedCostFactor, grossMargin: s.grossMargin, headcountTarget: s.headcountTarget };
}

/** Today ('YYYY-MM-DD') in the company's time zone. */
export function currentDay(timeZone: string, now = new Date()): string {
  return dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The current calendar month in the company's time zone. */
export function currentMonth(timeZone: string, now = new Date()): string {
  const parts = dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  const y = parts.find((p) => p.type === "year")!.value;
  const m = parts.find((p) => p.type === "month")!.value;
  return `${y}-${m}`;
}
