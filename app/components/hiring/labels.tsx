import { Badge, type BadgeTone } from "~/components/ui/badge";
import { plural } from "~/lib/plural";
import { REQUISITION_STATUSES as STATUSES, PRIORITIES as PRIORITY_VALUES } from "../../../db/schema/enums";
export { STATUSES, PRIORITY_VALUES };

/** Browser-safe copies of the hiring enums (the schema module is server-side). */
export type Status = (typeof STATUSES)[number];
export type PriorityValue = (typeof PRIORITY_VALUES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  planned: "Planned",
  open: "Open",
  interviewing: "Interviewing",
  offer: "Offer",
  hired: "Hired",
  cancelled: "Cancelled",
};

export const NEXT: Record<Status, Status | null> = {
  planned: "open",
  open: "interviewing",
  interviewing: "offer",
  offer: "hired",
  hired: null,
  cancelled: null,
};

const STATUS_TONES: Record<Status, BadgeTone> = {
  planned: "neutral",
  open: "info",
  interviewing: "accent",
  offer: "warn",
  hired: "good",
  cancelled: "bad",
};

const PRIORITY_TONES: Record<PriorityValue, BadgeTone> = { P0: "bad", P1: "warn", P2: "neutral" };

export function RequisitionStatusBadge({ status }: { status: Status }) {
  return (
    <Badge tone={STATUS_TONES[status]} srPrefix="Status: ">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: PriorityValue }) {
  return (
    <Badge tone={PRIORITY_TONES[priority]} srPrefix="Priority: ">
      {priority}
    </Badge>
  );
}

/** "−45 days" (earlier zero-cash date), "+3 days", "0 days"; U+2212 for the minus sign. */
export function formatDeltaDays(days: number): string {
  if (days === 0) return plural(0, "day", "days");
  return `${days < 0 ? "\u2212" : "+"}${plural(Math.abs(days), "day", "days")}`;
}
