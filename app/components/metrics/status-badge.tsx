import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import { NO_DATA } from "~/lib/format";

export type OkrStatus = "on_track" | "at_risk" | "off_track";

export const OKR_STATUS_LABELS: Record<OkrStatus, string> = {
  on_track: N_("On track"),
  at_risk: N_("At risk"),
  off_track: N_("Off track"),
};

/** OKR pace status; null shows "no data". */
export function StatusBadge({ status, srPrefix, className }: { status: OkrStatus | null | undefined; srPrefix?: string; className?: string }) {
  const { t } = useTranslation("common");
  srPrefix ??= t("Status: ");
  if (status === null || status === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        {t(NO_DATA)}
      </Badge>
    );
  }
  const tone = status === "on_track" ? "on-track" : status === "at_risk" ? "at-risk" : "off-track";
  return (
    <Badge tone={tone} srPrefix={srPrefix} className={className}>
      {t(OKR_STATUS_LABELS[status])}
    </Badge>
  );
}
