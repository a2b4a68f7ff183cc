import type { BadgeTone } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import { type ROADMAP_STATUSES } from "../../../db/schema/enums";

export type RoadmapStatusName = (typeof ROADMAP_STATUSES)[number];
/** Interface text (plans namespace): render with t(label). */
export const ROADMAP_STATUS_LABELS: Record<RoadmapStatusName, string> = {
  planned: N_("Planned", "plans"),
  in_progress: N_("In progress", "plans"),
  done: N_("Done", "plans"),
  dropped: N_("Dropped", "plans"),
};
export const ROADMAP_STATUS_TONE: Record<RoadmapStatusName, BadgeTone> = { planned: "neutral", in_progress: "info", done: "good", dropped: "warn" };
