/**
 * The rules of the weekly inbox (docs/decisions/022-weekly-inbox.md): what makes an item wait for a
 * person, as plain numbers. Pure and browser-safe: the read model (app/dashboards/inbox.server.ts)
 * turns them into SQL; the page prints them next to each section.
 */
import type { REQUISITION_STATUSES } from "../../db/schema/enums";

/** A key result waits for a check-in when none was recorded in this many days. */
export const CHECK_IN_EVERY_DAYS = 7;

/** Gates and milestones wait from this many days before their due date (and after it, until done). */
export const DUE_SOON_DAYS = 30;

/** A refused webhook delivery is shown for this many days, unless an accepted one from its source came after it. */
export const WEBHOOK_FAILURE_DAYS = 7;

/** Each section lists at most this many items; its count is always the full count. */
export const INBOX_SECTION_LIMIT = 50;

type OpenStatus = Exclude<(typeof REQUISITION_STATUSES)[number], "hired" | "cancelled">;

/**
 * A requisition is stale when its status has not changed for this many days (hired and cancelled
 * are final: never stale). The later the stage, the shorter the wait a candidate tolerates.
 */
export const STALE_REQUISITION_DAYS: Record<OpenStatus, number> = {
  planned: 60,
  open: 30,
  interviewing: 21,
  offer: 7,
};

export const INBOX_KINDS = ["keyResults", "risks", "requisitions", "gates", "milestones", "webhooks"] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export type InboxCounts = Record<InboxKind, number> & { total: number };

/** The sum of the per-kind counts. */
export function totalOf(counts: Record<InboxKind, number>): number {
  return INBOX_KINDS.reduce((s, k) => s + counts[k], 0);
}
