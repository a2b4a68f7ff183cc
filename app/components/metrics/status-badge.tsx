import { Badge } from "~/components/ui/badge";

export type OkrStatus = "on_track" | "at_risk" | "off_track";

export const OKR_STATUS_LABELS: Record<OkrStatus, string> = {
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
};

/** OKR pace status; null shows "no data". */
export function StatusBadge({ status, srPrefix = "Status: ", className }: { status: OkrStatus | null | undefined; srPrefix?: string; className?: string }) {
  if (status === null || status === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        no data
      </Badge>
    );
  }
  const tone = status === "on_track" ? "on-track" : status === "at_risk" ? "at-risk" : "off-track";
  return (
    <Badge tone={tone} srPrefix={srPrefix} className={className}>
      {OKR_STATUS_LABELS[status]}
    </Badge>
  );
}
