import { type GATE_DECISIONS } from "../../../db/schema/enums";

export type GateDecisionKindName = (typeof GATE_DECISIONS)[number];
export const DECISION_LABELS: Record<GateDecisionKindName, string> = { go: "Go", no_go: "No-go", alternative: "Alternative" };
