import { Badge } from "~/components/ui/badge";

export type RiskLevel = "low" | "medium" | "high" | "critical";

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

/** A risk level, optionally with its score (likelihood × impact): "High · 12". */
export function RiskLevelBadge({
  level,
  score,
  srPrefix = "Risk level: ",
  className,
}: {
  level: RiskLevel | null | undefined;
  score?: number | null;
  srPrefix?: string;
  className?: string;
}) {
  if (level === null || level === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        no data
      </Badge>
    );
  }
  return (
    <Badge tone={`risk-${level}`} srPrefix={srPrefix} className={className}>
      {RISK_LEVEL_LABELS[level]}
      {score !== null && score !== undefined ? (
        <>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, score </span>
          {score}
        </>
      ) : null}
    </Badge>
  );
}
