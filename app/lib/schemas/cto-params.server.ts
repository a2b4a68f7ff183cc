import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { WINDOW_PRESETS, type CtoParams, type WindowPreset } from "~/lib/metrics/cto-window";
import { DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, MS_PER_DAY, previousWindow, windowProblem, type Window } from "~/lib/metrics/delivery";
import { ignoredParamNotice, parseSearchParams, urlTextSchema } from "~/lib/url-params.server";
import { intSchema, isoDateSchema } from "~/lib/validation.server";

/**
 * The CTO dashboard's window and filters from the URL (server-only: zod stays out of the
 * browser bundle; the links and types are in ~/lib/metrics/cto-window).
 *   ?days=30|90|180                  a preset: the N days before now (default 90)
 *   ?from=YYYY-MM-DD&to=YYYY-MM-DD   a custom window, dates in UTC, `to` included
 *   ?service=<name>&team=<name>      filters by name
 * Bad values fall back to the default with a notice (a dashboard never fails on its URL).
 */
// a translated key, so written out: keep it in step with WINDOW_PRESETS
const PRESET_MESSAGE = N_("must be one of 30, 90, 180 (days)", "delivery");

export const CtoParamsSchema = z.object({
  days: intSchema({ message: PRESET_MESSAGE })
    .pipe(z.literal(WINDOW_PRESETS, { error: PRESET_MESSAGE }))
    .optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  service: urlTextSchema(200).optional(),
  team: urlTextSchema(200).optional(),
});

const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`);

export function parseCtoParams(search: URLSearchParams, nowMs: number): CtoParams {
  const { data: p, ignored } = parseSearchParams(search, CtoParamsSchema);
  const notices: string[] = [];
  const bad = (key: "days" | "from" | "to") => ignored.find((i) => i.key === key);
  const badFrom = bad("from");
  const badTo = bad("to");
  // what the form shows back for a custom window, bad dates included
  const fromText = p.from ?? badFrom?.value.slice(0, 200) ?? null;
  const toText = p.to ?? badTo?.value.slice(0, 200) ?? null;

  let window: Window | null = null;
  let days: WindowPreset | null = null;
  if (fromText !== null || toText !== null) {
    if (badFrom) notices.push(ignoredParamNotice(badFrom));
    if (badTo) notices.push(ignoredParamNotice(badTo));
    if (p.from !== undefined && !badTo) {
      const from = utcDay(p.from);
      const to = p.to === undefined ? nowMs : utcDay(p.to) + MS_PER_DAY; // `to` is an included day
      const problem = windowProblem({ from, to });
      if (problem === null) window = { from, to };
      else
        notices.push(
          to > from
            ? serverT("The custom window is too long: the window must be at most {{days}} days (two years).", { ns: "delivery", days: MAX_WINDOW_DAYS })
            : serverT("The end date is before the start date.", { ns: "delivery" }),
        );
    }
    if (window === null && notices.length === 0) notices.push(serverT("A custom window needs a start date.", { ns: "delivery" }));
  }
  if (window === null) {
    days = p.days ?? DEFAULT_WINDOW_DAYS;
    const badDays = bad("days");
    if (badDays) notices.push(ignoredParamNotice(badDays));
    window = { from: nowMs - days * MS_PER_DAY, to: nowMs };
  }
  if (notices.length > 0 && days !== null) notices.push(serverT("Showing the {{days}} days before now.", { ns: "delivery", days }));
  return {
    window,
    previous: previousWindow(window),
    days,
    fromDate: days === null ? fromText : null,
    toDate: days === null ? toText : null,
    service: p.service ?? null,
    team: p.team ?? null,
    notices,
  };
}
