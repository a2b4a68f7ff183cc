import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import { NO_DATA } from "~/lib/format";

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
  srPrefix ??= t("Risk level: ");
  if (level === null || level === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        {t(NO_DATA)}
      </Badge>
    );
  }
  return (
    <Badge tone={`risk-${level}`} srPrefix={srPrefix} className={className}>
      {t(RISK_LEVEL_LABELS[level])}
      {score !== null && score !== undefined ? (
        <>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">{t(", score ")}</span>
          {score}
        </>
      ) : null}
    </Badge>
  );
}
