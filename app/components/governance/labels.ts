import { N_ } from "~/i18n/mark";
/** Interface text for governance values (browser-safe). "Compliance" = regulatory / standards compliance. */
export const REQUIREMENT_STATUS_LABELS = {
  todo: N_("To do", "governance"),
  in_progress: N_("In progress", "governance"),
  in_review: N_("In review", "governance"),
  done: N_("Done", "governance"),
} as const;

export const REQUIREMENT_RESULT_LABELS = {
  compliant: N_("Compliant", "governance"),
  partial: N_("Partial", "governance"),
  non_compliant: N_("Non-compliant", "governance"),
  not_applicable: N_("Not applicable", "governance"),
} as const;

export const REQUIREMENT_RESULT_TONE = {
  compliant: "good",
  partial: "warn",
  non_compliant: "bad",
  not_applicable: "neutral",
} as const;

export const COMPLIANCE_FORMULAS = {
  done: N_(
    "Done share = requirements with status “done” ÷ applicable requirements (all requirements except those whose result is “not applicable”).",
    "governance",
  ),
  compliant: N_("Compliant share = requirements assessed “compliant” ÷ applicable requirements. Partial and non-compliant results do not count.", "governance"),
  window: N_("Current status of each requirement.", "governance"),
} as const;

export const OPERATOR_LABELS = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" } as const;
