import type { BadgeTone } from "~/components/ui/badge";
import { type ROADMAP_STATUSES } from "../../../db/schema/enums";

export type RoadmapStatusName = (typeof ROADMAP_STATUSES)[number];
export const ROADMAP_STATUS_LABELS: Record<RoadmapStatusName, string> = { planned: "Planned", in_progress: "In progress", done: "Done", dropped: "Dropped" };
export const ROADMAP_STATUS_TONE: Record<RoadmapStatusName, BadgeTone> = { planned: "neutral", in_progress: "info", done: "good", dropped: "warn" };
