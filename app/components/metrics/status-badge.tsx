import { useTranslation } from "react-i18next";
import { ValueBadge } from "~/components/ui/badge";
import type { MeaningColor } from "~/components/ui/tone";
import { N_ } from "~/i18n/mark";

export type OkrStatus = "on_track" | "at_risk" | "off_track";

export const OKR_STATUS_LABELS: Record<OkrStatus, string> = {
  on_track: N_("On track"),
  at_risk: N_("At risk"),
  off_track: N_("Off track"),
};

const STATUS_TONES: Record<OkrStatus, MeaningColor> = { on_track: "on-track", at_risk: "at-risk", off_track: "off-track" };

/** OKR pace status; null shows "no data". */
export function StatusBadge({ status, srPrefix, className }: { status: OkrStatus | null | undefined; srPrefix?: string; className?: string }) {
  const { t } = useTranslation("common");
  return (
    <ValueBadge tone={status ? STATUS_TONES[status] : null} srPrefix={srPrefix ?? t("Status: ")} className={className}>
      {status ? t(OKR_STATUS_LABELS[status]) : null}
    </ValueBadge>
  );
}
