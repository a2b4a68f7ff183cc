import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NO_DATA } from "~/lib/format";
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

/**
 * The badge of a value that may be missing (a tier, an OKR status, a risk level): `tone` null shows a
 * neutral "no data" badge (never a made-up value), otherwise the badge of that tone with `children`.
 */
export function ValueBadge({
  tone,
  children,
  srPrefix,
  className,
}: {
  tone: MeaningColor | null;
  children?: ReactNode;
  srPrefix?: string;
  className?: string;
}) {
  const { t } = useTranslation("common");
  return (
    <Badge tone={tone ?? "neutral"} srPrefix={srPrefix} className={className}>
      {tone === null ? t(NO_DATA) : children}
    </Badge>
  );
}
