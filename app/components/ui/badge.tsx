import type { ReactNode } from "react";
import type { MeaningColor } from "./tone";

/**
 * The meaning a badge carries; each maps to one colour token, the same everywhere
 * (tiers, OKR status, risk levels, generic good/warn/bad).
 */
export type BadgeTone = "neutral" | MeaningColor;

export type BadgeProps = {
  tone?: BadgeTone;
  children: ReactNode;
  /** text read before the visible label by screen readers, e.g. "DORA tier: " */
  srPrefix?: string;
  title?: string;
  className?: string;
};

/** A small label with a coloured dot and tinted background; the text always carries the meaning. */
export function Badge({ tone = "neutral", children, srPrefix, title, className }: BadgeProps) {
  return (
    <span className={["badge", `badge--${tone}`, className].filter(Boolean).join(" ")} title={title}>
      {srPrefix ? <span className="visually-hidden">{srPrefix}</span> : null}
      {children}
    </span>
  );
}
