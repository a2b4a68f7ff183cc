import { useTranslation } from "react-i18next";

export type TrendDirection = "higher" | "lower";
export type TrendMeaning = "good" | "bad" | "neutral";

/**
 * Whether a change is good news: up is good when higher is better, down is good when
 * lower is better (lead time, MTTR, burn…). 0, null or NaN → neutral.
 */
export function trendMeaning(change: number | null | undefined, direction: TrendDirection): TrendMeaning {
  if (change === null || change === undefined || !Number.isFinite(change) || change === 0) return "neutral";
  const up = change > 0;
  return up === (direction === "higher") ? "good" : "bad";
}

export type TrendArrowProps = {
  /** the signed change (only its sign matters here); null = no comparison possible */
  value: number | null;
  /** which way is better for the metric */
  direction: TrendDirection;
  /** the formatted change to print beside the arrow, e.g. "+12 %" */
  formatted?: string;
  /** what the change is measured against, read by screen readers: "vs previous 90 days" */
  comparedTo?: string;
  className?: string;
};

/**
 * ↑ / ↓ / → coloured good or bad knowing whether lower is better. The words ("up, better")
 * are there for screen readers; colour is never the only carrier.
 */
export function TrendArrow({ value, direction, formatted, comparedTo, className }: TrendArrowProps) {
  const { t } = useTranslation("common");
  const meaning = trendMeaning(value, direction);
  const hasValue = value !== null && Number.isFinite(value);
  const arrow = !hasValue ? "–" : value > 0 ? "↑" : value < 0 ? "↓" : "→";
  const words = !hasValue
    ? t("no comparison")
    : value > 0
      ? meaning === "good"
        ? t("up, better")
        : t("up, worse")
      : value < 0
        ? meaning === "good"
          ? t("down, better")
          : t("down, worse")
        : t("unchanged");
  if (!hasValue) {
    // no trend: say why ("not enough history for a comparison", "no comparison"), nothing else
    return (
      <span className={["trend", "trend--neutral", "trend--none", className].filter(Boolean).join(" ")} title={comparedTo}>
        <span className="trend__none">{formatted ?? words}</span>
        {comparedTo ? <span className="visually-hidden"> ({comparedTo})</span> : null}
      </span>
    );
  }
  return (
    <span className={["trend", `trend--${meaning}`, className].filter(Boolean).join(" ")}>
      <span className="trend__arrow" aria-hidden="true">
        {arrow}
      </span>
      <span className="visually-hidden">{words}</span>
      {/* no change reads "unchanged", whatever the unit ("→ 0 bugs", "→ 0 pts" say less) */}
      {value === 0 ? <span className="trend__value">{t("unchanged")}</span> : formatted ? <span className="trend__value">{formatted}</span> : null}
      {comparedTo ? <span className="trend__compared">{comparedTo}</span> : null}
    </span>
  );
}
