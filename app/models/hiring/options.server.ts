/** What the hiring forms and lists need: team and objective options, settings, URL filters, the company's today. */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { parseSearchParams } from "~/lib/url-params.server";
import { idSchema } from "~/lib/validation.server";
import { type EmployeeFilters } from "~/models/hiring/employees.server";
import { type TeamRef } from "~/models/hiring/requisition-writes.server";
import { type RequisitionFilters } from "~/models/hiring/requisitions.server";
import { getCompanySettings } from "~/models/settings.server";
import { listTeamOptions } from "~/models/teams.server";
import type { Db } from "~/utils/db.server";
import { PRIORITIES, REQUISITION_STATUSES } from "../../../db/schema/hiring";

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

// ---------------------------------------------------------------- URL filters

const optionalCatch = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

const RequisitionFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  status: optionalCatch(z.enum(REQUISITION_STATUSES)),
  priority: optionalCatch(z.enum(PRIORITIES)),
  from: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  to: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  q: optionalCatch(z.string().trim().min(1).max(200)),
});

/** Filters from the URL (?team=&status=&priority=&from=&to=&q=); anything malformed is ignored. */
export function parseRequisitionFilters(url: URL): RequisitionFilters {
  const sp = url.searchParams;
  const raw = Object.fromEntries(["team", "status", "priority", "from", "to", "q"].map((k) => [k, sp.get(k) || undefined]));
  const f = RequisitionFiltersSchema.parse(raw);
  return { teamId: f.team, status: f.status, priority: f.priority, from: f.from, to: f.to, q: f.q };
}

/** `?created=<id>` / `?updated=<id>`: where the requisition form sent the user back after saving. */
const SavedFlagParamsSchema = z.object({ created: idSchema.optional(), updated: idSchema.optional() });

/** Which "saved" message the list shows after a redirect, if any (a malformed flag shows none). */
export function savedFlagFromUrl(url: URL): "created" | "updated" | null {
  const { data } = parseSearchParams(url, SavedFlagParamsSchema);
  return data.created !== undefined ? "created" : data.updated !== undefined ? "updated" : null;
}

const EmployeeFiltersSchema = z.object({
  team: optionalCatch(idSchema),
  at: optionalCatch(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  q: optionalCatch(z.string().trim().min(1).max(200)),
  status: optionalCatch(z.enum(["current", "starting", "left"])),
});

export function parseEmployeeFilters(url: URL): EmployeeFilters {
  const sp = url.searchParams;
  const f = EmployeeFiltersSchema.parse({
    team: sp.get("team") || undefined,
    at: sp.get("at") || undefined,
    q: sp.get("q") || undefined,
    status: sp.get("status") || undefined,
  });
  return { teamId: f.team, employedAt: f.at, q: f.q, status: f.status };
}

/** Today ('YYYY-MM-DD') in the company's time zone. */
export function currentDay(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The current calendar month in the company's time zone. */
export function currentMonth(timeZone: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
  const y = parts.find((p) => p.type === "year")!.value;
  const m = parts.find((p) => p.type === "month")!.value;
  return `${y}-${m}`;
}
