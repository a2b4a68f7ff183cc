/**
 * The CTO dashboard's window and filters: types and links (browser-safe, pure).
 *   ?days=30|90|180                  a preset: the N days before now (default 90)
 *   ?from=YYYY-MM-DD&to=YYYY-MM-DD   a custom window, dates in UTC, `to` included
 *   ?service=<name>&team=<name>      filters by name
 * Reading them from the URL is server-only (zod): parseCtoParams in ~/lib/schemas/cto-params.server.
 */
import { DEFAULT_WINDOW_DAYS, type Window } from "~/lib/metrics/delivery";

export const WINDOW_PRESETS = [30, 90, 180] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export type CtoParams = {
  window: Window;
  previous: Window;
  /** the preset in use, or null for a custom from/to */
  days: WindowPreset | null;
  /** the custom dates as given (echoed in the form) */
  fromDate: string | null;
  toDate: string | null;
  service: string | null;
  team: string | null;
  notices: string[];
};

export function toUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The dashboard URL with some parameters changed (null removes one); keeps the rest. */
export function ctoHref(
  p: Pick<CtoParams, "days" | "fromDate" | "toDate" | "service" | "team">,
  change: Partial<Record<"days" | "from" | "to" | "service" | "team", string | null>>,
): string {
  const q = new URLSearchParams();
  const base: Record<string, string | null> = {
    service: p.service,
    team: p.team,
    days: p.days === null || p.days === DEFAULT_WINDOW_DAYS ? null : String(p.days),
    from: p.fromDate,
    to: p.toDate,
  };
  const merged = { ...base, ...change };
  for (const key of ["service", "team", "days", "from", "to"] as const) {
    const v = merged[key];
    if (v !== null && v !== undefined && v !== "") q.set(key, v);
  }
  const s = q.toString();
  return s ? `/dashboards/cto?${s}` : "/dashboards/cto";
}

/** Drill-down to the deployments or incidents behind a figure (their pages take the same names and ISO instants). */
export function drillHref(
  kind: "deployments" | "incidents",
  window: Window,
  filter: { service: string | null; team: string | null },
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  if (filter.service) q.set("service", filter.service);
  if (filter.team) q.set("team", filter.team);
  q.set("from", new Date(window.from).toISOString());
  q.set("to", new Date(window.to).toISOString());
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `/delivery/${kind}?${q.toString()}`;
}
