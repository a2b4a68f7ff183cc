import { Link } from "@remix-run/react";
import { useId, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Tooltip } from "~/components/ui/tooltip";
import { NO_DATA } from "~/lib/format";
import type { Tier } from "~/lib/metrics/tiers";
import { TierBadge } from "./tier-badge";
import { TrendArrow, type TrendDirection } from "./trend-arrow";

export type KpiChange = {
  /** signed change; only the sign is used for the arrow and colour. null = no comparison */
  value: number | null;
  /** what is printed: "+12 %", "−3 h" */
  formatted: string;
  /** which way is better for this metric */
  direction: TrendDirection;
  /** what the change compares with, e.g. "vs previous 90 days" */
  comparedTo?: string;
};

export type KpiTileProps = {
  label: string;
  /** the formatted figure; null → "no data" (never a fake 0) */
  value: string | null;
  /** how the figure is computed, e.g. "successful production deploys ÷ days in window" */
  formula: string;
  /** the window it covers, e.g. "last 90 days (1 Mar – 30 May 2024)" */
  window: string;
  /** link to the rows behind the figure */
  href?: string;
  change?: KpiChange;
  /** DORA tier badge (null shows "no data"; omit for metrics without tiers) */
  tier?: Tier | null;
  /** the target, formatted: "< 2 h", "50/day" */
  target?: string;
  footnote?: ReactNode;
  /** heading level of the label (default 3) */
  headingLevel?: 2 | 3 | 4;
  className?: string;
  /**
   * The catalogue metric shown (app/lib/metrics/catalogue.ts): marks the figure with data-metric,
   * data-value (unrounded), and data-as-of or data-window ("from/to", UTC ms) — so tests and tools
   * can check that one id shows one value everywhere for the same window.
   */
  metric?: MetricMark;
};

export type MetricMark = {
  id: string;
  value: number | string | null;
  asOf?: string | null;
  window?: { from: number; to: number } | null;
};

/** The data-* attributes of a figure of the catalogue (spread onto the element showing it). */
export function metricAttributes(m: MetricMark | undefined): Record<string, string> {
  if (!m) return {};
  const out: Record<string, string> = { "data-metric": m.id, "data-value": m.value === null ? "" : String(m.value) };
  if (m.asOf) out["data-as-of"] = m.asOf;
  if (m.window) out["data-window"] = `${m.window.from}/${m.window.to}`;
  return out;
}

/**
 * One headline figure with its formula and window (tooltip on hover and keyboard focus),
 * a link to the rows behind it, its trend (coloured knowing whether lower is better),
 * tier and target.
 */
export function KpiTile({ label, value, formula, window, href, change, tier, target, footnote, headingLevel = 3, className, metric }: KpiTileProps) {
  const labelId = useId();
  const { t } = useTranslation("common");
  // a figure that could not be computed (null, or a non-finite number formatted to the key NO_DATA)
  const empty = value === null || value === NO_DATA;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const valueText = empty ? t("no data") : value;
  const valueNode =
    href !== undefined ? (
      <Link to={href} className="tile__link">
        {valueText}
        <span className="visually-hidden"> — {t("show the data behind {{label}}", { label })}</span>
      </Link>
    ) : (
      valueText
    );

  return (
    <article className={["tile", empty ? "tile--empty" : null, className].filter(Boolean).join(" ")} aria-labelledby={labelId}>
      <div className="tile__header">
        <Heading id={labelId} className="tile__label">
          {label}
        </Heading>
        <Tooltip
          label={t("How {{label}} is computed", { label })}
          align="end"
          content={
            <>
              <span className="tooltip__row">
                <strong>{t("Formula:")}</strong> {formula}
              </span>
              <span className="tooltip__row">
                <strong>{t("Window:")}</strong> {window}
              </span>
            </>
          }
        />
      </div>
      {/* the figure stays on one line: its size follows the tile's width and the figure's length (CSS) */}
      <p
        className={empty ? "tile__value tile__value--empty" : "tile__value"}
        style={empty ? undefined : ({ "--value-chars": Math.max(6, [...valueText].length) } as CSSProperties)}
        {...metricAttributes(metric)}
      >
        {valueNode}
      </p>
      {change !== undefined || tier !== undefined || target !== undefined ? (
        <div className="tile__meta">
          {change !== undefined ? (
            <TrendArrow value={change.value} direction={change.direction} formatted={change.formatted} comparedTo={change.comparedTo} />
          ) : null}
          {tier !== undefined ? <TierBadge tier={tier} /> : null}
          {target !== undefined ? (
            <span className="tile__target">
              <span className="tile__target-label">{t("Target")}</span> {target}
            </span>
          ) : null}
        </div>
      ) : null}
      {footnote !== undefined ? <p className="tile__footnote">{footnote}</p> : null}
    </article>
  );
}
