/** Browser-safe display helpers of key-result values (currency KRs hold cents; percent KRs 0–100). */
import { N_ } from "~/i18n/mark";
import { centsFromEuros, formatMoney, formatNumber, type FormatOptions } from "~/lib/format";
import { krProgress, okrStatus, type KrKind, type OkrStatus } from "~/lib/metrics/okrs";
import { withUnit } from "~/lib/plural";

export type KrLike = { kind: KrKind; startValue: number; targetValue: number; currentValue: number | null; unit: string | null };

/** "1 234 €", "84,5 %", "Done", "12 services". */
/** `tr`: the page's t() for the words ("Done"); English when absent. */
type Tr = (text: string) => string;
const same: Tr = (text) => text;
const DONE = N_("Done", "okrs");
const NOT_DONE = N_("Not done", "okrs");

export function formatKrValue(kind: KrKind, value: number, unit: string | null, fmt?: Partial<FormatOptions>, tr: Tr = same): string {
  const locale = fmt?.locale;
  switch (kind) {
    case "currency":
      return formatMoney(value, { locale, currency: fmt?.currency, compact: Math.abs(value) >= 1_000_000_00 });
    case "percent":
      return `${formatNumber(value, { locale, digits: 2 })} %`;
    case "boolean":
      return value >= 1 ? tr(DONE) : tr(NOT_DONE);
    default:
      return withUnit(formatNumber(value, { locale, digits: 2 }), value, unit);
  }
}

/** The value to put back in a check-in input (currency in euros, plain dot decimals). */
export function krInputValue(kind: KrKind, value: number): string {
  if (kind === "currency") return (value / 100).toFixed(value % 100 === 0 ? 0 : 2);
  if (kind === "boolean") return value >= 1 ? "1" : "0";
  return String(Math.round(value * 1000) / 1000);
}

/** The same parse the server does, for the optimistic display only (the server's answer wins). */
export function krValueFromText(kind: KrKind, text: string): number | null {
  if (kind === "currency") return centsFromEuros(text);
  const s = text
    .replace(/[\s\u00a0\u202f€]/g, "")
    .replace("\u2212", "-")
    .replace(",", ".");
  if (kind === "boolean") return s === "1" ? 1 : s === "0" ? 0 : null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  return n;
}

/** Progress and status of a KR at a value (the metric contract's pure functions). */
export function krState(kr: KrLike, value: number, expected: number): { progress: number; status: OkrStatus } {
  const progress = krProgress({ ...kr, currentValue: value });
  return { progress, status: okrStatus(progress, expected) };
}

/** "0 → 10 services" */
export function formatKrRange(kr: KrLike, fmt?: Partial<FormatOptions>, tr: Tr = same): string {
  if (kr.kind === "boolean") return `${tr(NOT_DONE)} → ${tr(DONE)}`;
  return `${formatKrValue(kr.kind, kr.startValue, kr.unit, fmt)} → ${formatKrValue(kr.kind, kr.targetValue, kr.unit, fmt)}`;
}
