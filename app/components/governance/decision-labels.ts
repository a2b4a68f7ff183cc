import { N_ } from "~/i18n/mark";
import { type GATE_DECISIONS } from "../../../db/schema/enums";

export type GateDecisionKindName = (typeof GATE_DECISIONS)[number];
export const DECISION_LABELS: Record<GateDecisionKindName, string> = {
  go: N_("Go", "governance"),
  no_go: N_("No-go", "governance"),
  alternative: N_("Alternative", "governance"),
};
