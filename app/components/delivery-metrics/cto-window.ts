/**
 * The CTO dashboard's window and filters from the URL (browser-safe, pure).
 *   ?days=30|90|180            a preset: the N days before now (default 90)
 *   ?from=YYYY-MM-DD&to=YYYY-MM-DD   a custom window, dates in UTC, `to` included
 *   ?service=<name>&team=<name>      filters by name
 * Bad values fall back to the default with a notice (a dashboard never fails on its URL).
 */
import { DEFAULT_WINDOW_DAYS, MS_PER_DAY, previousWindow, type Window } from "~/lib/metrics/delivery";

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

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → UTC midnight ms, or null when not a real calendar date. */
export function parseUtcDate(value: string): number | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value ? ms : null;
}

export function toUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseCtoParams(search: URLSearchParams, nowMs: number): CtoParams {
  const notices: string[] = [];
  const text = (name: string) => {
    const v = search.get(name)?.trim();
    return v ? v.slice(0, 200) : null;
  };
  const service = text("service");
  const team = text("team");
  const fromText = text("from");
  const toText = text("to");

  let window: Window | null = null;
  let days: WindowPreset | null = null;
  if (fromText !== null || toText !== null) {
    const from = fromText === null ? null : parseUtcDate(fromText);
    const toDay = toText === null ? null : parseUtcDate(toText);
    if (fromText !== null && from === null) notices.push(`“${fromText}” is not a date (YYYY-MM-DD).`);
    if (toText !== null && toDay === null) notices.push(`“${toText}” is not a date (YYYY-MM-DD).`);
    if (from !== null && (toText === null || toDay !== null)) {
      const to = toDay === null ? nowMs : toDay + MS_PER_DAY; // `to` is an included day
      if (to > from) window = { from, to };
      else notices.push("The end date is before the start date.");
    }
    if (window === null && notices.length === 0) notices.push("A custom window needs a start date.");
  }
  if (window === null) {
    const raw = Number(search.get("days") ?? DEFAULT_WINDOW_DAYS);
    days = (WINDOW_PRESETS as readonly number[]).includes(raw) ? (raw as WindowPreset) : DEFAULT_WINDOW_DAYS;
    if (search.has("days") && days !== raw) notices.push(`Window presets are ${WINDOW_PRESETS.join(", ")} days.`);
    window = { from: nowMs - days * MS_PER_DAY, to: nowMs };
  }
  if (window.from !== undefined && notices.length > 0 && days !== null) notices.push(`Showing the ${days} days before now.`);
  return {
    window,
    previous: previousWindow(window),
    days,
    fromDate: days === null ? fromText : null,
    toDate: days === null ? toText : null,
    service,
    team,
    notices,
  };
}

/** The dashboard URL with some parameters changed (null removes one); keeps the rest. */
export function ctoHref(p: Pick<CtoParams, "days" | "fromDate" | "toDate" | "service" | "team">, change: Partial<Record<"days" | "from" | "to" | "service" | "team", string | null>>): string {
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
