import type { BadgeTone } from "~/components/ui/badge";

export const ROADMAP_STATUS_NAMES = ["planned", "in_progress", "done", "dropped"] as const;
export type RoadmapStatusName = (typeof ROADMAP_STATUS_NAMES)[number];
export const ROADMAP_STATUS_LABELS: Record<RoadmapStatusName, string> = { planned: "Planned", in_progress: "In progress", done: "Done", dropped: "Dropped" };
export const ROADMAP_STATUS_TONE: Record<RoadmapStatusName, BadgeTone> = { planned: "neutral", in_progress: "info", done: "good", dropped: "warn" };
