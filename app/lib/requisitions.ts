/** The requisition status path (pure data, browser-safe): what the one-click "next" step moves a requisition to. */
import type { REQUISITION_STATUSES } from "../../db/schema/enums";

type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

/** The one-click path; 'hired' and 'cancelled' are final (the edit form can still correct a status). */
export const NEXT_REQUISITION_STATUS: Readonly<Record<RequisitionStatus, RequisitionStatus | null>> = {
  planned: "open",
  open: "interviewing",
  interviewing: "offer",
  offer: "hired",
  hired: null,
  cancelled: null,
};
