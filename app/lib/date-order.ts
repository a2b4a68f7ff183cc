/**
 * The order a locale writes a calendar date in (docs/decisions/024): fr-FR and en-GB day first
 * ("31/12/2026"), en-US month first ("12/31/2026"), en-CA and fr-CA year first ("2026-12-31").
 * The date inputs show and the server reads a typed date in the page's order. Browser-safe.
 */
export type DateOrder = "dmy" | "mdy" | "ymd";

const cache = new Map<string, DateOrder>();

export function dateOrder(locale: string): DateOrder {
  const known = cache.get(locale);
  if (known) return known;
  let order: DateOrder = "dmy";
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone: "UTC" })
      .formatToParts(Date.UTC(2026, 11, 31))
      .map((p) => p.type)
      .filter((t) => t === "day" || t === "month" || t === "year");
    order = parts[0] === "year" ? "ymd" : parts[0] === "month" ? "mdy" : "dmy";
  } catch {
    // an unknown locale: day first
  }
  cache.set(locale, order);
  return order;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
/** "31/12/2026", "31.12.2026", "12/31/2026": two numbers then the year */
const LOCAL_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
/** "12/2026", "12.2026" */
const LOCAL_MONTH = /^(\d{1,2})[/.](\d{4})$/;

/** A stored "2026-12-31" as the locale's order writes it; anything else (what a person typed) unchanged. */
export function dateText(value: string | number | null | undefined, order: DateOrder): string {
  const s = value === null || value === undefined ? "" : String(value).trim();
  const m = ISO_DATE.exec(s);
  if (!m || order === "ymd") return s;
  return order === "mdy" ? `${m[2]}/${m[3]}/${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** A stored "2026-12" as the locale writes it ("12/2026"; year first: unchanged). */
export function monthText(value: string | number | null | undefined, order: DateOrder): string {
  const s = value === null || value === undefined ? "" : String(value).trim();
  const m = ISO_MONTH.exec(s);
  return m && order !== "ymd" ? `${m[2]}/${m[1]}` : s;
}

/** A date typed in the locale's order → "2026-12-31"; anything else (ISO, garbage) trimmed and unchanged. */
export function isoFromDateText(input: string, order: DateOrder): string {
  const s = input.trim();
  const m = LOCAL_DATE.exec(s);
  if (!m) return s;
  const [day, month] = order === "mdy" ? [m[2], m[1]] : [m[1], m[2]];
  return `${m[3]}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** A month typed as "12/2026" → "2026-12"; anything else trimmed and unchanged. */
export function isoFromMonthText(input: string): string {
  const s = input.trim();
  const m = LOCAL_MONTH.exec(s);
  return m ? `${m[2]}-${m[1].padStart(2, "0")}` : s;
}
