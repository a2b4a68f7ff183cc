import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import { REQUISITION_STATUSES as STATUSES, PRIORITIES as PRIORITY_VALUES } from "../../../db/schema/enums";
export { STATUSES, PRIORITY_VALUES };

/** Browser-safe copies of the hiring enums (the schema module is server-side). */
export type Status = (typeof STATUSES)[number];
export type PriorityValue = (typeof PRIORITY_VALUES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  planned: N_("Planned"),
  open: N_("Open"),
  interviewing: N_("Interviewing"),
  offer: N_("Offer"),
  hired: N_("Hired"),
  cancelled: N_("Cancelled"),
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
  const { t } = useTranslation("hiring");
  return (
    <Badge tone={STATUS_TONES[status]} srPrefix={t("Status: ")}>
      {t(STATUS_LABELS[status])}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: PriorityValue }) {
  const { t } = useTranslation("hiring");
  return (
    <Badge tone={PRIORITY_TONES[priority]} srPrefix={t("Priority: ")}>
      {priority}
    </Badge>
  );
}

/** "−45 days" (earlier zero-cash date), "+3 days", "0 days", in the reader's language; U+2212 for the minus sign. */
export function formatDeltaDays(days: number, t: TFunction): string {
  const n = Math.abs(days);
  const text = t("{{count}} days", { count: n, ns: "hiring" });
  if (days === 0) return text;
  return `${days < 0 ? "\u2212" : "+"}${text}`;
}
