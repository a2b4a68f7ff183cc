export const GATE_DECISION_KINDS = ["go", "no_go", "alternative"] as const;
export type GateDecisionKindName = (typeof GATE_DECISION_KINDS)[number];
export const DECISION_LABELS: Record<GateDecisionKindName, string> = { go: "Go", no_go: "No-go", alternative: "Alternative" };
