import { useTranslation } from "react-i18next";
import { ValueBadge } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";

export type RiskLevel = "low" | "medium" | "high" | "critical";

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  low: N_("Low"),
  medium: N_("Medium"),
  high: N_("High"),
  critical: N_("Critical"),
};

/** A risk level, optionally with its score (likelihood × impact): "High · 12". */
export function RiskLevelBadge({
  level,
  score,
  srPrefix,
  className,
}: {
  level: RiskLevel | null | undefined;
  score?: number | null;
  srPrefix?: string;
  className?: string;
}) {
  const { t } = useTranslation("common");
  return (
    <ValueBadge tone={level ? `risk-${level}` : null} srPrefix={srPrefix ?? t("Risk level: ")} className={className}>
      {level ? t(RISK_LEVEL_LABELS[level]) : null}
      {level && score !== null && score !== undefined ? (
        <>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">{t(", score ")}</span>
          {score}
        </>
      ) : null}
    </ValueBadge>
  );
}
